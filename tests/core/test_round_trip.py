"""Exact round trips: restore(pseudonymize(text)) == text, whatever the text holds.

Each mention comes back in its own casing; user text that is or contains a surrogate of the
session, a surrogate's name part or a surrogate-shaped string is protected and comes back as
written; masked texts handed to the application are recognised when they come back.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

import pytest

from chatveil import Guard, GuardConfig, PIILeakError
from chatveil.spans import Span, resolve_overlaps
from chatveil.state.entries import Entry, literal_original
from fakes import SECRET, FakeDetector, fake_guard
from round_trip_texts import Report, run


class ListDetector(FakeDetector):
    """Detects exactly the listed values (any casing, whole words), nothing else."""

    def __init__(self, values: dict[str, Iterable[str]]) -> None:
        super().__init__()
        self.values = {t: list(vs) for t, vs in values.items()}

    def detect(self, text: str) -> list[Span]:
        self.calls.append(text)
        spans = [
            Span(m.start(), m.end(), etype, 0.9)
            for etype, values in self.values.items()
            for value in values
            for m in re.finditer(rf"(?<!\w){re.escape(value)}(?!\w)", text, re.IGNORECASE)
        ]
        return resolve_overlaps(spans)


def list_guard(values: dict[str, Sequence[str]], **options: Any) -> Guard:
    options.setdefault("secret_key", SECRET)
    return Guard(GuardConfig(**options), detector=ListDetector(values))


def only_entry(guard: Guard, sid: str) -> Entry:
    (entry,) = [e for e in guard.vault(sid).entries if not e.literal]
    return entry


# ---------------------------------------------------------------------- casing
def test_each_mention_restores_in_its_own_casing() -> None:
    guard = list_guard({"PERSON": ["Chad"]})
    text = "CHAD called. Chad's dog, chad, barked."
    masked = guard.pseudonymize(text, session_id="s")
    entry = only_entry(guard, "s")
    s = entry.surrogate
    assert entry.original == "CHAD" and s == s.upper()  # stored in the first mention's casing
    assert masked == f"{s} called. {s.title()}'s dog, {s.lower()}, barked."
    assert guard.restore(masked, session_id="s") == text
    assert [e.literal for e in guard.vault("s").entries] == [False]  # one person, one surrogate


def test_lower_case_first_mention_does_not_lower_later_ones() -> None:
    guard = list_guard({"PERSON": ["Maria Lopez"]})
    first = guard.pseudonymize("maria lopez wrote", session_id="s")
    second = guard.pseudonymize("Maria Lopez wrote again, MARIA LOPEZ too", session_id="s")
    s = only_entry(guard, "s").surrogate
    assert first == f"{s} wrote" and s == s.lower()
    assert second == f"{s.title()} wrote again, {s.upper()} too"
    assert guard.restore(first, session_id="s") == "maria lopez wrote"
    assert guard.restore(second, session_id="s") == "Maria Lopez wrote again, MARIA LOPEZ too"


def test_a_spelling_the_surrogate_cannot_carry_gets_its_own() -> None:
    guard = list_guard({"PERSON": ["Jan van der Berg"]})
    text = "Jan van der Berg, JAN VAN DER BERG and Jan Van Der Berg"
    masked = guard.pseudonymize(text, session_id="s")
    assert guard.restore(masked, session_id="s") == text
    entries = guard.vault("s").entries
    assert [e.literal for e in entries] == [False, True]  # the title-case spelling
    assert entries[1].value == "Jan Van Der Berg"
    assert "Jan" not in masked and "Berg" not in masked


@pytest.mark.parametrize("strategy", ["placeholder", "token"])
def test_stand_ins_carry_no_casing_so_each_spelling_gets_one(strategy: str) -> None:
    guard = list_guard({"PERSON": ["Maria Lopez"]}, strategy=strategy)
    text = "Maria Lopez, MARIA LOPEZ, Maria Lopez"
    masked = guard.pseudonymize(text, session_id="s")
    a, b, c = masked.split(", ")
    assert a == c and a != b
    assert guard.restore(masked, session_id="s") == text


# ---------------------------------------------------------------------- protection
def test_a_real_name_equal_to_a_surrogate_comes_back_unchanged() -> None:
    guard = fake_guard()
    first = guard.pseudonymize("Maria Lopez joined.", session_id="s")
    surrogate = first.removesuffix(" joined.")
    text = f"{surrogate} from accounting"  # a real colleague who has that name
    masked = guard.pseudonymize(text, session_id="s")
    assert surrogate not in masked
    assert guard.restore(masked, session_id="s") == text
    assert guard.restore(first, session_id="s") == "Maria Lopez joined."  # unchanged meaning
    assert guard.restore(f"{first} {masked}", session_id="s") == f"Maria Lopez joined. {text}"


def test_a_surrogate_name_part_inside_a_word_comes_back_unchanged() -> None:
    guard = fake_guard()
    masked = guard.pseudonymize("Maria Lopez joined.", session_id="s")
    last = masked.split()[1]
    text = f"The village of {last}-sur-Dumas, and {last}'s bakery."
    back = guard.pseudonymize(text, session_id="s")
    assert guard.restore(back, session_id="s") == text


def test_a_stand_in_the_user_writes_is_kept_and_never_issued() -> None:
    guard = list_guard({"PERSON": ["Maria Lopez"]}, strategy="placeholder")
    text = "Keep the literal <PERSON_1> in the template."
    assert guard.pseudonymize(text, session_id="s") == text  # the model sees it as written
    masked = guard.pseudonymize("Maria Lopez fills <PERSON_1>.", session_id="s")
    assert masked == "<PERSON_2> fills <PERSON_1>."
    assert guard.restore(masked, session_id="s") == "Maria Lopez fills <PERSON_1>."
    assert guard.restore("<PERSON_1>", session_id="s") == "<PERSON_1>"
    with guard.tally() as tally:
        guard.pseudonymize("Another <EMAIL_9> stand-in", session_id="s")
    assert tally.pseudonymized == {}  # a stand-in is not personal data


def test_an_issued_stand_in_typed_later_comes_back_as_typed() -> None:
    guard = list_guard({"PERSON": ["Maria Lopez"]}, strategy="placeholder")
    first = guard.pseudonymize("Maria Lopez called.", session_id="s")
    assert first == "<PERSON_1> called."
    text = "What does <PERSON_1> mean? And < person 1 >, <person_1>?"
    masked = guard.pseudonymize(text, session_id="s")
    assert "<PERSON_1>" not in masked
    assert guard.restore(masked, session_id="s") == text
    assert guard.restore(first, session_id="s") == "Maria Lopez called."


def test_token_shaped_text_is_protected() -> None:
    guard = list_guard({"EMAIL_ADDRESS": ["jane@acme.com"]}, strategy="token")
    first = guard.pseudonymize("Mail jane@acme.com", session_id="s")
    token = first.removeprefix("Mail ")
    text = f"Tokens look like {token}, {token.lower()} or [PII_EMAIL_deadbeef]."
    masked = guard.pseudonymize(text, session_id="s")
    assert token not in masked
    assert guard.restore(masked, session_id="s") == text


def test_surrogate_issued_later_in_the_same_batch_is_protected_in_earlier_texts() -> None:
    probe = list_guard({"PERSON": ["Maria Lopez"]})
    surrogate = probe.pseudonymize("Maria Lopez", session_id="s")  # what session s will issue
    guard = list_guard({"PERSON": ["Maria Lopez"]})
    history = [f"My friend {surrogate} says hi.", "Maria Lopez says hi too."]
    masked = guard.pseudonymize_batch(history, session_id="s", recognise_later=False)
    assert [guard.restore(m, session_id="s") for m in masked] == history
    assert masked[0] != history[0]  # the friend was protected once the surrogate existed


def test_remembered_text_is_redone_when_a_later_surrogate_appears_in_it() -> None:
    probe = list_guard({"PERSON": ["Maria Lopez"]})
    surrogate = probe.pseudonymize("Maria Lopez", session_id="s")
    guard = list_guard({"PERSON": ["Maria Lopez"]})
    first = f"My friend {surrogate} says hi."
    assert guard.pseudonymize(first, session_id="s", recognise_later=False) == first
    guard.pseudonymize("Maria Lopez says hi too.", session_id="s", recognise_later=False)
    again = guard.pseudonymize(first, session_id="s", recognise_later=False)
    assert again != first and guard.restore(again, session_id="s") == first


def test_strict_mode_does_not_mistake_a_surrogate_for_a_protected_name() -> None:
    guard = fake_guard(strict=True)
    surrogate = guard.pseudonymize("Maria Lopez", session_id="s", recognise_later=False)
    text = f"{surrogate} and Maria Lopez"  # the protected name is now an original too
    masked = guard.pseudonymize(text, session_id="s", recognise_later=False)
    assert guard.restore(masked, session_id="s") == text
    blind = fake_guard(strict=True, session_recall=False)
    blind.pseudonymize("Maria Lopez", session_id="s")
    with pytest.raises(PIILeakError) as caught:  # strict mode still catches real leaks
        blind.pseudonymize("maria lopez", session_id="s")
    assert "maria" not in str(caught.value).lower()


# ---------------------------------------------------------------------- handed-out texts
def test_a_handed_out_masked_text_is_recognised_when_it_comes_back() -> None:
    guard = fake_guard()
    text = "Maria Lopez wrote to john@acme.com."
    masked = guard.pseudonymize(text, session_id="s")
    assert guard.pseudonymize(masked, session_id="s") == masked
    prompt = f"Context:\n{masked}\nQuestion: who wrote?"
    again = guard.pseudonymize(prompt, session_id="s")
    assert again == prompt
    assert guard.restore(again, session_id="s") == f"Context:\n{text}\nQuestion: who wrote?"


def test_a_handed_out_value_alone_is_recognised_anywhere() -> None:
    guard = fake_guard()
    surrogate = guard.pseudonymize("Maria Lopez", session_id="s")  # e.g. a stored field
    prompt = f"Write to {surrogate} about Peter Novak."
    masked = guard.pseudonymize(prompt, session_id="s")
    assert masked.startswith(f"Write to {surrogate} about ")
    assert guard.restore(masked, session_id="s") == "Write to Maria Lopez about Peter Novak."


def test_model_only_masked_texts_are_not_recognised() -> None:
    guard = fake_guard()
    masked = guard.pseudonymize("Maria Lopez wrote.", session_id="s", recognise_later=False)
    again = guard.pseudonymize(masked, session_id="s", recognise_later=False)
    assert again != masked  # the user's text that looks like ours is protected
    assert guard.restore(again, session_id="s") == masked


def test_forget_drops_the_handed_out_memory() -> None:
    guard = fake_guard()
    masked = guard.pseudonymize("Maria Lopez wrote.", session_id="s")
    state = guard._open("s", create=False).state
    assert len(state.handed_out) == 1 and "Maria" not in masked
    guard.forget("s")
    assert len(state.handed_out) == 0


def test_document_surrogates_are_recognised_after_an_import() -> None:
    ingestion = fake_guard()
    doc = "Maria Kowalski (maria@kowalski.org) leads the Berlin office."
    chunk = ingestion.pseudonymize(doc, session_id="corpus", documents=True)
    assert all(e.document for e in ingestion.vault("corpus").entries)
    key = Guard.generate_key()
    chats = fake_guard()
    chats.import_session("u1", ingestion.export_session("corpus", key), key)
    cut, doc_cut = chunk.index(" leads"), doc.index(" leads")  # chunks split between words
    prompt = f"Context:\n{chunk[:cut]}\n{chunk[cut:]}\nQuestion: who is Maria Kowalski?"
    masked = chats.pseudonymize(prompt, session_id="u1", recognise_later=False)
    assert masked.startswith(f"Context:\n{chunk[:cut]}\n{chunk[cut:]}\nQuestion: who is ")
    assert chats.restore(masked, session_id="u1") == (
        f"Context:\n{doc[:doc_cut]}\n{doc[doc_cut:]}\nQuestion: who is Maria Kowalski?")
    # without the flag, the same surrogates would be the user's own text, protected
    plain = fake_guard()
    chunk2 = plain.pseudonymize(doc, session_id="corpus", recognise_later=False)
    other = fake_guard()
    other.import_session("u1", plain.export_session("corpus", key), key)
    masked2 = other.pseudonymize(chunk2, session_id="u1", recognise_later=False)
    assert masked2 != chunk2 and other.restore(masked2, session_id="u1") == chunk2


# ---------------------------------------------------------------------- data
def test_literal_entries_are_plain_data_and_never_show_values() -> None:
    entry = Entry(literal_original("Tyrone"), "Kevin", "PERSON")
    assert entry.literal and entry.value == "Tyrone"
    assert Entry.from_dict(entry.to_dict()) == entry
    assert "Tyrone" not in repr(entry)
    assert not Entry("Tyrone", "Kevin", "PERSON").literal
    forged = Entry("\u2063Tyrone\u2063" + "0" * 16, "Kevin", "PERSON")
    assert not forged.literal and forged.value == forged.original
    assert literal_original("CHAD").casefold() != literal_original("Chad").casefold()
    document = Entry("Maria", "Kevin", "PERSON", (("Maria", "Kevin"),), document=True)
    assert document.to_dict()["d"] is True and "d" not in entry.to_dict()
    assert Entry.from_dict(document.to_dict()) == document
    with pytest.raises(ValueError, match="not an entry"):
        Entry.from_dict({**document.to_dict(), "d": "yes"})


def test_redacted_texts_are_remembered_not_redone() -> None:
    detector = ListDetector({"PERSON": ["Maria Lopez"]})
    guard = Guard(GuardConfig(strategy="redact", secret_key=SECRET), detector=detector)
    text = "Maria Lopez and <PERSON_1>"
    first = guard.pseudonymize(text, session_id="s")
    guard.pseudonymize("new text", session_id="s")
    assert guard.pseudonymize(text, session_id="s") == first == "[REDACTED PERSON] and <PERSON_1>"
    assert detector.calls.count(text) == 1


# ---------------------------------------------------------------------- the property, small
@pytest.mark.parametrize("strategy", ["faker", "placeholder", "token"])
def test_round_trip_property_fast(strategy: str) -> None:
    """The slow run (tests/detection/test_round_trip_property.py) on the rule-based detector:
    24 conversations x 12 turns, every fourth text adversarial."""
    report = Report()
    run(fake_guard(strategy=strategy), strategy, range(24), 12, report)
    assert report.texts == 288 and report.adversarial == 72 and report.streams == 288
    assert report.failures == []


def test_a_remembered_text_is_masked_again_when_a_later_surrogate_occurs_in_it() -> None:
    """A text pseudonymized before a surrogate was issued may hold that surrogate (here
    percent-encoded, which the detector does not read but restore does): its remembered
    result must not be reused once the surrogate exists."""
    from urllib.parse import quote

    from fakes import FakeDetector, fake_guard

    probe = fake_guard(FakeDetector(entities={"EMAIL_ADDRESS"}))
    surrogate = probe.pseudonymize("mail maria@acme.io", "s").split()[-1]
    guard = fake_guard(FakeDetector(entities={"EMAIL_ADDRESS"}))
    text = "see https://x.org/?u=" + quote(surrogate, safe="")
    assert guard.pseudonymize(text, "s") == text  # nothing to mask yet
    assert guard.pseudonymize("mail maria@acme.io", "s") == f"mail {surrogate}"
    again = guard.pseudonymize(text, "s")
    assert guard.restore(again, "s") == text


def test_a_remembered_text_masked_again_is_not_detected_again() -> None:
    """Detection of a text does not change: a remembered text made stale by a later surrogate
    is pseudonymized again with the spans it was detected with (no detector call)."""
    from urllib.parse import quote

    from fakes import FakeDetector, fake_guard

    probe = fake_guard(FakeDetector(entities={"EMAIL_ADDRESS"}))
    surrogate = probe.pseudonymize("mail maria@acme.io", "s").split()[-1]
    detector = FakeDetector(entities={"EMAIL_ADDRESS"})
    guard = fake_guard(detector)
    text = "see https://x.org/?u=" + quote(surrogate, safe="") + " or bob@acme.io"
    first = guard.pseudonymize(text, "s")
    assert "bob@acme.io" not in first
    assert guard.pseudonymize("mail maria@acme.io", "s") == f"mail {surrogate}"
    again = guard.pseudonymize(text, "s")
    assert again != first and guard.restore(again, "s") == text
    assert detector.calls.count(text) == 1


def test_a_remembered_text_holding_a_later_number_surrogate_in_another_layout() -> None:
    """Restore finds a number surrogate whatever its separators: a text remembered before
    the surrogate was issued that holds its digits in another grouping is masked again."""
    import re

    from fakes import FakeDetector, fake_guard

    probe = fake_guard(FakeDetector(entities={"PHONE_NUMBER"}))
    surrogate = probe.pseudonymize("call +1 555 010 4477", "s").removeprefix("call ")
    digits = re.sub(r"\D", "", surrogate)
    text = "ticket " + "/".join(digits[i:i + 2] for i in range(0, len(digits), 2)) + " closed"
    guard = fake_guard(FakeDetector(entities={"PHONE_NUMBER"}))
    assert guard.pseudonymize(text, "s") == text  # nothing to mask yet
    assert guard.pseudonymize("call +1 555 010 4477", "s") == f"call {surrogate}"
    assert guard.restore(text, "s") != text  # restore would now read it as the phone
    again = guard.pseudonymize(text, "s")
    assert again != text and guard.restore(again, "s") == text
