"""Chains over a collected profile: gap analysis, behavioural patterns and career insights.

Every chain takes any LangChain chat model, wraps it with ``guarded(llm, guard=guard)`` and asks
for structured output (``with_structured_output`` + pydantic). Inputs carry originals; the model
receives surrogates; the pydantic objects that come back carry originals again. Run them with
``config={"configurable": {"session_id": ...}}`` (the interview's session, so the surrogates
match the conversation's).
"""

from __future__ import annotations

from operator import itemgetter
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.prompts import ChatPromptTemplate
from langchain_core.runnables import Runnable, RunnableLambda, RunnableParallel, RunnablePassthrough

from career_coach.profile import (
    CareerPaths,
    GapReport,
    HiddenStrengths,
    PatternReport,
    profile_text,
)
from chatveil import Guard, guarded

__all__ = ["gap_analyzer", "insight_chain", "pattern_extractor"]

_COACH = "You are an experienced career coach. Base every statement on the profile given."


def _structured(llm: BaseChatModel, guard: Guard, schema: type) -> Runnable:
    return guarded(llm, guard=guard).with_structured_output(schema)


def _with_profile_text() -> Runnable:
    return RunnablePassthrough.assign(profile=RunnableLambda(lambda x: profile_text(x["profile"])))


def gap_analyzer(llm: BaseChatModel, guard: Guard) -> Runnable:
    """``{"profile", "target_role"}`` -> :class:`GapReport` (completeness against the role)."""
    prompt = ChatPromptTemplate.from_messages(
        [
            ("system", _COACH),
            (
                "human",
                (
                    "Target role: {target_role}\n\nProfile:\n{profile}\n\n"
                    "How complete is this profile for the target role? List what it already "
                    "shows, and what is missing with one question for each gap."
                ),
            ),
        ]
    )
    return _with_profile_text() | prompt | _structured(llm, guard, GapReport)


def pattern_extractor(llm: BaseChatModel, guard: Guard) -> Runnable:
    """``{"profile"}`` -> :class:`PatternReport` (recurring ways of working, with evidence)."""
    prompt = ChatPromptTemplate.from_messages(
        [
            ("system", _COACH),
            (
                "human",
                (
                    "Profile:\n{profile}\n\nWhich behavioural patterns recur in it (how this "
                    "person works, decides, collaborates)? Quote the evidence."
                ),
            ),
        ]
    )
    return _with_profile_text() | prompt | _structured(llm, guard, PatternReport)


def _patterns_text(report: PatternReport) -> str:
    return "\n".join(f"- {p.pattern} ({p.kind}): {p.evidence}" for p in report.patterns)


def insight_chain(llm: BaseChatModel, guard: Guard) -> Runnable:
    """``{"profile"}`` -> ``{"patterns", "hidden_strengths", "career_paths"}``.

    Patterns are extracted first; hidden strengths and alternative career paths are then
    derived from the profile and the patterns in parallel.
    """
    strengths_prompt = ChatPromptTemplate.from_messages(
        [
            ("system", _COACH),
            (
                "human",
                (
                    "Profile:\n{profile}\n\nPatterns:\n{patterns_text}\n\nWhich strengths does "
                    "this person probably underrate? Give evidence and how to use each."
                ),
            ),
        ]
    )
    paths_prompt = ChatPromptTemplate.from_messages(
        [
            ("system", _COACH),
            (
                "human",
                (
                    "Profile:\n{profile}\n\nPatterns:\n{patterns_text}\n\nSuggest alternative "
                    "career paths that fit, each with a concrete first step."
                ),
            ),
        ]
    )

    def add_patterns_text(x: dict[str, Any]) -> str:
        return _patterns_text(x["patterns"])

    return (
        _with_profile_text()
        | RunnablePassthrough.assign(patterns=pattern_extractor(llm, guard))
        | RunnablePassthrough.assign(patterns_text=RunnableLambda(add_patterns_text))
        | RunnableParallel(
            patterns=itemgetter("patterns"),
            hidden_strengths=strengths_prompt | _structured(llm, guard, HiddenStrengths),
            career_paths=paths_prompt | _structured(llm, guard, CareerPaths),
        )
    )
