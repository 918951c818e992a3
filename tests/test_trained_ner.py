"""chatveil's own names-and-places NER component, loaded offline from the package directory.

These are regression tests on a handful of clear sentences, not a measurement: quality is
measured on held-out data (train/README.md). Known misses are listed there, e.g. a trailing
verb swallowed into a name ("Park Ji-sung visited Busan" -> "visited Busan" as PERSON).
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

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
