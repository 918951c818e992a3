"""Shared state on Redis, and text of any size: what they cost.

    python benchmarks/bench_redis.py [--quick] [--url redis://127.0.0.1:6379/0] [--json out.json]

Without ``--url`` it starts its own ``redis-server`` on 127.0.0.1 at a free port (in a temp
dir, no persistence) and stops it at the end.

(a) per-turn cost of a conversation (the real detector; the whole history pseudonymized in one
    batch, the echoed answer restored) at turns 2 and 40 (each message brings ~8 new values)
    and 41 (the first message again: no new value), p50 over replays: memory store and cache
    vs Redis store and cache in one guard, and on Redis with each turn on another of two guards
    (another worker); plus Redis round trips per turn and the time spent waiting for them.
    After the warm-up the objects alive (the NER pipeline's) are moved out of the garbage
    collector's reach (``gc.freeze()``, what a worker does after loading its models): else a
    full collection of them (tens of ms) lands on the same turn of the same layout in every
    replay and decides which layout looks slower;
(b) throughput (turns/s) of 4 worker processes against 1 on the same conversations, on Redis,
    each turn on another worker;
(c) one 1 MB text (pasted document with PII all along) in a fresh process: pseudonymize CPU
    seconds, restore seconds, peak RSS; and pathological inputs (16,000 "(", one
    200,000-character token) in wall seconds.
"""

from __future__ import annotations

import argparse
import gc
import json
import multiprocessing
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import ROOT, machine_info
from run import make_turns

KEY = bytes(range(32))
SECRET = b"chatveil-benchmark-secret-0123456789"
GOALS = {"redis_overhead_ms_p50": 1.0, "mb_pseudonymize_cpu_s": 20.0, "mb_restore_s": 1.0,
         "mb_peak_rss_mb": 600.0}


