"""output_pii through GuardedLLM: the LLM writes personal data the user never sent."""

from __future__ import annotations

import asyncio

import pytest
from llama_index.core.llms import ChatMessage

from chatveil import PIILeakError
from chatveil.llama_index import GuardedLLM
from fakes import fake_guard

USER = "Hi, I am Jane Doe. Mail me at jane.doe@acme.com."
INVENTED = ("bob.stone@gmail.com", "555-201-3344", "Peter Novak")


def inventive(prompt: str) -> str:
    name = prompt.split("Hi, I am ")[-1].split(".")[0]
    return f"Hello {name}. Peter Novak can help: bob.stone@gmail.com or 555-201-3344.\nBye {name}!"


EXPECTED = "Hello Jane Doe. <PERSON_1> can help: <EMAIL_1> or <PHONE_1>.\nBye Jane Doe!"


@pytest.fixture
def llm(make_echo):
    def build(mode: str, **echo) -> GuardedLLM:
        guard = fake_guard(output_pii=mode)
        return GuardedLLM.wrap(make_echo(reply=inventive, **echo), guard=guard).for_session("u1")

    return build


def test_mask_complete_and_chat(llm) -> None:
    guarded = llm("mask")
    assert guarded.complete(USER).text == EXPECTED
    answer = guarded.chat([ChatMessage(role="user", content=USER)]).message.content
    assert answer == EXPECTED
    assert guarded.guard.metrics()["model_written"] == {"EMAIL_ADDRESS": 2, "PERSON": 2,
                                                        "PHONE_NUMBER": 2}


@pytest.mark.parametrize("sizes", [[1], [3], [2, 7, 1]])
def test_mask_stream_complete_and_stream_chat(llm, sizes) -> None:
    guarded = llm("mask", chunk_sizes=sizes)
    deltas = [r.delta for r in guarded.stream_complete(USER)]
    assert "".join(deltas) == EXPECTED
    assert not any(v in d for d in deltas for v in INVENTED)
    chunks = list(guarded.stream_chat([ChatMessage(role="user", content=USER)]))
    assert "".join(c.delta for c in chunks) == EXPECTED
    assert chunks[-1].message.content == EXPECTED


def test_mask_async(llm) -> None:
    guarded = llm("mask")

    async def run() -> tuple[str, str]:
        whole = (await guarded.acomplete(USER)).text
        gen = await guarded.astream_complete(USER)
        return whole, "".join([r.delta async for r in gen])

    assert asyncio.run(run()) == (EXPECTED, EXPECTED)


def test_raise_refuses_with_types_and_counts_only(llm) -> None:
    guarded = llm("raise")
    with pytest.raises(PIILeakError) as info:
        guarded.complete(USER)
    assert info.value.counts == {"EMAIL_ADDRESS": 1, "PERSON": 1, "PHONE_NUMBER": 1}
    assert not any(v in str(info.value) for v in (*INVENTED, "Jane"))
    with pytest.raises(PIILeakError):
        "".join(r.delta for r in guarded.stream_complete(USER))
