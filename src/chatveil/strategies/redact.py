"""The ``redact`` strategy: irreversible removal (the only "anonymize" in chatveil)."""

from __future__ import annotations

from chatveil.strategies._base import Candidate, Request, label_for

__all__ = ["REDACTED", "RedactStrategy"]

#: What ``redact`` leaves; never restored.
REDACTED = "[REDACTED {label}]"


class RedactStrategy:
    """``[REDACTED <LABEL>]``; nothing is stored, so nothing is restored."""

    name = "redact"
    reversible = False

    def candidate(self, request: Request) -> Candidate:
        return Candidate(REDACTED.format(label=label_for(request.entity_type)))
