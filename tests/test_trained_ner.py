"""chatveil's own names-and-places NER component, loaded offline from the package directory.

These are regression tests on a handful of clear sentences, not a measurement: quality is
measured on held-out data (train/README.md). Known misses are listed there, e.g. a trailing
verb swallowed into a name ("Park Ji-sung visited Busan" -> "visited Busan" as PERSON).
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from typing import Any

import pytest
from presidio_analyzer import RecognizerResult

from chatveil.detect.recognizers.trained_ner import (
    TrainedNerRecognizer,
    _pieces,
    load_trained_pipeline,
    trained_model_path,
)


@pytest.fixture(scope="module")
def recognizer() -> TrainedNerRecognizer:
    return TrainedNerRecognizer()


def found(recognizer: TrainedNerRecognizer, text: str, entity: str | None = None) -> list[str]:
    entities = [entity] if entity else recognizer.supported_entities
    results = recognizer.analyze(text, entities, None)
    return [text[r.start:r.end] for r in sorted(results, key=lambda r: r.start)
            if entity is None or r.entity_type == entity]


def test_importing_loads_no_model() -> None:
    code = textwrap.dedent("""
        import chatveil
        import chatveil.detect.recognizers.trained_ner as t
        r = t.TrainedNerRecognizer()
        assert t._PIPELINES == {}, "a pipeline was loaded at import"
        print("ok")
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=120, check=False)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


def test_shipped_pipeline_is_small_and_complete() -> None:
    path = trained_model_path()
    assert (path / "config.cfg").is_file() and (path / "meta.json").is_file()
    assert (path / "ner" / "model").is_file() and (path / "tok2vec" / "model").is_file()
    size = sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    assert size < 12_000_000
    nlp = load_trained_pipeline()
    assert nlp.pipe_names == ["tok2vec", "ner"]
    assert set(nlp.get_pipe("ner").labels) == {"PERSON", "LOCATION"}
    assert load_trained_pipeline() is nlp  # loaded once


@pytest.mark.parametrize(("text", "names"), [
    ("hi, my name is Swati Pawar and I need help with my visa", ["Swati Pawar"]),
    ("my manager Chinedu Okafor wants the report by Friday", ["Chinedu Okafor"]),
    ("can you ask Kim Min-jun to review the pull request?", ["Kim Min-jun"]),
    ("I forwarded the invoice to Nguyen Thi Hanh yesterday", ["Nguyen Thi Hanh"]),
    ("please email Zhang Wei about the contract", ["Zhang Wei"]),
    ("my colleague Emily Clarke is on leave", ["Emily Clarke"]),
])
def test_finds_names_of_many_origins(recognizer, text, names) -> None:
    assert found(recognizer, text, "PERSON") == names


@pytest.mark.parametrize(("text", "names"), [
    ("patient swati pawar in bed 4 needs a blood test", ["swati pawar"]),
    ("ok so fauziah said the deploy failed", ["fauziah"]),
    ("DEAR KANOKWAN SUKSAWAT, THANK YOU FOR YOUR ORDER", ["KANOKWAN SUKSAWAT"]),
])
def test_finds_names_in_lower_and_upper_case(recognizer, text, names) -> None:
    assert found(recognizer, text, "PERSON") == names


def test_finds_places(recognizer) -> None:
    text = "I moved from Lagos to Berlin last year"
    assert found(recognizer, text, "LOCATION") == ["Lagos", "Berlin"]
    assert found(recognizer, "we moved to bengaluru last year", "LOCATION") == ["bengaluru"]


@pytest.mark.parametrize("text", [
    "the Jenkins job keeps failing with CrashLoopBackOff after the Kafka upgrade",
    "use Dijkstra's algorithm and a Kalman filter in Python",
    "install Anaconda on Windows 11, then run Django on Vercel",
    "commit 3f9a2b1c broke the build, request id 0b8e2c1a-7d4f-4c1e-9a1b-2f3c4d5e6f70",
    "will you mark the ticket as resolved? the grace period ends Friday",
])
def test_finds_nothing_in_technical_text(recognizer, text) -> None:
    assert found(recognizer, text) == []


