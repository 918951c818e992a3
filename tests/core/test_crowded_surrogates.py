"""A long text can use up the usual surrogate space: the faker strategy still finds one."""

from __future__ import annotations

import re
from collections.abc import Sequence

import pytest
from faker.providers.address.en_US import Provider as Address
from faker.providers.person.en_US import Provider as Person

from chatveil import Guard, GuardConfig
from chatveil.spans import Span
from fakes import SECRET

#: Every word a usual en_US fake street is made of: names, street types, unit designators.
_CROWD = " ".join(sorted({*Person.first_names, *Person.last_names, *Address.street_suffixes,
                          "Apt.", "Suite"}))


class _Given:
    """Detects exactly the given values (the crowd as one place, then the street)."""

    def __init__(self, values: dict[str, str]) -> None:
        self.values = values

    def warm_up(self) -> None:
        pass

    def detect(self, text: str) -> list[Span]:
        spans = []
        for value, etype in self.values.items():
            start = text.find(value)
            if start != -1:
                spans.append(Span(start, start + len(value), etype, 1.0))
        return sorted(spans)

    def detect_many(self, texts: Sequence[str], **_: object) -> list[list[Span]]:
        return [self.detect(t) for t in texts]


def _words(text: str) -> set[str]:
    return {w.casefold() for w in re.findall(r"[^\W\d_]+(?:[-.][^\W\d_]+)*\.?", text)}


@pytest.mark.parametrize(("street", "reused"), [("105 Cole Walk", "walk"), ("12 Qzxv", None)])
def test_a_street_gets_a_surrogate_when_every_usual_street_word_is_taken(
    street: str, reused: str | None
) -> None:
    text = f"{_CROWD}\nShip it to {street} before Monday."
    guard = Guard(GuardConfig(secret_key=SECRET, strategies={"LOCATION": "placeholder"}),
                  detector=_Given({_CROWD: "LOCATION", street: "STREET_ADDRESS"}))
    masked = guard.pseudonymize(text, session_id="crowded")  # used to raise after 64 attempts
    assert guard.restore(masked, session_id="crowded") == text
    (entry,) = [e for e in guard.vault("crowded").entries if e.entity_type == "STREET_ADDRESS"]
    assert entry.original == street and entry.surrogate in masked and street not in masked
    shared = _words(entry.surrogate) & (_words(_CROWD) - _words(street))
    assert not shared  # no word of another value of the text
    if reused:  # a compound of two names and the original's own street type
        assert re.fullmatch(r"\d+ [A-Z][a-z']+-[A-Z][a-z']+ Walk", entry.surrogate)
    else:  # no street type of its own, every other one taken: the last resort
        assert re.fullmatch(r"<ADDRESS_\d+>", entry.surrogate)


def test_cached_name_weights_pick_what_faker_picks(monkeypatch: pytest.MonkeyPatch) -> None:
    import chatveil.strategies.faker as faker_module
    from chatveil.strategies import FakerStrategy

    fast = FakerStrategy()
    fast.fake(SECRET, "PERSON", "warm up", 0)  # builds its Faker with the cached weights
    monkeypatch.setattr(faker_module, "_cache_name_weights", lambda fake: None)
    plain = FakerStrategy()
    cases = [(etype, original, attempt)
             for etype, original in (("PERSON", "Maria Lopez"), ("PERSON", "Dr Okafor"),
                                     ("EMAIL_ADDRESS", "m@x.org"), ("STREET_ADDRESS", "1 Elm Walk"),
                                     ("LOCATION", "Lyon"), ("ORGANIZATION", "Acme"),
                                     ("USERNAME", "maria_lopez99"))
             for attempt in range(0, 40, 3)]
    for etype, original, attempt in cases:
        assert fast.fake(SECRET, etype, original, attempt) == plain.fake(
            SECRET, etype, original, attempt)
    # the cache is in use (a plain function), and the plain strategy picks with Faker's method
    assert not hasattr(fast._faker.first_name, "__self__")
    assert hasattr(plain._faker.first_name, "__self__")


def test_a_surrogate_part_restores_when_its_original_is_another_surrogates_part() -> None:
    # Maria's surrogate begins with "John"; then the user names a real John, whose surrogate
    # is Melissa Rodriguez. "Hi Melissa" in the answer is John's, and only John's: it restores.
    # "John" alone stays ambiguous (Maria's surrogate part, or the real name) and is left.
    from chatveil.index import VaultIndex
    from chatveil.restore import Matcher
    from chatveil.state.entries import Entry

    index = VaultIndex("e")
    index.extend([
        Entry("Maria Lopez", "John Hernandez", "PERSON",
              (("Maria", "John"), ("Lopez", "Hernandez"))),
        Entry("John Carter", "Melissa Rodriguez", "PERSON",
              (("John", "Melissa"), ("Carter", "Rodriguez"))),
    ])
    answer = "Hi Melissa,\nBest wishes,\nJohn Hernandez"
    assert Matcher(index).restore(answer) == "Hi John,\nBest wishes,\nMaria Lopez"
