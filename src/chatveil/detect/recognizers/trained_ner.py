"""chatveil's own small NER component for person names and places, as a Presidio recognizer.

The pipeline in ``chatveil/models/names_places`` (a spaCy tokenizer, a CNN ``tok2vec`` over
hashed NORM/PREFIX/SUFFIX/SHAPE features plus per-character embeddings, and an ``ner``
component with the labels ``PERSON`` and ``LOCATION``) was trained from scratch on synthetic
chat text with names and places of many origins, in lower case, upper case and as typed
(see ``train/README.md`` in the repository). It ships inside the package: loading it never
downloads anything.

Importing this module imports neither spaCy nor the model: the pipeline is loaded on the
first :meth:`TrainedNerRecognizer.analyze` (or :func:`load_trained_pipeline`) call, once per
process, behind a lock.
"""

from __future__ import annotations

import importlib.resources
import re
import threading
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import Any, ClassVar

from presidio_analyzer import EntityRecognizer, RecognizerResult

from chatveil.detect._text import for_nlp

__all__ = [
    "EMBED_ARCHITECTURE",
    "TrainedNerRecognizer",
    "load_trained_pipeline",
    "register_architectures",
    "trained_model_path",
]

_RECOGNIZER_NAME = "ChatveilTrainedNerRecognizer"

#: The name under which the pipeline's embedding layer is registered with spaCy.
EMBED_ARCHITECTURE = "chatveil.NamesPlacesEmbed.v1"

#: Model label -> Presidio entity type.
_LABELS = {"PERSON": "PERSON", "LOCATION": "LOCATION"}

_PIPELINES: dict[str, Any] = {}
_LOCK = threading.Lock()
_REGISTERED = False

# Characters trimmed from both ends of a span (whitespace, quotes, brackets, punctuation).
_TRIM = " \t\r\n\f\v\"'`.,;:!?()[]{}<>*_~|/\\#@-–—“”‘’«»"


def trained_model_path() -> Path:
    """The directory of the shipped names-and-places pipeline (inside the installed package)."""
    return Path(str(importlib.resources.files("chatveil") / "models" / "names_places"))


def register_architectures() -> None:
    """Register the pipeline's embedding layer with spaCy (idempotent; imports spaCy/thinc).

    Needed before ``spacy.load`` of the shipped pipeline and by the training script.
    """
    global _REGISTERED
    if _REGISTERED:
        return
    from spacy.util import registry

    registry.architectures.register(EMBED_ARCHITECTURE, func=_names_places_embed)
    _REGISTERED = True


def _names_places_embed(width: int, attrs: list[str], rows: list[int], nM: int, nC: int,
                        include_static_vectors: bool = False) -> Any:
    """Hashed token features (like ``spacy.MultiHashEmbed.v2``) plus character embeddings.

    The first and last ``nC // 2`` UTF-8 bytes of each token are embedded (``nM`` dims each,
    as in ``spacy.CharacterEmbed.v2``, by chatveil's own layer in ``_char_embed``),
    concatenated with one hash embedding per attribute, and mixed down to ``width`` by a
    Maxout layer. The characters let the model judge unseen words by their spelling ("-awat",
    "Ng", "-ayo", "-kumar"), which helps names in lower case.
    """
    from spacy.ml.featureextractor import FeatureExtractor
    from thinc.api import (
        HashEmbed,
        Maxout,
        chain,
        concatenate,
        list2ragged,
        ragged2list,
        with_array,
    )

    from chatveil.detect.recognizers._char_embed import char_embed

    if include_static_vectors:
        raise ValueError("static vectors are not supported by this embedding layer")
    if len(attrs) != len(rows):
        raise ValueError("attrs and rows must have the same length")
    tables: list[Any] = [HashEmbed(nO=width, nV=r, column=i, seed=7 + i, dropout=0.0)
              for i, r in enumerate(rows)]
    hashed: Any = chain(FeatureExtractor(list(attrs)), list2ragged(),
                        with_array(concatenate(*tables)))
    chars: Any = chain(char_embed(nM=nM, nC=nC), list2ragged())
    return chain(
        concatenate(chars, hashed),
        with_array(Maxout(width, nM * nC + width * len(rows), nP=3, normalize=True,
                          dropout=0.0)),
        ragged2list(),
    )