def test_spans_never_cross_a_line_break(recognizer) -> None:
    text = "Thanks,\nSwati Pawar\nBengaluru, India\n\nFrom: Chinedu Okafor\nTo: Kim Min-jun"
    results = recognizer.analyze(text, recognizer.supported_entities, None)
    assert results
    for r in results:
        value = text[r.start:r.end]
        assert "\n" not in value and value == value.strip(" ,.;:")
    assert "Swati Pawar" in found(recognizer, text, "PERSON")


def test_pieces_split_at_line_breaks_and_trim() -> None:
    text = "x (Swati\nPawar), y"
    start, end = text.index("("), text.index(",") + 1
    assert [text[s:e] for s, e in _pieces(text, start, end)] == ["Swati", "Pawar"]
    assert list(_pieces("  ,.  ", 0, 6)) == []


def test_results_are_presidio_results(recognizer) -> None:
    text = "my manager Chinedu Okafor moved to Nairobi"
    results = recognizer.analyze(text, ["LOCATION"], None)
    assert [text[r.start:r.end] for r in results] == ["Nairobi"]
    assert all(isinstance(r, RecognizerResult) and r.score == 0.8 and
               r.entity_type == "LOCATION" for r in results)
    assert recognizer.analyze(text, ["EMAIL_ADDRESS"], None) == []
    assert recognizer.analyze("   ", ["PERSON"], None) == []


def test_custom_scores_and_entity_validation() -> None:
    rec = TrainedNerRecognizer(["PERSON"], scores={"PERSON": 0.6})
    results = rec.analyze("ask Swati Pawar", ["PERSON", "LOCATION"], None)
    assert [r.score for r in results] == [0.6]
    with pytest.raises(ValueError):
        TrainedNerRecognizer(["EMAIL_ADDRESS"])


# -- the character-embedding layer (chatveil's own, on thinc's public API) ----------------------

def _reference_codes(word: str, n_chars: int) -> list[int]:
    """Bytes 0, -1, 1, -2, ... of the word's UTF-8, padded with 255 (Doc.to_utf8_array's order)."""
    data = word.encode("utf-8")
    front, back, codes = 0, len(data) - 1, []
    while len(codes) < n_chars and front <= back:
        codes.append(data[front])
        front += 1
        if len(codes) < n_chars and front <= back:
            codes.append(data[back])
            back -= 1
    return codes + [255] * (n_chars - len(codes))


@pytest.fixture
def char_layer_and_docs() -> tuple[Any, list[Any]]:
    import numpy
    import spacy

    from chatveil.detect.recognizers._char_embed import char_embed

    layer = char_embed(nM=3, nC=4)
    layer.initialize()
    table = numpy.random.default_rng(5).normal(size=(4, 256, 3)).astype("float32")
    layer.set_param("E", table)
    nlp = spacy.blank("en")
    # Repeated first bytes ("a..."), a multi-byte character, a one-byte token, an empty doc.
    docs = [nlp("anna asked Zoë"), nlp(""), nlp("a ab abba naïve")]
    return layer, docs


def test_char_embed_forward_is_a_table_lookup(char_layer_and_docs) -> None:
    import numpy

    layer, docs = char_layer_and_docs
    assert layer.name == "charembed" and layer.get_param("E").shape == (4, 256, 3)
    assert {d: layer.get_dim(d) for d in ("nM", "nC", "nO", "nV")} == {
        "nM": 3, "nC": 4, "nO": 12, "nV": 256}
    table = layer.get_param("E")
    output = layer.predict(docs)
    assert [y.shape for y in output] == [(3, 12), (0, 12), (4, 12)]
    for doc, y in zip(docs, output, strict=True):
        for i, token in enumerate(doc):
            codes = _reference_codes(token.text, 4)
            assert codes == doc.to_utf8_array(nr_char=4)[i].tolist()
            expected = numpy.concatenate([table[j, code] for j, code in enumerate(codes)])
            assert numpy.array_equal(y[i], expected), token.text


