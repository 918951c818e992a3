"""Names joined to other words by ``_``, ``-`` or ``.`` (file names such as
``contract_Kuipers_signed.pdf``): only the name is replaced, and the answer restores exactly,
streamed too. ``_`` is a word character for ``re``, so a surrogate between two ``_`` is not on
a ``\\b`` boundary; restore takes it there when it is a name written with capitals (see
``chatveil.index.VaultIndex``). The names are made up for these tests."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chatveil import Guard
from chatveil.index import VaultIndex
from chatveil.restore import Matcher, StreamRestorer
from chatveil.spans import Span
from chatveil.state import Entry
from fakes import FakeDetector, fake_guard

NAMES = ("Kuipers", "Okonjo", "Wrona", "Varga", "Tomasz")
_JOINED = re.compile(r"(?<![^\W_])(?:" + "|".join(NAMES) + r")(?![^\W_])", re.IGNORECASE)


class JoinedNames(FakeDetector):
    """The fake detector, and the names of :data:`NAMES` wherever no letter or digit touches
    them (as the file-name recognizer finds them in ``contract_Kuipers_signed.pdf``)."""

    def detect(self, text: str) -> list[Span]:
        spans = super().detect(text)
        taken = [(s.start, s.end) for s in spans]
        spans += [Span(m.start(), m.end(), "PERSON", 0.7) for m in _JOINED.finditer(text)
                  if not any(a < m.end() and m.start() < b for a, b in taken)]
        return sorted(spans, key=lambda s: s.start)


def joined_guard() -> Guard:
    return fake_guard(JoinedNames())


def surrogate_of(guard: Guard, sid: str, original: str) -> str:
    (entry,) = [e for e in guard.vault(sid).entries if e.original == original]
    assert not entry.literal
    return entry.surrogate


def stream(guard: Guard, sid: str, chunks: list[str]) -> str:
    r = guard.stream_restorer(session_id=sid)
    return "".join(r.feed(c) for c in chunks) + r.flush()


@pytest.mark.parametrize("template", [
    "please check contract_{}_signed.pdf, thanks",     # between two `_`
    "please check contract-{}-signed.pdf, thanks",     # between two `-`
    "please check contract.{}.signed.pdf, thanks",     # between two `.`
    "please check {}_contract_signed.pdf, thanks",     # the start of the stem
    "please check contract_signed_{}.pdf, thanks",     # the end of the stem
    "please check {}_CV.pdf",                          # the start of the stem, ends the text
    "{}_CV_final_v3.pdf is attached",                  # the start of the text
    "see NDA-{}_v2.docx and contract_{}_signed.pdf",   # twice, `-` then `_`
])
def test_only_the_name_in_a_file_name_is_replaced(template: str) -> None:
    guard = joined_guard()
    text = template.format("Kuipers", "Kuipers")
    masked = guard.pseudonymize(text, session_id="f")
    surrogate = surrogate_of(guard, "f", "Kuipers")
    assert masked == template.format(surrogate, surrogate)
    assert guard.restore(masked, session_id="f") == text
    answer = f"I read {masked} twice; {masked}"  # the model echoes the file name
    assert guard.restore(answer, session_id="f") == f"I read {text} twice; {text}"
    # streamed: split in the middle of the file name, and one character at a time
    cut = masked.index(surrogate) + 2
    assert stream(guard, "f", [masked[:cut], masked[cut:]]) == text
    assert stream(guard, "f", list(answer)) == f"I read {text} twice; {text}"


def test_two_names_in_one_file_name_in_capitals() -> None:
    guard = joined_guard()
    text = "DOCUMENTS IN FILE TOMASZ_WRONA_DOCUMENTS.ZIP"
    masked = guard.pseudonymize(text, session_id="u")
    first, last = surrogate_of(guard, "u", "TOMASZ"), surrogate_of(guard, "u", "WRONA")
    assert masked == f"DOCUMENTS IN FILE {first}_{last}_DOCUMENTS.ZIP"
    assert guard.restore(masked, session_id="u") == text
    assert stream(guard, "u", [masked[:20], masked[20:23], masked[23:]]) == text


def test_a_lower_case_name_is_protected_with_its_file_name() -> None:
    # lower case: a surrogate joined by `_` would read as code (`laura_config`) and is not
    # restored there, so the file name is protected whole, as before; it still comes back
    guard = joined_guard()
    text = "see okonjo_cv_final.pdf please"
    masked = guard.pseudonymize(text, session_id="l")
    assert "okonjo" not in masked.casefold() and "_cv_final.pdf" not in masked
    assert guard.restore(masked, session_id="l") == text


def test_a_split_surrogate_is_held_back_until_the_underscore_says_how_it_ends() -> None:
    guard = joined_guard()
    text = "please check contract_Kuipers_signed.pdf"
    masked = guard.pseudonymize(text, session_id="h")
    surrogate = surrogate_of(guard, "h", "Kuipers")
    r = guard.stream_restorer(session_id="h")
    head = "please check contract_" + surrogate[:3]
    assert r.feed(head) == "please check contract_"       # the tail could be the surrogate
    assert r.feed(surrogate[3:]) == ""                      # whole, but "...s" could follow
    assert r.feed("_signed.pdf") == "Kuipers_signed.pdf"
    assert r.flush() == ""
    assert masked == f"please check contract_{surrogate}_signed.pdf"


def _index(*entries: Entry) -> VaultIndex:
    index = VaultIndex()
    index.extend(entries)
    return index


@pytest.mark.parametrize("answer, restored", [
    ("contract_Laura_signed.pdf", "contract_Kuipers_signed.pdf"),
    ("LAURA_CV.pdf", "KUIPERS_CV.pdf"),
    ("Laura_2024", "Kuipers_2024"),
    ("__Laura__", "__Kuipers__"),
    # inside a run of letters or digits: never
    ("contract_Lauras_signed.pdf", "contract_Lauras_signed.pdf"),
    ("xLaura_signed", "xLaura_signed"),
    ("Laura2_signed", "Laura2_signed"),
    ("Laura_x", "Kuipers_x"),
    # lower case joined by `_` reads as code: left as the model wrote it
    ("laura_config = 1", "laura_config = 1"),
    ("get_laura()", "get_laura()"),
    ("laura said", "kuipers said"),  # a word of its own restores in any case, as before
])
def test_restore_of_a_name_beside_underscores(answer: str, restored: str) -> None:
    matcher = Matcher(_index(Entry("Kuipers", "Laura", "PERSON", (("Kuipers", "Laura"),))))
    assert matcher.restore(answer) == restored
    r = StreamRestorer(matcher.index)
    assert "".join(r.feed(c) for c in answer) + r.flush() == restored


def test_no_restore_of_a_common_word_or_other_values_beside_underscores() -> None:
    index = _index(
        Entry("Kuipers", "Price", "PERSON", (("Kuipers", "Price"),)),  # a common word
        Entry("kuipers@example.org", "laura.price7@example.com", "EMAIL_ADDRESS"),
        Entry("ACME Holdings", "Initech", "ORGANIZATION"),
    )
    matcher = Matcher(index)
    assert matcher.restore("MAX_PRICE = 3; Price_list") == "MAX_PRICE = 3; Price_list"
    assert matcher.restore("Price said") == "Kuipers said"
    # an email or an organisation is not a name: `x_` in front makes another value
    assert matcher.restore("a_laura.price7@example.com") == "a_laura.price7@example.com"
    assert matcher.restore("Initech_report.pdf") == "Initech_report.pdf"


def test_user_text_holding_a_surrogate_beside_underscores_comes_back() -> None:
    # "Laura_notes.txt" in the user's text would restore to the original: it is protected
    guard = joined_guard()
    guard.pseudonymize("see contract_Kuipers_signed.pdf", session_id="p")
    surrogate = surrogate_of(guard, "p", "Kuipers")
    text = f"and {surrogate}_notes.txt or {surrogate.upper()}_X or {surrogate}-y"
    masked = guard.pseudonymize(text, session_id="p")
    assert guard.restore(masked, session_id="p") == text


_PIECES = ["contract", "CV", "cv", "signed", "final", "v2", "2024", "NDA", "scan", "report"]
_SEPS = ["_", "-", ".", "__"]
_EXTS = [".pdf", ".docx", ".zip", ".jpg", ""]


@st.composite
def file_names(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.sampled_from(_PIECES), max_size=3))
    name = draw(st.sampled_from(NAMES))
    name = draw(st.sampled_from([name, name.upper(), name.lower()]))
    parts.insert(draw(st.integers(0, len(parts))), name)
    seps = [draw(st.sampled_from(_SEPS)) for _ in parts[1:]]
    stem = parts[0] + "".join(sep + part for sep, part in zip(seps, parts[1:], strict=True))
    return stem + draw(st.sampled_from(_EXTS))


texts = st.lists(file_names() | st.sampled_from(
    ["see", "and", ",", ".", " ", "\n", "_", "Mr", "x", "Laura", "thanks"]), min_size=1,
    max_size=8).map(" ".join)


@given(text=texts, data=st.data())
@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_round_trip_of_joined_names(text: str, data: st.DataObject) -> None:
    guard = joined_guard()
    masked = guard.pseudonymize(text, session_id="r")
    for name in NAMES:
        assert name.casefold() not in masked.casefold()
    assert guard.restore(masked, session_id="r") == text
    cuts = sorted(set(data.draw(st.lists(st.integers(0, len(masked)), max_size=6))))
    chunks = [masked[a:b] for a, b in zip([0, *cuts], [*cuts, len(masked)], strict=True)]
    assert stream(guard, "r", chunks) == text
    # a name in capitals joined by `_` is replaced alone: the rest of its file name stays
    for m in re.finditer(r"(?<![^\W_])([A-Z][A-Za-z]+)_(CV|contract|signed|final)\b", text):
        if m.group(1) in NAMES:
            assert f"_{m.group(2)}" in masked
