"""Explicit, encrypted export and import of a vault (Fernet: AES-128-CBC + HMAC-SHA256)."""

from __future__ import annotations

from typing import Any

from chatveil.errors import ConfigurationError

__all__ = ["fernet"]

def fernet(key: bytes) -> Any:
    from cryptography.fernet import Fernet

    try:
        return Fernet(key)
    except (ValueError, TypeError):
        raise ConfigurationError(
            "vault key must be 32 url-safe base64-encoded bytes (use Guard.generate_key())"
        ) from None
