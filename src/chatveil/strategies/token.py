"""The ``token`` strategy: ``[PII_EMAIL_1a2b3c4d]`` from a keyed HMAC, never a bare hash."""

from __future__ import annotations

from chatveil.strategies._base import Candidate, Request, digest, label_for

__all__ = ["TOKEN_RE", "TokenStrategy", "token_for"]

#: Tokens as models return them: any case, optional spaces/underscores inside the brackets.
TOKEN_RE = r"\[\s*PII[\s_]*(?P<tl>[A-Za-z]+)[\s_]*(?P<th>[0-9A-Fa-f]{8})\s*\]"


def token_for(label: str, mac: bytes) -> str:
    """The token for a label and an HMAC (its first 8 hex digits)."""
    return f"[PII_{label}_{mac.hex()[:8]}]"


class TokenStrategy:
    """``[PII_<LABEL>_<8 hex digits of HMAC(session key, type, original, attempt)>]``."""

    name = "token"
    reversible = True

    def candidate(self, request: Request) -> Candidate:
        mac = digest(request.key, request.entity_type, request.original, request.attempt)
        return Candidate(token_for(label_for(request.entity_type), mac))
