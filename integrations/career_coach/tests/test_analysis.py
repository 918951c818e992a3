"""Gap analysis, behavioural patterns and insights: structured output, restored, nothing leaked."""

from __future__ import annotations

import re

from langchain_core.messages import BaseMessage

from career_coach import (
    CareerPaths,
    CareerProfile,
    ConversationEngine,
    GapReport,
    HiddenStrengths,
    PatternReport,
    gap_analyzer,
    insight_chain,
)
from career_coach.tests.conftest import assert_never_sent
from chatveil import Guard
from chatveil.demo import ScriptedChatModel, tool_call_message

CONFIG = {"configurable": {"session_id": "maria"}}
ORIGINALS = ["Maria Lopez", "Maria", "Lopez", "Berlin", "John Carter", "maria.lopez@example.org"]


def maria_profile() -> CareerProfile:
    profile = CareerProfile()
    profile.add(
        "current_role", "I'm Maria Lopez, a data analyst in Berlin (maria.lopez@example.org)."
    )
    profile.add(
        "experience", "Before that I taught maths; my mentor John Carter got me into analytics."
    )
    profile.add("work_style", "I like to sit with users before I build anything.")
    return profile


def name_in(messages: list[BaseMessage]) -> str:
    """The candidate's name as the model received it."""
    return re.search(r"I'm ([A-Z]\w+ [A-Z]\w+)", messages[-1].text).group(1)


def gap_answer(messages: list[BaseMessage]):
    name = name_in(messages)
    return tool_call_message(
        "GapReport",
        {
            "target_role": "Product Manager",
            "completeness": 45,
            "strengths": [f"{name} turns data into decisions"],
            "gaps": [
                {
                    "topic": "roadmaps",
                    "why_it_matters": "a PM owns one",
                    "question": f"{name.split()[0]}, have you ever planned a roadmap?",
                }
            ],
        },
    )


def test_gap_analyzer_returns_restored_structured_output(guard: Guard) -> None:
    model = ScriptedChatModel(responses=[gap_answer])
    report = gap_analyzer(model, guard).invoke(
        {"profile": maria_profile(), "target_role": "Product Manager"}, config=CONFIG
    )
    assert isinstance(report, GapReport)
    assert report.completeness == 45
    assert report.strengths == ["Maria Lopez turns data into decisions"]
    assert report.gaps[0].question == "Maria, have you ever planned a roadmap?"
    assert_never_sent(model.texts_received(), ORIGINALS)
    assert [t["function"]["name"] for t in model.received_tools[0]] == ["GapReport"]
    prompt = model.received[0][-1].text
    assert "Target role: Product Manager" in prompt
    assert "my mentor " in prompt and "got me into analytics" in prompt  # pseudonymized profile


def insight_answer(messages: list[BaseMessage]):
    prompt = messages[-1].text
    name = name_in(messages)
    if "Which behavioural patterns" in prompt:
        mentor = re.search(r"my mentor ([A-Z]\w+ [A-Z]\w+)", prompt).group(1)
        return tool_call_message(
            "PatternReport",
            {
                "patterns": [
                    {
                        "pattern": "learns through mentors",
                        "kind": "preference",
                        "evidence": f"{mentor} got {name.split()[0]} into analytics",
                    },
                    {
                        "pattern": "user-first",
                        "kind": "strength",
                        "evidence": "sits with users before building",
                    },
                ]
            },
        )
    if "underrate" in prompt:
        return tool_call_message(
            "HiddenStrengths",
            {
                "strengths": [
                    {
                        "strength": "teaching",
                        "evidence": f"{name} taught maths",
                        "how_to_use_it": "run onboarding sessions",
                    },
                ]
            },
        )
    return tool_call_message(
        "CareerPaths",
        {
            "paths": [
                {
                    "title": "Product Manager",
                    "why_it_fits": f"{name} already works with users",
                    "first_step": "shadow a PM",
                },
                {
                    "title": "Data Educator",
                    "why_it_fits": "teaching plus data",
                    "first_step": "write one tutorial",
                },
            ]
        },
    )


def test_insight_chain_patterns_then_strengths_and_paths(guard: Guard) -> None:
    model = ScriptedChatModel(responses=[insight_answer], cycle=True)
    result = insight_chain(model, guard).invoke({"profile": maria_profile()}, config=CONFIG)
    assert set(result) == {"patterns", "hidden_strengths", "career_paths"}
    assert isinstance(result["patterns"], PatternReport)
    assert isinstance(result["hidden_strengths"], HiddenStrengths)
    assert isinstance(result["career_paths"], CareerPaths)
    assert result["patterns"].patterns[0].evidence == "John Carter got Maria into analytics"
    assert result["hidden_strengths"].strengths[0].evidence == "Maria Lopez taught maths"
    assert [p.why_it_fits for p in result["career_paths"].paths] == [
        "Maria Lopez already works with users",
        "teaching plus data",
    ]
    assert model.calls == 3
    assert_never_sent(model.texts_received(), ORIGINALS)
    # the patterns the model wrote come back to it, restored then pseudonymized again: the
    # same surrogates as in the profile, so the model sees one consistent story
    first_name = name_in(model.received[0]).split()[0]
    mentor = re.search(r"my mentor ([A-Z]\w+ [A-Z]\w+)", model.received[0][-1].text).group(1)
    for call in model.received[1:]:
        assert (
            f"- learns through mentors (preference): {mentor} got {first_name} into analytics"
            in (call[-1].text)
        )


def test_analysis_after_the_interview_uses_the_interview_surrogates(guard: Guard) -> None:
    chat = ScriptedChatModel(responses=["Tell me more."], cycle=True)
    engine = ConversationEngine(chat, guard)
    engine.turn("maria", "I'm Maria Lopez, and I am looking for a change.")
    engine.turn("maria", "I'm Maria Lopez, a data analyst in Berlin; before that I taught maths.")
    analyst = ScriptedChatModel(responses=[gap_answer])
    report = gap_analyzer(analyst, guard).invoke(
        {"profile": engine.state("maria").profile, "target_role": "Product Manager"},
        config=CONFIG,
    )
    assert report.gaps[0].question == "Maria, have you ever planned a roadmap?"
    # one session: the interview and the analysis showed the model the same surrogate
    assert name_in(analyst.received[0]) == name_in(chat.received[0])
    assert_never_sent(chat.texts_received() + analyst.texts_received(), ORIGINALS)
