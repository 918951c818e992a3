"""The conversation engine: history per session, adaptive questions, fatigue, no originals sent."""

from __future__ import annotations

import pytest
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage

from career_coach import (
    TOPICS,
    AdaptiveQuestioner,
    CareerProfile,
    ConversationEngine,
    FatigueManager,
)
from career_coach.profile import TOPIC_BY_KEY
from career_coach.tests.conftest import assert_never_sent
from chatveil import Guard
from chatveil.demo import ScriptedChatModel

MARIA = [
    "I'm Maria Lopez, you can write to maria.lopez@example.org or call +1 415 555 0132.",
    "I lead the dashboard team at a retailer in Berlin and report to Anna Schmidt.",
    "Before that I taught maths for four years, which is where I learned to explain data.",
]
MARIA_ORIGINALS = [
    "Maria Lopez",
    "Maria",
    "Lopez",
    "maria.lopez@example.org",
    "+1 415 555 0132",
    "Berlin",
    "Anna Schmidt",
]


def echo(messages: list[BaseMessage]) -> str:
    """A model that repeats the last thing it was told."""
    return "You said: " + messages[-1].text


def directive_of(call: list[BaseMessage]) -> str:
    system = call[0]
    assert isinstance(system, SystemMessage)
    return system.text.split("For this turn: ", 1)[1]


@pytest.fixture
def model() -> ScriptedChatModel:
    return ScriptedChatModel(responses=[echo], cycle=True)


def test_replies_are_restored_and_no_original_reaches_the_model(
    guard: Guard, model: ScriptedChatModel
) -> None:
    engine = ConversationEngine(model, guard)
    replies = [engine.turn("maria", text).reply for text in MARIA]
    # the user gets exactly the model's words, with the originals back
    assert replies == ["You said: " + text for text in MARIA]
    assert_never_sent(model.texts_received(), MARIA_ORIGINALS)
    # the whole history went to the model each time, pseudonymized the same way every turn
    first, second, third = model.received
    assert [type(m) for m in third] == [
        SystemMessage,
        HumanMessage,
        AIMessage,
        HumanMessage,
        AIMessage,
        HumanMessage,
    ]
    assert second[1].text == first[1].text != MARIA[0]
    assert second[2].text == "You said: " + first[1].text  # the AI turn, re-pseudonymized
    assert third[3].text == second[3].text != MARIA[1]
    # the application's history keeps the originals
    stored = engine.history("maria").messages
    turns = [x for t, r in zip(MARIA, replies, strict=True) for x in (t, r)]
    assert [m.text for m in stored] == turns


def test_questioner_follows_what_the_profile_lacks(guard: Guard, model: ScriptedChatModel) -> None:
    engine = ConversationEngine(model, guard)
    engine.turn("s", MARIA[0])  # an introduction, before any question
    engine.state("s").profile.add("experience", "Eight years in retail analytics.")
    turns = [engine.turn("s", text) for text in MARIA[1:]]
    # "current_role" was asked after the introduction; "experience" is known, so it is skipped
    assert [t.topic for t in turns] == ["skills", "goals"]
    for call, turn in zip(model.received[1:], turns, strict=True):
        assert directive_of(call) == (
            f"Acknowledge the answer in one or two sentences, then ask: "
            f"{TOPIC_BY_KEY[turn.topic].question}"
        )
    profile = engine.state("s").profile
    assert profile.answers == {
        "introduction": [MARIA[0]],
        "experience": ["Eight years in retail analytics."],
        "current_role": [MARIA[1]],
        "skills": [MARIA[2]],
    }
    assert profile.as_text().startswith(f"- introduction: {MARIA[0]}\n- current role: ")
    assert profile.missing() == ["goals", "achievements", "work_style", "constraints"]


