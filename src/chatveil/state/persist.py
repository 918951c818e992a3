"""Explicit, encrypted export and import of a vault (Fernet: AES-128-CBC + HMAC-SHA256)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from chatveil.errors import ConfigurationError, VaultCryptoError
from chatveil.state.entries import VaultData

if TYPE_CHECKING:
    from cryptography.fernet import Fernet

__all__ = ["decrypt", "encrypt", "generate_key"]


def generate_key() -> bytes:
    """A new random Fernet key (32 url-safe base64-encoded bytes)."""
    from cryptography.fernet import Fernet

    return Fernet.generate_key()


def encrypt(data: VaultData, key: bytes) -> bytes:
    """``data`` as an encrypted token."""
    return _fernet(key).encrypt(data.to_json())


def decrypt(token: bytes, key: bytes) -> VaultData:
    """The vault data in a token :func:`encrypt` made.

    Raises:
        ConfigurationError: ``key`` is not a Fernet key.
        VaultCryptoError: wrong key, tampered token, or not an exported vault.
    """
    from cryptography.fernet import InvalidToken

    try:
        plain = _fernet(key).decrypt(token)
    except (InvalidToken, TypeError):
        raise VaultCryptoError("cannot decrypt the vault: wrong key or tampered data") from None
    return VaultData.from_json(plain)


def _fernet(key: bytes) -> Fernet:
    from cryptography.fernet import Fernet

    try:
        return Fernet(key)
    except (ValueError, TypeError):
        raise ConfigurationError(
            "vault key must be 32 url-safe base64-encoded bytes (use Guard.generate_key())"
        ) from None
