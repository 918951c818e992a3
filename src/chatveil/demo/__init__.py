"""Helpers for the demo, the notebooks and the example chains.

- :func:`highlight`: detections shown as HTML in Jupyter (no framework needed).
- :class:`OfflineCoachModel`: the offline stand-in chat model used by ``chatveil demo``.
- :class:`ScriptedChatModel`: a scripted chat model that records what it received (tests).
- :class:`MessageRecorder`: a callback that records what an inner model was sent.
- :func:`run_demo`: the guarded career-coach conversation behind ``chatveil demo``.

The chat models need LangChain (``pip install 'chatveil[langchain]'``); they are imported on
first use, so ``from chatveil.demo import highlight`` stays light.
"""

from __future__ import annotations

from typing import Any

from chatveil.demo._highlight import Highlighted, highlight

__all__ = [
    "OFFLINE_NOTICE",
    "Highlighted",
    "MessageRecorder",
    "OfflineCoachModel",
    "ScriptedChatModel",
    "highlight",
    "run_demo",
    "tool_call_message",
]

_LAZY = {
    "OFFLINE_NOTICE": "chatveil.demo._models",
    "MessageRecorder": "chatveil.demo._models",
    "OfflineCoachModel": "chatveil.demo._models",
    "ScriptedChatModel": "chatveil.demo._models",
    "tool_call_message": "chatveil.demo._models",
    "run_demo": "chatveil.demo._conversation",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'chatveil.demo' has no attribute {name!r}")
    try:
        import langchain_core  # noqa: F401
    except ImportError:
        from chatveil.errors import MissingDependencyError

        raise MissingDependencyError("langchain-core", "langchain") from None
    import importlib

    return getattr(importlib.import_module(module), name)
