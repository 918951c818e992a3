"""The ``token`` strategy: ``[PII_EMAIL_1a2b3c4d]`` from a keyed HMAC, never a bare hash."""

from __future__ import annotations

__all__ = ["TOKEN_RE", "token_for"]

#: Tokens as models return them: any case, optional spaces/underscores inside the brackets.
TOKEN_RE = r"\[\s*PII[\s_]*(?P<tl>[A-Za-z]+)[\s_]*(?P<th>[0-9A-Fa-f]{8})\s*\]"

def token_for(label: str, digest: bytes) -> str:
    return f"[PII_{label}_{digest.hex()[:8]}]"
