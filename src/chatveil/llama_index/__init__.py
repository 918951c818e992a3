"""LlamaIndex adapter: guarded LLMs, a pseudonymizing node postprocessor and ingestion step.

All three share one :class:`~chatveil.Guard`, so the surrogates that retrieved or ingested
documents receive are restored in the LLM's answers::

    from chatveil import Guard
    from chatveil.llama_index import GuardedLLM, PseudonymNodePostprocessor

    guard = Guard()
    engine = index.as_query_engine(
        llm=GuardedLLM.wrap(llm, guard=guard),
        node_postprocessors=[PseudonymNodePostprocessor(guard=guard)],
    )
    with guard.session("user-42"):
        answer = engine.query("What is Jane's phone number?")

Requires ``llama-index-core`` (``pip install 'chatveil[llama-index]'``).
"""

from __future__ import annotations

try:
    import llama_index.core  # noqa: F401
except ImportError:  # pragma: no cover - exercised only without the extra
    from chatveil.errors import MissingDependencyError

    raise MissingDependencyError("llama-index-core", "llama-index") from None

from chatveil.llama_index._llm import GuardedFunctionCallingLLM, GuardedLLM
from chatveil.llama_index._nodes import (
    PseudonymizeTransform,
    PseudonymNodePostprocessor,
)

__all__ = [
    "GuardedFunctionCallingLLM",
    "GuardedLLM",
    "PseudonymNodePostprocessor",
    "PseudonymizeTransform",
]
