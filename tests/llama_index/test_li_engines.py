"""Query and chat engines built on the guarded LLM and the pseudonymizing postprocessor.

Every guarded run is compared with the same engine on the plain echo LLM: the echo answers with
its whole prompt, so equal answers mean every surrogate in context, query and history came
back as its original, while the guarded echo's ``received`` proves no original reached it.
"""

from __future__ import annotations

import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from llama_index.core import Document, VectorStoreIndex
from llama_index.core.chat_engine import CondensePlusContextChatEngine
from llama_index.core.embeddings import MockEmbedding

from chatveil import Guard
from chatveil.llama_index import GuardedLLM, PseudonymNodePostprocessor

DOCS = [
    Document(
        text="Jane Doe manages the Lisbon office. Her email is jane.doe@acme.com.",
        metadata={"author": "Bob Miller", "ticket": "T-1"},
        excluded_llm_metadata_keys=["ticket"],
    ),
    Document(text="Call Carlos Ruiz on +1 415-555-0132 for invoices.", metadata={"ticket": "T-2"}),
]
ORIGINALS = ["Jane Doe", "jane.doe@acme.com", "Bob Miller", "Carlos Ruiz", "+1 415-555-0132"]
QUESTION = "How do I reach Jane Doe?"


@pytest.fixture
def index() -> VectorStoreIndex:
    return VectorStoreIndex.from_documents(
        [d.model_copy() for d in DOCS], embed_model=MockEmbedding(embed_dim=8)
    )


def stored(index: VectorStoreIndex) -> list[dict]:
    return [n.model_dump() for n in index.docstore.docs.values()]


def assert_hidden(received: list[str]) -> None:
    assert received
    for prompt in received:
        for original in ORIGINALS:
            assert original not in prompt


def engines(index, guard, make_echo, **kwargs):
    """(plain engine, guarded engine, guarded echo) with the same settings."""
    plain = index.as_query_engine(llm=make_echo(), **kwargs)
    echo = make_echo()
    guarded = index.as_query_engine(
        llm=GuardedLLM.wrap(echo, guard=guard),
        node_postprocessors=[PseudonymNodePostprocessor(guard=guard)],
        **kwargs,
    )
    return plain, guarded, echo


# ---------------------------------------------------------------------- query engines
def test_query_engine_sync(index, guard: Guard, make_echo) -> None:
    before = stored(index)
    plain, engine, echo = engines(index, guard, make_echo)
    expected = str(plain.query(QUESTION))
    with guard.session("u1"):
        response = engine.query(QUESTION)
    assert str(response) == expected
    assert "jane.doe@acme.com" in expected and "Bob Miller" in expected
    assert_hidden(echo.received)
    assert stored(index) == before


def test_query_engine_streaming(index, guard: Guard, make_echo) -> None:
    before = stored(index)
    plain, engine, echo = engines(index, guard, make_echo, streaming=True)
    expected = "".join(plain.query(QUESTION).response_gen)
    with guard.session("u1"):
        tokens = list(engine.query(QUESTION).response_gen)
    assert "".join(tokens) == expected
    assert len(tokens) > 10
    assert_hidden(echo.received)
    assert stored(index) == before


def test_query_engine_async_and_async_streaming(index, guard: Guard, make_echo) -> None:
    plain, engine, echo = engines(index, guard, make_echo)
    splain, sengine, secho = engines(index, guard, make_echo, streaming=True)

    async def main() -> tuple[str, str, str, str]:
        expected = str(await plain.aquery(QUESTION))
        sexpected = "".join([t async for t in (await splain.aquery(QUESTION)).async_response_gen()])
        with guard.session("u1"):
            answer = str(await engine.aquery(QUESTION))
            streamed = await sengine.aquery(QUESTION)
            tokens = [t async for t in streamed.async_response_gen()]
        return expected, answer, sexpected, "".join(tokens)

    expected, answer, sexpected, streamed = asyncio.run(main())
    assert answer == expected
    assert streamed == sexpected
    assert_hidden(echo.received + secho.received)


def test_postprocessor_alone_keeps_retrieved_pii_from_an_unguarded_llm(
    index, guard: Guard, make_echo
) -> None:
    question = "Who handles invoices?"
    expected = str(index.as_query_engine(llm=make_echo()).query(question))
    echo = make_echo()
    engine = index.as_query_engine(
        llm=echo, node_postprocessors=[PseudonymNodePostprocessor(guard=guard)]
    )
    with guard.session("u1"):
        answer = str(engine.query(question))
    assert_hidden(echo.received)
    assert guard.restore(answer, session_id="u1") == expected


def test_source_nodes_carry_surrogates_and_restore_on_demand(
    index, guard: Guard, make_echo
) -> None:
    _, engine, _ = engines(index, guard, make_echo)
    post = PseudonymNodePostprocessor(guard=guard)
    with guard.session("u1"):
        response = engine.query(QUESTION)
        restored = post.restore_nodes(response.source_nodes)
    by_id = {n.node_id: n.model_dump() for n in index.docstore.docs.values()}
    assert all(n.node.model_dump() == by_id[n.node_id] for n in restored)
    assert_hidden([n.node.get_content(metadata_mode="llm") for n in response.source_nodes])


