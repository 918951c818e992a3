"""The LangChain wrapper's own cost per turn over a 40-turn conversation.

For every turn k the guarded model receives the whole history (system prompt, k human
messages with personal data, k-1 assistant answers). The wrapped model is an instant echo, so
what is measured is the wrapper: pseudonymizing the history, the extra run, restoring the
answer. The new human message is detected first (and timed on its own), because that NER
pass is unavoidable; the overhead column is what the wrapper adds on top of it.

The baseline is what reversible anonymizers that keep no per-session memory do: a fresh
Presidio analyze + anonymize pass over every message of the history, every turn.

Run:  .venv/bin/python benchmarks/bench_langchain.py [--runs 5] [--turns 40]
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import build_presidio, presidio_pseudonymize
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import (
    AIMessage,
    BaseMessage,
    HumanMessage,
    SystemMessage,
)
from langchain_core.outputs import ChatGeneration, ChatResult

from chatveil import Guard, GuardConfig, guarded

NAMES = [
    "Jane Doe",
    "John Smith",
    "Maria Garcia",
    "Peter Parker",
    "Aisha Khan",
    "Liam Murphy",
    "Emma Wilson",
    "Noah Brown",
    "Olivia Martin",
    "Lucas Schmidt",
]
CITIES = ["Paris", "Berlin", "Madrid", "Chicago", "Toronto", "Dublin", "Lisbon", "Boston"]
TEMPLATES = [
    "Hi, I am {name}. You can reach me at {email} or {phone}.",
    "My manager {other} lives in {city}; her number is {phone}.",
    "Please send the signed contract to {email} and copy {other}.",
    "Can you remind {name} about the meeting in {city} next Tuesday?",
    "{other} changed jobs; the new address is {email}, phone {phone}.",
]


def human_text(turn: int) -> str:
    name, other = NAMES[turn % len(NAMES)], NAMES[(turn * 3 + 1) % len(NAMES)]
    email = f"{name.split()[0].lower()}.{name.split()[1].lower()}{turn}@example.com"
    phone = f"+1 415-555-{1000 + turn * 37 % 9000:04d}"
    return TEMPLATES[turn % len(TEMPLATES)].format(
        name=name, other=other, email=email, phone=phone, city=CITIES[turn % len(CITIES)]
    )


def answer_text(turn: int) -> str:
    return f"Noted. I will follow up with {NAMES[turn % len(NAMES)]} about item {turn}."


class InstantEcho(BaseChatModel):
    """A model that costs (almost) nothing: it echoes the last message."""

    @property
    def _llm_type(self) -> str:
        return "instant-echo"

    def _generate(
        self, messages: list[BaseMessage], stop: Any = None, run_manager: Any = None, **kwargs: Any
    ) -> ChatResult:
        return ChatResult(generations=[ChatGeneration(message=AIMessage(messages[-1].text))])


def history(turn: int) -> list[BaseMessage]:
    out: list[BaseMessage] = [SystemMessage("You are a helpful scheduling assistant.")]
    for t in range(1, turn + 1):
        out.append(HumanMessage(human_text(t)))
        if t < turn:
            out.append(AIMessage(answer_text(t)))
    return out


def ms(seconds: list[float], pick: Any) -> float:
    return pick(seconds) * 1000


class Timings:
    """Per-turn samples over several runs (seconds)."""

    def __init__(self, turns: int) -> None:
        self.samples: dict[int, list[float]] = {t: [] for t in range(1, turns + 1)}
        self.best: dict[int, float] = {}  # derived values (ms), when not from samples
        self.typical: dict[int, float] = {}

    def add(self, turn: int, seconds: float) -> None:
        self.samples[turn].append(seconds)

    def min(self, turn: int) -> float:
        return self.best[turn] if turn in self.best else ms(self.samples[turn], min)

    def median(self, turn: int) -> float:
        if turn in self.typical:
            return self.typical[turn]
        return ms(self.samples[turn], statistics.median)


def bench_chatveil(turns: int, runs: int) -> tuple[Timings, Timings, Timings]:
    """Per turn: NER of the new message, the wrapper's overhead, and the core's share of it.

    The app keeps one growing history list (as chat apps and LangGraph state do) and sends
    all of it every turn. The core's share is ``guard.pseudonymize`` over the same history in
    a twin session, without LangChain.
    """
    guard = Guard(GuardConfig(secret_key=b"bench-langchain-secret-key-0001")).warm_up()
    echo = InstantEcho()
    chat = guarded(echo, guard=guard)
    fresh = Guard(GuardConfig(cache_ttl=0))  # times NER on the new message, no cache
    detect, wrapped, bare, core = (Timings(turns) for _ in range(4))
    for run in range(runs):
        config = {"configurable": {"session_id": f"bench-{run}"}}
        messages: list[BaseMessage] = [SystemMessage("You are a helpful scheduling assistant.")]
        for turn in range(1, turns + 1):
            if turn > 1:
                messages.append(AIMessage(answer_text(turn - 1)))
            messages.append(HumanMessage(human_text(turn)))
            start = time.perf_counter()
            fresh.detect(human_text(turn))
            detect.add(turn, time.perf_counter() - start)
            guard.detect(human_text(turn))  # the new message is detected: now cached
            gc.disable()
            start = time.perf_counter()
            for m in messages:
                guard.pseudonymize(str(m.content), f"core-{run}")
            core.add(turn, time.perf_counter() - start)
            start = time.perf_counter()
            echo.invoke(messages)
            bare.add(turn, time.perf_counter() - start)
            start = time.perf_counter()
            answer = chat.invoke(messages, config=config)
            wrapped.add(turn, time.perf_counter() - start)
            gc.enable()
            assert answer.content == messages[-1].content
    overhead = Timings(turns)
    for turn in range(1, turns + 1):  # wrapped minus bare, compared statistic by statistic
        overhead.best[turn] = wrapped.min(turn) - bare.min(turn)
        overhead.typical[turn] = wrapped.median(turn) - bare.median(turn)
    return detect, overhead, core


def bench_presidio(turns: list[int]) -> dict[int, float]:
    """A fresh analyze + anonymize pass over every message of the history, per turn."""
    analyzer, anonymizer = build_presidio()
    presidio_pseudonymize(analyzer, anonymizer, "warm up John Smith")
    out = {}
    for turn in turns:
        texts = [str(m.content) for m in history(turn)]
        start = time.perf_counter()
        for text in texts:
            presidio_pseudonymize(analyzer, anonymizer, text)
        out[turn] = (time.perf_counter() - start) * 1000
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--turns", type=int, default=40)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()

    detect, overhead, core = bench_chatveil(args.turns, args.runs)
    shown = sorted({1, 2, 5, 10, 20, 30, args.turns} & set(range(1, args.turns + 1)))
    baseline = bench_presidio(shown)

    print(f"LangChain wrapper cost per turn, milliseconds: best / median of {args.runs} runs\n")
    print(
        f"{'turn':>4} {'msgs':>4} {'NER new msg':>13} {'chatveil overhead':>19} "
        f"{'of which core':>15} {'Presidio full pass':>19}"
    )
    for t in shown:
        print(
            f"{t:>4} {len(history(t)):>4} {detect.min(t):>6.2f} /{detect.median(t):>5.2f} "
            f"{overhead.min(t):>9.3f} /{overhead.median(t):>7.3f} "
            f"{core.min(t):>7.3f} /{core.median(t):>5.3f} {baseline[t]:>19.1f}"
        )
    last, second = overhead.min(args.turns), overhead.min(2)
    flat, fast = last <= 3 * second, last < 2.0
    print(
        f"\nturn {args.turns} / turn 2 overhead (best): {last / second:.2f}x (target <= 3x): "
        f"{'ok' if flat else 'FAIL'}"
    )
    print(
        f"turn {args.turns} overhead (best): {last:.3f} ms (target < 2 ms): "
        f"{'ok' if fast else 'FAIL'}"
    )
    print(
        f"Presidio full pass at turn {args.turns}: {baseline[args.turns]:.0f} ms, "
        f"{baseline[args.turns] / (last + detect.min(args.turns)):.0f}x chatveil's overhead "
        f"+ NER of the new message"
    )
    return 0 if flat and fast else 1


if __name__ == "__main__":
    raise SystemExit(main())