def load_trained_pipeline(path: str | Path | None = None) -> Any:
    """The spaCy pipeline at ``path`` (default: the shipped one), loaded once per process."""
    target = str(Path(path) if path is not None else trained_model_path())
    nlp = _PIPELINES.get(target)
    if nlp is not None:
        return nlp
    with _LOCK:
        nlp = _PIPELINES.get(target)
        if nlp is None:
            register_architectures()
            import spacy

            nlp = spacy.load(target)
            _PIPELINES[target] = nlp
    return nlp


def _pieces(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The parts of ``text[start:end]`` between line breaks, trimmed of punctuation/space."""
    pos = start
    for part in re.split(r"(\r\n|\r|\n|\u2028|\u2029|\x0b|\x0c|\x85)", text[start:end]):
        s, e = pos, pos + len(part)
        pos = e
        while s < e and text[s] in _TRIM:
            s += 1
        while e > s and text[e - 1] in _TRIM:
            e -= 1
        # Keep the dot of a trailing initial ("Swati P.") out: trimmed above, which is fine.
        if e > s and any(ch.isalpha() for ch in text[s:e]):
            yield s, e


class TrainedNerRecognizer(EntityRecognizer):
    """Person names and places found by chatveil's own small trained NER component.

    It runs its own pipeline on the raw text and ignores Presidio's ``nlp_artifacts``. Each
    label has a fixed score (``scores``); spans never cross a line break and are trimmed of
    surrounding whitespace and punctuation.

    Args:
        supported_entities: a subset of ``("PERSON", "LOCATION")``.
        supported_language: the request language this recognizer answers.
        scores: score per entity type (default 0.8 for both).
        model_path: a pipeline directory other than the shipped one (tests, experiments).
    """

    DEFAULT_SCORES: ClassVar[Mapping[str, float]] = MappingProxyType(
        {"PERSON": 0.8, "LOCATION": 0.8})

    def __init__(self, supported_entities: Sequence[str] | None = None,
                 supported_language: str = "en", *, scores: dict[str, float] | None = None,
                 model_path: str | Path | None = None) -> None:
        entities = list(supported_entities or _LABELS.values())
        unknown = set(entities) - set(_LABELS.values())
        if unknown:
            raise ValueError(f"unsupported entity types: {sorted(unknown)}")
        self._scores = {**self.DEFAULT_SCORES, **(scores or {})}
        self._model_path = model_path
        super().__init__(supported_entities=entities, supported_language=supported_language,
                         name=_RECOGNIZER_NAME)

    def load(self) -> None:
        """Nothing to do here: the pipeline is loaded lazily on first use."""

    @property
    def nlp(self) -> Any:
        """The (shared, cached) spaCy pipeline."""
        return load_trained_pipeline(self._model_path)

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None
                ) -> list[RecognizerResult]:
        wanted = set(entities or self.supported_entities) & set(self.supported_entities)
        if not wanted or not text.strip():
            return []
        doc = self.nlp(for_nlp(text))  # same offsets, no quadratic runs
        results: list[RecognizerResult] = []
        for ent in doc.ents:
            entity_type = _LABELS.get(ent.label_)
            if entity_type not in wanted:
                continue
            for s, e in _pieces(text, ent.start_char, ent.end_char):
                results.append(RecognizerResult(
                    entity_type=entity_type, start=s, end=e, score=self._scores[entity_type],
                    recognition_metadata={
                        RecognizerResult.RECOGNIZER_NAME_KEY: _RECOGNIZER_NAME,
                        RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                    },
                ))
        return results
