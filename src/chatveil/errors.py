"""Errors raised by chatveil.

Every error derives from one root, so ``except ChatveilError`` catches them all::

    ChatveilError
    ├── ConfigurationError          bad GuardConfig / YAML / argument values (also a ValueError)
    ├── MissingDependencyError      an optional extra is not installed (also an ImportError)
    ├── DetectionError              detection failed; nothing was pseudonymized (fail closed)
    ├── UnsupportedContentError     a value chatveil cannot read was not sent (also a TypeError)
    ├── NoSessionError              no session given and no guard.session(...) block (TypeError)
    ├── UnknownSessionError         restore asked for a session that has no vault (also a KeyError)
    ├── SurrogateCollisionError     no unique surrogate could be derived for an original
    ├── VaultCryptoError            an exported vault could not be decrypted or parsed
    ├── StoreUnavailableError       a shared vault store (Redis) could not be reached (fail closed)
    ├── UnrestoredSurrogateError    on_unrestored="raise": an answer holds a surrogate shape the
    │                               session cannot restore
    └── PIILeakError                strict mode / leak guard: an original would reach the model

Messages name entity types, counts and session ids, never original values.
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = [
    "ChatveilError",
    "ConfigurationError",
    "DetectionError",
    "MissingDependencyError",
    "NoSessionError",
    "PIILeakError",
    "StoreUnavailableError",
    "SurrogateCollisionError",
    "UnknownSessionError",
    "UnrestoredSurrogateError",
    "UnsupportedContentError",
    "VaultCryptoError",
]


class ChatveilError(Exception):
    """Root of every error raised by chatveil."""


class ConfigurationError(ChatveilError, ValueError):
    """A configuration value is invalid."""


class MissingDependencyError(ChatveilError, ImportError):
    """An optional dependency is missing; the message says what to install."""

    def __init__(self, package: str, extra: str | None = None, *, install: str | None = None
                 ) -> None:
        self.package = package
        self.extra = extra
        if install is None:
            install = f"pip install 'chatveil[{extra}]'" if extra else f"pip install {package}"
        super().__init__(f"{package} is required for this feature; install it with `{install}`")


class DetectionError(ChatveilError):
    """PII detection failed, so the text was not sent anywhere (fail closed)."""


class UnsupportedContentError(ChatveilError, TypeError):
    """A message, record or argument holds a value chatveil cannot pseudonymize, so nothing
    was sent (fail closed)."""


class NoSessionError(ChatveilError, TypeError):
    """A guard method needs a session: none was given and no ``guard.session(...)`` is active."""

    def __init__(self) -> None:
        super().__init__(
            "no session: pass session_id=... or call inside `with guard.session(...)`; a "
            "pseudonymized text can only be restored in the session that pseudonymized it"
        )


class UnknownSessionError(ChatveilError, KeyError):
    """No vault exists for the session (never used, forgotten or expired)."""

    def __init__(self, session_id: str) -> None:
        self.session_id = session_id
        super().__init__(
            f"no vault for session {session_id!r}: it was never used, was forgotten, or expired"
        )

    def __str__(self) -> str:  # KeyError would quote the whole message
        return str(self.args[0])


class SurrogateCollisionError(ChatveilError):
    """No surrogate distinct from every other original and surrogate could be derived."""


class VaultCryptoError(ChatveilError):
    """An exported vault could not be decrypted (wrong key or tampered data)."""


class UnrestoredSurrogateError(ChatveilError):
    """An answer holds token- or placeholder-shaped text the session's vault cannot restore
    (``GuardConfig(on_unrestored="raise")``): the user would see a surrogate.

    Attributes:
        counts: number of unrestored shapes per label (``PERSON``, ``EMAIL``...), never the
            text itself.
    """

    def __init__(self, counts: Mapping[str, int]) -> None:
        self.counts = dict(sorted(counts.items()))
        total = sum(self.counts.values())
        detail = ", ".join(f"{k}={v}" for k, v in self.counts.items())
        super().__init__(
            f"{total} surrogate-shaped string(s) in the answer could not be restored: the "
            f"session's vault does not know them ({detail})"
        )


class StoreUnavailableError(ChatveilError):
    """A shared vault store or detection cache could not be reached, or failed.

    Raised instead of going on without the session's vault (fail closed): a call that fails
    before the model sends nothing to it, one that fails after returns no answer. The message
    names the operation and the kind of failure, never values.

    Attributes:
        operation: what the store was doing (``"add"``, ``"entries"``...).
    """

    def __init__(self, operation: str, reason: str) -> None:
        self.operation = operation
        super().__init__(
            f"vault store unavailable during {operation} ({reason}): the call stopped and "
            "sent nothing on (fail closed); retry once the store is back"
        )


class PIILeakError(ChatveilError):
    """Personal data would have reached the model.

    Attributes:
        counts: number of leaked values per entity type (never the values themselves).
    """

    def __init__(self, counts: Mapping[str, int], where: str = "model input") -> None:
        self.counts = dict(sorted(counts.items()))
        total = sum(self.counts.values())
        detail = ", ".join(f"{k}={v}" for k, v in self.counts.items())
        super().__init__(f"{total} PII value(s) would reach the {where}: {detail}")
