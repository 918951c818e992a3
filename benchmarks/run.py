"""Speed and memory of chatveil against plain Presidio, measured in the same run.

Machines (and shared CI boxes) are noisy, so results are reported as ratios of medians taken
in the same process, with both systems measured alternately after a warm-up.

    python benchmarks/run.py [--quick] [--json out.json]

(a) one ~1,100-character chat message with several PII values: chatveil ``Guard.pseudonymize``
    (fresh session, detection cache disabled) vs Presidio analyze + anonymize;
(b) a 40-turn conversation (each turn ~1,100 characters with PII) pseudonymized whole at every
    turn in one session: the cost of turn 40 vs pseudonymizing its new message alone; the same
    for Presidio re-analysing everything;
(c) streaming restore: ``stream_restorer().feed`` over 1-3 character chunks of an answer, with
    ~20 surrogates in the vault: time per chunk;
(d) peak memory (max RSS) of a fresh process that loads the guard and processes the 40 turns
    (and the same for Presidio);
(e) ``import chatveil`` time in a fresh process, and which heavy modules it loads.

Runs offline (the installed spaCy model package; bundled public-suffix list).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import ROOT, build_presidio, machine_info, presidio_pseudonymize

TARGETS = {
    "single_message_ratio": 0.8,
    "turn40_vs_new_message": 1.5,
    "stream_us_per_chunk": 20.0,
    "peak_rss_mb": 400.0,
}
HEAVY_MODULES = ("spacy", "thinc", "torch", "transformers", "presidio_analyzer",
                 "presidio_anonymizer", "langchain_core", "langchain", "llama_index", "faker")

_FILLER = [
    "Sorry for the long message, I wanted to put everything in one place so nothing gets lost.",
    "The support page said I should include all the details, so here they are.",
    "I already tried logging out and back in, clearing the cache and using another browser.",
    "If it helps, the problem started right after the last app update on my phone.",
    "Could you also tell me how long a refund usually takes once it is approved?",
    "I would prefer an answer by email because I am travelling most of next week.",
    "Please summarise what you need from me and what the next steps are.",
    "Thanks a lot for your patience, I know this is a bit of a complicated case.",
    "Last time the chat disconnected before I could save the reference number.",
    "I am happy to send screenshots of the error messages if that speeds things up.",
    "My partner manages the household paperwork, so please copy them on any reply.",
    "I checked the FAQ but it does not cover orders that were split into two parcels.",
]


# ---------------------------------------------------------------------- workload
def make_turns(n: int, size: int = 1100, seed: int = 7) -> list[str]:
    """``n`` distinct chat messages of about ``size`` characters, each with several PII values."""
    from faker import Faker

    fake = Faker("en_US")
    Faker.seed(seed)
    rng = random.Random(seed)
    turns = []
    for _ in range(n):
        name, other = fake.name(), fake.name()
        street = f"{fake.building_number()} {fake.street_name()}"
        head = (
            f"Hi, this is {name}. I'm following up on my order from last week: it was "
            f"supposed to arrive at {street}, {fake.city()}, but the tracking page still says "
            f"it is in transit. You can reach me at {fake.email()} or call {fake.phone_number()} "
            f"after 5pm. I paid with my card {fake.credit_card_number(card_type='visa16')}, and "
            f"I'd like the refund to go to my bank account instead: IBAN {fake.iban()}. "
            f"My colleague {other} ordered the same model and had no problem at all. "
        )
        body = head
        while len(body) < size:
            body += rng.choice(_FILLER) + " "
        turns.append(body[:size].rsplit(" ", 1)[0] + ".")
    return turns


# ---------------------------------------------------------------------- timing helpers
def _time(fn: Callable[[], Any]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def alternate(a: Callable[[], Any], b: Callable[[], Any], repeats: int,
              warmup: int = 2) -> tuple[float, float]:
    """Medians of ``a`` and ``b`` timed alternately (so drift hits both alike)."""
    for _ in range(warmup):
        a()
        b()
    ta, tb = [], []
    for _ in range(repeats):
        ta.append(_time(a))
        tb.append(_time(b))
    return statistics.median(ta), statistics.median(tb)


class _Fresh:
    """Hands out a new session id each call."""

    def __init__(self, prefix: str) -> None:
        self.prefix, self.n = prefix, 0

    def __call__(self) -> str:
        self.n += 1
        return f"{self.prefix}-{self.n}"


# ---------------------------------------------------------------------- (a)
def bench_single(turns: list[str], presidio: tuple[Any, Any], repeats: int) -> dict[str, Any]:
    from chatveil import Guard, GuardConfig

    guard = Guard(GuardConfig(cache_ttl=0)).warm_up()  # cache off: detection really runs
    text = turns[0]
    sid = _Fresh("single")

    def chatveil_once() -> None:
        s = sid()
        guard.pseudonymize(text, session_id=s)
        guard.forget(s)

    analyzer, anonymizer = presidio
    cv, pr = alternate(chatveil_once, lambda: presidio_pseudonymize(analyzer, anonymizer, text),
                       repeats)
    return {"chars": len(text), "chatveil_ms": cv * 1e3, "presidio_ms": pr * 1e3,
            "ratio": cv / pr}


# ---------------------------------------------------------------------- (b)
def bench_conversation(turns: list[str], presidio: tuple[Any, Any], replays: int,
                       repeats: int) -> dict[str, Any]:
    from chatveil import Guard, GuardConfig, MemoryDetectionCache

    config = GuardConfig()
    cache = MemoryDetectionCache(config.cache_size, config.cache_ttl)
    guard = Guard(config, detection_cache=cache).warm_up()
    sid = _Fresh("conv")
    last = turns[-1]

    # The new message alone: fresh session, empty cache.
    def new_message_once() -> None:
        cache.clear()
        s = sid()
        guard.pseudonymize(last, session_id=s)
        guard.forget(s)

    new_alone = statistics.median([_time(new_message_once) for _ in range(repeats)])

    # Whole history at every turn in one session; keep the cost of the last turn.
    per_turn: list[list[float]] = [[] for _ in turns]
    for _ in range(replays):
        cache.clear()
        s = sid()
        for t in range(1, len(turns) + 1):
            history = turns[:t]
            per_turn[t - 1].append(
                _time(lambda h=history, s=s: [guard.pseudonymize(m, s) for m in h])
            )
        guard.forget(s)
    turn_costs = [statistics.median(x) for x in per_turn]

    analyzer, anonymizer = presidio
    pr_one = statistics.median(
        [_time(lambda: presidio_pseudonymize(analyzer, anonymizer, last)) for _ in range(repeats)]
    )
    pr_all = statistics.median([
        _time(lambda: [presidio_pseudonymize(analyzer, anonymizer, m) for m in turns])
        for _ in range(max(1, replays))
    ])
    return {
        "turns": len(turns),
        "chatveil_turn40_ms": turn_costs[-1] * 1e3,
        "chatveil_new_message_ms": new_alone * 1e3,
        "chatveil_ratio": turn_costs[-1] / new_alone,
        "chatveil_total_40_turns_s": sum(turn_costs),
        "presidio_turn40_ms": pr_all * 1e3,
        "presidio_new_message_ms": pr_one * 1e3,
        "presidio_ratio": pr_all / pr_one,
        # Re-analysing the whole history at every turn costs about t messages at turn t.
        "presidio_total_40_turns_s_estimate": sum(pr_one * t for t in range(1, len(turns) + 1)),
    }


# ---------------------------------------------------------------------- (c)
def bench_stream(turns: list[str], repeats: int) -> dict[str, Any]:
    from chatveil import Guard

    guard = Guard().warm_up()
    sid = "stream"
    masked = [guard.pseudonymize(t, session_id=sid) for t in turns[:3]]
    vault_size = guard.metrics()["pseudonymized"]
    # A model answer that quotes surrogates from the conversation.
    answer = " ".join(
        textwrap.shorten(m, 600, placeholder="") + " Let me know if anything else is unclear."
        for m in masked
    )
    rng = random.Random(3)
    chunks, pos = [], 0
    while pos < len(answer):
        step = rng.randint(1, 3)
        chunks.append(answer[pos:pos + step])
        pos += step
    expected = guard.restore(answer, session_id=sid)

    def once() -> str:
        restorer = guard.stream_restorer(sid)
        out = [restorer.feed(c) for c in chunks]
        out.append(restorer.flush())
        return "".join(out)

    if once() != expected:
        raise AssertionError("streamed restore differs from whole-text restore")
    for _ in range(2):
        once()
    seconds = statistics.median([_time(once) for _ in range(repeats)])
    return {"chunks": len(chunks), "answer_chars": len(answer),
            "surrogates_in_vault": int(sum(vault_size.values())),
            "us_per_chunk": seconds / len(chunks) * 1e6}


# ---------------------------------------------------------------------- (d) and (e)
_PEAK_SCRIPT = r"""
import json, os, resource, sys, time
os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")
sys.path.insert(0, {bench!r}); sys.path.insert(0, {src!r})
from run import make_turns
turns = make_turns({n})
if {which!r} == "chatveil":
    from chatveil import Guard
    guard = Guard()
    for t in range(1, len(turns) + 1):
        for m in turns[:t]:
            guard.pseudonymize(m, "mem")
