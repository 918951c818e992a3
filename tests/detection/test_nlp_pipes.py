"""The spaCy pipeline the detector runs: only what its NER needs."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc, Span
from thinc.api import get_current_ops

from chatveil import Guard
from chatveil.detect._presidio import (
    _build_nlp_engine,
    _fast_ner_fits,
    _GreedyNer,
    _listens_to,
    _nlp_engine,
    _single_threaded_blas,
    _sub_batches,
)


def test_the_small_model_runs_ner_without_the_shared_tok2vec(warm_guard: Guard) -> None:
    config = warm_guard.config
    nlp = _nlp_engine(config.spacy_model, config.language).nlp[config.language]
    # en_core_web_sm's NER embeds its own tok2vec: the shared one would be dead weight; its
    # states are decoded by chatveil_greedy_ner (spaCy's ner stays in the pipeline, disabled)
    assert nlp.pipe_names == ["chatveil_greedy_ner", "chatveil_lower_lemma"]
    assert nlp.disabled == ["ner"]
    masked = warm_guard.pseudonymize("Maria Lopez flew to Denver on Monday.", session_id="pipes")
    assert "Maria" not in masked and "Lopez" not in masked


def _listener_model(path: Path) -> Path:
    """A tiny English pipeline whose NER listens to the shared tok2vec (as larger models'
    components may)."""
    nlp = spacy.blank("en")
    nlp.add_pipe("tok2vec")
    nlp.add_pipe("ner", config={"model": {
        "@architectures": "spacy.TransitionBasedParser.v2", "state_type": "ner",
        "extra_state_tokens": False, "hidden_width": 8, "maxout_pieces": 2,
        "use_upper": False,
        "tok2vec": {"@architectures": "spacy.Tok2VecListener.v1", "width": 96,
                    "upstream": "*"},
    }})
    nlp.get_pipe("ner").add_label("PERSON")
    nlp.initialize()
    nlp.to_disk(path)
    return path


def test_a_listened_to_tok2vec_is_kept(tmp_path: Path) -> None:
    model = str(_listener_model(tmp_path / "listener"))
    engine = _build_nlp_engine(model, "en")
    nlp = engine.nlp["en"]
    assert nlp.pipe_names == ["tok2vec", "ner", "chatveil_lower_lemma"]
    assert nlp.get_pipe("tok2vec").listening_components == ["ner"]
    nlp("Maria Lopez flew to Denver.")  # runs: the listener gets its input


@pytest.mark.parametrize(("config", "heard"), [
    ({"@architectures": "spacy.Tok2Vec.v2", "embed": {"width": 96}}, False),
    ({"tok2vec": {"@architectures": "spacy.Tok2VecListener.v1", "upstream": "*"}}, True),
    ({"layers": [{"upstream": "tok2vec"}]}, True),
    ({"tok2vec": {"upstream": "transformer"}}, False),
])
def test_listeners_are_found_anywhere_in_a_component_config(config: dict, heard: bool) -> None:
    assert _listens_to(config, "tok2vec") is heard


@pytest.mark.parametrize(("env", "single"), [
    ({"OPENBLAS_NUM_THREADS": "1"}, True),
    ({"OPENBLAS_NUM_THREADS": "4", "OMP_NUM_THREADS": "1"}, False),  # OpenBLAS's own wins
    ({"OMP_NUM_THREADS": "1"}, True),
    ({"OMP_NUM_THREADS": "2"}, False),
])
def test_a_single_threaded_blas_is_read_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], single: bool
) -> None:
    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    monkeypatch.delenv("OMP_NUM_THREADS", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert _single_threaded_blas() is single


def _ner_ops(nlp: spacy.Language) -> set[tuple[str, bool]]:
    return {(type(node.ops).__name__, getattr(node.ops, "use_blis", True))
            for node in nlp.get_pipe("ner").model.walk()}


def test_numpy_blas_is_scoped_to_our_pipeline_and_finds_the_same_entities(
    monkeypatch: pytest.MonkeyPatch, warm_guard: Guard
) -> None:
    config = warm_guard.config
    before = get_current_ops()
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "1")
    numpy_nlp = _build_nlp_engine(config.spacy_model, config.language).nlp[config.language]
    assert get_current_ops() is before  # the process's backend is restored after the load
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "2")
    blis_nlp = _build_nlp_engine(config.spacy_model, config.language).nlp[config.language]
    assert ("NumpyOps", False) in _ner_ops(numpy_nlp)
    assert ("NumpyOps", False) not in _ner_ops(blis_nlp)
    text = ("Maria Lopez flew from Denver to Lisbon on Monday with Raj Patel of Acme Corp. "
            "Later, Dr. Chen met them at the Golden Gate Bridge in San Francisco.\n") * 5
    ents = [[(e.start_char, e.end_char, e.label_) for e in nlp(text).ents]
            for nlp in (numpy_nlp, blis_nlp)]
    assert ents[0] == ents[1] and ents[0]


_NER_TEXTS = [
    "Maria Lopez flew from Denver to Lisbon on Monday with Raj Patel of Acme Corp.",
    "Later, Dr. Chen met them at the Golden Gate Bridge in San Francisco.\n" * 3,
    "",
    "   ",
    "ok",
    "Send 40% of the $1,200 to the Red Cross by 5 pm on July 4th, 2021 - thanks, Tom Baker",
    "MARIA LOPEZ and maria lopez; Paris Hilton in Paris; Amazon's CEO in Seattle, WA.",
]


def test_the_greedy_ner_finds_what_spacys_ner_finds(warm_guard: Guard) -> None:
    config = warm_guard.config
    nlp = _nlp_engine(config.spacy_model, config.language).nlp[config.language]
    ner = nlp.get_pipe("ner")
    assert _fast_ner_fits(ner)

    def ents(doc: Doc) -> list[tuple[int, int, str]]:
        return [(e.start_char, e.end_char, e.label_) for e in doc.ents]

    expected = [ents(ner(nlp.make_doc(text))) for text in _NER_TEXTS]
    assert any(expected)
    assert [ents(nlp(text)) for text in _NER_TEXTS] == expected  # one by one
    assert [ents(doc) for doc in nlp.pipe(_NER_TEXTS, batch_size=4)] == expected  # batches
    # preset entities are left to spaCy's own predict
    doc = nlp.make_doc(_NER_TEXTS[0])
    doc.ents = [Span(doc, 0, 2, label="PERSON")]
    assert ents(nlp.get_pipe("chatveil_greedy_ner")(doc)) == ents(ner(doc))


def test_the_greedy_ner_is_used_only_where_it_decodes_exactly(tmp_path: Path) -> None:
    # a NER without a hidden-to-output layer (scores are its maxout units) keeps spaCy's
    nlp = _build_nlp_engine(str(_listener_model(tmp_path / "listener")), "en").nlp["en"]
    assert not _fast_ner_fits(nlp.get_pipe("ner"))
    assert "chatveil_greedy_ner" not in nlp.component_names


def test_the_greedy_ner_falls_back_to_spacys_predict_when_its_pieces_are_missing(
        warm_guard: Guard) -> None:
    config = warm_guard.config
    nlp = _nlp_engine(config.spacy_model, config.language).nlp[config.language]
    ner = nlp.get_pipe("ner")
    greedy = _GreedyNer(ner)
    text = _NER_TEXTS[-1]
    expected = [(e.start_char, e.end_char, e.label_) for e in ner(nlp.make_doc(text)).ents]

    class NoTransitions:  # a spaCy whose parser lacks one of the pieces the decoder uses
        def __init__(self, real: object) -> None:
            self.real = real

        def __getattr__(self, name: str) -> object:
            if name == "transition_states":
                raise AttributeError(name)
            return getattr(self.real, name)

    greedy.ner = NoTransitions(ner)
    doc = greedy(nlp.make_doc(text))
    assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == expected
    assert greedy.exact is False


def _doc_ents(doc: Doc) -> list[tuple[int, int, str]]:
    return [(e.start_char, e.end_char, e.label_) for e in doc.ents]


#: Documents decoded together: very different lengths, empty ones, one token, no entity.
_BATCH_TEXTS = [
    ("Maria Lopez flew from Denver to Lisbon on Monday with Raj Patel of Acme Corp. "
     "The weather was fine and the meeting went well. ") * 30,
    "",
    "Tom",
    "Send 40% of the $1,200 to the Red Cross by 5 pm on July 4th, 2021 - thanks, Tom Baker",
    "   ",
    "MARIA LOPEZ and maria lopez; Paris Hilton in Paris; Amazon's CEO in Seattle, WA.\n" * 4,
    "ok",
    "nothing to see here at all",
]


@pytest.mark.parametrize(("vector_tokens", "batch_tokens"), [
    (512, 20_000),  # the defaults: the long document's vectors alone, all decoded together
    (1, 20_000),  # token vectors one document at a time
    (10**6, 10**6),  # as ner.model.predict: all vectors at once
    (512, 30),  # the pipe's batches cut by tokens: mostly one document each
])
def test_documents_decoded_together_get_the_entities_spacy_finds_one_by_one(
        warm_guard: Guard, vector_tokens: int, batch_tokens: int) -> None:
    config = warm_guard.config
    nlp = _nlp_engine(config.spacy_model, config.language).nlp[config.language]
    ner = nlp.get_pipe("ner")
    expected = [_doc_ents(ner(nlp.make_doc(text))) for text in _BATCH_TEXTS]  # spaCy's own
    assert sum(map(bool, expected)) >= 3
    greedy = _GreedyNer(ner)
    greedy.max_vector_tokens, greedy.max_batch_tokens = vector_tokens, batch_tokens
    docs = [nlp.make_doc(text) for text in _BATCH_TEXTS]
    ner.set_annotations(docs, greedy.predict(docs))  # one batch
    assert [_doc_ents(doc) for doc in docs] == expected
    piped = list(greedy.pipe((nlp.make_doc(text) for text in _BATCH_TEXTS), batch_size=32))
    assert [_doc_ents(doc) for doc in piped] == expected  # in order, whatever the sub-batches
    assert greedy.exact  # decoded by the batched loop, not spaCy's fallback


def test_the_step_model_has_the_rows_of_spacys_own(warm_guard: Guard) -> None:
    import numpy

    config = warm_guard.config
    nlp = _nlp_engine(config.spacy_model, config.language).nlp[config.language]
    ner = nlp.get_pipe("ner")
    docs = [nlp.make_doc(text) for text in _BATCH_TEXTS]
    greedy = _GreedyNer(ner)
    greedy.max_vector_tokens = 40
    ours, theirs = greedy._step_model(docs), ner.model.predict(docs)
    try:
        assert ours.tokvecs.shape == theirs.tokvecs.shape == (sum(map(len, docs)),
                                                               ours.tokvecs.shape[1])
        numpy.testing.assert_allclose(ours.tokvecs, theirs.tokvecs, rtol=0, atol=1e-5)
    finally:
        ours.clear_memory()
        theirs.clear_memory()


@pytest.mark.parametrize(("docs", "size", "tokens", "runs"), [
    ([3, 3, 3], 2, 100, [[3, 3], [3]]),
    ([3, 3, 3], 8, 6, [[3, 3], [3]]),
    ([1, 50, 2, 2], 8, 10, [[1], [50], [2, 2]]),  # a longer document alone
    ([0, 0, 5], 2, 1, [[0, 0], [5]]),
    ([], 4, 10, []),
])
def test_sub_batches_keep_order_and_bounds(docs: list[int], size: int, tokens: int,
                                           runs: list[list[int]]) -> None:
    lengths = [[len(d) for d in run] for run in _sub_batches(["x" * n for n in docs], size,
                                                             tokens)]
    assert lengths == runs


def test_the_greedy_ner_falls_back_when_spacys_step_model_is_missing(
        warm_guard: Guard, monkeypatch: pytest.MonkeyPatch) -> None:
    import spacy.ml.parser_model

    config = warm_guard.config
    nlp = _nlp_engine(config.spacy_model, config.language).nlp[config.language]
    ner = nlp.get_pipe("ner")
    expected = [_doc_ents(ner(nlp.make_doc(text))) for text in _BATCH_TEXTS]
    monkeypatch.delattr(spacy.ml.parser_model, "ParserStepModel")  # another spaCy
    greedy = _GreedyNer(ner)
    piped = list(greedy.pipe((nlp.make_doc(text) for text in _BATCH_TEXTS), batch_size=8))
    assert [_doc_ents(doc) for doc in piped] == expected
    assert greedy.exact is False


def test_stop_word_and_punctuation_flags_are_the_vocabularys(warm_guard: Guard) -> None:
    config = warm_guard.config
    engine = _nlp_engine(config.spacy_model, config.language)
    nlp = engine.nlp[config.language]
    vocab = nlp.vocab
    for word in ("the", "The", "maria", ",", "!!", "--", "be", "acme", "the"):  # twice: kept
        assert engine.is_stopword(word, config.language) is vocab[word].is_stop
        assert engine.is_punct(word, config.language) is vocab[word].is_punct
