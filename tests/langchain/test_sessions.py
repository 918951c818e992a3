"""Sessions: where a call's session comes from, per-call vaults, isolation under concurrency."""

from __future__ import annotations

import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from langchain_core.chat_history import InMemoryChatMessageHistory
from langchain_core.messages import AIMessage, HumanMessage
from langchain_core.prompts import ChatPromptTemplate, MessagesPlaceholder
from langchain_core.runnables.history import RunnableWithMessageHistory

from chatveil import guarded
from lc_fakes import SpyChatModel
from lc_helpers import session

GREETING = "Hi, I am Jane Doe. Mail me at jane.doe@acme.com or call +1 415-555-0134."


def echo_masked(messages):
    return AIMessage(content=messages[-1].text)


def test_session_id_and_thread_id_from_config(chat, spy, guard):
    chat.invoke(GREETING, config={"configurable": {"session_id": "from-session-id"}})
    chat.invoke(GREETING, config={"configurable": {"thread_id": "from-thread-id"}})
    assert guard.has_session("from-session-id")
    assert guard.has_session("from-thread-id")
    # different sessions, different surrogates
    assert spy.received[0][0].content != spy.received[1][0].content


def test_session_from_the_guard_session_block(chat, spy, guard):
    with guard.session("ctx-session"):
        out = chat.invoke(GREETING)
        streamed = "".join(c.content for c in chat.stream(GREETING))
    assert out.content == streamed == GREETING
    assert guard.has_session("ctx-session")
    assert spy.received[0][0].content == spy.received[1][0].content


def test_config_session_wins_over_the_context(chat, guard):
    with guard.session("ctx"):
        chat.invoke(GREETING, config=session("explicit"))
    assert guard.has_session("explicit")
    assert not guard.has_session("ctx")


def test_without_a_session_each_call_has_its_own_vault_forgotten_afterwards(chat, spy, guard):
    assert guard.metrics()["sessions"] == 0
    assert chat.invoke(GREETING).content == GREETING
    assert "".join(c.content for c in chat.stream(GREETING)) == GREETING
    assert asyncio.run(chat.ainvoke(GREETING)).content == GREETING
    assert guard.metrics()["sessions"] == 0  # nothing left behind
    assert not guard.has_session("default")  # never the shared default session


def test_without_a_session_surrogates_are_stable_across_calls(chat, spy):
    chat.invoke(GREETING)
    chat.invoke([HumanMessage(GREETING), AIMessage("Noted."), HumanMessage("Jane Doe again")])
    first, second = spy.received
    assert first[0].content == second[0].content  # same conversation, same surrogates
    assert "Jane Doe" not in second[2].content
    masked_name = second[2].content.removesuffix(" again")
    assert masked_name in first[0].content


def test_per_call_sessions_of_concurrent_calls_never_share_a_vault(guard):
    """Two calls of the same conversation at the same time get separate vaults."""
    first_inside = threading.Event()
    release = threading.Event()

    def reply(messages):
        if not first_inside.is_set():
            first_inside.set()
            release.wait(10)
        return AIMessage(content=messages[-1].text)

    spy = SpyChatModel(reply=reply)
    chat = guarded(spy, guard=guard)
    with ThreadPoolExecutor(2) as pool:
        slow = pool.submit(chat.invoke, GREETING)
        assert first_inside.wait(10)
        fast = pool.submit(chat.invoke, GREETING).result(10)
        release.set()
        assert slow.result(10).content == GREETING
    assert fast.content == GREETING
    assert spy.received[0][0].content != spy.received[1][0].content
    assert guard.metrics()["sessions"] == 0


PEOPLE = [
    ("Jane Doe", "jane.doe@acme.com"),
    ("John Smith", "john.smith@example.org"),
    ("Maria Garcia", "maria.garcia@example.net"),
    ("Peter Parker", "peter.parker@example.com"),
]


def _cross_session_model(surrogates: dict[str, str]):
    """A model that answers with its own input plus every other session's surrogates."""

    def reply(messages):
        text = messages[-1].text
        others = " | ".join(s for s in surrogates.values() if s not in text)
        return AIMessage(content=f"{text} || {others}")

    return SpyChatModel(reply=reply)


def test_sessions_in_threads_never_restore_each_others_originals(guard):
    surrogates: dict[str, str] = {}
    for i, (name, email) in enumerate(PEOPLE):
        surrogates[f"user-{i}"] = guard.pseudonymize(f"I am {name}, {email}.", f"user-{i}")
    chat = guarded(_cross_session_model(surrogates), guard=guard)

    def call(i: int) -> str:
        name, email = PEOPLE[i]
        return chat.invoke(f"I am {name}, {email}.", config=session(f"user-{i}")).content

    with ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(call, [i for _ in range(5) for i in range(len(PEOPLE))]))
    for k, answer in enumerate(answers):
        i = k % len(PEOPLE)
        own, foreign = answer.split(" || ")
        assert own == f"I am {PEOPLE[i][0]}, {PEOPLE[i][1]}."
        for j, (name, email) in enumerate(PEOPLE):
            if j != i:
                assert name not in foreign and email not in foreign
                assert surrogates[f"user-{j}"] in foreign  # left as the unknown surrogate