# ---------------------------------------------------------------------- redis-server
@contextmanager
def redis_server(url: str | None) -> Iterator[str]:
    """``url`` as given, or a temporary local server's URL."""
    if url:
        yield url
        return
    binary = shutil.which("redis-server") or shutil.which("valkey-server")
    if binary is None:
        sys.exit("redis-server not found: install it (apt-get install redis-server) or pass --url")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with tempfile.TemporaryDirectory() as tmp:
        proc = subprocess.Popen(
            [binary, "--port", str(port), "--bind", "127.0.0.1", "--dir", tmp, "--save", "",
             "--appendonly", "no", "--logfile", "server.log"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        import redis

        client = redis.Redis(port=port)
        for _ in range(200):
            try:
                client.ping()
                break
            except redis.exceptions.ConnectionError:
                time.sleep(0.05)
        try:
            yield f"redis://127.0.0.1:{port}/0"
        finally:
            client.close()
            proc.terminate()
            proc.wait(timeout=15)


class RoundTrips:
    """Counts requests to Redis (a script call, a command or a pipeline is one) and the
    seconds spent waiting for them (sending, Redis's work, the reply)."""

    def __init__(self) -> None:
        self.n = 0
        self.seconds = 0.0

    def watch(self, client: Any) -> None:
        plain = client.execute_command

        def counted(*args: Any, **kwargs: Any) -> Any:
            self.n += 1
            started = time.perf_counter()
            try:
                return plain(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - started

        client.execute_command = counted


def _guard(kind: str, url: str, namespace: str, trips: RoundTrips | None = None
           ) -> tuple[Any, Any]:
    """A guard with a memory or Redis store and detection cache, and its cache."""
    from chatveil import Guard, GuardConfig, MemoryDetectionCache

    config = GuardConfig(secret_key=SECRET)
    if kind == "memory":
        cache = MemoryDetectionCache(config.cache_size, config.cache_ttl)
        return Guard(config, detection_cache=cache), cache
    from chatveil.redis import RedisDetectionCache, RedisVaultStore

    store = RedisVaultStore.from_url(url, namespace=namespace, encryption_key=KEY)
    cache = RedisDetectionCache.from_url(url, namespace=namespace)
    if trips is not None:
        trips.watch(store.client)
        trips.watch(cache.client)
    return Guard(config, vault_store=store, detection_cache=cache), cache


# ---------------------------------------------------------------------- (a)
#: ``--standalone``: restore outside the call's scope (``guard.restore`` by hand), which
#: catches up with the store first
STANDALONE = False


def one_turn(guard: Any, history: list[str], sid: str) -> str:
    """What an adapter does for one turn: open the call's session scope, the whole history in
    (one batch), the echoed answer restored, the scope closed."""
    from chatveil._session import open_session

    if STANDALONE:
        masked = guard.pseudonymize_batch(history, session_id=sid)
        return str(guard.restore(masked[-1], session_id=sid))
    with open_session(guard, sid):
        masked = guard.pseudonymize_batch(history, session_id=sid)
        return str(guard.restore(masked[-1], session_id=sid))


def bench_turns(url: str, turns: list[str], replays: int) -> dict[str, Any]:
    """p50 turn cost at turns 2 and 40, with the new message analysed ("cold") or its
    detection cached from an earlier replay ("cached": what is left is chatveil and the store).
    """
    trips = RoundTrips()
    same_trips = RoundTrips()
    memory, memory_cache = _guard("memory", url, "bench-a")
    redis_one, redis_cache = _guard("redis", url, "bench-a", same_trips)
    two = [_guard("redis", url, "bench-a", trips), _guard("redis", url, "bench-a", trips)]
    redis_two = [guard for guard, _ in two]
    # every cache of the namespace: Redis's keys, and each worker's own copies of them
    caches = [memory_cache, redis_cache, *(cache for _, cache in two)]
    layouts: dict[str, Callable[[int], Any]] = {
        "memory": lambda t: memory,
        "redis_same_worker": lambda t: redis_one,
        "redis_other_worker": lambda t: redis_two[t % 2],
    }
    memory.warm_up()
    gc.collect()
    gc.freeze()
    turns = [*turns, turns[0]]  # a last turn with no new value: the first message again
    marks = (2, len(turns) - 1, len(turns))
    out: dict[str, Any] = {}
    for mode in ("cold", "cached"):
        times: dict[str, dict[int, list[float]]] = {k: {m: [] for m in marks} for k in layouts}
        calls: dict[int, list[int]] = {m: [] for m in marks}
        same_calls: dict[int, list[int]] = {m: [] for m in marks}
        waited: dict[str, dict[int, list[float]]] = {
            "redis_same_worker": {m: [] for m in marks},
            "redis_other_worker": {m: [] for m in marks}}
        for replay in range(replays + 1):  # the first replay warms up
            for name, pick in layouts.items():
                if mode == "cold":
                    for cache in caches:
                        cache.clear()
                sid = f"{mode}-{name}-{replay}"
                history: list[str] = []
                for t, text in enumerate(turns, start=1):
                    history.append(text)
                    guard = pick(t)
                    before, spent = trips.n, trips.seconds
                    spent_same, before_same = same_trips.seconds, same_trips.n
                    started = time.perf_counter()
                    answer = one_turn(guard, history, sid)
                    elapsed = time.perf_counter() - started
                    if t in marks and replay:
                        times[name][t].append(elapsed)
                        if name == "redis_other_worker":
                            calls[t].append(trips.n - before)
                            waited[name][t].append(trips.seconds - spent)
                        elif name == "redis_same_worker":
                            same_calls[t].append(same_trips.n - before_same)
                            waited[name][t].append(same_trips.seconds - spent_same)
                    history.append(answer)
                if mode == "cold":
                    pick(0).forget(sid)  # (forget also evicts the session's cached detections)
        for t in marks:
            p50 = {name: statistics.median(times[name][t]) * 1e3 for name in layouts}
            out[f"{mode}_turn{t}"] = {
                **{f"{name}_ms": round(v, 3) for name, v in p50.items()},
                "redis_overhead_ms": round(p50["redis_same_worker"] - p50["memory"], 3),
                "other_worker_overhead_ms": round(p50["redis_other_worker"] - p50["memory"], 3),
                "redis_round_trips_same_worker": statistics.median(same_calls[t]),
                "redis_round_trips_other_worker": statistics.median(calls[t]),
                # the part of the turn spent waiting for Redis (p50), less noisy than the
                # difference of two turn times on a shared machine
                **{f"{name}_waiting_for_redis_ms": round(statistics.median(w[t]) * 1e3, 3)
                   for name, w in waited.items()},
            }
    return out


# ---------------------------------------------------------------------- (b)
def _worker(url: str, namespace: str, inbox: Any, outbox: Any) -> None:
    guard = _guard("redis", url, namespace)[0].warm_up()
    outbox.put("ready")
    while (job := inbox.get()) is not None:
        sid, history = job
        outbox.put(one_turn(guard, history, sid))


def bench_throughput(url: str, turns: list[str], conversations: int, n_turns: int,
                     workers: int) -> dict[str, Any]:
    """``conversations`` x ``n_turns`` turns, turn t of conversation c on worker (c + t) % n;
    every message is new (``turns`` holds conversations x n_turns texts), so NER runs."""
    ctx = multiprocessing.get_context("spawn")
    namespace = f"bench-b{workers}"
    outbox = ctx.Queue()
    inboxes = [ctx.Queue() for _ in range(workers)]
    procs = [ctx.Process(target=_worker, args=(url, namespace, inboxes[i], outbox), daemon=True)
             for i in range(workers)]
    for proc in procs:
        proc.start()
    for _ in procs:
        outbox.get(timeout=600)
    histories: dict[int, list[str]] = {c: [] for c in range(conversations)}
    started = time.perf_counter()
    for t in range(n_turns):
        for c in range(conversations):
            histories[c].append(turns[c * n_turns + t])
            inboxes[(c + t) % workers].put((f"conv-{c}", list(histories[c])))
        answers = [outbox.get(timeout=600) for _ in range(conversations)]
        assert len(answers) == conversations
        for c in range(conversations):
            histories[c].append(histories[c][-1])  # the echo, restored
    elapsed = time.perf_counter() - started
    for inbox in inboxes:
        inbox.put(None)
    for proc in procs:
        proc.join(timeout=30)
    total = conversations * n_turns
    return {"workers": workers, "turns": total, "seconds": round(elapsed, 2),
            "turns_per_s": round(total / elapsed, 2)}


# ---------------------------------------------------------------------- (c)
_BIG = r"""
import json, resource, sys, time
sys.path.insert(0, {src!r})
from chatveil import Guard, GuardConfig
guard = Guard(GuardConfig(secret_key=b"x" * 32, cache_ttl=0)).warm_up()  # default strategies
text = open({path!r}, encoding="utf-8").read()
cpu, wall = time.process_time(), time.perf_counter()
masked = guard.pseudonymize(text, session_id="big")
cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
started = time.perf_counter()
back = guard.restore(masked, session_id="big")
restore = time.perf_counter() - started
odd = {{}}
for name, sample in (("parens_16000", "(" * 16000), ("token_200000", "a" * 200000)):
    t = time.perf_counter()
    guard.pseudonymize(sample, session_id="odd")
    odd[name + "_s"] = round(time.perf_counter() - t, 2)
print(json.dumps({{"chars": len(text), "pseudonymize_cpu_s": round(cpu, 2),
                  "pseudonymize_wall_s": round(wall, 2), "restore_s": round(restore, 3),
                  "restored_exactly": back == text,
                  "entries": len(guard.vault("big").entries),
                  "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
                  **odd}}))
"""


def bench_big(size: int) -> dict[str, Any]:
    """A pasted document of ``size`` characters: distinct paragraphs (nothing repeats, so no
    cache helps), each with several PII values."""
    turns = make_turns(size // 1000 + 1, seed=11)
    text = "\n\n".join(turns)[:size]
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as fh:
        fh.write(text)
        path = fh.name
    try:
        code = _BIG.format(src=str(ROOT / "src"), path=path)
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              check=False, timeout=3600)
        if proc.returncode:
            return {"error": proc.stderr.strip().splitlines()[-1][-300:]}
        result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
        return result
    finally:
        os.unlink(path)


# ---------------------------------------------------------------------- main
def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="an existing Redis; default: start one")
    parser.add_argument("--quick", action="store_true", help="fewer replays, smaller runs")
    parser.add_argument("--only", choices=["turns", "throughput", "big"], action="append")
    parser.add_argument("--json", type=Path, help="write the results here too")
    parser.add_argument("--standalone", action="store_true",
                        help="turns restore outside the call (guard.restore by hand)")
    args = parser.parse_args()
    global STANDALONE
    STANDALONE = args.standalone
    only = set(args.only or ["turns", "throughput", "big"])
    results: dict[str, Any] = {"machine": machine_info(), "goals": GOALS}
    turns = make_turns(40, size=400 if args.quick else 1100)
    with redis_server(args.url) as url:
        if "turns" in only:
            results["per_turn"] = bench_turns(url, turns, replays=3 if args.quick else 9)
            print(json.dumps({"per_turn": results["per_turn"]}, indent=2), flush=True)
        if "throughput" in only:
            conv, n = (8, 4) if args.quick else (24, 8)
            texts = make_turns(conv * n, size=400 if args.quick else 1100, seed=5)
            one = bench_throughput(url, texts, conv, n, 1)
            four = bench_throughput(url, texts, conv, n, 4)
            results["throughput"] = {"1_worker": one, "4_workers": four,
                                     "speedup": round(four["turns_per_s"] / one["turns_per_s"],
                                                      2)}
            print(json.dumps({"throughput": results["throughput"]}, indent=2), flush=True)
    if "big" in only:
        results["one_mb"] = bench_big(100_000 if args.quick else 1_000_000)
        print(json.dumps({"one_mb": results["one_mb"]}, indent=2), flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