else:
    from common import build_presidio, presidio_pseudonymize
    analyzer, anonymizer = build_presidio()
    for m in turns:
        presidio_pseudonymize(analyzer, anonymizer, m)
print(json.dumps({{"max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""

_IMPORT_SCRIPT = r"""
import json, sys, time
sys.path.insert(0, {src!r})
start = time.perf_counter()
import chatveil
elapsed = time.perf_counter() - start
heavy = sorted({{m.split(".")[0] for m in sys.modules}} & set({heavy!r}))
print(json.dumps({{"seconds": elapsed, "heavy": heavy}}))
"""


def _subprocess_json(code: str) -> dict[str, Any]:
    env = dict(os.environ, TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS="")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env=env, cwd=str(ROOT))
    return json.loads(out.stdout.strip().splitlines()[-1])


def bench_memory(n_turns: int) -> dict[str, Any]:
    bench, src = str(Path(__file__).resolve().parent), str(ROOT / "src")
    cv = _subprocess_json(_PEAK_SCRIPT.format(bench=bench, src=src, n=n_turns, which="chatveil"))
    pr = _subprocess_json(_PEAK_SCRIPT.format(bench=bench, src=src, n=n_turns, which="presidio"))
    return {"chatveil_peak_rss_mb": cv["max_rss_mb"], "presidio_peak_rss_mb": pr["max_rss_mb"]}


def bench_import(repeats: int) -> dict[str, Any]:
    src = str(ROOT / "src")
    runs = [_subprocess_json(_IMPORT_SCRIPT.format(src=src, heavy=HEAVY_MODULES))
            for _ in range(repeats)]
    return {"import_ms": statistics.median(r["seconds"] for r in runs) * 1e3,
            "heavy_modules_loaded": runs[-1]["heavy"]}


# ---------------------------------------------------------------------- report
def _row(name: str, chatveil: str, presidio: str, ratio: str, target: str, ok: bool | None
         ) -> str:
    mark = "" if ok is None else ("yes" if ok else "NO")
    return f"| {name} | {chatveil} | {presidio} | {ratio} | {target} | {mark} |"


def report(r: dict[str, Any]) -> None:
    a, b, c, d, e = r["single"], r["conversation"], r["stream"], r["memory"], r["import"]
    lines = [
        "| measure | chatveil | presidio | ratio | target | met |",
        "|---|---:|---:|---:|---|---|",
        _row(f"(a) one {a['chars']}-char message, pseudonymize (median)",
             f"{a['chatveil_ms']:.1f} ms", f"{a['presidio_ms']:.1f} ms", f"{a['ratio']:.2f}x",
             "chatveil <= 0.8x presidio", a["ratio"] <= TARGETS["single_message_ratio"]),
        _row("(b) turn 40 of 40, whole history", f"{b['chatveil_turn40_ms']:.1f} ms",
             f"{b['presidio_turn40_ms']:.1f} ms", "", "", None),
        _row("(b) its new message alone", f"{b['chatveil_new_message_ms']:.1f} ms",
             f"{b['presidio_new_message_ms']:.1f} ms", "", "", None),
        _row("(b) turn 40 / new message", f"{b['chatveil_ratio']:.2f}x",
             f"{b['presidio_ratio']:.1f}x", "", "chatveil <= 1.5x",
             b["chatveil_ratio"] <= TARGETS["turn40_vs_new_message"]),
        _row("(c) stream restore per 1-3 char chunk", f"{c['us_per_chunk']:.1f} µs", "-", "",
             "< 20 µs", c["us_per_chunk"] < TARGETS["stream_us_per_chunk"]),
        _row("(d) peak RSS, load + 40 turns", f"{d['chatveil_peak_rss_mb']:.0f} MB",
             f"{d['presidio_peak_rss_mb']:.0f} MB",
             f"{d['chatveil_peak_rss_mb'] / d['presidio_peak_rss_mb']:.2f}x", "< 400 MB",
             d["chatveil_peak_rss_mb"] < TARGETS["peak_rss_mb"]),
        _row("(e) `import chatveil`", f"{e['import_ms']:.0f} ms", "-", "",
             "no spaCy/framework loaded", not (set(e["heavy_modules_loaded"]) & {
                 "spacy", "thinc", "torch", "transformers", "langchain_core", "langchain",
                 "llama_index"})),
    ]
    print("\n".join(lines))
    print(f"\n(b) whole conversation, 40 turns re-pseudonymized each turn: chatveil "
          f"{b['chatveil_total_40_turns_s']:.2f} s; "
          f"presidio {b['presidio_total_40_turns_s_estimate']:.1f} s "
          f"(estimated: t messages re-analysed at turn t, summed over the 40 turns)")
    print(f"(c) {c['chunks']} chunks, {c['answer_chars']} chars, "
          f"{c['surrogates_in_vault']} surrogates in the vault")
    print(f"(e) heavy modules loaded by `import chatveil`: {e['heavy_modules_loaded'] or 'none'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats (noisier)")
    parser.add_argument("--json", type=Path, default=None, help="write the results here")
    args = parser.parse_args(argv)
    os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")

    repeats = 7 if args.quick else 25
    replays = 1 if args.quick else 3
    turns = make_turns(40)
    presidio = build_presidio()
    presidio_pseudonymize(*presidio, "warm up John Smith")
    results: dict[str, Any] = {"machine": machine_info(), "quick": args.quick}
    steps = [
        ("single", lambda: bench_single(turns, presidio, repeats)),
        ("conversation", lambda: bench_conversation(turns, presidio, replays, repeats)),
        ("stream", lambda: bench_stream(turns, repeats)),
        ("memory", lambda: bench_memory(len(turns))),
        ("import", lambda: bench_import(3 if args.quick else 7)),
    ]
    from tqdm import tqdm

    for name, step in tqdm(steps, desc="benchmarks", unit="step", leave=False):
        results[name] = step()
    report(results)
    print("\nmachine:", ", ".join(f"{k}={v}" for k, v in results["machine"].items()))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
        print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
