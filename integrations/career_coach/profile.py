"""The career profile an interview fills in, and the structured outputs the chains return."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, Field


@dataclass(frozen=True)
class Topic:
    """Something the coach wants to know, with the question that asks for it."""

    key: str
    question: str
    essential: bool  # still asked when the user is tired


#: What a complete profile covers, in the order the questioner prefers.
TOPICS: tuple[Topic, ...] = (
    Topic("current_role", "What do you do today: your role, your team, what you own?", True),
    Topic("experience", "Which earlier roles or projects shaped you most?", True),
    Topic("skills", "Which skills do people come to you for?", True),
    Topic("goals", "Where would you like to be in two or three years?", True),
    Topic(
        "achievements",
        "Tell me about something you are proud of: what did you do, and "
        "what changed because of it?",
        False,
    ),
    Topic(
        "work_style",
        "When do you do your best work: alone or with others, planned or improvised?",
        False,
    ),
    Topic(
        "constraints",
        "Is anything limiting your options, such as location, hours or salary?",
        False,
    ),
)
TOPIC_BY_KEY: Mapping[str, Topic] = {t.key: t for t in TOPICS}


INTRODUCTION = "introduction"  # what the user said before any question was asked


@dataclass
class CareerProfile:
    """Answers collected per topic (originals: this object stays in the application)."""

    answers: dict[str, list[str]] = field(default_factory=dict)

    def add(self, topic: str, answer: str) -> None:
        self.answers.setdefault(topic, []).append(answer)

    def missing(self) -> list[str]:
        """Topics without an answer, in the questioner's order."""
        return [t.key for t in TOPICS if not self.answers.get(t.key)]

    def completeness(self) -> float:
        """Share of topics answered (0..1), counted locally without a model."""
        return 1 - len(self.missing()) / len(TOPICS)

    def as_text(self) -> str:
        """The profile as prompt text, topic by topic."""
        lines = []
        for key in (INTRODUCTION, *(t.key for t in TOPICS)):
            for answer in self.answers.get(key, []):
                lines.append(f"- {key.replace('_', ' ')}: {answer}")
        return "\n".join(lines) or "(nothing collected yet)"

    def __repr__(self) -> str:  # answers are personal: show only which topics are filled
        return f"CareerProfile(topics={sorted(self.answers)})"


def profile_text(profile: CareerProfile | Mapping[str, Any] | str) -> str:
    """Prompt text for a profile given as a :class:`CareerProfile`, a mapping or plain text."""
    if isinstance(profile, CareerProfile):
        return profile.as_text()
    if isinstance(profile, Mapping):
        return "\n".join(f"- {k}: {v}" for k, v in profile.items())
    return str(profile)


# ---------------------------------------------------------------- structured outputs
class ProfileGap(BaseModel):
    """One thing the profile lacks for the target role."""

    topic: str = Field(description="what is missing, in a few words")
    why_it_matters: str = Field(description="why the target role needs it")
    question: str = Field(description="one question that would fill the gap")


class GapReport(BaseModel):
    """How complete a profile is for a target role."""

    target_role: str
    completeness: int = Field(ge=0, le=100, description="percent of what the role needs")
    strengths: list[str] = Field(description="what the profile already shows for this role")
    gaps: list[ProfileGap]


class BehaviouralPattern(BaseModel):
    """A recurring way of working seen in the profile."""

    pattern: str = Field(description="the pattern, in a short phrase")
    evidence: str = Field(description="what in the profile shows it")
    kind: Literal["strength", "risk", "preference"]


class PatternReport(BaseModel):
    """Behavioural patterns found in a profile."""

    patterns: list[BehaviouralPattern]


class HiddenStrength(BaseModel):
    """A strength the person may not see in themselves."""

    strength: str
    evidence: str
    how_to_use_it: str


class HiddenStrengths(BaseModel):
    """Hidden strengths inferred from a profile and its patterns."""

    strengths: list[HiddenStrength]


class CareerPath(BaseModel):
    """An alternative direction the person could take."""

    title: str
    why_it_fits: str
    first_step: str


class CareerPaths(BaseModel):
    """Alternative career paths for a profile."""

    paths: list[CareerPath]


class ResumeAnalysis(BaseModel):
    """What the resume flow extracts from a candidate profile."""

    summary: str = Field(description="two sentences about the candidate")
    skills: list[str]
    seniority: Literal["junior", "mid", "senior", "lead"]
    suggested_roles: list[str]
    outreach: str = Field(description="a short first message to the candidate, by name")
