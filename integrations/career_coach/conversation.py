"""The conversation engine: session history, an adaptive questioner and a fatigue manager.

One LCEL chain serves every user::

    RunnableWithMessageHistory(
        RunnablePassthrough.assign(directive=plan) | prompt | guarded(llm),
        history per session_id,
    )

``plan`` records the user's answer under the topic that was asked, lets the fatigue manager
judge the answers so far, and lets the questioner pick what to ask next; the prompt turns that
into a directive for the model. The same ``session_id`` selects the chat history and the
guard's vault, so the history keeps originals while the model only ever sees surrogates.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from langchain_core.chat_history import BaseChatMessageHistory
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import BaseMessage
from langchain_core.prompts import ChatPromptTemplate, MessagesPlaceholder
from langchain_core.runnables import Runnable, RunnableConfig, RunnableLambda, RunnablePassthrough
from langchain_core.runnables.history import RunnableWithMessageHistory

from career_coach.profile import INTRODUCTION, TOPIC_BY_KEY, TOPICS, CareerProfile
from chatveil import Guard, guarded

Mode = Literal["normal", "brief", "end"]

SYSTEM_PROMPT = (
    "You are a warm, concise career coach interviewing the user to build their career "
    "profile. Use their first name when you know it. Never ask more than one question.\n\n"
    "For this turn: {directive}"
)


class SessionHistory(BaseChatMessageHistory):
    """One session's messages, kept in memory (originals: this stays in the application)."""

    def __init__(self) -> None:
        self.messages: list[BaseMessage] = []

    def add_messages(self, messages: Sequence[BaseMessage]) -> None:
        self.messages.extend(messages)

    def clear(self) -> None:
        self.messages = []

    def __repr__(self) -> str:
        return f"SessionHistory({len(self.messages)} message(s))"


@dataclass
class FatigueManager:
    """Judges engagement from answer lengths: keep going, shorten, or end the interview.

    Args:
        short_words: an answer with fewer words than this counts as short.
        shorten_after: this many short answers in a row switch to brief mode.
        end_after: this many short answers in a row end the interview.
        stop_phrases: phrases that end the interview at once.
    """

    short_words: int = 5
    shorten_after: int = 2
    end_after: int = 3
    stop_phrases: tuple[str, ...] = ("stop", "enough", "no more", "let's finish", "bye")

    def assess(self, answer_lengths: list[int], last_answer: str = "") -> Mode:
        lowered = last_answer.lower()
        if any(re.search(rf"\b{re.escape(p)}\b", lowered) for p in self.stop_phrases):
            return "end"
        streak = 0
        for n in reversed(answer_lengths):
            if n >= self.short_words:
                break
            streak += 1
        if streak >= self.end_after:
            return "end"
        if streak >= self.shorten_after:
            return "brief"
        return "normal"


@dataclass
class AdaptiveQuestioner:
    """Picks the next topic from what the profile still lacks.

    In brief mode only essential topics are asked; when nothing (worth asking) is left, or the
    interview should end, there is no next topic.
    """

    def next_topic(self, profile: CareerProfile, mode: Mode) -> str | None:
        if mode == "end":
            return None
        missing = profile.missing()
        if mode == "brief":
            missing = [key for key in missing if TOPIC_BY_KEY[key].essential]
        return missing[0] if missing else None

    def directive(self, topic: str | None, mode: Mode) -> str:
        """The instruction for the model in this turn."""
        if topic is None:
            return (
                "Wrap up the interview: thank the user by first name and summarise what "
                "you learned in two sentences. Ask no further question."
            )
        question = TOPIC_BY_KEY[topic].question
        if mode == "brief":
            return (
                "The user's answers are getting short. Acknowledge in a few words, then ask "
                f"only this, shortened if you can: {question}"
            )
        return f"Acknowledge the answer in one or two sentences, then ask: {question}"


@dataclass
class InterviewState:
    """Where one session's interview stands."""

    profile: CareerProfile = field(default_factory=CareerProfile)
    pending: str | None = None  # the topic asked last
    answer_lengths: list[int] = field(default_factory=list)
    mode: Mode = "normal"
    done: bool = False


