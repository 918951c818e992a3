"""chatveil's trained names-and-places model reads every line of texts up to
``trained_ner_max_chars`` by default; its results pass the filters of
:class:`~chatveil.detect.recognizers.FilteredTrainedNerRecognizer`. The sentences are written
for these tests (none is in an evaluation set or a probe template)."""

from __future__ import annotations

import pytest
from presidio_analyzer import RecognizerResult
from tests.conftest import SECRET

from chatveil import Guard, GuardConfig
from chatveil.detect.recognizers import FilteredTrainedNerRecognizer
from chatveil.detect.recognizers.trained_ner import TrainedNerRecognizer

# a given name that is an English word, in lower case: the rules take only the family name
TEXT = "admitted today: princess villanueva, 61, fall at home"


@pytest.fixture(scope="module")
def rules_only() -> Guard:
    return Guard(GuardConfig(secret_key=SECRET, trained_ner_max_chars=0)).warm_up()


def _found(guard: Guard, text: str) -> list[str]:
    return [text[s.start:s.end] for s in guard.detect(text)
            if s.entity_type in ("PERSON", "LOCATION")]


def test_the_model_reads_a_message_by_default(warm_guard: Guard) -> None:
    out = warm_guard.pseudonymize(TEXT, session_id="trained-default")
    assert "princess" not in out and "villanueva" not in out
    assert warm_guard.restore(out, session_id="trained-default") == TEXT


def test_without_the_model_the_rules_alone_decide(rules_only: Guard) -> None:
    assert _found(rules_only, TEXT) == ["villanueva"]
    assert "princess" in rules_only.pseudonymize(TEXT, session_id="rules-only")


def test_a_text_longer_than_the_limit_is_read_without_the_model(rules_only: Guard) -> None:
    short_limit = Guard(GuardConfig(secret_key=SECRET, trained_ner_max_chars=len(TEXT) - 1))
    assert _found(short_limit, TEXT) == _found(rules_only, TEXT)
    at_limit = Guard(GuardConfig(secret_key=SECRET, trained_ner_max_chars=len(TEXT)))
    assert "princess villanueva" in _found(at_limit, TEXT)


def test_the_limit_is_part_of_the_cache_key() -> None:
    a = GuardConfig(trained_ner_max_chars=0).detection_fingerprint()
    assert a != GuardConfig().detection_fingerprint()


@pytest.mark.parametrize("text, raw", [
    ("Client: Haldane Freight Ltd\nStatus: pending", "Haldane Freight Ltd"),  # a firm
    ("Routes: AMS/BCN and DXB/SIN are sold out", "BCN"),  # codes around a slash
])
def test_what_the_filters_take_from_the_model(text: str, raw: str) -> None:
    # the model alone finds the span, so the filters are what removes it
    assert raw in [text[r.start:r.end] for r in TrainedNerRecognizer().analyze(text, ["PERSON"])]
    found = FilteredTrainedNerRecognizer(every_line=True).analyze(text, ["PERSON", "LOCATION"])
    assert [text[r.start:r.end] for r in found if r.entity_type == "PERSON"] == []


def _filtered(monkeypatch: pytest.MonkeyPatch, text: str,
              model: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """What the filters keep of the spans ``model`` (value, type) that a model found."""
    def found(self: TrainedNerRecognizer, piece: str, entities: list[str],
              nlp_artifacts: object = None) -> list[RecognizerResult]:
        return [RecognizerResult(kind, piece.index(value), piece.index(value) + len(value), 0.8)
                for value, kind in model]

    monkeypatch.setattr(TrainedNerRecognizer, "analyze", found)
    kept = FilteredTrainedNerRecognizer(every_line=True).analyze(text, ["PERSON", "LOCATION"])
    return [(text[r.start:r.end], r.entity_type) for r in kept]


def test_a_span_across_a_verb_is_two_names(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Fatima Haddad got Ngozi into design"
    assert _filtered(monkeypatch, text, [("Fatima Haddad got Ngozi", "PERSON")]) == [
        ("Fatima Haddad", "PERSON"), ("Ngozi", "PERSON")]


@pytest.mark.parametrize("text, span, kept", [
    ("Tickets for me, Bao, Hye-jin and Omolara", "Bao, Hye-jin", ["Bao", "Hye-jin"]),
    ("Seats: Lindqvist, Maja, Okafor", "Lindqvist, Maja", ["Lindqvist", "Maja"]),
    ("Dear Lindqvist, Maja,\nthanks for the form", "Lindqvist, Maja", ["Lindqvist, Maja"]),
])
def test_a_comma_in_a_list_parts_two_people(monkeypatch: pytest.MonkeyPatch, text: str,
                                            span: str, kept: list[str]) -> None:
    assert [v for v, _ in _filtered(monkeypatch, text, [(span, "PERSON")])] == kept


@pytest.mark.parametrize("text, span, kept", [
    ("Tell him that Blessing already paid", "Blessing", True),   # inside a sentence
    ("We asked Harsh to sign", "Harsh", True),
    ("Hope this helps, thanks", "Hope", False),                  # opens the sentence
    ("my sister grace is here", "grace", False),                 # lower case
    ("THANKS TO HOPE FOR THIS", "HOPE", False),                   # capitals
    ("Is Ruby fast enough for this?", "Ruby", False),             # a language too
    ("We bought a Lantern for it", "Lantern", False),             # in no name list
])
def test_english_words_are_names_only_capitalised_inside_a_sentence(
        monkeypatch: pytest.MonkeyPatch, text: str, span: str, kept: bool) -> None:
    found = _filtered(monkeypatch, text, [(span, "PERSON")])
    assert found == ([(span, "PERSON")] if kept else [])


def test_the_model_reads_long_runs_broken_up(monkeypatch: pytest.MonkeyPatch) -> None:
    """16,000 "(" froze spaCy's tokenizer for seconds: the model reads the same copy as
    spaCy's pipeline does (same offsets, runs broken up)."""
    from chatveil.detect.recognizers.trained_ner import load_trained_pipeline

    seen: list[str] = []
    real = load_trained_pipeline()

    def recording(text: str) -> object:
        seen.append(text)
        return real(text)

    monkeypatch.setattr(TrainedNerRecognizer, "nlp", property(lambda self: recording))
    text = "Ask Fatima Haddad " + "(" * 16_000 + " thanks"
    found = FilteredTrainedNerRecognizer(every_line=True).analyze(text, ["PERSON"])
    assert [text[r.start:r.end] for r in found] == ["Fatima Haddad"]
    assert len(seen) == 1 and len(seen[0]) == len(text) and "((((" not in seen[0]


@pytest.mark.parametrize("text, person", [
    ("Please tell Jun that the visa came through", "Jun"),
    ("Updated Jun 5 by the admin, see the Jun 2024 report", None),
    ("my sister's wedding is in june, can you help with a speech", None),
    ("The invoice is due on 3 June", None),
])
def test_a_month_that_is_also_a_given_name(warm_guard: Guard, text: str,
                                            person: str | None) -> None:
    persons = [text[s.start:s.end] for s in warm_guard.detect(text) if s.entity_type == "PERSON"]
    assert persons == ([person] if person else [])
