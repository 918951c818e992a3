"""GuardConfig(output_pii=...): personal data the model writes that the user never sent."""

from __future__ import annotations

import random

import pytest

from chatveil import ConfigurationError, DetectionError, Guard, GuardConfig, PIILeakError
from chatveil.spans import Span
from fakes import SECRET, FakeDetector, fake_guard

USER = "I'm Maria Lopez, mail maria@lopez.org."
#: values the model writes on its own (the user never sent them)
INVENTED = ("bob.stone@gmail.com", "555-201-3344", "Peter Novak")


def answer_for(guard: Guard, sid: str = "s") -> tuple[str, str]:
    """(raw answer a model writes, the user's name surrogate) for a session that saw USER."""
    masked = guard.pseudonymize(USER, session_id=sid, recognise_later=False)
    name = masked.removeprefix("I'm ").split(",")[0]
    raw = (f"Hello {name}. Ask Peter Novak: write to bob.stone@gmail.com or call "
           f"555-201-3344.\nPeter Novak replied to bob.stone@gmail.com!")
    return raw, name


EXPECTED = ("Hello Maria Lopez. Ask <PERSON_1>: write to <EMAIL_1> or call <PHONE_1>.\n"
            "<PERSON_1> replied to <EMAIL_1>!")


# ---------------------------------------------------------------------- the option
def test_output_pii_is_validated_like_every_option() -> None:
    assert GuardConfig().output_pii == "pass"
    assert GuardConfig(output_pii="mask").output_pii == "mask"
    for junk in ("MASK", "block", "", None, True, ["mask"]):
        with pytest.raises(ConfigurationError) as info:
            GuardConfig(output_pii=junk)
        assert "output_pii must be one of pass, mask, raise" in str(info.value)
    assert GuardConfig.from_dict({"output_pii": "raise"}).output_pii == "raise"


def test_pass_is_plain_restore_and_runs_no_detection() -> None:
    detector = FakeDetector()
    guard = fake_guard(detector)
    raw, _ = answer_for(guard)
    calls = len(detector.calls)
    assert guard.restore_answer(raw, session_id="s") == guard.restore(raw, session_id="s")
    assert "bob.stone@gmail.com" in guard.restore_answer(raw, session_id="s")
    assert len(detector.calls) == calls
    assert guard.answer_restorer("s").__class__.__name__ == "StreamRestorer"


# ---------------------------------------------------------------------- mask
def test_mask_leaves_no_model_written_value_and_restores_the_rest() -> None:
    guard = fake_guard(output_pii="mask")
    raw, _ = answer_for(guard)
    with guard.tally() as tally:
        out = guard.restore_answer(raw, session_id="s")
    assert out == EXPECTED
    assert not any(value in out for value in INVENTED)
    assert tally.model_written == {"EMAIL_ADDRESS": 2, "PERSON": 2, "PHONE_NUMBER": 1}
    assert tally.restored["PERSON"] >= 1  # the user's own name is restored, not counted
    assert guard.metrics()["model_written"] == {"EMAIL_ADDRESS": 2, "PERSON": 2,
                                                "PHONE_NUMBER": 1}


def test_masked_values_are_not_stored_and_stand_ins_restore_to_themselves() -> None:
    guard = fake_guard(output_pii="mask")
    raw, _ = answer_for(guard)
    out = guard.restore_answer(raw, session_id="s")
    vault = repr([(e.original, e.value) for e in guard.vault("s").entries])
    assert not any(value in vault for value in INVENTED)
    # the same value gets the same stand-in in a later answer
    assert guard.restore_answer("Again: bob.stone@gmail.com", session_id="s") == "Again: <EMAIL_1>"
    # the answer as the user saw it, sent back in the history, keeps its stand-ins
    history = guard.pseudonymize(out, session_id="s", recognise_later=False)
    assert "<EMAIL_1>" in history and "<PERSON_1>" in history
    assert guard.restore(history, session_id="s") == out
    # a later real person is never given a reserved stand-in
    placeholders = fake_guard(strategy="placeholder", output_pii="mask")
    answer_for(placeholders)  # <PERSON_1>, <EMAIL_1> for the user
    assert placeholders.restore_answer("Ask Peter Novak.", session_id="s") == "Ask <PERSON_2>."
    masked = placeholders.pseudonymize("John Smith joined", session_id="s")
    assert masked == "<PERSON_3> joined"