def test_short_answers_shorten_then_end_the_interview(
    guard: Guard, model: ScriptedChatModel
) -> None:
    engine = ConversationEngine(model, guard)
    engine.turn("s", MARIA[0])  # greeting: asks current_role
    engine.turn("s", MARIA[1])  # long answer: asks experience
    brief = engine.turn("s", "teaching")  # one short answer: still normal
    assert (brief.mode, brief.topic) == ("normal", "skills")
    brief = engine.turn("s", "SQL mostly")  # two in a row: brief, essentials only
    assert (brief.mode, brief.topic, brief.done) == ("brief", "goals", False)
    assert directive_of(model.received[-1]).startswith("The user's answers are getting short.")
    last = engine.turn("s", "not sure")  # three in a row: wrap up
    assert (last.mode, last.topic, last.done) == ("end", None, True)
    assert directive_of(model.received[-1]).startswith("Wrap up the interview")
    assert last.reply == "You said: not sure"


def test_brief_mode_skips_optional_topics(guard: Guard, model: ScriptedChatModel) -> None:
    engine = ConversationEngine(model, guard)
    state = engine.state("s")
    for topic in TOPICS:
        if topic.essential:
            state.profile.add(topic.key, "answered")
    state.pending, state.answer_lengths = "achievements", [1]
    turn = engine.turn("s", "no idea")  # second short answer: brief, and nothing essential left
    assert (turn.mode, turn.topic, turn.done) == ("brief", None, True)


def test_stop_phrase_ends_at_once(guard: Guard, model: ScriptedChatModel) -> None:
    engine = ConversationEngine(model, guard)
    engine.turn("s", MARIA[0])
    turn = engine.turn("s", "Let's finish here, I have a meeting in five minutes, sorry.")
    assert (turn.mode, turn.done) == ("end", True)


@pytest.mark.parametrize(
    ("lengths", "answer", "mode"),
    [
        ([], "", "normal"),
        ([12, 3], "", "normal"),
        ([12, 3, 2], "", "brief"),
        ([3, 2, 1], "", "end"),
        ([3, 2, 9], "", "normal"),
        ([20], "ok, enough for today", "end"),
        ([20], "I stopped teaching in 2019", "normal"),  # "stop" must be a whole word
    ],
)
def test_fatigue_manager(lengths: list[int], answer: str, mode: str) -> None:
    assert FatigueManager().assess(lengths, answer) == mode


def test_questioner_order() -> None:
    profile = CareerProfile()
    questioner = AdaptiveQuestioner()
    assert questioner.next_topic(profile, "normal") == TOPICS[0].key
    assert questioner.next_topic(profile, "end") is None
    for topic in TOPICS[:4]:
        profile.add(topic.key, "x")
    assert questioner.next_topic(profile, "normal") == "achievements"
    assert questioner.next_topic(profile, "brief") is None
    assert profile.completeness() == pytest.approx(4 / 7)


def test_streamed_turn_is_restored_chunk_by_chunk(guard: Guard) -> None:
    model = ScriptedChatModel(responses=[echo], cycle=True, chunk_size=2)
    engine = ConversationEngine(model, guard)
    chunks = list(engine.stream("maria", MARIA[0]))
    assert len(chunks) > 5
    assert "".join(chunks) == "You said: " + MARIA[0]
    assert_never_sent(model.texts_received(), MARIA_ORIGINALS)
    assert engine.history("maria").messages[-1].text == "You said: " + MARIA[0]


def test_sessions_are_isolated(guard: Guard, model: ScriptedChatModel) -> None:
    engine = ConversationEngine(model, guard)
    engine.turn("maria", MARIA[0])
    jonas = "I'm Jonas Becker and my email is jonas.becker@example.com."
    assert engine.turn("jonas", jonas).reply == "You said: " + jonas
    jonas_call = model.received[-1]
    assert [m.text for m in jonas_call[1:]] != [jonas]  # pseudonymized
    assert_never_sent([m.text for m in jonas_call], [*MARIA_ORIGINALS, "Jonas Becker"])
    assert len(jonas_call) == 2  # system + Jonas's message: none of Maria's history
    engine.forget("maria")
    assert not guard.has_session("maria") and engine.history("maria").messages == []
