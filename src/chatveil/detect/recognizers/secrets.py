"""Secrets without a provider prefix: high-entropy values assigned to a secret-like name
(``key=...``, ``secret: ...``, ``webhook_secret="..."``) and AWS secret access keys after their
cue. Reported as ``API_KEY``.

Hashes, UUIDs and commit ids stay: they only count when a secret-like name is assigned them.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import Any

from presidio_analyzer import EntityRecognizer, RecognizerResult

__all__ = ["SecretAssignmentRecognizer", "entropy"]

_NAME = "ChatveilSecretAssignmentRecognizer"

#: ``name = value`` / ``name: value`` / ``"name": "value"`` / ``--name value`` / ``NAME=value``
#: where the name says secret.
_ASSIGNMENT = re.compile(
    r"(?P<name>\b[\w.\-]*?(?:secret|passw(?:or)?d|pwd|token|api[_\-]?key|apikey|access[_\-]?key|"
    r"private[_\-]?key|client[_\-]?key|signing[_\-]?key|encryption[_\-]?key|auth[_\-]?key|"
    r"account[_\-]?key|credential|(?<![a-z])key)s?[\w\-]*)"
    r"[\"']?[ \t]*(?::=|=>|=|:|[ \t])[ \t]*(?:b|r)?[\"'`]?"
    r"(?P<value>[A-Za-z0-9+/_\-.~=:$!@#%^&*]{8,512}?)(?=[\"'`]|[\s,;)}\]]|$)",
    re.IGNORECASE | re.MULTILINE,
)
#: AWS secret access keys: 40 base64 characters after their cue.
_AWS_SECRET = re.compile(
    r"(?:aws_?secret(?:_access)?_?key|secret[ _]?access[ _]?key|SecretAccessKey|aws[ _]secret)"
    r"[\"']?[ \t]*(?:=|:|is|[ \t])*[ \t]*[\"']?(?P<value>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])",
    re.IGNORECASE,
)
_PLACEHOLDERS = re.compile(
    r"^(?:x+|\*+|\.+|-+|<.*>|\{.*\}|\$\{?\w+\}?|%\(?\w+\)?s?|your[_\-]?\w*|changeme|"
    r"example\w*|placeholder|redacted|secret|password|none|null|true|false|undefined|"
    r"os\.environ.*|process\.env.*|getenv.*|env\..*|settings\..*|config\..*|self\..*)$",
    re.IGNORECASE,
)


def entropy(value: str) -> float:
    """Shannon entropy of ``value`` in bits per character."""
    counts = Counter(value)
    n = len(value)
    return -sum(c / n * math.log2(c / n) for c in counts.values())


def secret_like(value: str, password: bool = False) -> bool:
    """True if ``value`` looks generated rather than written: long enough, mixed, high entropy.

    A password (the name says so) only needs 8 characters that are not a placeholder.
    """
    if _PLACEHOLDERS.match(value) or "://" in value:
        return False
    if password:
        return len(value) >= 8 and len(set(value)) >= 5
    if len(value) < 16:
        return False
    classes = sum((any(c.islower() for c in value), any(c.isupper() for c in value),
                   any(c.isdigit() for c in value)))
    if re.fullmatch(r"[0-9a-fA-F]+", value):  # hex: 32+ digits of it
        return len(value) >= 32 and entropy(value) >= 3.0
    if classes < 2:
        return False
    if not any(c.isdigit() for c in value) and classes < 3 and not (
            len(value) >= 24 and entropy(value) >= 4.0):
        return False
    if re.fullmatch(r"[a-z]+(?:[_\-.][a-z]+)+", value, re.IGNORECASE):  # words_with_separators
        return False
    return entropy(value) >= 3.5


class SecretAssignmentRecognizer(EntityRecognizer):
    """High-entropy values assigned to secret-like names, and AWS secret access keys."""

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_entities=["API_KEY"], supported_language=supported_language,
                         name=_NAME)

    def load(self) -> None:  # nothing to load
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None
                ) -> list[RecognizerResult]:
        if "API_KEY" not in entities:
            return []
        out = []
        for m in _AWS_SECRET.finditer(text):
            out.append(self._result(m.start("value"), m.end("value"), 0.9))
        lowered = text.lower()
        if not any(w in lowered for w in ("key", "secret", "token", "pass", "pwd", "credential")):
            return out
        for m in _ASSIGNMENT.finditer(text):
            value = m.group("value").rstrip(".:")
            name = m.group("name").lower()
            password = bool(re.search(r"passw(?:or)?d|pwd", name))
            if secret_like(value, password=password):
                start = m.start("value")
                out.append(self._result(start, start + len(value), 0.85 if not password else 0.7))
        return out

    def _result(self, start: int, end: int, score: float) -> RecognizerResult:
        return RecognizerResult(
            "API_KEY", start, end, score,
            recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: _NAME,
                                  RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id},
        )
