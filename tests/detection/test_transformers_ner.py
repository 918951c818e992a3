"""The optional Hugging Face token-classification recognizer, on tiny models built here.

No weights are downloaded: each model is a randomly initialised ``BertForTokenClassification``
of a few thousand parameters with a tokenizer built from a vocabulary written by the test, saved
to a temporary directory. Its weights are then rigged so that its labels are known:

- *forced*: the classifier's bias makes one label win on every token;
- *by token*: the encoder passes each token's embedding through unchanged, and each embedding
  points at one label, so ``maria`` is always ``B-PER``, ``lopez`` ``I-PER``, ``lima``
  ``B-LOC`` and everything else ``O``, whatever the context or the window.

These tests run in ``make test-slow`` in an environment with torch and transformers (the
Makefile's ``.venv-hf``, where ``CHATVEIL_REQUIRE_TRANSFORMERS=1`` turns a missing package into
a failure); elsewhere they are skipped.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

if os.environ.get("CHATVEIL_REQUIRE_TRANSFORMERS"):
    import torch
    import transformers
else:
    torch = pytest.importorskip("torch")
    transformers = pytest.importorskip("transformers")

from chatveil import (  # noqa: E402 - after the skip guard
    ConfigurationError,
    DetectionError,
    GuardConfig,
    MissingDependencyError,
)
from chatveil.detect.recognizers import TransformersNerRecognizer  # noqa: E402

SRC = str(Path(__file__).resolve().parents[2] / "src")
LABELS = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC"]
#: Word pieces: "quokka" is tokenized as "quo" + "##kka"; other words are whole or [UNK].
VOCAB = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "the", "quo", "##kka", "sat", "on", "mat",
         "maria", "lopez", "lives", "in", "lima", "and", "works", "with", "today", ",", "."]
BY_TOKEN = {"maria": "B-PER", "lopez": "I-PER", "lima": "B-LOC", "quo": "B-PER"}


def build_model(path: Path, *, force: str | None = None, by_token: dict[str, str] | None = None,
                positions: int = 64) -> Path:
    """Save a tiny random BERT token classifier and its tokenizer to ``path``."""
    path.mkdir(parents=True, exist_ok=True)
    vocab_file = path / "vocab.txt"
    vocab_file.write_text("\n".join(VOCAB) + "\n", encoding="utf-8")
    # from_pretrained on the directory works on transformers 4 and 5 alike (5 ignores a
    # vocab_file= argument to the constructor and builds an all-[UNK] tokenizer)
    tokenizer = transformers.BertTokenizerFast.from_pretrained(path, local_files_only=True)
    assert tokenizer.tokenize("quokka") == ["quo", "##kka"]
    config = transformers.BertConfig(
        vocab_size=len(VOCAB), hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
        intermediate_size=32, max_position_embeddings=positions, num_labels=len(LABELS),
        id2label=dict(enumerate(LABELS)), label2id={label: i for i, label in enumerate(LABELS)},
    )
    torch.manual_seed(0)
    model = transformers.BertForTokenClassification(config)
    with torch.no_grad():
        classifier = model.classifier
        if force is not None:
            classifier.weight.zero_()
            classifier.bias.zero_()
            classifier.bias[LABELS.index(force)] = 10.0
        if by_token is not None:
            # Every sublayer adds nothing to its residual, positions and segments are zero:
            # the output is LayerNorm(embedding), and each embedding points at one label.
            emb = model.bert.embeddings
            emb.position_embeddings.weight.zero_()
            emb.token_type_embeddings.weight.zero_()
            for layer in model.bert.encoder.layer:
                for dense in (layer.attention.output.dense, layer.output.dense):
                    dense.weight.zero_()
                    dense.bias.zero_()
            emb.word_embeddings.weight.zero_()
            for token_id, token in enumerate(VOCAB):
                emb.word_embeddings.weight[token_id, LABELS.index(by_token.get(token, "O"))] = 10.0
            classifier.weight.zero_()
            classifier.bias.zero_()
            for i in range(len(LABELS)):
                classifier.weight[i, i] = 1.0
    model.save_pretrained(path)
    tokenizer.save_pretrained(path)
    return path


@pytest.fixture(scope="module")
def models(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("models")
    return {
        "B-PER": build_model(root / "b_per", force="B-PER"),
        "I-PER": build_model(root / "i_per", force="I-PER"),
        "O": build_model(root / "o", force="O"),
        "by_token": build_model(root / "by_token", by_token=BY_TOKEN),
        "by_token_short": build_model(root / "by_token_short", by_token=BY_TOKEN, positions=16),
    }


@pytest.fixture
def no_network(monkeypatch) -> list[str]:
    """Every attempt to open a connection or resolve a name is recorded and refused.

    HF_HUB_OFFLINE is deliberately not set: huggingface_hub reads it once, when it is first
    imported (Presidio may already have imported it), and with it set the hub library would
    refuse on our behalf, hiding a call chatveil should never make.
    """
    attempts: list[str] = []

    def refuse(name):
        def call(*args, **kwargs):
            attempts.append(name)
            raise OSError(f"network disabled in this test ({name})")
        return call

    monkeypatch.setattr(socket.socket, "connect", refuse("connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("connect_ex"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    return attempts


def spans(recognizer, text, entities=("PERSON", "LOCATION")):
    return [(r.start, r.end, r.entity_type)
            for r in sorted(recognizer.analyze(text, list(entities)), key=lambda r: r.start)]


def words(text, entity_type="PERSON"):
    return [(m.start(), m.end(), entity_type) for m in re.finditer(r"\S+", text)]


# ---------------------------------------------------------------------- loading, offline
def test_loads_from_the_directory_without_touching_the_network(models, no_network, tmp_path):
    path = build_model(tmp_path / "fresh", force="B-PER")  # never loaded in this process
    recognizer = TransformersNerRecognizer(path)
    assert recognizer.supported_entities == ["LOCATION", "PERSON"]
    assert spans(recognizer, "maria lopez") == [(0, 5, "PERSON"), (6, 11, "PERSON")]
    assert no_network == []


def test_missing_path_is_a_configuration_error_not_a_download(no_network, tmp_path):
    with pytest.raises(ConfigurationError, match="model_path: no model directory") as err:
        TransformersNerRecognizer(tmp_path / "nowhere")
    assert "never downloads" in str(err.value)
    with pytest.raises(ConfigurationError, match="model_path"):
        TransformersNerRecognizer("dslim/bert-base-NER")  # a hub name is not a local path
    assert no_network == []


def test_directory_without_a_model_is_a_configuration_error(models, no_network, tmp_path):
    with pytest.raises(ConfigurationError, match=r"model_path: .* has no config\.json"):
        TransformersNerRecognizer(tmp_path)
    (tmp_path / "config.json").write_text(json.dumps({"model_type": "bert"}))
    with pytest.raises(ConfigurationError, match="no id2label"):
        TransformersNerRecognizer(tmp_path)
    # a config without weights: the recognizer builds (only config.json is read) and fails on
    # loading, with the option named
    (tmp_path / "config.json").write_text((models["O"] / "config.json").read_text())
    recognizer = TransformersNerRecognizer(tmp_path)
    with pytest.raises(ConfigurationError, match=r"model_path: the model in .* could not"):
        recognizer.warm_up()
    assert no_network == []


@pytest.mark.skipif(torch.cuda.is_available(), reason="a CUDA device is present")
def test_an_unavailable_device_is_a_configuration_error(models):
    recognizer = TransformersNerRecognizer(models["O"], device="cuda")
    with pytest.raises(ConfigurationError, match="device: the model cannot run on 'cuda'"):
        recognizer.warm_up()


def test_arguments_are_validated(models):
    with pytest.raises(ConfigurationError, match="aggregation"):
        TransformersNerRecognizer(models["O"], aggregation="none")
    with pytest.raises(ConfigurationError, match="score_threshold"):
        TransformersNerRecognizer(models["O"], score_threshold=2)
    with pytest.raises(ConfigurationError, match="names none of the model's labels"):
        TransformersNerRecognizer(models["O"], entity_mapping={"EMAIL": "EMAIL_ADDRESS"})
    with pytest.raises(ConfigurationError, match="max_tokens"):
        TransformersNerRecognizer(models["O"], max_tokens=2)


# ---------------------------------------------------------------------- spans and offsets
def test_forced_labels_give_exact_offsets(models):
    text = "maria lopez lives in lima"
    assert spans(TransformersNerRecognizer(models["B-PER"]), text) == words(text)
    # I- continues a span: one span from the first word to the last, never across a line break
    inside = TransformersNerRecognizer(models["I-PER"])
    assert spans(inside, text) == [(0, len(text), "PERSON")]
    assert spans(inside, "maria lopez\nlives  in lima") == [(0, 11, "PERSON"), (12, 26, "PERSON")]
    assert spans(TransformersNerRecognizer(models["O"]), text) == []


def test_unknown_words_and_punctuation_keep_exact_offsets(models):
    text = "  Zoë Ñúñez, née Ōtake!\tcalled…  "
    found = spans(TransformersNerRecognizer(models["B-PER"]), text)
    assert found == [(m.start(), m.end(), "PERSON") for m in re.finditer(r"\w+|[^\w\s]", text)]


def test_labels_by_token_and_bio_grouping(models):
    recognizer = TransformersNerRecognizer(models["by_token"])
    text = "maria lopez lives in lima, lopez works with maria today."
    assert spans(recognizer, text) == [
        (0, 11, "PERSON"), (21, 25, "LOCATION"), (27, 32, "PERSON"), (44, 49, "PERSON")]
    assert spans(recognizer, text, ["LOCATION"]) == [(21, 25, "LOCATION")]
    assert recognizer.analyze(text, ["EMAIL_ADDRESS"]) == []


def test_aggregation_of_word_pieces(models):
    text = "the quokka sat on the mat"  # quo (B-PER) + ##kka (O)
    whole_word = TransformersNerRecognizer(models["by_token"])
    assert spans(whole_word, text) == [(4, 10, "PERSON")]
    pieces = TransformersNerRecognizer(models["by_token"], aggregation="simple")
    assert spans(pieces, text) == [(4, 7, "PERSON")]


def test_scores_and_threshold(models):
    recognizer = TransformersNerRecognizer(models["by_token"])
    (result,) = recognizer.analyze("maria", ["PERSON"])
    assert 0.9 < result.score <= 1.0
    assert result.recognition_metadata["recognizer_name"] == recognizer.name
    strict = TransformersNerRecognizer(models["by_token"], score_threshold=1.0)
    assert strict.analyze("maria", ["PERSON"]) == []


# ---------------------------------------------------------------------- long texts
def test_windows_of_a_long_text_map_back_exactly(models):
    import random

    rng = random.Random(8)
    parts = ["maria lopez", "lives in lima", "the mat", "works with", "lopez", "quokka", "today",
             "maria", "Zoë", ","]
    text = " ".join(rng.choice(parts) for _ in range(400))
    # the reference: word labels of the rigged model, decoded B/I by hand
    word_labels = {**BY_TOKEN, "quokka": "B-PER"}  # a word takes its first piece's label
    expected: list[tuple[int, int, str]] = []
    previous = "O"
    for m in re.finditer(r"\S+", text):
        label = word_labels.get(m.group(), "O")
        if label != "O":
            etype = "PERSON" if label.endswith("PER") else "LOCATION"
            if label.startswith("I-") and previous != "O" and previous[2:] == label[2:]:
                expected[-1] = (expected[-1][0], m.end(), etype)
            else:
                expected.append((m.start(), m.end(), etype))
        previous = label
    assert any(text[s:e].count(" ") >= 2 for s, e, _ in expected)  # "maria lopez lopez"

    short = TransformersNerRecognizer(models["by_token_short"])  # 16-token windows
    found = spans(short, text)
    n_tokens = len(short._tokenizer(text, add_special_tokens=False)["input_ids"])
    assert n_tokens > 20 * 16  # many windows, names on their edges
    assert found == expected
    # the same spans with one big window, and with no overlap at all
    assert spans(TransformersNerRecognizer(models["by_token"]), text) == expected
    assert spans(TransformersNerRecognizer(models["by_token_short"], window_overlap=0),
                 text) == expected
    # one span that runs through every window
    one_line = " ".join(["maria lopez lives in lima"] * 40)
    forced = TransformersNerRecognizer(models["I-PER"], max_tokens=16)
    assert spans(forced, one_line) == [(0, len(one_line), "PERSON")]


# ---------------------------------------------------------------------- in a guard
@pytest.fixture
def rigged_guard(models, make_presidio_guard):
    recognizer = TransformersNerRecognizer(models["by_token"])
    return make_presidio_guard(custom_recognizers=[recognizer], strategy="placeholder")


def test_guard_pseudonymizes_what_the_model_finds(rigged_guard, make_presidio_guard):
    # "quokka" is no name to spaCy or chatveil's rules in a sentence-cased line (an all-lower
    # line would make any unknown word a candidate name); the rigged model says PERSON
    text = "The quokka sat on the mat."
    assert make_presidio_guard(strategy="placeholder").pseudonymize(text, session_id="x") == text
    masked = rigged_guard.pseudonymize(text, session_id="hf-e2e")
    assert masked == "The <PERSON_1> sat on the mat."
    assert rigged_guard.restore("Hello <PERSON_1>!", session_id="hf-e2e") == "Hello quokka!"


def test_config_validation_accepts_the_recognizer(models):
    recognizer = TransformersNerRecognizer(models["by_token"])
    config = GuardConfig(custom_recognizers=[recognizer])
    assert config.custom_recognizers == (recognizer,)
    with pytest.raises(ConfigurationError, match="supports another language"):
        GuardConfig(language="de", custom_recognizers=[recognizer])
    GuardConfig(language="de", custom_recognizers=[
        TransformersNerRecognizer(models["by_token"], supported_language="de")])
    # the model and its settings are part of the detection-cache fingerprint
    other = TransformersNerRecognizer(models["B-PER"])
    assert recognizer.name != other.name
    assert config.detection_fingerprint() != config.replace(
        custom_recognizers=[other]).detection_fingerprint()
    assert config.detection_fingerprint() != config.replace(custom_recognizers=[
        TransformersNerRecognizer(models["by_token"], score_threshold=0.9)]).detection_fingerprint()


def test_a_failing_model_fails_closed(models, make_presidio_guard):
    recognizer = TransformersNerRecognizer(models["by_token"])
    recognizer.warm_up()

    def broken(**inputs):
        raise RuntimeError("out of memory while analysing maria lopez")

    recognizer._model = broken
    guard = make_presidio_guard(custom_recognizers=[recognizer])
    with pytest.raises(DetectionError) as err:
        guard.pseudonymize("maria lopez lives in lima", session_id="hf-fail")
    assert "maria" not in str(err.value)


# ---------------------------------------------------------------------- light by default
def _run(code: str) -> str:
    result = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True,
                            text=True, timeout=300, env={**os.environ, "PYTHONPATH": SRC})
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout.strip()


def test_import_chatveil_loads_neither_torch_nor_transformers():
    out = _run("""
        import sys
        import chatveil
        from chatveil import Guard, GuardConfig
        print(sorted(m for m in sys.modules if m.split('.')[0] in ('torch', 'transformers')))
    """)
    assert out == "[]"


def test_the_recognizers_package_and_the_recognizer_load_nothing_heavy(models):
    # Presidio itself imports torch and transformers when they are installed (its device
    # detector and its own Hugging Face recognizer); chatveil adds nothing on top, and building
    # the recognizer reads config.json only.
    out = _run(f"""
        import sys
        import presidio_analyzer
        def heavy():
            return {{m for m in sys.modules if m.split('.')[0] in ('torch', 'transformers')}}
        before = heavy()
        import chatveil.detect.recognizers
        from chatveil.detect.recognizers import TransformersNerRecognizer
        TransformersNerRecognizer({str(models["by_token"])!r})
        print(sorted(heavy() - before))
    """)
    assert out == "[]"


def test_without_torch_the_default_works_and_the_recognizer_names_the_extra(models):
    out = _run(f"""
        import sys
        sys.modules['torch'] = None          # as if not installed: every import of it fails
        sys.modules['transformers'] = None
        import chatveil.detect.recognizers
        from chatveil import GuardConfig, MissingDependencyError
        from chatveil.detect.recognizers import TransformersNerRecognizer, default_recognizers
        assert default_recognizers()
        try:
            TransformersNerRecognizer({str(models["by_token"])!r})
        except MissingDependencyError as exc:
            print(exc)
    """)
    assert "chatveil[transformers]" in out and "transformers is required" in out
    assert issubclass(MissingDependencyError, ImportError)