def test_sessions_in_asyncio_tasks_never_restore_each_others_originals(guard):
    surrogates = {
        f"a-{i}": guard.pseudonymize(f"I am {n}, {e}.", f"a-{i}") for i, (n, e) in enumerate(PEOPLE)
    }
    chat = guarded(_cross_session_model(surrogates), guard=guard)

    async def call(i: int) -> tuple[int, str]:
        name, email = PEOPLE[i]
        with guard.session(f"a-{i}"):  # context sessions are per task
            await asyncio.sleep(0)
            chunks = [c.content async for c in chat.astream(f"I am {name}, {email}.")]
        return i, "".join(chunks)

    async def main():
        return await asyncio.gather(*(call(i % len(PEOPLE)) for i in range(12)))

    for i, answer in asyncio.run(main()):
        own, foreign = answer.split(" || ")
        assert own == f"I am {PEOPLE[i][0]}, {PEOPLE[i][1]}."
        others = [p for j, p in enumerate(PEOPLE) if j != i]
        assert not [p for p in others if p[0] in foreign or p[1] in foreign]


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_runnable_with_message_history_uses_its_session_id(guard):
    spy = SpyChatModel(reply=echo_masked)
    chat = guarded(spy, guard=guard)
    prompt = ChatPromptTemplate.from_messages(
        [MessagesPlaceholder("history"), ("human", "{question}")]
    )
    stores: dict[str, InMemoryChatMessageHistory] = {}
    chain = RunnableWithMessageHistory(
        prompt | chat,
        lambda sid: stores.setdefault(sid, InMemoryChatMessageHistory()),
        input_messages_key="question",
        history_messages_key="history",
    )
    config = {"configurable": {"session_id": "rwmh-1"}}
    first = chain.invoke({"question": GREETING}, config=config)
    second = chain.invoke({"question": "Please repeat: Jane Doe"}, config=config)
    assert first.content == GREETING
    assert second.content == "Please repeat: Jane Doe"
    assert guard.has_session("rwmh-1")
    assert stores["rwmh-1"].messages[1].content == GREETING  # history keeps originals
    assert "Jane Doe" not in str(spy.received)
    assert "session_id" in str(chain.config_schema().model_json_schema())


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(cuts=st.lists(st.integers(min_value=1, max_value=200), max_size=30))
def test_any_chunking_of_a_stream_restores_like_invoke(guard, cuts):
    text = (
        "Dear Jane Doe, we wrote to jane.doe@acme.com and called +1 415-555-0134. "
        "Jane, Ms Doe's file is in Paris."
    )
    masked = guard.pseudonymize(text, "chunking")
    points = sorted({c % len(masked) for c in cuts} - {0})
    pieces = [masked[a:b] for a, b in zip([0, *points], [*points, len(masked)], strict=True)]

    class Chunked(SpyChatModel):
        def _stream(self, messages, stop=None, run_manager=None, **kwargs):
            from langchain_core.messages import AIMessageChunk
            from langchain_core.outputs import ChatGenerationChunk

            for piece in pieces:
                yield ChatGenerationChunk(message=AIMessageChunk(content=piece))

    chat = guarded(Chunked(reply=lambda m: AIMessage(content=masked)), guard=guard)
    invoked = chat.invoke("hello", config=session("chunking")).content
    streamed = "".join(c.content for c in chat.stream("hello", config=session("chunking")))
    assert streamed == invoked == guard.restore(masked, "chunking")
    assert "Jane Doe" in invoked and "jane.doe@acme.com" in invoked


@pytest.mark.parametrize("strategy", ["placeholder", "token"])
def test_split_tokens_restore_in_streams(make_guard, strategy):
    guard = make_guard(strategy=strategy)
    chat = guarded(SpyChatModel(reply=echo_masked), guard=guard)
    out = "".join(c.content for c in chat.stream(GREETING, config=session("tok")))
    assert out == GREETING


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(cuts=st.lists(st.integers(min_value=1, max_value=300), max_size=25))
def test_any_chunking_of_blocks_and_tool_arguments_restores_like_invoke(guard, cuts):
    import json

    from langchain_core.messages import AIMessageChunk
    from langchain_core.outputs import ChatGenerationChunk

    text = "Jane Doe asked us to write to jane.doe@acme.com; call Jane at +1 415-555-0134."
    masked = guard.pseudonymize(text, "chunk-blocks")
    args = json.dumps({"to": masked, "note": f"Dear {masked[:8]}"})

    def split(s: str) -> list[str]:
        points = sorted({c % len(s) for c in cuts} - {0})
        return [s[a:b] for a, b in zip([0, *points], [*points, len(s)], strict=True)]

    class Chunked(SpyChatModel):
        def _stream(self, messages, stop=None, run_manager=None, **kwargs):
            for piece in split(masked):
                block = {"type": "reasoning", "reasoning": piece, "index": 0}
                yield ChatGenerationChunk(message=AIMessageChunk(content=[block]))
            for n, piece in enumerate(split(args)):
                call = {
                    "name": "note" if n == 0 else None,
                    "args": piece,
                    "id": "c1" if n == 0 else None,
                    "index": 0,
                    "type": "tool_call_chunk",
                }
                yield ChatGenerationChunk(
                    message=AIMessageChunk(content=[], tool_call_chunks=[call])
                )

    answer = AIMessage(
        content=[{"type": "reasoning", "reasoning": masked}],
        tool_calls=[{"name": "note", "args": json.loads(args), "id": "c1"}],
    )
    chat = guarded(Chunked(reply=lambda m: answer), guard=guard)
    invoked = chat.invoke("hello", config=session("chunk-blocks"))
    full = None
    for chunk in chat.stream("hello", config=session("chunk-blocks")):
        full = chunk if full is None else full + chunk
    assert invoked.content[0]["reasoning"] == text
    assert "".join(b.get("reasoning", "") for b in full.content) == text
    assert full.tool_calls[0]["args"] == invoked.tool_calls[0]["args"]
    assert invoked.tool_calls[0]["args"]["to"] == text
