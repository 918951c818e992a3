"""Invariants of restore and streaming restore (hypothesis), on vaults built by pseudonymizing."""

from __future__ import annotations

import asyncio
import re
import threading
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chatveil import Guard, UnrestoredSurrogateError
from chatveil.state import Entry
from fakes import fake_guard

PROFILE = (
    "I'm John Smith, mail john.smith@acme-corp.com, phone +1 (415) 555-0132. My colleague "
    "Maria Garcia lives in Boston; card 4111 1111 1111 1111; IP 10.0.0.7."
)
ORIGINALS = ["John Smith", "john.smith@acme-corp.com", "+1 (415) 555-0132", "Maria Garcia",
             "4111 1111 1111 1111"]
FILLER = ["Hello", " ", ", ", ". ", "the", "Jon", "Smit", "Mr ", "'s", "\n", "[", "<", "]", ">",
          "PII", "_", "x", "é", "😀", "123", "-", "@", "Ma", "garcia", "(", ")", "+", "+1 ", "00",
          "%40", "&lt;", "&gt;", "\\", "{", "}", "tel:", "mailto:", "PERSON", "EMAIL_", "4111"]
#: Surrogate shapes no vault of these tests knows (counted, marked or raised).
UNKNOWN = ["<PERSON_99>", "[PII_EMAIL_deadbeef]", "PERSON_42", "pii-phone-0badcafe",
           "&lt;EMAIL_7&gt;"]


def mangle(entry: Entry) -> list[str]:
    """What models do to a surrogate: other separators and country-code forms for numbers,
    encodings for emails, other brackets, escapes and separators for tokens and placeholders."""
    s = entry.surrogate
    if s.startswith(("<", "[")):
        inner = s[1:-1]
        escaped = inner.replace("_", "\\_")
        return [inner, f"&lt;{inner}&gt;", f"\\<{escaped}\\>", f"[{inner}]", f"({inner})",
                f"<{inner.replace('_', '-')}>", f"\\[{escaped}\\]", f"{{{inner}}}",
                f"<{inner.lower()}>",
                # bare placeholders only in capitals ("person_1" may be code); tokens any case
                inner.lower() if s.startswith("[") else inner]
    if entry.entity_type == "EMAIL_ADDRESS":
        return [quote(s, safe=""), s.replace("@", "\\u0040"), s.replace("@", "&#64;"),
                f"mailto:{s}"]
    if entry.entity_type in ("PHONE_NUMBER", "CREDIT_CARD", "IBAN_CODE", "US_SSN"):
        groups = re.findall(r"[A-Za-z0-9]+", s)
        flat = "".join(groups)
        out = [flat, "-".join(groups), ".".join(groups), " ".join(groups), flat.lower()]
        if s.startswith("+"):
            out += [f"00{flat}", " ".join(groups[1:])]
            if not s.startswith("+1"):  # a trunk zero instead of the country code
                out.append(f"0{''.join(groups[1:])}")
        return out
    return []

PROPS = settings(max_examples=150, deadline=None,
                 suppress_health_check=[HealthCheck.function_scoped_fixture])


def _vault_guard(strategy: str, on_unrestored: str = "ignore") -> tuple[Guard, str, list[str]]:
    guard = fake_guard(strategy=strategy, on_unrestored=on_unrestored)
    masked = guard.pseudonymize(PROFILE, session_id="s")
    entries = guard.vault("s").entries
    pieces = [e.surrogate for e in entries]
    pieces += [p for e in entries for _, p in e.parts]
    pieces += [m for e in entries for m in mangle(e)] + UNKNOWN
    return guard, masked, pieces


GUARDS: dict[tuple[str, str], tuple[Guard, str, list[str]]] = {}


def guard_for(strategy: str, on_unrestored: str = "ignore") -> tuple[Guard, str, list[str]]:
    if (strategy, on_unrestored) not in GUARDS:
        GUARDS[strategy, on_unrestored] = _vault_guard(strategy, on_unrestored)
    return GUARDS[strategy, on_unrestored]


def answers(pieces: list[str]) -> st.SearchStrategy[str]:
    variants = pieces + [p.upper() for p in pieces] + [p.lower() for p in pieces]
    return st.lists(st.sampled_from(variants + FILLER) | st.text(max_size=4), max_size=25).map(
        "".join)


def chunkings(text: str) -> st.SearchStrategy[list[str]]:
    return st.lists(st.integers(0, len(text)), max_size=12).map(
        lambda cuts: _split(text, sorted(set(cuts))))


def _split(text: str, cuts: list[int]) -> list[str]:
    out, prev = [], 0
    for c in [*cuts, len(text)]:
        out.append(text[prev:c])
        prev = c
    return out


def _stream(guard: Guard, chunks: list[str]) -> str:
    r = guard.stream_restorer(session_id="s")
    return "".join(r.feed(c) for c in chunks) + r.flush()


@pytest.mark.parametrize("strategy", ["faker", "placeholder", "token"])
def test_round_trip_of_the_pseudonymized_profile(strategy) -> None:
    guard, masked, _ = guard_for(strategy)
    for original in ORIGINALS:
        assert original not in masked
    assert guard.restore(masked, session_id="s") == PROFILE


def _outcome(run) -> tuple[str, str | dict[str, int]]:
    try:
        return "text", run()
    except UnrestoredSurrogateError as exc:
        return "raised", exc.counts


