"""The ``redact`` strategy: irreversible removal (the only "anonymize" in chatveil)."""

from __future__ import annotations

__all__ = ["REDACTED"]

#: What ``redact`` leaves; never restored.
REDACTED = "[REDACTED {label}]"