def test_char_embed_backprop_adds_into_the_rows_it_read(char_layer_and_docs) -> None:
    import numpy

    layer, docs = char_layer_and_docs
    output, backprop = layer.begin_update(docs)
    rng = numpy.random.default_rng(9)
    d_output = [rng.normal(size=y.shape).astype("float32") for y in output]
    assert backprop(d_output) == []
    expected = numpy.zeros((4, 256, 3), dtype="float32")
    for doc, d_y in zip(docs, d_output, strict=True):
        for i, token in enumerate(doc):
            for j, code in enumerate(_reference_codes(token.text, 4)):
                expected[j, code] += d_y[i, 3 * j:3 * (j + 1)]
    grad = layer.get_grad("E")
    assert numpy.allclose(grad, expected, atol=1e-6)
    # "a" starts 5 tokens: their gradients are summed, not overwritten.
    a_rows = sum(d_y[i, 0:3] for doc, d_y in zip(docs, d_output, strict=True)
                 for i, token in enumerate(doc) if token.text.startswith("a"))
    assert numpy.allclose(grad[0, ord("a")], a_rows, atol=1e-6)
    assert not grad[0, ord("b")].any()  # no token starts with "b"
    # A second update adds to the gradient.
    layer.begin_update(docs)[1](d_output)
    assert numpy.allclose(layer.get_grad("E"), 2 * expected, atol=1e-5)


def test_shipped_pipeline_uses_chatveils_char_layer() -> None:
    import numpy

    nlp = load_trained_pipeline()
    layers = [n for n in nlp.get_pipe("tok2vec").model.walk() if n.name == "charembed"]
    assert len(layers) == 1
    layer = layers[0]
    assert layer._func.__module__ == "chatveil.detect.recognizers._char_embed"
    table = layer.get_param("E")
    assert table.shape == (8, 256, 16) and table.any()  # the shipped weights, not zeros
    doc = nlp.make_doc("ask Swati Pawar in Bengaluru")
    (y,) = layer.predict([doc])
    for i, token in enumerate(doc):
        codes = _reference_codes(token.text, 8)
        assert numpy.array_equal(y[i], numpy.concatenate([table[j, c]
                                                          for j, c in enumerate(codes)]))


def test_a_tiny_pipeline_with_the_embedding_layer_learns() -> None:
    import spacy
    from spacy.training import Example

    from chatveil.detect.recognizers.trained_ner import EMBED_ARCHITECTURE, register_architectures

    register_architectures()
    spacy.util.fix_random_seed(3)
    nlp = spacy.blank("en")
    width = 32
    nlp.add_pipe("tok2vec", config={"model": {
        "@architectures": "spacy.Tok2Vec.v2",
        "embed": {"@architectures": EMBED_ARCHITECTURE, "width": width,
                  "attrs": ["NORM", "SHAPE"], "rows": [500, 50], "nM": 8, "nC": 4},
        "encode": {"@architectures": "spacy.MaxoutWindowEncoder.v2", "width": width,
                   "depth": 1, "window_size": 1, "maxout_pieces": 2},
    }})
    nlp.add_pipe("ner", config={"model": {
        "@architectures": "spacy.TransitionBasedParser.v2", "state_type": "ner",
        "extra_state_tokens": False, "hidden_width": 16, "maxout_pieces": 2,
        "use_upper": True, "nO": None,
        "tok2vec": {"@architectures": "spacy.Tok2VecListener.v1", "width": width,
                    "upstream": "*"},
    }})
    data = [("ask Swati Pawar now", [(4, 15, "PERSON")]),
            ("we moved to Lagos", [(12, 17, "LOCATION")]),
            ("the build failed again", [])]
    examples = [Example.from_dict(nlp.make_doc(text), {"entities": ents})
                for text, ents in data]
    optimizer = nlp.initialize(lambda: examples)
    layer = next(n for n in nlp.get_pipe("tok2vec").model.walk() if n.name == "charembed")
    assert not layer.get_param("E").any()  # starts at zero
    losses = [nlp.update(examples, sgd=optimizer, losses={})["ner"] for _ in range(25)]
    assert losses[-1] < losses[0] / 2
    assert layer.get_param("E").any()  # the updates reached the character table