@pytest.mark.parametrize("on_unrestored", ["ignore", "mark", "raise"])
@pytest.mark.parametrize("strategy", ["faker", "placeholder", "token"])
def test_streaming_equals_restore_for_any_answer_and_chunking(strategy, on_unrestored) -> None:
    guard, _, pieces = guard_for(strategy, on_unrestored)

    @PROPS
    @given(data=st.data())
    def check(data) -> None:
        answer = data.draw(answers(pieces))
        chunks = data.draw(chunkings(answer))
        whole = _outcome(lambda: guard.restore(answer, session_id="s"))
        streamed = _outcome(lambda: _stream(guard, chunks))
        if whole[0] == "raised":  # a stream raises at the chunk that completes the shape
            assert streamed[0] == "raised"
        else:
            assert streamed == whole

    check()


@pytest.mark.parametrize("strategy", ["faker", "placeholder", "token"])
def test_every_mangled_surrogate_restores_to_no_surrogate(strategy) -> None:
    guard, _, _ = guard_for(strategy)
    for entry in guard.vault("s").entries:
        for form in mangle(entry):
            restored = guard.restore(f"see {form} now", session_id="s")
            assert entry.surrogate not in restored and form not in restored, form
            assert _stream(guard, list(f"see {form} now")) == restored


@pytest.mark.parametrize("strategy", ["faker", "placeholder", "token"])
def test_streamed_masked_profile_restores_in_one_char_chunks(strategy) -> None:
    guard, masked, _ = guard_for(strategy)
    assert _stream(guard, list(masked)) == PROFILE


def test_stream_holds_back_only_possible_surrogate_prefixes(make_guard) -> None:
    guard = make_guard(strategy="placeholder")
    guard.pseudonymize("Write to John Smith", session_id="s")
    r = guard.stream_restorer(session_id="s")
    assert r.feed("Hello there, ") == "Hello there, "
    assert r.feed("dear <PER") == "dear "
    assert r.pending == len("<PER")
    assert r.feed("SON_1>! Bye") == "John Smith! Bye"
    assert r.flush() == ""
    with pytest.raises(ValueError):
        r.feed("late")
    with pytest.raises(TypeError):
        guard.stream_restorer(session_id="s").feed(b"bytes")  # type: ignore[arg-type]


def test_restore_is_one_pass_and_not_order_dependent(make_guard) -> None:
    guard = make_guard(strategy="placeholder")
    masked = guard.pseudonymize(" ".join(f"Contact person{i}@mail.com." for i in range(1, 13)),
                                session_id="s")
    assert "<EMAIL_1>" in masked and "<EMAIL_12>" in masked
    # <EMAIL_1> must not be restored inside <EMAIL_12>, and restored text is never re-scanned
    restored = guard.restore("<EMAIL_12> <EMAIL_1>", session_id="s")
    assert restored == "person12@mail.com person1@mail.com"


@given(st.lists(st.sampled_from(["Hello", "there", "my", "friend", "and", "a", "b", ",", "."]),
                max_size=12).map(" ".join))
@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_round_trip_for_generated_texts_with_pii(words) -> None:
    guard = fake_guard()
    text = f"{words} Mail anna.berg@post.se or call +46 70 123 45 67. {words}"
    masked = guard.pseudonymize(text, session_id="g")
    assert "anna.berg@post.se" not in masked and "+46 70 123 45 67" not in masked
    assert guard.restore(masked, session_id="g") == text


@pytest.mark.parametrize("strategy", ["placeholder", "token"])
def test_placeholders_and_tokens_are_never_detected_as_pii(strategy) -> None:
    guard, _masked, _pieces = guard_for(strategy)
    for surrogate in (e.surrogate for e in guard.vault("s").entries):
        sentence = f"Please forward {surrogate} to the team by Monday."
        spans = guard.detect(sentence)
        start = sentence.index(surrogate)
        # detection may see the token as a word, but pseudonymize never re-masks it
        assert guard.pseudonymize(sentence, session_id=f"fresh-{strategy}") == sentence, spans
        assert not [s for s in spans if s.start >= start and s.end <= start + len(surrogate)
                    and s.entity_type not in ("PERSON", "ORGANIZATION", "LOCATION")]


def test_faker_surrogates_are_recognised_not_remasked() -> None:
    guard, masked, _ = guard_for("faker")
    assert guard.pseudonymize(masked, session_id="s") == masked


def test_no_cross_session_restore_in_threads(make_guard) -> None:
    guard = make_guard()
    people = {f"user-{i}": name for i, name in enumerate(
        ["John Smith", "Maria Garcia", "Peter Novak", "Aiko Tanaka", "Liam O'Brien", "Sara Cohen"])}
    results: dict[str, str] = {}
    errors: list[BaseException] = []

    def work(sid: str, name: str) -> None:
        try:
            for turn in range(3):
                masked = guard.pseudonymize(f"Turn {turn}: my name is {name}.", session_id=sid)
                assert name not in masked
                assert guard.restore(masked, session_id=sid) == f"Turn {turn}: my name is {name}."
            results[sid] = masked
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=item) for item in people.items()]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    for sid, masked in results.items():
        for other, name in people.items():
            if other != sid:
                assert name not in guard.restore(masked, session_id=other)


def test_sessions_are_isolated_across_asyncio_tasks(make_guard) -> None:
    guard = make_guard(strategy="placeholder")

    async def task(sid: str, name: str) -> str:
        with guard.session(sid):
            masked = guard.pseudonymize(f"I am {name}")
            await asyncio.sleep(0)
            return guard.restore(masked)

    async def main() -> list[str]:
        return await asyncio.gather(task("a", "John Smith"), task("b", "Maria Garcia"))

    assert asyncio.run(main()) == ["I am John Smith", "I am Maria Garcia"]