@dataclass
class Turn:
    """What one call of :meth:`ConversationEngine.turn` produced."""

    reply: str
    topic: str | None  # the topic the reply asks about (None when wrapping up)
    mode: Mode
    done: bool


class ConversationEngine:
    """A guarded interview that adapts its questions and its length to the user.

    Args:
        llm: any LangChain chat model; it is wrapped with ``guarded(llm, guard=guard)``.
        guard: the guard whose sessions hold the surrogates.
        questioner: picks the next topic (:class:`AdaptiveQuestioner` by default).
        fatigue: judges engagement (:class:`FatigueManager` by default).
    """

    def __init__(
        self,
        llm: BaseChatModel,
        guard: Guard,
        *,
        questioner: AdaptiveQuestioner | None = None,
        fatigue: FatigueManager | None = None,
    ) -> None:
        self.guard = guard
        self.questioner = questioner or AdaptiveQuestioner()
        self.fatigue = fatigue or FatigueManager()
        self._states: dict[str, InterviewState] = {}
        self._histories: dict[str, SessionHistory] = {}
        prompt = ChatPromptTemplate.from_messages(
            [("system", SYSTEM_PROMPT), MessagesPlaceholder("history"), ("human", "{input}")]
        )
        plan = RunnableLambda(self._plan, name="plan_next_question")
        # langchain-core 1.x marks RunnableWithMessageHistory deprecated in favour of LangGraph
        # persistence; it is still the LCEL way to keep per-session history, so we use it.
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", "RunnableWithMessageHistory", DeprecationWarning)
            self.chain: Runnable = RunnableWithMessageHistory(
                RunnablePassthrough.assign(directive=plan) | prompt | guarded(llm, guard=guard),
                self.history,
                input_messages_key="input",
                history_messages_key="history",
            )

    # ------------------------------------------------------------------ state
    def history(self, session_id: str) -> BaseChatMessageHistory:
        """The chat history of a session (originals, as the user and the app see them)."""
        return self._histories.setdefault(session_id, SessionHistory())

    def state(self, session_id: str) -> InterviewState:
        """The interview state of a session."""
        return self._states.setdefault(session_id, InterviewState())

    def forget(self, session_id: str) -> None:
        """Drop a session's history, interview state and vault."""
        self._histories.pop(session_id, None)
        self._states.pop(session_id, None)
        self.guard.forget(session_id)

    def _plan(self, inputs: dict[str, Any], config: RunnableConfig) -> str:
        state = self.state(config["configurable"]["session_id"])
        answer = inputs["input"]
        if state.pending is not None:
            state.profile.add(state.pending, answer)
            state.answer_lengths.append(len(answer.split()))
        elif not state.profile.answers:
            state.profile.add(INTRODUCTION, answer)
        state.mode = self.fatigue.assess(state.answer_lengths, answer)
        state.pending = self.questioner.next_topic(state.profile, state.mode)
        state.done = state.pending is None
        return self.questioner.directive(state.pending, state.mode)

    # ------------------------------------------------------------------ turns
    @staticmethod
    def _config(session_id: str) -> RunnableConfig:
        return {"configurable": {"session_id": session_id}}

    def turn(self, session_id: str, text: str) -> Turn:
        """Send the user's message; returns the coach's reply (restored) and where things stand."""
        reply = self.chain.invoke({"input": text}, config=self._config(session_id))
        state = self.state(session_id)
        return Turn(reply.text, state.pending, state.mode, state.done)

    def stream(self, session_id: str, text: str) -> Iterator[str]:
        """Like :meth:`turn`, yielding the reply as it streams (restored chunk by chunk)."""
        for chunk in self.chain.stream({"input": text}, config=self._config(session_id)):
            if chunk.text:
                yield chunk.text


__all__ = [
    "TOPICS",
    "AdaptiveQuestioner",
    "ConversationEngine",
    "FatigueManager",
    "InterviewState",
    "SessionHistory",
    "Turn",
]
