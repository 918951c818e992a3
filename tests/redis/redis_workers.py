"""Worker processes that serve conversations through ``guarded()`` on a shared Redis vault.

Each worker is a separate process (spawned, like a web server's workers) with its own guard,
its own ``RedisVaultStore`` on the same server and namespace, and an echo chat model that
records what it receives. The coordinator (the test, or the benchmark) sends jobs to one
worker's inbox and reads replies from a shared outbox.

Jobs (tuples):
    ("turn", conv, turn, history)  history: [(role, text)], role "human" or "ai"
    ("restore", conv, text)
    ("forget", conv)
    None                           stop

Replies: ("ok", worker, job_id, payload) or ("error", worker, job_id, error class name,
number of model calls the failed job made).
"""

from __future__ import annotations

import sys
import time
import traceback
from pathlib import Path
from typing import Any

TESTS = Path(__file__).resolve().parents[1]

FIRST = ["Jane", "Maria", "Peter", "Carlos", "Priya", "Wei", "Fatima", "Olga", "Kwame", "Amara",
         "Ravi", "Zlata", "Teresa", "Liam", "Aiko", "Dmitri"]
LAST = ["Okafor", "Novak", "Tanaka", "Silva", "Haddad", "Kowalski", "Mensah", "Lindqvist",
        "Moreau", "Petrov", "Quispe", "Nakamura", "Oyelaran"]


def person(conv: int, k: int) -> str:
    """The ``k``-th person of conversation ``conv`` (k=0: the user)."""
    return f"{FIRST[(conv + 3 * k) % len(FIRST)]} {LAST[(conv * 7 + k) % len(LAST)]}"


def turn_text(conv: int, turn: int) -> tuple[str, list[str]]:
    """What the user says at ``turn`` of ``conv``, and the originals it contains."""
    me = person(conv, 0)
    mail = f"{me.split()[0].lower()}.{me.split()[1].lower()}{conv}@example.org"
    other = person(conv, 1 + turn % 4)
    phone = f"+1 555 {conv:04d} {turn:04d}"
    if turn % 3 == 0:
        text = f"Hello, this is {me} ({mail}). Turn {turn}: please help {other} today."
        return text, [me, mail, other]
    if turn % 3 == 1:
        text = f"Turn {turn}: {other} can be reached at {phone}; cc {mail} please."
        return text, [other, phone, mail]
    text = f"Turn {turn}: remind {me} and {other} about the meeting, thanks."
    return text, [me, other]


def serve(worker: int, url: str, namespace: str, key: bytes, secret: bytes, inbox: Any,
          outbox: Any, detector: str = "fake") -> None:
    """A worker's main loop (the target of a spawned process)."""
    sys.path[:0] = [str(TESTS), str(TESTS / "langchain")]
    from langchain_core.messages import AIMessage, HumanMessage

    from chatveil import ChatveilError, Guard, GuardConfig, guarded
    from chatveil.redis import RedisDetectionCache, RedisVaultStore
    from fakes import FakeDetector
    from lc_fakes import SpyChatModel

    store = RedisVaultStore.from_url(url, namespace=namespace, encryption_key=key, timeout=0.5,
                                     retries=1)
    config = GuardConfig(secret_key=secret)
    if detector == "fake":
        guard = Guard(config, detector=FakeDetector(), vault_store=store)
    else:  # the real one, with the shared detection cache
        cache = RedisDetectionCache.from_url(url, namespace=namespace, timeout=0.5, retries=1)
        guard = Guard(config, vault_store=store, detection_cache=cache).warm_up()
    spy = SpyChatModel()
    chat = guarded(spy, guard=guard)
    outbox.put(("ready", worker, None, None))
    while True:
        job = inbox.get()
        if job is None:
            break
        job_id, (kind, conv, *rest) = job[0], job[1:]
        calls = len(spy.received)
        try:
            if kind == "turn":
                (history,) = rest
                messages = [HumanMessage(t) if role == "human" else AIMessage(t)
                            for role, t in history]
                started = time.perf_counter()
                answer = chat.invoke(messages, config={"configurable": {"session_id": conv}})
                elapsed = time.perf_counter() - started
                sent = [m.text for m in spy.received[-1]]
                payload: Any = (answer.text, sent, elapsed)
            elif kind == "restore":
                payload = guard.restore(rest[0], session_id=conv)
            elif kind == "forget":
                payload = guard.forget(conv)
            else:
                raise ValueError(kind)
            outbox.put(("ok", worker, job_id, payload))
        except ChatveilError as exc:
            outbox.put(("error", worker, job_id, type(exc).__name__, len(spy.received) - calls))
        except Exception as exc:  # a bug: report it without values
            outbox.put(("error", worker, job_id,
                        f"{type(exc).__name__}: {traceback.format_exc(limit=3)[-600:]}",
                        len(spy.received) - calls))
    store.close()


class Pool:
    """Spawned worker processes and a way to send them jobs and wait for the replies."""

    def __init__(self, n: int, url: str, namespace: str, key: bytes, secret: bytes,
                 detector: str = "fake") -> None:
        import multiprocessing

        ctx = multiprocessing.get_context("spawn")
        self.outbox = ctx.Queue()
        self.inboxes = [ctx.Queue() for _ in range(n)]
        self.procs = [
            ctx.Process(target=serve, args=(i, url, namespace, key, secret, self.inboxes[i],
                                            self.outbox, detector), daemon=True)
            for i in range(n)
        ]
        for proc in self.procs:
            proc.start()
        self._next = 0
        for _ in range(n):
            kind, *_ = self.outbox.get(timeout=180)
            assert kind == "ready"

    def run(self, jobs: list[tuple[int, tuple[Any, ...]]], timeout: float = 120
            ) -> dict[int, tuple[Any, ...]]:
        """Send each ``(worker, job)``; return the replies by job index."""
        for i, (worker, job) in enumerate(jobs):
            self.inboxes[worker].put((i, *job))
        replies: dict[int, tuple[Any, ...]] = {}
        while len(replies) < len(jobs):
            status, worker, job_id, *rest = self.outbox.get(timeout=timeout)
            replies[job_id] = (status, worker, *rest)
        return replies

    def close(self) -> None:
        for inbox in self.inboxes:
            inbox.put(None)
        for proc in self.procs:
            proc.join(timeout=10)
            if proc.is_alive():
                proc.kill()