# ---------------------------------------------------------------------- chat engine
def chat_engines(index, guard, make_echo, session: str):
    def build(llm, post):
        return CondensePlusContextChatEngine.from_defaults(
            retriever=index.as_retriever(), llm=llm, node_postprocessors=post
        )

    echo = make_echo()
    llm = GuardedLLM.wrap(echo, guard=guard).for_session(session)
    post = [PseudonymNodePostprocessor(guard=guard, session_id=session)]
    return build(make_echo(), []), build(llm, post), echo


def test_condense_plus_context_chat_two_turns(index, guard: Guard, make_echo) -> None:
    before = stored(index)
    plain, engine, echo = chat_engines(index, guard, make_echo, "u1")
    for message in (QUESTION, "And what does Carlos Ruiz handle?"):
        assert engine.chat(message).response == plain.chat(message).response
    assert len(echo.received) == 3, "answer, condense, answer"
    assert_hidden(echo.received)
    assert [m.content for m in engine.chat_history] == [m.content for m in plain.chat_history]
    assert stored(index) == before


def test_condense_plus_context_stream_chat(index, guard: Guard, make_echo) -> None:
    plain, engine, echo = chat_engines(index, guard, make_echo, "u1")
    for message in (QUESTION, "And Carlos Ruiz?"):
        expected = "".join(plain.stream_chat(message).response_gen)
        response = engine.stream_chat(message)  # iterated in a thread the engine starts
        assert "".join(response.response_gen) == expected
    assert_hidden(echo.received)
    assert [m.content for m in engine.chat_history] == [m.content for m in plain.chat_history]


def test_condense_plus_context_async_chat_and_stream(index, guard: Guard, make_echo) -> None:
    plain, engine, echo = chat_engines(index, guard, make_echo, "u1")

    async def main() -> None:
        assert (await engine.achat(QUESTION)).response == (await plain.achat(QUESTION)).response
        expected = [t async for t in (await plain.astream_chat("And Carlos?")).async_response_gen()]
        got = [t async for t in (await engine.astream_chat("And Carlos?")).async_response_gen()]
        assert "".join(got) == "".join(expected)

    asyncio.run(main())
    assert_hidden(echo.received)


# ---------------------------------------------------------------------- isolation
def private_docs(name: str, email: str) -> VectorStoreIndex:
    doc = Document(text=f"{name} can be reached at {email}.")
    return VectorStoreIndex.from_documents([doc], embed_model=MockEmbedding(embed_dim=8))


PEOPLE = {
    "alice": ("Alice Smith", "alice.smith@example.org"),
    "bob": ("Bob Jones", "bob.j@example.net"),
}


def test_concurrent_threads_stay_isolated(guard: Guard, make_echo) -> None:
    echo = make_echo()
    llm = GuardedLLM.wrap(echo, guard=guard)
    post = PseudonymNodePostprocessor(guard=guard)
    indexes = {sid: private_docs(*PEOPLE[sid]) for sid in PEOPLE}
    query_engines = {
        sid: index.as_query_engine(llm=llm, node_postprocessors=[post])
        for sid, index in indexes.items()
    }
    expected = {
        sid: str(idx.as_query_engine(llm=make_echo()).query("Contact?"))
        for sid, idx in indexes.items()
    }
    barrier = threading.Barrier(2)

    def run(sid: str) -> list[str]:
        barrier.wait()
        answers = []
        with guard.session(sid):
            for _ in range(4):
                answers.append(str(query_engines[sid].query("Contact?")))
        return answers

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = dict(zip(PEOPLE, pool.map(run, PEOPLE), strict=True))

    for sid, answers in results.items():
        other = next(s for s in PEOPLE if s != sid)
        assert answers == [expected[sid]] * 4
        assert not any(value in answer for answer in answers for value in PEOPLE[other])
    assert_hidden(echo.received)
    assert not any(v in p for p in echo.received for pair in PEOPLE.values() for v in pair)
    assert not guard.has_session("default")


def test_concurrent_asyncio_tasks_stay_isolated(guard: Guard, make_echo) -> None:
    echo = make_echo()
    llm = GuardedLLM.wrap(echo, guard=guard)
    post = PseudonymNodePostprocessor(guard=guard)
    indexes = {sid: private_docs(*PEOPLE[sid]) for sid in PEOPLE}

    async def run(sid: str) -> tuple[str, str]:
        engine = indexes[sid].as_query_engine(llm=llm, node_postprocessors=[post], streaming=True)
        with guard.session(sid):
            streamed = await engine.aquery("Contact?")
            tokens = [t async for t in streamed.async_response_gen()]
            chat = CondensePlusContextChatEngine.from_defaults(
                retriever=indexes[sid].as_retriever(), llm=llm, node_postprocessors=[post]
            )
            answer = (await chat.achat("Contact?")).response
        return "".join(tokens), answer

    async def main() -> dict[str, tuple[str, str]]:
        results = await asyncio.gather(*(run(sid) for sid in PEOPLE))
        return dict(zip(PEOPLE, results, strict=True))

    results = asyncio.run(main())
    for sid, (streamed, answer) in results.items():
        name, email = PEOPLE[sid]
        other = next(s for s in PEOPLE if s != sid)
        assert f"{name} can be reached at {email}." in streamed
        assert f"{name} can be reached at {email}." in answer
        assert not any(value in streamed + answer for value in PEOPLE[other])
    assert not any(v in p for p in echo.received for pair in PEOPLE.values() for v in pair)
    assert not guard.has_session("default")
