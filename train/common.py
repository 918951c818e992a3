"""Shared by the data generator and the training script: the tokenizer the model is trained with."""

from __future__ import annotations


def customize_tokenizer(nlp):
    """spaCy's English tokenizer, plus '@' as a prefix so '@swati' splits into '@', 'swati'."""
    from spacy.util import compile_prefix_regex

    prefixes = [*list(nlp.Defaults.prefixes), "@"]
    nlp.tokenizer.prefix_search = compile_prefix_regex(prefixes).search
    return nlp


def blank_pipeline():
    import spacy

    return customize_tokenizer(spacy.blank("en"))
