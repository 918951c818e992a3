"""Shared state on Redis, and text of any size: what they cost.

    python benchmarks/bench_redis.py [--quick] [--url redis://127.0.0.1:6379/0] [--json out.json]
        [--only turns|switch|throughput|big] [--replays N] [--standalone] [--profile N]

Without ``--url`` it starts its own ``redis-server`` on 127.0.0.1 at a free port (in a temp
dir, no persistence) and stops it at the end.

(a) per-turn cost of a conversation (the real detector; the whole history pseudonymized in one
    batch, the echoed answer restored) at turns 2 and 40 (each message brings ~8 new values)
    and 41 (the first message again: no new value), p50 over replays: memory store and cache
    vs Redis store and cache in one guard, and on Redis with each turn on another of two guards
    (another worker); plus Redis round trips per turn and the time spent waiting for them.
    The three layouts run side by side, turn by turn (which goes first rotates), so load and
    drift hit them alike; each mark also gives the p50 of the per-replay difference of the
    Redis and memory turns, and CPU time: the whole turn's, the vault store's and redis-py's.
    ``--profile N`` adds a cProfile of cached turn 40, memory against Redis, over N replays.
    After the warm-up the objects alive (the NER pipeline's) are moved out of the garbage
    collector's reach (``gc.freeze()``, what a worker does after loading its models): else a
    full collection of them (tens of ms) lands on the same turn of the same layout in every
    replay and decides which layout looks slower;
``--only switch``: a conversation served by one worker alone for 40 turns, then turn 41 on a
    second worker that is new to the session (it pseudonymizes again the messages it finds no
    result for);
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
    """Counts requests to Redis (a script call, a command or a pipeline is one), the seconds
    spent waiting for them (sending, Redis's work, the reply) and the CPU seconds of this
    process inside them (redis-py packing the request and parsing the reply; a wait for the
    reply costs no CPU)."""

    def __init__(self) -> None:
        self.n = 0
        self.seconds = 0.0
        self.cpu = 0.0

    def watch(self, client: Any) -> None:
        """Watch a client's commands, and a vault store's scripts (which it sends on
        connections of its own: ``store._scripts.run``) when given a store."""
        runner = getattr(client, "_scripts", None)
        if runner is not None:
            self._wrap(runner, "run")
            client = client.client
        self._wrap(client, "execute_command")

    def _wrap(self, owner: Any, name: str) -> None:
        plain = getattr(owner, name)

        def counted(*args: Any, **kwargs: Any) -> Any:
            self.n += 1
            started, cpu = time.perf_counter(), time.process_time()
            try:
                return plain(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - started
                self.cpu += time.process_time() - cpu

        setattr(owner, name, counted)


#: the vault store's methods a guard calls (see chatveil.state.stores)
_STORE_METHODS = ("create", "exists", "touch", "entries", "entries_remembered", "add",
                  "add_many", "add_many_remembered", "commit", "next_number", "merge_counters",
                  "drop")


class StoreCalls:
    """CPU seconds of this process inside a vault store's methods (``cpu``: the store's own
    work, keyed digests, AES-GCM, JSON, reading the reply, and redis-py's inside them), and
    inside the store's client (``client_cpu``: redis-py packing and parsing alone)."""

    def __init__(self) -> None:
        self.cpu = 0.0
        self.client_cpu = 0.0

    def watch(self, store: Any) -> None:
        for name in _STORE_METHODS:
            plain = getattr(store, name)

            def timed(*args: Any, _plain: Any = plain, **kwargs: Any) -> Any:
                cpu = time.process_time()
                try:
                    return _plain(*args, **kwargs)
                finally:
                    self.cpu += time.process_time() - cpu

            setattr(store, name, timed)
        # scripts go out on the store's own connections (store._scripts.run), the rest
        # through the client
        for owner, name in ((store._scripts, "run"), (store.client, "execute_command")):
            execute = getattr(owner, name)

            def packed(*args: Any, _execute: Any = execute, **kwargs: Any) -> Any:
                cpu = time.process_time()
                try:
                    return _execute(*args, **kwargs)
                finally:
                    self.client_cpu += time.process_time() - cpu

            setattr(owner, name, packed)


def _guard(kind: str, url: str, namespace: str, trips: RoundTrips | None = None,
           calls: StoreCalls | None = None) -> tuple[Any, Any]:
    """A guard with a memory or Redis store and detection cache, and its cache."""
    from chatveil import Guard, GuardConfig, MemoryDetectionCache

    config = GuardConfig(secret_key=SECRET)
    if kind == "memory":
        cache = MemoryDetectionCache(config.cache_size, config.cache_ttl)
        return Guard(config, detection_cache=cache), cache
    from chatveil.redis import RedisDetectionCache, RedisVaultStore

    store = RedisVaultStore.from_url(url, namespace=namespace, encryption_key=KEY)
    cache = RedisDetectionCache.from_url(url, namespace=namespace)
    if calls is not None:
        calls.watch(store)
    if trips is not None:
        trips.watch(store)
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


def _median_ms(values: list[float]) -> float:
    return round(statistics.median(values) * 1e3, 3)


def bench_turns(url: str, turns: list[str], replays: int, cached_replays: int | None = None
                ) -> dict[str, Any]:
    """p50 turn cost at turns 2 and 40 (and 41), with the new message analysed ("cold") or its
    detection cached from an earlier replay ("cached": what is left is chatveil and the store).

    The layouts (memory, Redis on the same worker, Redis on another worker) run their
    conversations side by side, turn by turn, the one going first rotating from turn to turn
    and replay to replay: whatever the machine does meanwhile (other jobs, frequency changes)
    falls on all of them alike. Besides the p50 of each layout, each mark reports the p50 of
    the per-replay difference (the Redis turn minus the memory turn of the same replay, taken
    moments apart), and CPU time: of the whole turn, inside the vault store's methods, and
    inside redis-py (packing, parsing) there; waiting for a reply costs no CPU.
    """
    trips = RoundTrips()
    same_trips = RoundTrips()
    same_calls = StoreCalls()
    memory, memory_cache = _guard("memory", url, "bench-a")
    redis_one, redis_cache = _guard("redis", url, "bench-a", same_trips, same_calls)
    # the other-worker layout has a namespace of its own: its turns run next to the same
    # worker's, whose detections it must not find in a shared cache ("cold")
    two = [_guard("redis", url, "bench-o", trips), _guard("redis", url, "bench-o", trips)]
    redis_two = [guard for guard, _ in two]
    # every detection cache: Redis's keys, and each worker's own copies of them
    caches = [memory_cache, redis_cache, *(cache for _, cache in two)]
    layouts: dict[str, Callable[[int], Any]] = {
        "memory": lambda t: memory,
        "redis_same_worker": lambda t: redis_one,
        "redis_other_worker": lambda t: redis_two[t % 2],
    }
    watched = {"redis_same_worker": same_trips, "redis_other_worker": trips}
    memory.warm_up()
    gc.collect()
    gc.freeze()
    turns = [*turns, turns[0]]  # a last turn with no new value: the first message again
    marks = (2, len(turns) - 1, len(turns))
    names = list(layouts)
    out: dict[str, Any] = {}
    for mode, n in (("cold", replays), ("cached", cached_replays or replays)):
        # measure -> layout -> turn -> one value per replay
        seen: dict[str, dict[str, dict[int, list[float]]]] = {
            m: {k: {t: [] for t in marks} for k in layouts}
            for m in ("wall", "cpu", "trips", "waited", "store_cpu", "client_cpu")}
        for replay in range(n + 1):  # the first replay warms up
            if mode == "cold":
                for cache in caches:
                    cache.clear()
            # one session id for every layout (their stores and namespaces are apart): the
            # surrogates are drawn from it, so every layout does the same work
            sids = dict.fromkeys(names, f"{mode}-{replay}")
            histories: dict[str, list[str]] = {name: [] for name in names}
            for t, text in enumerate(turns, start=1):
                first = (t + replay) % len(names)
                for name in names[first:] + names[:first]:
                    history = histories[name]
                    history.append(text)
                    guard = layouts[name](t)
                    watch = watched.get(name)
                    trips_before = (watch.n, watch.seconds) if watch else (0, 0.0)
                    calls_before = (same_calls.cpu, same_calls.client_cpu)
                    cpu = time.process_time()
                    started = time.perf_counter()
                    answer = one_turn(guard, history, sids[name])
                    elapsed = time.perf_counter() - started
                    cpu = time.process_time() - cpu
                    history.append(answer)
                    if t not in marks or not replay:
                        continue
                    seen["wall"][name][t].append(elapsed)
                    seen["cpu"][name][t].append(cpu)
                    if watch is not None:
                        seen["trips"][name][t].append(watch.n - trips_before[0])
                        seen["waited"][name][t].append(watch.seconds - trips_before[1])
                    if name == "redis_same_worker":
                        seen["store_cpu"][name][t].append(same_calls.cpu - calls_before[0])
                        seen["client_cpu"][name][t].append(
                            same_calls.client_cpu - calls_before[1])
            if mode == "cold":
                for name in names:  # (forget also evicts the session's cached detections)
                    layouts[name](0).forget(sids[name])
        for t in marks:
            wall = {name: seen["wall"][name][t] for name in names}
            cpu = {name: seen["cpu"][name][t] for name in names}
            p50 = {name: statistics.median(v) * 1e3 for name, v in wall.items()}

            def paired(values: dict[str, list[float]], name: str) -> float:
                return _median_ms([a - b for a, b in zip(values[name], values["memory"],
                                                         strict=True)])

            out[f"{mode}_turn{t}"] = {
                **{f"{name}_ms": round(v, 3) for name, v in p50.items()},
                "redis_overhead_ms": round(p50["redis_same_worker"] - p50["memory"], 3),
                "other_worker_overhead_ms": round(p50["redis_other_worker"] - p50["memory"], 3),
                # p50 of the per-replay differences (the turns of one replay ran moments
                # apart): less noisy than the difference of the p50s above
                "redis_overhead_paired_ms": paired(wall, "redis_same_worker"),
                "other_worker_overhead_paired_ms": paired(wall, "redis_other_worker"),
                "redis_round_trips_same_worker": statistics.median(
                    seen["trips"]["redis_same_worker"][t]),
                "redis_round_trips_other_worker": statistics.median(
                    seen["trips"]["redis_other_worker"][t]),
                # the part of the turn spent waiting for Redis (p50), less noisy than the
                # difference of two turn times on a shared machine
                **{f"{name}_waiting_for_redis_ms": _median_ms(seen["waited"][name][t])
                   for name in watched},
                # CPU of this process in the turn (p50), and the p50 of the per-replay
                # differences: what the Redis path costs in CPU, the wait left out
                "memory_cpu_ms": _median_ms(cpu["memory"]),
                "redis_same_worker_cpu_ms": _median_ms(cpu["redis_same_worker"]),
                "redis_cpu_overhead_paired_ms": paired(cpu, "redis_same_worker"),
                # of it, CPU inside the vault store's methods (its own work and redis-py's),
                # and redis-py's alone (packing the request, parsing the reply)
                "redis_same_worker_store_cpu_ms": _median_ms(
                    seen["store_cpu"]["redis_same_worker"][t]),
                "redis_same_worker_redis_py_cpu_ms": _median_ms(
                    seen["client_cpu"]["redis_same_worker"][t]),
            }
    return out


def bench_switch(url: str, turns: list[str], replays: int) -> dict[str, Any]:
    """A conversation served by one worker alone for its turns, then one more turn (the 4th
    message again) on a second worker, warm but new to the session: that turn's p50 (cached
    detections). A worker alone in a session hands no results over, so the second pseudonymizes
    again the messages it finds no result for (see docs/deployment.md, "Per turn")."""
    one, _ = _guard("redis", url, "bench-s")
    two, _ = _guard("redis", url, "bench-s")
    for guard in (one, two):
        guard.warm_up()
        one_turn(guard, [turns[0]], "switch-warm")
    gc.collect()
    gc.freeze()
    wall, cpu = [], []
    for replay in range(replays + 1):  # the first replay fills the detection caches
        sid, history = f"switch-{replay}", []
        for text in turns:
            history.append(text)
            history.append(one_turn(one, history, sid))
        history.append(turns[3])
        started, used = time.perf_counter(), time.process_time()
        one_turn(two, history, sid)
        if replay:
            wall.append(time.perf_counter() - started)
            cpu.append(time.process_time() - used)
    return {"turn": len(turns) + 1, "second_worker_ms": _median_ms(wall),
            "second_worker_cpu_ms": _median_ms(cpu), "replays": replays}


def profile_turn(url: str, turns: list[str], replays: int, mark: int = 40,
                 top: int = 25) -> list[dict[str, Any]]:
    """cProfile of cached turn ``mark`` on the memory store and on Redis (same worker), run
    side by side as in :func:`bench_turns`: the functions whose own time differs most, in ms
    per turn (positive: more on Redis). Profiling slows the code it watches about 2x, and a
    garbage collection is charged to whichever function was running: read the rows for where
    the Redis path's extra CPU goes, not for how long a turn takes."""
    import cProfile
    import pstats

    memory, _ = _guard("memory", url, "bench-p")
    redis_one, _ = _guard("redis", url, "bench-p")
    memory.warm_up()
    gc.collect()
    gc.freeze()
    profiles = {"memory": cProfile.Profile(), "redis": cProfile.Profile()}
    guards = {"memory": memory, "redis": redis_one}
    turns = [*turns, turns[0]]
    for replay in range(replays + 1):  # the first replay fills the detection caches
        histories: dict[str, list[str]] = {name: [] for name in guards}
        for t, text in enumerate(turns, start=1):
            for name in (("memory", "redis") if (t + replay) % 2 else ("redis", "memory")):
                history = histories[name]
                history.append(text)
                on = replay > 0 and t == mark
                if on:
                    profiles[name].enable()
                answer = one_turn(guards[name], history, f"profile-{replay}")
                if on:
                    profiles[name].disable()
                history.append(answer)

    def own(profile: Any) -> dict[str, tuple[float, float, int]]:
        rows: dict[str, tuple[float, float, int]] = {}
        for (path, line, func), (_, calls, tottime, cumtime, _) in \
                pstats.Stats(profile).stats.items():  # type: ignore[attr-defined]
            where = path.split("site-packages/")[-1].split("/src/")[-1]
            rows[f"{where}:{line}({func})"] = (tottime, cumtime, calls)
        return rows

    mem, red = own(profiles["memory"]), own(profiles["redis"])
    diffs = []
    for name in set(mem) | set(red):
        m, r = mem.get(name, (0.0, 0.0, 0)), red.get(name, (0.0, 0.0, 0))
        diffs.append({"function": name, "own_ms": round((r[0] - m[0]) * 1e3 / replays, 3),
                      "cumulative_ms": round((r[1] - m[1]) * 1e3 / replays, 3),
                      "calls": round((r[2] - m[2]) / replays, 1)})
    diffs.sort(key=lambda d: -abs(d["own_ms"]))
    return diffs[:top]


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
    parser.add_argument("--only", choices=["turns", "switch", "throughput", "big"],
                        action="append")
    parser.add_argument("--json", type=Path, help="write the results here too")
    parser.add_argument("--standalone", action="store_true",
                        help="turns restore outside the call (guard.restore by hand)")
    parser.add_argument("--replays", type=int, default=None,
                        help="turns: replays of the conversation (default 9, --quick 3; "
                             "cached ones: three times as many)")
    parser.add_argument("--profile", type=int, metavar="REPLAYS", default=0,
                        help="turns: also cProfile cached turn 40 over REPLAYS replays, memory "
                             "against Redis (slow: profiling doubles the cost)")
    args = parser.parse_args()
    global STANDALONE
    STANDALONE = args.standalone
    only = set(args.only or ["turns", "switch", "throughput", "big"])
    results: dict[str, Any] = {"machine": machine_info(), "goals": GOALS}
    turns = make_turns(40, size=400 if args.quick else 1100)
    with redis_server(args.url) as url:
        if "turns" in only:
            replays = args.replays or (3 if args.quick else 9)
            results["per_turn"] = bench_turns(url, turns, replays, cached_replays=3 * replays)
            print(json.dumps({"per_turn": results["per_turn"]}, indent=2), flush=True)
            if args.profile:
                results["profile_turn40"] = profile_turn(url, turns, args.profile)
                print(json.dumps({"profile_turn40": results["profile_turn40"]}, indent=2),
                      flush=True)
        if "switch" in only:
            results["switch"] = bench_switch(url, turns, 3 if args.quick else 5)
            print(json.dumps({"switch": results["switch"]}, indent=2), flush=True)
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
