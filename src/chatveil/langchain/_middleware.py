"""``PseudonymizationMiddleware`` for LangChain v1 ``create_agent``."""

from __future__ import annotations

import threading
from collections.abc import Awaitable, Callable
from typing import Any

from langchain.agents.middleware import AgentMiddleware, ModelRequest, ModelResponse
from langchain_core.language_models import BaseChatModel

from chatveil import Guard, GuardConfig
from chatveil.langchain._chat_model import GuardedChatModel

__all__ = ["PseudonymizationMiddleware"]


class PseudonymizationMiddleware(AgentMiddleware):
    """Keeps personal data out of an agent's model calls while the agent works on originals.

    Every model call runs through a :class:`GuardedChatModel`: the whole state the model sees
    (system prompt, messages of every role, earlier tool calls and tool results) is
    pseudonymized just before the call, and the answer is restored before it enters the
    state. Tools therefore receive the original arguments, their results are pseudonymized
    on the next model call, and streamed tokens (``stream_mode="messages"``) come out
    restored. Unlike the built-in ``PIIMiddleware``, nothing is lost: the user sees the
    original values.

    The session is the thread (``config["configurable"]["thread_id"]``) or ``session_id``;
    without either, each model call uses a per-call vault whose surrogates stay the same
    across the calls of one conversation.

    Args:
        guard: the :class:`~chatveil.Guard` to use; a new one from ``config`` if omitted.
        **config: :class:`~chatveil.GuardConfig` options for the new guard.

    Example:
        >>> agent = create_agent(model, tools, middleware=[PseudonymizationMiddleware()])
        ... # doctest: +SKIP
    """

    def __init__(self, guard: Guard | None = None, **config: Any) -> None:
        super().__init__()
        if guard is not None and config:
            raise TypeError("pass either guard= or configuration options, not both")
        self.guard = guard if guard is not None else Guard(GuardConfig(**config))
        self._lock = threading.Lock()
        self._last: tuple[BaseChatModel, GuardedChatModel] | None = None

    def guarded_model(self, model: BaseChatModel) -> GuardedChatModel:
        """The guarded wrapper of ``model`` (reused while the agent keeps the same model)."""
        if isinstance(model, GuardedChatModel) and model.guard is self.guard:
            return model
        with self._lock:
            last = self._last
            if last is not None and last[0] is model:
                return last[1]
            wrapper = GuardedChatModel.wrap(model, guard=self.guard)
            self._last = (model, wrapper)
            return wrapper

    def wrap_model_call(
        self,
        request: ModelRequest,
        handler: Callable[[ModelRequest], ModelResponse],
    ) -> ModelResponse:
        """Run the model call through the guarded wrapper."""
        return handler(request.override(model=self.guarded_model(request.model)))

    async def awrap_model_call(
        self,
        request: ModelRequest,
        handler: Callable[[ModelRequest], Awaitable[ModelResponse]],
    ) -> ModelResponse:
        """Async version of :meth:`wrap_model_call`."""
        return await handler(request.override(model=self.guarded_model(request.model)))
