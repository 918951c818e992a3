"""The guard's async methods never block the event loop: NER and store calls run elsewhere."""

from __future__ import annotations

import asyncio
import threading

import pytest

from chatveil import Guard, GuardConfig, MemoryVaultStore, UnknownSessionError
from chatveil.state import Entries
from fakes import SECRET, FakeDetector
from loop_probe import on_this_loop, probe_guard

TEXT = "Hi, I am Maria Kowalski, write to maria.kowalski@example.org."


def test_async_methods_do_their_work_off_the_loop() -> None:
    guard, store, detector = probe_guard()

    async def main() -> None:
        on_this_loop(store, detector)
        with guard.session("s"):  # the current session reaches the worker thread
            masked = await guard.apseudonymize(TEXT)
            assert "Maria" not in masked
            assert await guard.arestore(masked) == TEXT
            batch = await guard.apseudonymize_batch([TEXT, "Call Peter Novak."])
            assert batch[0] == masked and "Peter" not in batch[1]
            assert await guard.arestore_answer(batch[1]) == "Call Peter Novak."
            assert await guard.aforget() is True
        with pytest.raises(UnknownSessionError):
            await guard.arestore(masked, session_id="s")

    asyncio.run(main())
    assert store.probe.calls >= 8 and detector.probe.calls >= 2
    assert store.probe.on_loop == [] and detector.probe.on_loop == []


class GateStore(MemoryVaultStore):
    """Every catch-up waits until the event loop has run on (``release`` is set by a task)."""

    def __init__(self) -> None:
        super().__init__()
        self.waiting = threading.Event()
        self.release = threading.Event()

    def entries(self, session_id: str, since: int = 0) -> Entries:
        self.waiting.set()
        if not self.release.wait(timeout=30):
            raise AssertionError("the event loop never ran while the store worked")
        return super().entries(session_id, since)


def test_the_loop_runs_other_tasks_while_the_store_works() -> None:
    store = GateStore()
    guard = Guard(GuardConfig(secret_key=SECRET), detector=FakeDetector(), vault_store=store)
    ticks: list[int] = []

    async def ticker() -> None:
        # runs only if the loop is free while the guard's store call waits
        while not store.waiting.is_set():
            await asyncio.sleep(0.001)
        for tick in range(3):
            ticks.append(tick)
            await asyncio.sleep(0)
        store.release.set()

    async def main() -> str:
        masked, _ = await asyncio.gather(guard.apseudonymize(TEXT, session_id="s"), ticker())
        return masked

    masked = asyncio.run(main())
    assert ticks == [0, 1, 2]
    assert guard.restore(masked, session_id="s") == TEXT


def test_the_steps_of_a_call_share_one_context() -> None:
    """What one step sets, the next sees (the call's scope); a step that starts while the one
    before still runs (its caller was cancelled) runs in a copy instead of failing."""
    import contextvars

    from chatveil._session import InCall

    var: contextvars.ContextVar[str] = contextvars.ContextVar("probe", default="unset")
    started, release = threading.Event(), threading.Event()

    def slow() -> str:
        started.set()
        release.wait(5)
        return var.get()

    async def main() -> list[str]:
        step = InCall()
        await step(var.set, "set in a step")
        seen = [await step(var.get), var.get()]
        task = asyncio.ensure_future(step(slow))
        await asyncio.to_thread(started.wait, 5)
        task.cancel()  # (the thread goes on)
        seen.append(await step(var.get))  # the context is busy: a copy of it
        release.set()
        seen.append(await step(var.get))
        return seen

    assert asyncio.run(main()) == ["set in a step", "unset", "set in a step", "set in a step"]
