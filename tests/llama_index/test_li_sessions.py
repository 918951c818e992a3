"""The one session policy in the LlamaIndex adapter: never a session shared between callers."""

from __future__ import annotations

import re

from llama_index.core.base.llms.types import ChatMessage, MessageRole
from llama_index.core.schema import NodeWithScore, TextNode

from chatveil import Guard
from chatveil.llama_index import GuardedLLM, PseudonymNodePostprocessor

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")


def test_a_caller_without_a_session_never_gets_another_callers_originals(
    guard: Guard, make_echo
) -> None:
    """Regression: every caller without a session used to share one "default" vault, so
    caller B, quoting the surrogate caller A's email had received, got A's email back."""
    echo = make_echo()
    llm = GuardedLLM.wrap(echo, guard=guard)
    assert llm.complete("Caller A: write to alice.private@acme.com").text == (
        "Caller A: write to alice.private@acme.com"
    )
    surrogate = EMAIL.search(echo.received[-1]).group(0)
    assert surrogate != "alice.private@acme.com"
    # caller B, no session either, asks the model about that surrogate
    answer = llm.complete(f"Caller B: who is {surrogate}?").text
    assert "alice.private@acme.com" not in answer
    chat = llm.chat([ChatMessage(role=MessageRole.USER, content=f"Who is {surrogate}?")])
    assert "alice.private@acme.com" not in str(chat.message.content)
    assert guard.metrics()["sessions"] == 0  # every per-call session was forgotten
    assert not guard.has_session("default")


def test_per_call_sessions_end_with_their_streams(guard: Guard, make_echo) -> None:
    llm = GuardedLLM.wrap(make_echo(), guard=guard)
    stream = llm.stream_complete("Write to alice.private@acme.com")
    assert guard.metrics()["sessions"] == 1  # alive while the stream is consumed
    assert "".join(c.delta for c in stream) == "Write to alice.private@acme.com"
    assert guard.metrics()["sessions"] == 0


def test_postprocessor_without_a_session_shares_nothing(guard: Guard) -> None:
    post = PseudonymNodePostprocessor(guard=guard)
    node = NodeWithScore(node=TextNode(text="Alice: alice.private@acme.com"), score=1.0)
    masked = post.postprocess_nodes([node])
    assert "alice.private@acme.com" not in masked[0].node.get_content()
    assert guard.metrics()["sessions"] == 0
