"""GuardedLLM: prompts and messages pseudonymized, answers and streams restored."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from llama_index.core.base.llms.types import (
    ChatMessage,
    ChatResponse,
    ImageBlock,
    MessageRole,
    TextBlock,
    ThinkingBlock,
    ToolCallBlock,
)
from llama_index.core.bridge.pydantic import Field
from llama_index.core.llms import CustomLLM, LLMMetadata
from llama_index.core.llms.callbacks import llm_chat_callback
from llama_index.core.prompts import PromptTemplate

from chatveil import DetectionError, Guard, guarded
from chatveil.llama_index import GuardedLLM

PROMPT = "Contact Jane Doe at jane.doe@acme.com or +1 415-555-0132 about the invoice."
ORIGINALS = ["Jane Doe", "jane.doe@acme.com", "+1 415-555-0132"]


def assert_hidden(received: list[str], originals: list[str] = ORIGINALS) -> None:
    assert received, "the inner model was never called"
    for text in received:
        for original in originals:
            assert original not in text


def stream_text(chunks: list[Any], text_of) -> str:
    """Check every chunk's accumulated text equals the deltas so far; return the total."""
    total = ""
    for chunk in chunks:
        total += chunk.delta or ""
        assert text_of(chunk) == total
    return total


# ---------------------------------------------------------------------- sync and async
def test_complete_hides_originals_and_restores_answer(guard: Guard, echo: CustomLLM) -> None:
    llm = GuardedLLM.wrap(echo, guard=guard)
    with guard.session("u1"):
        answer = llm.complete(PROMPT)
    assert answer.text == PROMPT
    assert_hidden(echo.received)
    assert echo.received == [guard.pseudonymize(PROMPT, session_id="u1")]


def test_chat_pseudonymizes_every_role_and_keeps_message_fields(
    guard: Guard, echo: CustomLLM
) -> None:
    llm = GuardedLLM.wrap(echo, guard=guard)
    history = [
        ChatMessage(role=MessageRole.SYSTEM, content="You help Jane Doe."),
        ChatMessage(role=MessageRole.USER, content=PROMPT, additional_kwargs={"name": "u"}),
        ChatMessage(role=MessageRole.ASSISTANT, content="Sure, I will write to jane.doe@acme.com."),
    ]
    plain = type(echo)().chat(history).message.content
    with guard.session("u1"):
        response = llm.chat(history)
    assert response.message.content == plain
    assert response.message.role == MessageRole.ASSISTANT
    assert_hidden(echo.received)
    assert history[1].content == PROMPT and history[1].additional_kwargs == {"name": "u"}


def test_async_complete_and_chat(guard: Guard, echo: CustomLLM) -> None:
    llm = GuardedLLM.wrap(echo, guard=guard)

    async def main() -> tuple[str, str | None]:
        with guard.session("u1"):
            done = await llm.acomplete(PROMPT)
            chat = await llm.achat([ChatMessage(role=MessageRole.USER, content=PROMPT)])
        return done.text, chat.message.content

    text, content = asyncio.run(main())
    assert text == PROMPT
    assert content == "user: " + PROMPT + "\nassistant: "
    assert_hidden(echo.received)


def test_predict_uses_the_inner_system_prompt_and_restores(guard: Guard, make_echo) -> None:
    inner = make_echo(system_prompt="You assist Jane Doe.")
    llm = GuardedLLM.wrap(inner, guard=guard)
    template = PromptTemplate("Write to {who}.")
    with guard.session("u1"):
        out = llm.predict(template, who="jane.doe@acme.com")
    plain = make_echo(system_prompt="You assist Jane Doe.")
    assert out == plain.predict(template, who="jane.doe@acme.com")
    assert out.startswith("You assist Jane Doe.")
    assert_hidden(inner.received)


# ---------------------------------------------------------------------- streaming
@pytest.mark.parametrize("chunk_size", [1, 2, 5, 64])
def test_stream_complete_restores_deltas_and_keeps_text_consistent(
    guard: Guard, make_echo, chunk_size: int
) -> None:
    echo = make_echo(chunk_sizes=[chunk_size])
    llm = GuardedLLM.wrap(echo, guard=guard)
    with guard.session("u1"):
        chunks = list(llm.stream_complete(PROMPT))
    assert stream_text(chunks, lambda c: c.text) == PROMPT
    assert_hidden(echo.received)


