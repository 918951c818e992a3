"""``chatveil demo``: a guarded career-coach conversation, shown turn by turn.

For every turn the demo prints what the user wrote, what the model received (surrogates), the
answer as the user gets it (restored, streamed as it arrives) and the model's raw answer.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, TextIO

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage

from chatveil import Guard, GuardConfig, guarded
from chatveil.demo._models import MessageRecorder, OfflineCoachModel
from chatveil.errors import ChatveilError

__all__ = ["SCRIPT", "DemoTurn", "choose_model", "run_demo"]

#: What the demo user types, turn by turn.
SCRIPT: tuple[str, ...] = (
    "Hi! I'm Maria Lopez. You can reach me at maria.lopez@example.org or +1 415 555 0132.",
    (
        "I've been a data analyst in Berlin for six years, and lately I lead our dashboard "
        "projects and spend a lot of time with the people who use them."
    ),
    (
        "I want to move into product management. Could you draft a short note to my old mentor "
        "John Carter asking for advice?"
    ),
    "What should I focus on first?",
    "Thanks, that's all for today!",
)

SYSTEM_PROMPT = (
    "You are a warm, concise career coach. Address the user by first name, refer to the "
    "details they gave you, and keep answers under 120 words."
)

_LABEL_WIDTH = 15
_COLOURS = {"you wrote": "36", "model received": "33", "model answered": "35", "you got back": "32"}


@dataclass
class DemoTurn:
    """One turn as the demo saw it."""

    user: str
    received: str  # the user's message as the model received it
    history_size: int  # messages the model received in this call
    answer_raw: str  # the model's answer, as sent by the model
    answer: str  # the answer the user got back (restored)
    chunks: list[str] = field(default_factory=list)  # the restored stream, chunk by chunk


def choose_model(
    *,
    offline: bool = False,
    env: Mapping[str, str] | None = None,
    delay: float = 0.0,
    callbacks: list[Any] | None = None,
) -> tuple[BaseChatModel, str]:
    """The chat model to use and a one-line description of it.

    ``OPENAI_API_KEY`` / ``OPENAI_BASE_URL`` select an OpenAI-compatible endpoint (model from
    ``CHATVEIL_DEMO_MODEL``, default ``gpt-4o-mini``); ``OLLAMA_BASE_URL`` selects a local Ollama
    server through its OpenAI-compatible API (model from ``OLLAMA_MODEL``, default
    ``llama3.2``). Otherwise, or with ``offline=True``, the offline stand-in model.
    """
    env = os.environ if env is None else env
    if not offline and (env.get("OPENAI_API_KEY") or env.get("OPENAI_BASE_URL")):
        name = env.get("CHATVEIL_DEMO_MODEL", "gpt-4o-mini")
        chat = _chat_openai(
            model=name,
            base_url=env.get("OPENAI_BASE_URL") or None,
            api_key=env.get("OPENAI_API_KEY") or "unused",
            callbacks=callbacks,
        )
        return chat, f"{name} via {env.get('OPENAI_BASE_URL') or 'OpenAI'}"
    if not offline and env.get("OLLAMA_BASE_URL"):
        base = env["OLLAMA_BASE_URL"].rstrip("/")
        base = base if base.endswith("/v1") else base + "/v1"
        name = env.get("OLLAMA_MODEL", "llama3.2")
        chat = _chat_openai(model=name, base_url=base, api_key="ollama", callbacks=callbacks)
        return chat, f"{name} via Ollama at {base}"
    model = OfflineCoachModel(delay=delay, callbacks=callbacks)
    return model, (
        "offline stand-in (rule-based, no network; set OPENAI_API_KEY or OLLAMA_BASE_URL "
        "to talk to a real model)"
    )


def _chat_openai(**kwargs: Any) -> BaseChatModel:
    try:
        from langchain_openai import ChatOpenAI
    except ImportError:
        raise ChatveilError(
            "a real model needs langchain-openai: `pip install langchain-openai` "
            "(or run with --offline)"
        ) from None
    return ChatOpenAI(temperature=0, **kwargs)


def run_demo(
    *,
    turns: int | None = None,
    strategy: str = "faker",
    out: TextIO | None = None,
    colour: bool | None = None,
    offline: bool = False,
    delay: float = 0.0,
    session_id: str = "demo-user",
    secret_key: bytes | None = None,
) -> list[DemoTurn]:
    """Run the guarded conversation, print it to ``out`` and return what happened.

    Args:
        turns: how many scripted turns to play (all of them by default).
        strategy: surrogate strategy: ``faker``, ``placeholder`` or ``token``.
        out: where to print (``sys.stdout`` by default).
        colour: ANSI colours; by default only when ``out`` is a terminal and ``NO_COLOR``
            is unset.
        offline: use the offline stand-in even if a provider is configured.
        delay: seconds between the stand-in's streamed chunks.
        session_id: the demo user's session.
        secret_key: the guard's key (fixed in tests for repeatable surrogates).
    """
    out = out or sys.stdout
    if colour is None:
        colour = out.isatty() and not os.environ.get("NO_COLOR")
    script = SCRIPT[: len(SCRIPT) if turns is None else turns]
    if not script:
        raise ValueError(f"turns must be between 1 and {len(SCRIPT)}")
    guard = Guard(GuardConfig(strategy=strategy, secret_key=secret_key))
    recorder = MessageRecorder()
    inner, description = choose_model(offline=offline, delay=delay, callbacks=[recorder])
    chat = guarded(inner, guard=guard)
    config = {"configurable": {"session_id": session_id}}
    view = _View(out, colour)

    view.line(view.paint("1", "chatveil demo") + f" \u00b7 strategy: {strategy}")
    view.line(f"model: {description}")
    view.line(
        "Each turn shows what you wrote, what the model received, what you got back "
        "(streamed) and what the model actually answered."
    )

    history: list[BaseMessage] = [SystemMessage(SYSTEM_PROMPT)]
    played: list[DemoTurn] = []
    for number, text in enumerate(script, 1):
        view.rule(f" turn {number} of {len(script)} ")
        view.row("you wrote", text)
        history.append(HumanMessage(text))
        calls_before = len(recorder.sent)
        chunks: list[str] = []
        for chunk in chat.stream(history, config=config):
            if chunk.text:
                if not chunks:
                    _begin_answer(view, _latest(recorder.sent, calls_before))
                chunks.append(chunk.text)
                view.stream(chunk.text)
        if not chunks:
            _begin_answer(view, _latest(recorder.sent, calls_before))
        view.end_stream()
        answer = "".join(chunks)
        raw = _latest(recorder.answers, calls_before) or ""
        view.row("model answered", raw)
        sent = _latest(recorder.sent, calls_before) or []
        played.append(DemoTurn(text, _last_human(sent), len(sent), raw, answer, chunks))
        history.append(AIMessage(answer))

    _summary(view, guard, script, recorder)
    return played


def _latest(items: list[Any], before: int) -> Any:
    """The newest item if one was added since there were ``before`` items, else ``None``."""
    return items[-1] if len(items) > before else None


def _begin_answer(view: _View, sent: list[BaseMessage] | None) -> None:
    """Show what the model received, then open the streamed "you got back" row."""
    if sent is None:
        view.row("model received", "(not recorded: the model call did not report its input)")
    else:
        view.row("model received", _last_human(sent))
        earlier = sum(1 for m in sent[:-1] if not isinstance(m, SystemMessage))
        context = "the system prompt" + (f" and {earlier} earlier message(s)" if earlier else "")
        view.row("", f"(along with {context}, all pseudonymized)", dim=True)
    view.start_stream("you got back")


def _last_human(messages: list[BaseMessage]) -> str:
    for message in reversed(messages):
        if isinstance(message, HumanMessage):
            return message.text
    return ""


def _summary(view: _View, guard: Guard, script: tuple[str, ...], recorder: MessageRecorder) -> None:
    originals = {text[s.start : s.end] for text in script for s in guard.detect(text)}
    sent = "\n".join(m.text for call in recorder.sent for m in call)
    leaked = sum(1 for o in originals if o in sent)
    view.rule("")
    if leaked:
        view.line(
            view.paint(
                "31", f"\u2717 {leaked} of {len(originals)} personal values reached the model"
            )
        )
    else:
        view.line(
            view.paint(
                "32",
                f"\u2713 none of the {len(originals)} personal values you "
                f"typed reached the model ({len(recorder.sent)} call(s))",
            )
        )
    metrics = guard.metrics()
    for key in ("pseudonymized", "restored"):
        counts = ", ".join(f"{k} {v}" for k, v in metrics[key].items()) or "none"
        view.line(f"{key}: {counts}")


class _View:
    """Two columns: a label, then the text wrapped to the terminal width."""

    def __init__(self, out: TextIO, colour: bool) -> None:
        self.out = out
        self.colour = colour
        self.width = max(60, min(shutil.get_terminal_size((100, 24)).columns, 120))
        self._streaming = False
        self._column = 0
        self._gap = False
        self._pending = ""

    def paint(self, code: str, text: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.colour else text

    def line(self, text: str = "") -> None:
        self.out.write(text + "\n")
        self.out.flush()

    def rule(self, title: str) -> None:
        self.line(self.paint("2", f"\u2500\u2500\u2500{title}".ljust(self.width, "\u2500")))

    def _label(self, label: str) -> str:
        padded = f"{label:<{_LABEL_WIDTH}}\u2502 "
        return self.paint(_COLOURS.get(label, "2"), padded) if label else padded

    def row(self, label: str, text: str, dim: bool = False) -> None:
        indent = " " * _LABEL_WIDTH + "\u2502 "
        body_width = self.width - len(indent)
        lines: list[str] = []
        for paragraph in (text or "").split("\n"):
            lines += textwrap.wrap(paragraph, body_width) or [""]
        for i, body in enumerate(lines):
            body = self.paint("2", body) if dim else body
            self.line((self._label(label) if i == 0 else indent) + body)

    def start_stream(self, label: str) -> None:
        self.out.write(self._label(label))
        self._streaming = True
        self._column = 0
        self._gap = False
        self._pending = ""

    def stream(self, piece: str) -> None:
        """Write streamed text, wrapping at word boundaries (a partial word waits for the next
        piece, so a word is never broken between two lines)."""
        text = self._pending + piece
        cut = max(text.rfind(" "), text.rfind("\n")) + 1
        self._pending = text[cut:]
        self._write_words(text[:cut])
        self.out.flush()

    def _write_words(self, text: str) -> None:
        indent = " " * _LABEL_WIDTH + "\u2502 "
        body_width = self.width - len(indent)
        for token in re.split(r"( |\n)", text):
            if token == "\n":
                self.out.write("\n" + indent)
                self._column, self._gap = 0, False
            elif token == " ":
                self._gap = self._column > 0
            elif token:
                if self._column and self._column + self._gap + len(token) > body_width:
                    self.out.write("\n" + indent)
                    self._column, self._gap = 0, False
                if self._gap:
                    self.out.write(" ")
                    self._column += 1
                self.out.write(token)
                self._column += len(token)
                self._gap = False

    def end_stream(self) -> None:
        if self._streaming:
            self._write_words(self._pending)
            self._pending = ""
            self.line()
            self._streaming = False
