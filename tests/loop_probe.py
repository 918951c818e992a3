"""Probes for the async paths: which guard work ran on the event loop's thread.

A :class:`ProbeStore` and a :class:`ProbeDetector` note every call made on the thread named
``loop_thread`` (set it from inside the loop). An async path that keeps the loop free leaves
``on_loop`` empty while ``calls`` grows.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from typing import Any

from chatveil import Entry, Guard, GuardConfig, MemoryVaultStore
from chatveil.spans import Span
from chatveil.state import Added, Entries
from fakes import SECRET, FakeDetector


class _Probe:
    def __init__(self) -> None:
        self.loop_thread: int | None = None
        self.on_loop: list[str] = []
        self.calls = 0
        self.names: list[str] = []  # every call, in order

    def seen(self, name: str) -> None:
        self.calls += 1
        self.names.append(name)
        if threading.get_ident() == self.loop_thread:
            self.on_loop.append(name)


class ProbeStore(MemoryVaultStore):
    def __init__(self) -> None:
        super().__init__()
        self.probe = _Probe()

    def create(self, session_id: str) -> bool:
        self.probe.seen("create")
        return super().create(session_id)

    def exists(self, session_id: str) -> bool:
        self.probe.seen("exists")
        return super().exists(session_id)

    def entries(self, session_id: str, since: int = 0) -> Entries:
        self.probe.seen("entries")
        return super().entries(session_id, since)

    def add(self, session_id: str, entry: Entry) -> Entry | None:
        self.probe.seen("add")
        return super().add(session_id, entry)

    def add_many(self, session_id: str, entries: Sequence[Entry], *, since: int) -> Added:
        self.probe.seen("add_many")
        return super().add_many(session_id, entries, since=since)

    def merge_counters(self, session_id: str, counters: Mapping[str, int]) -> None:
        self.probe.seen("merge_counters")
        super().merge_counters(session_id, counters)

    def drop(self, session_id: str) -> bool:
        self.probe.seen("drop")
        return super().drop(session_id)


class ProbeDetector(FakeDetector):
    def __init__(self) -> None:
        super().__init__()
        self.probe = _Probe()

    def detect(self, text: str) -> list[Span]:
        self.probe.seen("detect")
        return super().detect(text)

    def detect_many(self, texts: Sequence[str], **kwargs: Any) -> list[list[Span]]:
        self.probe.seen("detect_many")
        return super().detect_many(texts, **kwargs)


def probe_guard(**options: Any) -> tuple[Guard, ProbeStore, ProbeDetector]:
    store, detector = ProbeStore(), ProbeDetector()
    options.setdefault("secret_key", SECRET)
    guard = Guard(GuardConfig(**options), detector=detector, vault_store=store)
    return guard, store, detector


def on_this_loop(*probed: ProbeStore | ProbeDetector) -> None:
    """Mark the running thread (call it inside the event loop) as the loop's."""
    for p in probed:
        p.probe.loop_thread = threading.get_ident()