def test_stream_chat_restores_deltas_and_message(guard: Guard, echo: CustomLLM) -> None:
    llm = GuardedLLM.wrap(echo, guard=guard)
    with guard.session("u1"):
        chunks = list(llm.stream_chat([ChatMessage(role=MessageRole.USER, content=PROMPT)]))
    total = stream_text(chunks, lambda c: c.message.content)
    assert total == "user: " + PROMPT + "\nassistant: "
    assert all(c.message.role == MessageRole.ASSISTANT for c in chunks)
    assert_hidden(echo.received)


def test_async_streams(guard: Guard, echo: CustomLLM) -> None:
    llm = GuardedLLM.wrap(echo, guard=guard)

    async def main() -> tuple[list, list]:
        with guard.session("u1"):
            done = [c async for c in await llm.astream_complete(PROMPT)]
            gen = await llm.astream_chat([ChatMessage(role=MessageRole.USER, content=PROMPT)])
            chat = [c async for c in gen]
        return done, chat

    done, chat = asyncio.run(main())
    assert stream_text(done, lambda c: c.text) == PROMPT
    assert stream_text(chat, lambda c: c.message.content) == "user: " + PROMPT + "\nassistant: "
    assert_hidden(echo.received)


def test_stream_consumed_outside_the_session_block_uses_the_session_of_the_call(
    guard: Guard, echo: CustomLLM
) -> None:
    llm = GuardedLLM.wrap(echo, guard=guard)
    with guard.session("u1"):
        stream = llm.stream_complete(PROMPT)
    assert stream_text(list(stream), lambda c: c.text) == PROMPT
    assert not guard.has_session("default")


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(sizes=st.lists(st.integers(min_value=1, max_value=12), min_size=1, max_size=40))
def test_streamed_equals_non_streamed_for_any_chunking(
    guard: Guard, make_echo, sizes: list[int]
) -> None:
    answer = guard.pseudonymize(PROMPT, session_id="prop")
    echo = make_echo(chunk_sizes=sizes, reply=lambda _prompt: answer)
    llm = GuardedLLM.wrap(echo, guard=guard).for_session("prop")
    chunks = list(llm.stream_complete("anything"))
    assert stream_text(chunks, lambda c: c.text) == guard.restore(answer, session_id="prop")
    assert stream_text(chunks, lambda c: c.text) == PROMPT


# ---------------------------------------------------------------------- blocks and tool calls
class BlockLLM(CustomLLM):
    """A chat model that records the messages it gets and answers with rich blocks."""

    seen: list[list[ChatMessage]] = Field(default_factory=list)

    @property
    def metadata(self) -> LLMMetadata:
        return LLMMetadata(is_chat_model=True, model_name="blocks", context_window=4096)

    @llm_chat_callback()
    def chat(self, messages: Any, **kwargs: Any) -> ChatResponse:
        self.seen.append(list(messages))
        text = messages[-1].blocks[0].text
        return ChatResponse(
            message=ChatMessage(
                role=MessageRole.ASSISTANT,
                blocks=[
                    ThinkingBlock(content=f"The user wrote: {text}"),
                    TextBlock(text=text),
                    ToolCallBlock(
                        tool_call_id="call-1",
                        tool_name="send_email",
                        tool_kwargs={"body": text, "cc": [text], "urgent": True},
                    ),
                ],
            ),
            additional_kwargs={"usage": 3},
        )

    def complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> Any:
        raise NotImplementedError

    def stream_complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> Any:
        raise NotImplementedError


def test_blocks_in_and_out(guard: Guard) -> None:
    inner = BlockLLM()
    llm = GuardedLLM.wrap(inner, guard=guard)
    image = ImageBlock(url="https://example.com/cat.png")
    history = [
        ChatMessage(
            role=MessageRole.ASSISTANT,
            blocks=[
                ThinkingBlock(content="Jane Doe wants an invoice."),
                ToolCallBlock(
                    tool_call_id="c0", tool_name="lookup", tool_kwargs={"who": "Jane Doe"}
                ),
            ],
        ),
        ChatMessage(
            role=MessageRole.TOOL,
            content="Found jane.doe@acme.com",
            additional_kwargs={"tool_call_id": "c0"},
        ),
        ChatMessage(role=MessageRole.USER, blocks=[TextBlock(text=PROMPT), image]),
    ]
    with guard.session("u1"):
        response = llm.chat(history)

    sent = inner.seen[0]
    assert [m.role for m in sent] == [m.role for m in history]
    assert sent[1].additional_kwargs == {"tool_call_id": "c0"}
    assert sent[0].blocks[1].tool_call_id == "c0" and sent[0].blocks[1].tool_name == "lookup"
    assert sent[2].blocks[1] == image
    assert_hidden([m.model_dump_json() for m in sent])

    thinking, text, call = response.message.blocks
    assert thinking.content == f"The user wrote: {PROMPT}"
    assert text.text == PROMPT
    assert call.tool_kwargs == {"body": PROMPT, "cc": [PROMPT], "urgent": True}
    assert call.tool_name == "send_email" and call.tool_call_id == "call-1"
    assert response.additional_kwargs == {"usage": 3}


