"""Encryption at rest (AES-256-GCM with key ids) and keyed lookup digests (HMAC-SHA256).

A blob is ``version (1 byte) | key id (4 bytes) | nonce (12 bytes) | ciphertext+tag``. The key
id tells which key of the ring encrypted it, so a ring of several keys can decrypt data written
under any of them while only the first encrypts. Every blob is bound to where it lives
(associated data: namespace, session digest, field), so a blob copied into another session or
tenant does not decrypt.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from collections.abc import Sequence

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from chatveil.errors import ConfigurationError, VaultCryptoError

__all__ = ["Digester", "KeyRing", "lookup_digest"]

_VERSION = b"\x01"
_KID = 4
_NONCE = 12
_HEADER = 1 + _KID + _NONCE


def _key_id(key: bytes) -> bytes:
    """A short id of ``key`` that reveals nothing about it (an HMAC under the key itself)."""
    return hmac.new(key, b"chatveil-redis-key-id", hashlib.sha256).digest()[:_KID]


class KeyRing:
    """AES-256-GCM keys: the first encrypts, every one decrypts.

    Args:
        keys: one 32-byte key, or a sequence of them (newest first) to rotate.

    Raises:
        ConfigurationError: no key, a key that is not 32 bytes, or two keys with one id.
    """

    def __init__(self, keys: bytes | Sequence[bytes]) -> None:
        given: list[object] = [keys] if isinstance(keys, (bytes, bytearray)) else [*keys]
        if not given:
            raise ConfigurationError("encryption_key must be 32 bytes or a list of 32-byte keys")
        ring: list[bytes] = []
        for key in given:
            if not isinstance(key, (bytes, bytearray)) or len(key) != 32:
                size = f"{len(key)} bytes" if isinstance(key, (bytes, bytearray)) else "no bytes"
                raise ConfigurationError(
                    f"encryption keys must be 32 bytes (AES-256), got one of {size}"
                )
            ring.append(bytes(key))
        self._ids = [_key_id(k) for k in ring]
        if len(set(self._ids)) != len(ring):
            raise ConfigurationError("encryption_key lists the same key twice")
        self._ciphers = {kid: AESGCM(k) for kid, k in zip(self._ids, ring, strict=True)}

    @property
    def primary_id(self) -> bytes:
        """Id of the key that encrypts."""
        return self._ids[0]

    @property
    def key_ids(self) -> tuple[str, ...]:
        """Ids of every key, newest first, as hex (safe to log)."""
        return tuple(kid.hex() for kid in self._ids)

    def encrypt(self, plaintext: bytes, aad: bytes) -> bytes:
        """Encrypt with the first key; ``aad`` must be given again to decrypt."""
        nonce = os.urandom(_NONCE)
        kid = self._ids[0]
        return _VERSION + kid + nonce + self._ciphers[kid].encrypt(nonce, plaintext, aad)

    def decrypt(self, blob: bytes, aad: bytes) -> bytes:
        """Decrypt a blob written by :meth:`encrypt` under any key of the ring.

        Raises:
            VaultCryptoError: unknown layout, a key not in the ring, or tampered data.
        """
        if len(blob) < _HEADER + 16 or blob[:1] != _VERSION:
            raise VaultCryptoError("stored vault data has an unknown layout")
        kid = blob[1 : 1 + _KID]
        cipher = self._ciphers.get(kid)
        if cipher is None:
            raise VaultCryptoError(
                f"stored vault data was encrypted with key id {kid.hex()}, which is not in "
                f"encryption_key (ids {', '.join(self.key_ids)})"
            )
        try:
            return cipher.decrypt(blob[1 + _KID : _HEADER], blob[_HEADER:], aad)
        except InvalidTag:
            raise VaultCryptoError(
                "stored vault data failed authentication (tampered, or moved from another "
                "session or namespace)"
            ) from None

    def is_current(self, blob: bytes) -> bool:
        """True if ``blob`` is encrypted with the first key (nothing to rotate)."""
        return blob[1 : 1 + _KID] == self._ids[0]

    def __repr__(self) -> str:
        return f"KeyRing(key_ids={list(self.key_ids)})"


def _framed(parts: tuple[bytes, ...]) -> bytes:
    """``parts`` laid end to end, each after its length (4 bytes, big-endian)."""
    return b"".join([len(part).to_bytes(4, "big") + part for part in parts])


def lookup_digest(key: bytes, *parts: bytes, size: int = 16) -> bytes:
    """A keyed digest of ``parts`` (length-prefixed, so part boundaries cannot shift):
    HMAC-SHA256 of the framed parts, cut to ``size`` bytes."""
    return hmac.digest(key, _framed(parts), "sha256")[:size]


class Digester:
    """:func:`lookup_digest` under one key, keyed once: each digest copies an HMAC whose
    key is already set up instead of setting it up again (the digests are the same).

    Holds key material like the key itself does: it never shows it (``repr``) and is never
    stored or sent anywhere.
    """

    __slots__ = ("_mac",)

    def __init__(self, key: bytes) -> None:
        self._mac = hmac.new(key, digestmod=hashlib.sha256)

    def under(self, *parts: bytes) -> Digester:
        """The digests of this digester whose first parts are ``parts``, with those parts
        fed once: ``under(a, b).digest(c) == digest(a, b, c)`` (a session's value digests
        share their first two parts)."""
        made = Digester.__new__(Digester)
        made._mac = self._mac.copy()
        made._mac.update(_framed(parts))
        return made

    def digest(self, *parts: bytes, size: int = 16) -> bytes:
        """``lookup_digest(key, *parts, size=size)``."""
        mac = self._mac.copy()  # (the keyed original is never updated: safe across threads)
        mac.update(_framed(parts))
        return mac.digest()[:size]

    def __repr__(self) -> str:
        return "Digester()"
