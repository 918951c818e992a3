"""Explicit, encrypted export and import of a vault (Fernet: AES-128-CBC + HMAC-SHA256).

:func:`decrypt` returns only a vault that could have come from a session: its layout parses and
its entries are consistent among themselves (:func:`check`), so an import can validate
everything before it adds anything.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from chatveil.errors import ConfigurationError, VaultCryptoError
from chatveil.state.entries import VaultData

if TYPE_CHECKING:
    from cryptography.fernet import Fernet

__all__ = ["check", "counters_for", "decrypt", "encrypt", "generate_key"]

_TYPE_NAME = re.compile(r"[A-Z][A-Z0-9_]*")
_LABEL = re.compile(r"[A-Z]+")
_PLACEHOLDER = re.compile(r"<([A-Z]+)_(\d+)>")


def generate_key() -> bytes:
    """A new random Fernet key (32 url-safe base64-encoded bytes)."""
    from cryptography.fernet import Fernet

    return Fernet.generate_key()


def encrypt(data: VaultData, key: bytes) -> bytes:
    """``data`` as an encrypted token."""
    return _fernet(key).encrypt(data.to_json())


def decrypt(token: bytes, key: bytes) -> VaultData:
    """The vault data in a token :func:`encrypt` made, checked with :func:`check`.

    Raises:
        ConfigurationError: ``key`` is not a Fernet key.
        VaultCryptoError: wrong key, tampered token, not an exported vault, or a vault whose
            entries contradict each other.
    """
    from cryptography.fernet import InvalidToken

    try:
        plain = _fernet(key).decrypt(token)
    except (InvalidToken, TypeError):
        raise VaultCryptoError("cannot decrypt the vault: wrong key or tampered data") from None
    data = VaultData.from_json(plain)
    check(data)
    return data


def check(data: VaultData) -> None:
    """Check that ``data`` could be a session's vault: entity types are type names, counters
    are label -> non-negative integer, and no two entries share an original or a surrogate, nor
    is one entry's surrogate another's original (all compared casefolded).

    Raises:
        VaultCryptoError: naming how many entries are at fault, never their values.
    """
    originals: dict[str, int] = {}
    surrogates: dict[str, int] = {}
    bad: set[int] = set()
    for i, entry in enumerate(data.entries):
        if not _TYPE_NAME.fullmatch(entry.entity_type):
            bad.add(i)
        original, surrogate = entry.original.casefold(), entry.surrogate.casefold()
        if original == surrogate:
            bad.add(i)
        for value, seen in ((original, originals), (surrogate, surrogates)):
            if value in seen:
                bad.update((i, seen[value]))
            seen[value] = i
    for value, i in surrogates.items():
        j = originals.get(value)
        if j is not None and j != i:
            bad.update((i, j))
    if bad:
        raise VaultCryptoError(
            f"the exported vault is malformed: {len(bad)} of its {len(data.entries)} entries "
            "have an invalid type or share an original or a surrogate with another entry"
        )
    if not all(_LABEL.fullmatch(k) and v >= 0 for k, v in data.counters.items()):
        raise VaultCryptoError("the exported vault is malformed: invalid counters")


def counters_for(data: VaultData) -> dict[str, int]:
    """The counters an import raises the session's to: the exported ones, and at least the
    highest number of each label's placeholders (so none is issued twice)."""
    counters = dict(data.counters)
    for entry in data.entries:
        m = _PLACEHOLDER.fullmatch(entry.surrogate)
        if m is not None:
            counters[m.group(1)] = max(counters.get(m.group(1), 0), int(m.group(2)))
    return counters


def _fernet(key: bytes) -> Fernet:
    from cryptography.fernet import Fernet

    try:
        return Fernet(key)
    except (ValueError, TypeError):
        raise ConfigurationError(
            "vault key must be 32 url-safe base64-encoded bytes (use Guard.generate_key())"
        ) from None
