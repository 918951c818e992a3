"""chatveil: keep personal data out of LLM calls without breaking the conversation.

Before a model call, personal data in the whole history is replaced with surrogates; after
the call, the originals are restored in the answer, streamed chunks and tool-call arguments.

``import chatveil`` is light: no framework and no spaCy model is loaded until first used.
"""

from __future__ import annotations

from typing import Any

from chatveil._guard import Guard, Tally
from chatveil._instruction import KEEP_VERBATIM_INSTRUCTION
from chatveil._session import current_session
from chatveil._version import __version__
from chatveil.config import DEFAULT_ENTITIES, STRATEGIES, GuardConfig
from chatveil.errors import (
    ChatveilError,
    ConfigurationError,
    DetectionError,
    MissingDependencyError,
    NoSessionError,
    PIILeakError,
    StoreUnavailableError,
    SurrogateCollisionError,
    UnknownSessionError,
    UnrestoredSurrogateError,
    UnsupportedContentError,
    VaultCryptoError,
)
from chatveil.restore import StreamRestorer
from chatveil.spans import Span
from chatveil.state import (
    DetectionCache,
    Entry,
    MemoryDetectionCache,
    MemoryVaultStore,
    VaultData,
    VaultStore,
)

#: Kept for compatibility: a session's vault is plain data now (:class:`VaultData`).
Vault = VaultData

__all__ = [
    "DEFAULT_ENTITIES",
    "KEEP_VERBATIM_INSTRUCTION",
    "STRATEGIES",
    "ChatveilError",
    "ConfigurationError",
    "DetectionCache",
    "DetectionError",
    "Entry",
    "Guard",
    "GuardConfig",
    "MemoryDetectionCache",
    "MemoryVaultStore",
    "MissingDependencyError",
    "NoSessionError",
    "PIILeakError",
    "Span",
    "StoreUnavailableError",
    "StreamRestorer",
    "SurrogateCollisionError",
    "Tally",
    "UnknownSessionError",
    "UnrestoredSurrogateError",
    "UnsupportedContentError",
    "Vault",
    "VaultCryptoError",
    "VaultData",
    "VaultStore",
    "__version__",
    "current_session",
    "guarded",
]


def guarded(llm: Any, guard: Guard | None = None, **config: Any) -> Any:
    """Wrap a chat model so every call is pseudonymized and every answer restored.

    Args:
        llm: a LangChain chat model (``BaseChatModel``) or a LlamaIndex ``LLM``.
        guard: the :class:`Guard` to use; a new one built from ``config`` if omitted.
        **config: :class:`GuardConfig` options for the new guard.

    Returns:
        A ``GuardedChatModel`` (LangChain) or a guarded LlamaIndex LLM.

    Raises:
        TypeError: ``llm`` is neither.
    """
    if guard is not None and config:
        raise ConfigurationError("pass either guard= or configuration options, not both")
    if _inherits(llm, "langchain_core.language_models.chat_models", "BaseChatModel"):
        from chatveil.langchain import GuardedChatModel

        return GuardedChatModel.wrap(llm, guard=guard or Guard(GuardConfig(**config)))
    if _inherits(llm, "llama_index.core.llms.llm", "LLM"):
        from chatveil.llama_index import GuardedLLM

        return GuardedLLM.wrap(llm, guard=guard or Guard(GuardConfig(**config)))
    raise TypeError(
        "guarded() expects a LangChain chat model (BaseChatModel) or a LlamaIndex LLM, "
        f"got {type(llm).__name__}"
    )


def _inherits(obj: Any, module: str, name: str) -> bool:
    """True if ``obj``'s class derives from ``module.name``, without importing that module."""
    return any(c.__module__ == module and c.__name__ == name for c in type(obj).__mro__)