def test_surrogates_known_originals_and_sent_values_are_not_model_written() -> None:
    guard = fake_guard(output_pii="mask")
    _, name = answer_for(guard)
    raw = f"{name} (Maria Lopez, maria@lopez.org) may know carl@corp.io."
    with guard.tally() as tally:
        out = guard.restore_answer(raw, session_id="s", sent=["ping carl@corp.io please"])
    assert out == "Maria Lopez (Maria Lopez, maria@lopez.org) may know carl@corp.io."
    assert tally.model_written == {}


# ---------------------------------------------------------------------- raise
def test_raise_names_types_and_counts_only() -> None:
    guard = fake_guard(output_pii="raise")
    raw, _ = answer_for(guard)
    with guard.tally() as tally, pytest.raises(PIILeakError) as info:
        guard.restore_answer(raw, session_id="s")
    assert info.value.counts == {"EMAIL_ADDRESS": 2, "PERSON": 2, "PHONE_NUMBER": 1}
    message = str(info.value)
    assert message == ("5 PII value(s) would reach the user (written by the model): "
                       "EMAIL_ADDRESS=2, PERSON=2, PHONE_NUMBER=1")
    assert tally.model_written == info.value.counts
    assert guard.restore_answer("Thanks, noted.", session_id="s") == "Thanks, noted."


# ---------------------------------------------------------------------- streaming
def chunks_of(text: str, seed: int) -> list[str]:
    rng = random.Random(seed)
    cuts = sorted(rng.sample(range(1, len(text)), rng.randint(1, 20)))
    return [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]


@pytest.mark.parametrize("seed", range(12))
def test_mask_while_streaming_equals_the_whole_answer(seed: int) -> None:
    guard = fake_guard(output_pii="mask")
    raw, _ = answer_for(guard)
    stream = guard.answer_restorer("s")
    pieces = [stream.feed(c) for c in (chunks_of(raw, seed) if seed else list(raw))]
    out = "".join(pieces) + stream.flush()
    assert out == EXPECTED


def test_streaming_holds_back_only_the_unfinished_sentence() -> None:
    guard = fake_guard(output_pii="mask")
    _, name = answer_for(guard)
    stream = guard.answer_restorer("s")
    assert stream.feed(f"Dear {name}. Mail bob.st") == "Dear Maria Lopez."
    assert stream.feed("one@gmail.com") == ""
    assert stream.pending == len(" Mail bob.stone@gmail.com")
    assert stream.feed(" now.\nBye") == " Mail <EMAIL_1> now.\n"
    assert stream.flush() == "Bye"
    assert guard.metrics()["model_written"] == {"EMAIL_ADDRESS": 1}


def test_a_long_run_without_sentence_end_is_cut_at_a_space() -> None:
    guard = fake_guard(output_pii="mask")
    answer_for(guard)
    stream = guard.answer_restorer("s")
    out = stream.feed("word " * 500)  # 2,500 characters, no sentence end
    assert out and len(out) <= 2500 and out.endswith(" ")
    assert out + stream.flush() == "word " * 500


def test_raise_while_streaming_stops_at_the_sentence() -> None:
    guard = fake_guard(output_pii="raise")
    _, name = answer_for(guard)
    stream = guard.answer_restorer("s")
    assert stream.feed(f"Dear {name}.\n") == "Dear Maria Lopez.\n"
    with pytest.raises(PIILeakError):
        stream.feed("Mail bob.stone@gmail.com now.\n")


# ---------------------------------------------------------------------- fail closed
class FailsOnAnswers(FakeDetector):
    def detect(self, text: str) -> list[Span]:
        if "BOOM" in text:
            raise RuntimeError(f"engine crashed on {text!r}")
        return super().detect(text)


def test_screening_fails_closed() -> None:
    guard = Guard(GuardConfig(secret_key=SECRET, output_pii="mask"), detector=FailsOnAnswers())
    guard.pseudonymize(USER, session_id="s")
    with pytest.raises(DetectionError) as info:
        guard.restore_answer("BOOM bob.stone@gmail.com", session_id="s")
    assert "bob.stone" not in str(info.value)
    stream = guard.answer_restorer("s")
    with pytest.raises(DetectionError):
        stream.feed("BOOM.\n")
