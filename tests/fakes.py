"""Fast, rule-based stand-ins for detection, so unit tests never load spaCy or Presidio.

:class:`FakeDetector` implements the :class:`chatveil.detect.Detector` protocol with a few
regular expressions (emails, phones, cards, IBANs, SSNs, IPs, API keys), a small list of places
and person names made of a known first name (Faker's English list plus a few) and a capitalised
word, or a title and a capitalised word. It ignores thresholds, allow/deny lists and context
filters: tests of those use the real detector.
"""

from __future__ import annotations

import functools
import re
import time
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from chatveil import Guard, GuardConfig
from chatveil._checksums import luhn_valid
from chatveil.spans import Span, resolve_overlaps

SECRET = b"chatveil-tests-secret-key-0123456789"

_EXTRA_FIRST = """John Jane Maria Peter Alexandra Alexander Aiko Liam Sara Anna Will Bob Carlos Mary
Zlata Tina Teresa Heather Ravi Priya Wei Fatima Olga Dmitri Kwame Amara"""

_PATTERNS: tuple[tuple[str, str], ...] = (
    ("EMAIL_ADDRESS", r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}\b"),
    ("API_KEY", r"\b(?:sk|pk)-[A-Za-z0-9_-]{16,}"),
    ("IBAN_CODE", r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){3,7}(?: ?[A-Z0-9]{1,3})?\b"),
    ("CREDIT_CARD", r"\b\d{4}([ -]?)\d{4}\1\d{4}\1\d{4}\b"),
    ("US_SSN", r"\b\d{3}-\d{2}-\d{4}\b"),
    ("IP_ADDRESS", r"\b\d{1,3}(?:\.\d{1,3}){3}\b"),
    ("PHONE_NUMBER",
     r"(?<![\w+])\+\d{1,3}(?:[ .-]?\(?\d{1,4}\)?){2,5}\d(?![\w-])"
     r"|(?<![\w(+-])\(\d{3}\) ?\d{3}-\d{4}\b"
     r"|(?<![\w+-])\d{3}-\d{3}-\d{4}\b"),
    ("LOCATION", r"\b(?:Boston|London|Sofia|Paris|Berlin|Lisbon|Nairobi)\b"),
)


@functools.lru_cache(maxsize=1)
def _person_re() -> re.Pattern[str]:
    from faker.providers.person.en_US import Provider

    first = set(_EXTRA_FIRST.split()) | {n for n in Provider.first_names if n.isalpha()}
    names = "|".join(sorted(first, key=len, reverse=True))
    last = r"[A-Z](?:[a-z]+|['’][A-Z][a-z]+)(?:-[A-Z][a-z]+)?"
    return re.compile(
        rf"\b(?:(?:Mr|Mrs|Ms|Dr|Prof)\.? {last}|(?:{names}) {last})\b(?!['’][a-rt-z])"
    )


class FakeDetector:
    """Regex detection in microseconds; counts its calls.

    Attributes:
        calls: texts passed to :meth:`detect` / :meth:`detect_many`, in order.
    """

    def __init__(self, entities: Iterable[str] | None = None) -> None:
        self.entities = set(entities) if entities is not None else None
        self.calls: list[str] = []

    def warm_up(self) -> None:
        return None

    def detect(self, text: str) -> list[Span]:
        self.calls.append(text)
        spans = [
            Span(m.start(), m.end(), etype, 0.9)
            for etype, pattern in _PATTERNS
            for m in re.finditer(pattern, text)
            if etype != "CREDIT_CARD" or luhn_valid(re.sub(r"\D", "", m.group(0)))
        ]
        spans += [Span(m.start(), m.end(), "PERSON", 0.85) for m in _person_re().finditer(text)]
        if self.entities is not None:
            spans = [s for s in spans if s.entity_type in self.entities]
        return resolve_overlaps(spans)

    def detect_many(
        self, texts: Sequence[str], *, batch_size: int = 32, progress: Any = None
    ) -> list[list[Span]]:
        out = []
        for text in texts:
            out.append(self.detect(text))
            if progress is not None:
                progress.update(1)
        return out


class BrokenDetector(FakeDetector):
    """A detector whose engine fails with a message that quotes the text."""

    def detect(self, text: str) -> list[Span]:
        raise RuntimeError(f"engine crashed on {text!r}")


def fake_guard(detector: FakeDetector | None = None, **options: Any) -> Guard:
    """A guard on a :class:`FakeDetector` with the tests' fixed secret."""
    options.setdefault("secret_key", SECRET)
    return Guard(GuardConfig(**options), detector=detector or FakeDetector())


MakeGuard = Callable[..., Guard]


def wait_for(condition: Callable[[], bool], timeout: float = 10.0) -> bool:
    """Poll ``condition`` until it holds or ``timeout`` seconds pass; its last value.

    Expiry tests wait with this rather than a fixed sleep: a loaded machine may take longer
    than a session's lifetime between two calls, and a fixed sleep then fails at random.
    """
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def wait_a_lifetime(guard: Guard, idle: str = "idle") -> None:
    """Return once a whole ``vault_ttl`` has passed from now, by polling: a session created
    now and never used again (not held by any call) has expired. Tests of calls slower than
    the lifetime wait with this inside the call."""
    guard.vault_store.create(idle)
    assert wait_for(lambda: not guard.has_session(idle)), "an idle session did not expire"
