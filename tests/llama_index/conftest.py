"""Fakes for the LlamaIndex adapter tests: an echo LLM and offline settings.

Nothing here reaches the network: the embedding model is ``MockEmbedding``, the LLM echoes its
prompt, and ``Settings.llm`` is a tripwire that fails any test reaching an unconfigured LLM.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import pytest

pytest.importorskip("llama_index.core")

from llama_index.core import Settings
from llama_index.core.bridge.pydantic import Field
from llama_index.core.embeddings import MockEmbedding
from llama_index.core.llms import (
    CompletionResponse,
    CompletionResponseGen,
    CustomLLM,
    LLMMetadata,
)
from llama_index.core.llms.callbacks import llm_completion_callback


class EchoLLM(CustomLLM):
    """Answers with exactly the prompt it received (plus ``suffix``) and records every prompt.

    Chat calls go through ``messages_to_prompt`` (CustomLLM), so ``received`` holds every text
    that reached the "model". Streamed deltas take their lengths from ``chunk_sizes`` in turn
    (3 characters by default) so that surrogates are split across chunks. ``reply`` replaces
    the echo with an answer computed from the prompt.
    """

    received: list[str] = Field(default_factory=list)
    suffix: str = ""
    chunk_sizes: list[int] = Field(default_factory=lambda: [3])
    reply: Callable[[str], str] | None = Field(default=None, exclude=True)

    @property
    def metadata(self) -> LLMMetadata:
        return LLMMetadata(context_window=8192, num_output=256, model_name="echo")

    def _answer(self, prompt: str) -> str:
        self.received.append(prompt)
        return (self.reply(prompt) if self.reply else prompt) + self.suffix

    @llm_completion_callback()
    def complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponse:
        return CompletionResponse(text=self._answer(prompt))

    @llm_completion_callback()
    def stream_complete(
        self, prompt: str, formatted: bool = False, **kwargs: Any
    ) -> CompletionResponseGen:
        answer = self._answer(prompt)

        def gen() -> CompletionResponseGen:
            start = 0
            for i in itertools.count():
                if start >= len(answer):
                    return
                end = start + self.chunk_sizes[i % len(self.chunk_sizes)]
                yield CompletionResponse(text=answer[:end], delta=answer[start:end])
                start = end

        return gen()


class TripwireLLM(CustomLLM):
    """Stands in for ``Settings.llm``: any use means a test built something unguarded."""

    @property
    def metadata(self) -> LLMMetadata:
        return LLMMetadata(model_name="tripwire")

    def complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponse:
        raise AssertionError("Settings.llm was used: pass the LLM explicitly")

    def stream_complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> Any:
        raise AssertionError("Settings.llm was used: pass the LLM explicitly")


@pytest.fixture(autouse=True, scope="session")
def _offline_settings():
    Settings.llm = TripwireLLM()
    Settings.embed_model = MockEmbedding(embed_dim=8)
    return


@pytest.fixture
def make_echo() -> Callable[..., EchoLLM]:
    """Build an :class:`EchoLLM` with field overrides."""
    return EchoLLM


@pytest.fixture
def echo() -> EchoLLM:
    return EchoLLM()