# ---------------------------------------------------------------------- sessions
def test_a_session_never_restores_another_sessions_originals(guard: Guard, make_echo) -> None:
    foreign = guard.pseudonymize("Write to alice.smith@example.org", session_id="alice")
    echo = make_echo(suffix=" " + foreign)
    llm = GuardedLLM.wrap(echo, guard=guard)
    with guard.session("bob"):
        answer = llm.complete(PROMPT).text
    assert answer == PROMPT + " " + foreign
    assert "alice.smith@example.org" not in answer


def test_for_session_binds_the_session(guard: Guard, echo: CustomLLM) -> None:
    llm = GuardedLLM.wrap(echo, guard=guard)
    bound = llm.for_session("u7")
    with guard.session("other"):
        assert bound.complete(PROMPT).text == PROMPT
    assert guard.has_session("u7") and not guard.has_session("other")
    assert bound.llm is echo and bound.guard is guard and llm.session_id is None


# ---------------------------------------------------------------------- wiring
def test_guarded_dispatches_and_wrap_is_idempotent(guard: Guard, echo: CustomLLM) -> None:
    llm = guarded(echo, guard=guard)
    assert isinstance(llm, GuardedLLM) and llm.llm is echo and llm.guard is guard
    assert GuardedLLM.wrap(llm, guard=guard) is llm
    assert GuardedLLM.wrap(llm) is llm


def test_metadata_is_the_inner_models(guard: Guard) -> None:
    inner = BlockLLM()
    meta = GuardedLLM.wrap(inner, guard=guard).metadata
    assert meta.is_chat_model is True
    assert meta.context_window == 4096 and meta.model_name == "blocks"
    assert meta.is_function_calling_model is False


def test_keep_verbatim_instruction_with_placeholders(make_guard, echo: CustomLLM) -> None:
    guard = make_guard(strategy="placeholder")
    inner = BlockLLM()
    with guard.session("u1"):
        GuardedLLM.wrap(inner, guard=guard).chat([ChatMessage(role="user", content=PROMPT)])
        GuardedLLM.wrap(inner, guard=guard).chat(
            [
                ChatMessage(role="system", content="Be brief."),
                ChatMessage(role="user", content=PROMPT),
            ]
        )
        GuardedLLM.wrap(echo, guard=guard).complete(PROMPT)
    first, second = inner.seen
    assert first[0].role == MessageRole.SYSTEM and first[0].content == guard.instruction
    assert first[1].content == "Contact <PERSON_1> at <EMAIL_1> or <PHONE_1> about the invoice."
    assert len(second) == 2 and second[0].content == "Be brief.\n" + guard.instruction
    assert echo.received[0] == guard.instruction + "\n\n" + first[1].content


def test_detection_failure_fails_closed(guard: Guard, echo: CustomLLM, monkeypatch) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise DetectionError("detection failed (RuntimeError); nothing was pseudonymized")

    monkeypatch.setattr(guard, "pseudonymize", broken)
    monkeypatch.setattr(guard, "pseudonymize_batch", broken)
    monkeypatch.setattr(guard, "_pseudonymize_texts", broken)  # what adapters call
    llm = GuardedLLM.wrap(echo, guard=guard)
    with pytest.raises(DetectionError):
        llm.complete(PROMPT)
    with pytest.raises(DetectionError):
        llm.chat([ChatMessage(role="user", content=PROMPT)])
    with pytest.raises(DetectionError):
        llm.stream_complete(PROMPT)
    with pytest.raises(DetectionError):
        asyncio.run(llm.achat([ChatMessage(role="user", content=PROMPT)]))
    assert echo.received == []


def test_repr_and_metrics_carry_no_values(guard: Guard, echo: CustomLLM) -> None:
    llm = GuardedLLM.wrap(echo, guard=guard)
    with guard.session("u1"):
        llm.complete(PROMPT)
    text = repr(llm) + str(guard.metrics()) + str(llm.to_dict())
    for value in [*ORIGINALS, echo.received[0]]:
        assert value not in text
    assert guard.metrics()["pseudonymized"]["EMAIL_ADDRESS"] == 1
