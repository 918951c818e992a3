"""Leaks per slice on the world evaluation set (``data/eval/world``): chatveil vs plain Presidio.

Usage::

    python benchmarks/world_eval.py [--split dev|heldout|all] [--only chatveil|presidio]
                                    [--limit N] [--json out.json] [--show-errors N]

Runs offline. The set is described in ``data/eval/world/README.md``; its ``heldout`` part is
never used for tuning, which is why ``--show-errors`` prints errors of the ``dev`` part only.

Definitions (the functions below implement exactly these; ``tests/test_world_eval.py`` pins them)

- **word**: a maximal run of letters (Unicode letters; no digits, no underscore) of at least 2
  characters. Words are compared by their **key**: diacritics removed, then case-folded, so
  "NGUYỄN", "Nguyen" and "nguyễn" are the same word.
- **scored words** of a labelled value: its words, minus name particles ("van", "der", "bin",
  "al", "de", "la"...; see ``PARTICLES``) for ``PERSON``, minus generic place words ("city",
  "road", "street", "no"...; see ``GENERIC_PLACE_WORDS``) for ``LOCATION`` and
  ``STREET_ADDRESS``, and minus every word whose key also occurs in the input as a word that
  overlaps no labelled span (such a word would stay in the output whatever happens to the name:
  "Will" in "Will said he will call"). A value without scored words is not scored.
- a value **leaks** when at least one of its scored words is a word of the output.
  This is deliberately strict: "Sharma" surviving from "Ankit Sharma" is a leak.
- a value **leaks in full** when the whole value occurs in the output, case-insensitively,
  not inside a longer word.
- **over-masking**, on PII-free messages only: *words unchanged* is the share of the input's
  ``\\w+`` words that the output keeps in order (longest matching blocks, ``difflib``); a *trap
  phrase unchanged* still occurs verbatim (case-sensitive, not inside a longer word) in the
  output; a *message untouched* has output == input.

Systems: chatveil is ``Guard(GuardConfig(secret_key=...))`` with its defaults and a fresh session
per message (``guard.pseudonymize(text, session_id=...)``); Presidio is ``AnalyzerEngine`` with
its default recognizers on the same spaCy model plus ``AnonymizerEngine`` (``replace``), built
by ``benchmarks/common.py: build_presidio``. Plain Presidio also masks dates and nationalities
(``DATE_TIME``, ``NRP``), so the over-masking table adds a column where its results are limited
to the entity types chatveil detects by default.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import ROOT, load_jsonl, machine_info

sys.path.insert(0, str(ROOT / "data" / "eval" / "world"))
from generate import fold  # the same diacritic folding the generator uses

WORLD_DIR = ROOT / "data" / "eval" / "world"
FILES = {"dev": WORLD_DIR / "world_dev.jsonl", "heldout": WORLD_DIR / "world_heldout.jsonl"}
SPLITS = ("dev", "heldout")
SYSTEMS = ("chatveil", "presidio")
EVAL_KEY = b"chatveil-world-eval-key-0123456789abcdef"
TYPES = ("PERSON", "LOCATION", "STREET_ADDRESS")


def _words(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text``."""
    return frozenset(text.split())


#: Name particles and connectors: they identify nobody on their own (kept in sync with
#: ``data/eval/world/sources/names.py: PARTICLES``; a test checks it).
PARTICLES = frozenset(
    [
        "van",
        "der",
        "den",
        "de",
        "la",
        "le",
        "du",
        "da",
        "das",
        "dos",
        "di",
        "del",
        "della",
        "von",
        "al",
        "el",
        "bin",
        "binti",
        "bint",
        "ibn",
        "abu",
        "abou",
        "abi",
        "dela",
        "ter",
        "ten",
    ]
)
#: Generic words inside places and addresses (kept in sync with ``sources/places.py``).
GENERIC_PLACE_WORDS = frozenset(
    [
        "city",
        "state",
        "region",
        "province",
        "county",
        "district",
        "division",
        "island",
        "islands",
        "new",
        "saint",
        "san",
        "santa",
        "north",
        "south",
        "east",
        "west",
        "upper",
        "lower",
        "the",
        "of",
        "and",
        "road",
        "rd",
        "street",
        "st",
        "avenue",
        "ave",
        "lane",
        "drive",
        "court",
        "crescent",
        "gardens",
        "approach",
        "way",
        "boulevard",
        "place",
        "flat",
        "apt",
        "apartment",
        "unit",
        "room",
        "floor",
        "block",
        "tower",
        "house",
        "plot",
        "villa",
        "building",
        "no",
        "number",
        "sector",
        "phase",
        "main",
        "cross",
        "soi",
        "jalan",
        "jl",
        "lorong",
        "taman",
        "brgy",
        "ul",
        "al",
        "vul",
        "prospekt",
        "rayon",
        "kv",
        "apto",
        "rua",
        "rue",
        "avenida",
        "calle",
        "carrera",
        "col",
        "depto",
        "via",
        "viale",
        "corso",
        "int",
        "bis",
        "gate",
        "gatan",
        "gade",
        "straße",
        "strasse",
        "allee",
        "weg",
        "tv",
        "off",
        "ro",
        "gu",
        "ku",
        "daero",
        "road",
        "mahallesi",
        "caddesi",
        "bulvarı",
        "box",
        "estate",
        "garden",
        "layout",
        "nagar",
        "residency",
        "po",
        "de",
        "la",
        "do",
        "da",
        "das",
        "dos",
        "des",
        "du",
        "le",
        "th",
        "nd",
    ]
)

_LETTERS = re.compile(r"[^\W\d_]+")
_WORDS = re.compile(r"\w+")


# ---------------------------------------------------------------------------- the metric
def key(word: str) -> str:
    """Comparison key of a word: diacritics removed, case-folded."""
    return fold(word).casefold()


def words(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, key)`` of every word (>= 2 letters) of ``text``."""
    return [
        (m.start(), m.end(), key(m.group())) for m in _LETTERS.finditer(text) if len(m.group()) >= 2
    ]


def outside_keys(text: str, spans: Iterable[dict[str, Any]]) -> set[str]:
    """Keys of the words of ``text`` that overlap no labelled span."""
    spans = list(spans)
    return {k for a, b, k in words(text) if not any(a < s["end"] and s["start"] < b for s in spans)}


def scored_words(span: dict[str, Any], outside: set[str]) -> set[str]:
    """The keys of a labelled value that count for its leak (see the module docstring)."""
    skip = PARTICLES if span["type"] == "PERSON" else GENERIC_PLACE_WORDS | PARTICLES
    return {k for _, _, k in words(span["value"]) if k not in skip and k not in outside}


def full_present(value: str, output: str) -> bool:
    """``value`` occurs in ``output`` case-insensitively, not inside a longer word."""
    pattern = r"(?<!\w)" + re.escape(value) + r"(?!\w)"
    return re.search(pattern, output, flags=re.IGNORECASE) is not None


def phrase_present(phrase: str, output: str) -> bool:
    """``phrase`` occurs verbatim (case-sensitive) in ``output``, not inside a longer word."""
    return re.search(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", output) is not None


@dataclass
class ValueResult:
    """One labelled value after pseudonymization."""

    type: str
    value: str
    scored: bool
    leaked: bool
    full: bool
    leaked_words: tuple[str, ...] = ()


def score_values(record: dict[str, Any], output: str) -> list[ValueResult]:
    """Leak result of every labelled value of ``record`` given the system's ``output``."""
    spans = record["spans"]
    outside = outside_keys(record["text"], spans)
    out_keys = {k for _, _, k in words(output)}
    results = []
    for span in spans:
        scored = scored_words(span, outside)
        leaked = tuple(sorted(scored & out_keys))
        results.append(
            ValueResult(
                span["type"],
                span["value"],
                bool(scored),
                bool(leaked),
                full_present(span["value"], output),
                leaked,
            )
        )
    return results


@dataclass
class TrapResult:
    """Over-masking of one PII-free message."""

    words: int
    unchanged_words: int
    phrases: tuple[str, ...]
    kinds: tuple[str, ...]
    unchanged: tuple[bool, ...]
    untouched: bool


def score_pii_free(record: dict[str, Any], output: str) -> TrapResult:
    """Words and trap phrases of a PII-free ``record`` that ``output`` left unchanged."""
    a, b = _WORDS.findall(record["text"]), _WORDS.findall(output)
    kept = sum(
        m.size for m in difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
    )
    phrases = tuple(record.get("traps", ()))
    kinds = tuple(record.get("trap_kinds") or ["?"] * len(phrases))
    return TrapResult(
        len(a),
        kept,
        phrases,
        kinds,
        tuple(phrase_present(p, output) for p in phrases),
        output == record["text"],
    )


# ---------------------------------------------------------------------------- tallies
@dataclass
class Rate:
    n: int = 0
    hit: int = 0

    def add(self, hit: bool) -> None:
        self.n += 1
        self.hit += bool(hit)

    @property
    def rate(self) -> float | None:
        return self.hit / self.n if self.n else None


@dataclass
class Tally:
    """Everything measured for one (split, system)."""

    leaks: dict[tuple[str, str, str], Rate] = field(default_factory=lambda: defaultdict(Rate))
    full: dict[tuple[str, str, str], Rate] = field(default_factory=lambda: defaultdict(Rate))
    unscored: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    covered_leaks: int = 0
    words: Rate = field(default_factory=Rate)
    phrases: dict[str, Rate] = field(default_factory=lambda: defaultdict(Rate))
    untouched: Rate = field(default_factory=Rate)
    same_types: dict[str, Rate] = field(default_factory=lambda: defaultdict(Rate))
    seconds: float = 0.0
    messages: int = 0
    errors: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))


SLICES = {
    "PERSON": ("origin", "casing", "form", "context"),
    "LOCATION": ("origin", "casing", "context"),
    "STREET_ADDRESS": ("casing",),  # too few per origin to slice further
}


def add_values(tally: Tally, record: dict[str, Any], results: list[ValueResult]) -> None:
    for span, res in zip(record["spans"], results, strict=False):
        if not res.scored:
            tally.unscored[res.type] += 1
            continue
        facets = {
            "origin": span.get("origin", record["origin"]),
            "casing": span.get("casing", record["casing"]),
            "form": span.get("form", record["form"]),
            "context": record["context"],
        }
        tally.leaks[(res.type, "total", "")].add(res.leaked)
        tally.full[(res.type, "total", "")].add(res.full)
        for facet in SLICES.get(res.type, ()):
            tally.leaks[(res.type, facet, facets[facet])].add(res.leaked)
            tally.full[(res.type, facet, facets[facet])].add(res.full)


def add_traps(tally: Tally, res: TrapResult, key_: str = "") -> None:
    if key_:  # the "same entity types as chatveil" variant of Presidio: phrases only
        for phrase_ok in res.unchanged:
            tally.same_types["phrases"].add(phrase_ok)
        tally.same_types["words"].n += res.words
        tally.same_types["words"].hit += res.unchanged_words
        tally.same_types["untouched"].add(res.untouched)
        return
    tally.words.n += res.words
    tally.words.hit += res.unchanged_words
    tally.untouched.add(res.untouched)
    for kind, ok in zip(res.kinds, res.unchanged, strict=False):
        tally.phrases["total"].add(ok)
        tally.phrases[kind].add(ok)


# ---------------------------------------------------------------------------- systems
def _progress(records: list, desc: str):
    try:
        from tqdm import tqdm
    except ImportError:  # pragma: no cover - tqdm is a dev dependency
        return records
    return tqdm(records, desc=desc, unit="msg", leave=False, file=sys.stderr)


TRAINED = ("default", "off", "lower-upper")


def chatveil_system(trained: str = "default"
                    ) -> Callable[[str, str], tuple[str, list[tuple[int, int]], str | None]]:
    """``run(text, session_id) -> (output, detected spans, None)`` with chatveil's defaults
    (``trained="default"``: the trained names-and-places model reads every line), without
    that model (``off``), or with it on all-lower/upper lines only (``lower-upper``)."""
    from chatveil import Guard, GuardConfig

    if trained == "default":
        config = GuardConfig(secret_key=EVAL_KEY)
    else:
        extra = []
        if trained == "lower-upper":
            from chatveil.detect.recognizers import FilteredTrainedNerRecognizer

            extra.append(FilteredTrainedNerRecognizer())
        config = GuardConfig(secret_key=EVAL_KEY, trained_ner_max_chars=0,
                             custom_recognizers=extra)
    guard = Guard(config).warm_up()

    def run(text: str, session_id: str) -> tuple[str, list[tuple[int, int]], str | None]:
        output = guard.pseudonymize(text, session_id=session_id)
        detected = [(s.start, s.end) for s in guard.detect(text)]  # cached by pseudonymize
        guard.forget(session_id)
        return output, detected, None

    return run


def presidio_system() -> Callable[[str, str], tuple[str, list[tuple[int, int]], str | None]]:
    """``run(text, _) -> (output, detected spans, output limited to chatveil's types)``."""
    from common import build_presidio
    from presidio_anonymizer.entities import OperatorConfig

    from chatveil.config import DEFAULT_ENTITIES

    analyzer, anonymizer = build_presidio()
    operators = {"DEFAULT": OperatorConfig("replace")}
    same = set(DEFAULT_ENTITIES)

    def run(text: str, _session_id: str) -> tuple[str, list[tuple[int, int]], str | None]:
        results = analyzer.analyze(text=text, language="en")
        output = anonymizer.anonymize(text=text, analyzer_results=results, operators=operators).text
        limited = [r for r in results if r.entity_type in same]
        output_same = anonymizer.anonymize(
            text=text, analyzer_results=limited, operators=operators
        ).text
        return output, [(r.start, r.end) for r in results], output_same

    return run


def _clip(text: str, n: int = 160) -> str:
    text = text.replace("\n", "⏎")
    return text if len(text) <= n else text[: n - 1] + "…"


def evaluate(
    records: list[dict[str, Any]], run: Callable, name: str, split: str, keep_errors: int = 0
) -> Tally:
    """Run one system over ``records`` and tally leaks and over-masking."""
    tally = Tally()
    start = time.perf_counter()
    for i, record in enumerate(_progress(records, f"{name} {split}")):
        output, detected, output_same = run(record["text"], f"world-{split}-{i}")
        tally.messages += 1
        if record["pii_free"]:
            res = score_pii_free(record, output)
            add_traps(tally, res)
            if output_same is not None:
                add_traps(tally, score_pii_free(record, output_same), "same_types")
            if not all(res.unchanged) and len(tally.errors["OVER-MASK"]) < keep_errors:
                changed = [p for p, ok in zip(res.phrases, res.unchanged, strict=False) if not ok]
                tally.errors["OVER-MASK"].append(
                    f"{changed} | {_clip(record['text'])!r} -> {_clip(output)!r}"
                )
            continue
        results = score_values(record, output)
        add_values(tally, record, results)
        for span, res in zip(record["spans"], results, strict=False):
            if res.leaked and any(a <= span["start"] and span["end"] <= b for a, b in detected):
                tally.covered_leaks += 1  # replaced, yet its word is in the output elsewhere
            if res.leaked and len(tally.errors[f"LEAK {res.type}"]) < keep_errors:
                tally.errors[f"LEAK {res.type}"].append(
                    f"{res.value!r} [{span.get('origin')}, {span.get('form', '-')}, "
                    f"{span.get('casing')}] words {list(res.leaked_words)} | "
                    f"{_clip(record['text'])!r} -> {_clip(output)!r}"
                )
    tally.seconds = time.perf_counter() - start
    return tally


# ---------------------------------------------------------------------------- reporting
def _pct(rate: Rate | None) -> str:
    return "-" if rate is None or rate.rate is None else f"{100 * rate.rate:.1f}%"


def _get(tally: Tally | None, table: str, k: Any) -> Rate | None:
    if tally is None:
        return None
    source = getattr(tally, table)
    return source.get(k) if isinstance(source, dict) else source


def _row(cells: Iterable[Any]) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def _table(header: list[str], rows: list[list[Any]]) -> list[str]:
    align = ["---"] + ["---:"] * (len(header) - 1)
    return [_row(header), _row(align), *(_row(r) for r in rows)]


def _facet_values(tallies: dict[str, Tally | None], type_: str, facet: str) -> list[str]:
    seen: dict[str, int] = {}
    for t in tallies.values():
        if t is None:
            continue
        for (ty, fa, val), rate in t.leaks.items():
            if ty == type_ and fa == facet:
                seen[val] = max(seen.get(val, 0), rate.n)
    if facet == "origin":
        return sorted(seen, key=lambda v: (ORIGIN_ORDER.get(v, 999), v))
    return sorted(seen, key=lambda v: (-seen[v], v))


def _origins() -> dict[str, str]:
    """Origin key -> label, in the order of ``sources/names.py``."""
    import importlib.util

    path = WORLD_DIR / "sources" / "names.py"
    spec = importlib.util.spec_from_file_location("world_names", path)
    if spec is None or spec.loader is None or not path.exists():
        return {}
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return {o: v["label"] for o, v in module.ORIGINS.items()}


ORIGIN_LABELS = _origins()
ORIGIN_ORDER = {o: i for i, o in enumerate(ORIGIN_LABELS)}


def report_split(
    split: str, records: list[dict[str, Any]], tallies: dict[str, Tally | None]
) -> tuple[list[str], dict[str, Any]]:
    """Markdown lines and a JSON-ready dict for one split."""
    lines: list[str] = []
    out: dict[str, Any] = {"systems": {}}
    pii = [r for r in records if not r["pii_free"]]
    n_values = defaultdict(int)
    for r in pii:
        for s in r["spans"]:
            n_values[s["type"]] += 1
    n_free = len(records) - len(pii)
    out["messages"] = {"pii": len(pii), "pii_free": n_free, "values": dict(n_values)}
    cv, pr = tallies.get("chatveil"), tallies.get("presidio")
    timing = ", ".join(f"{n} {t.seconds:.0f} s" for n, t in tallies.items() if t is not None)
    lines += [
        (
            f"## {split}: {len(pii)} messages with PII "
            f"({n_values['PERSON']} person names, {n_values['LOCATION']} places, "
            f"{n_values['STREET_ADDRESS']} street addresses), {n_free} PII-free ({timing})"
        ),
        "",
    ]
    if split == "heldout":
        lines += ["Held-out part: never used for tuning.", ""]

    def value_rows(table: str) -> list[list[Any]]:
        rows = []
        for ty in TYPES:
            label = {"leaks": "any word", "full": "full value"}[table]
            ref = _get(cv, table, (ty, "total", "")) or _get(pr, table, (ty, "total", ""))
            if ref is None:
                continue
            rows.append(
                [
                    f"{ty} leak ({label})",
                    ref.n,
                    _pct(_get(cv, table, (ty, "total", ""))),
                    _pct(_get(pr, table, (ty, "total", ""))),
                ]
            )
        return rows

    leaks, full = value_rows("leaks"), value_rows("full")
    summary = [row for pair in zip(leaks, full, strict=False) for row in pair]
    summary.append(
        [
            "PII-free: words unchanged",
            (cv or pr).words.n if (cv or pr) else 0,
            _pct(cv.words if cv else None),
            _pct(pr.words if pr else None),
        ]
    )
    summary.append(
        [
            "PII-free: trap phrases unchanged",
            ((cv or pr).phrases["total"].n if (cv or pr) else 0),
            _pct(_get(cv, "phrases", "total")),
            _pct(_get(pr, "phrases", "total")),
        ]
    )
    summary.append(
        [
            "PII-free: messages untouched",
            n_free,
            _pct(cv.untouched if cv else None),
            _pct(pr.untouched if pr else None),
        ]
    )
    lines += ["### Summary (leak: lower is better; unchanged: higher is better)", ""]
    lines += [*_table(["measure", "n", "chatveil", "presidio"], summary), ""]
    if pr is not None and pr.same_types:
        lines += [
            (
                "Presidio limited to chatveil's default entity types (no DATE_TIME/NRP): "
                f"words unchanged {_pct(pr.same_types['words'])}, trap phrases unchanged "
                f"{_pct(pr.same_types['phrases'])}, messages untouched "
                f"{_pct(pr.same_types['untouched'])}."
            ),
            "",
        ]
    if cv is not None:
        lines += [
            (
                f"chatveil leaks of values that were inside a detected span (their word is "
                f"still in the output through another mention of the same name that was "
                f"missed, or inside a surrogate): {cv.covered_leaks}. Values not scored "
                f"(every word also outside the spans): {dict(cv.unscored) or 0}."
            ),
            "",
        ]

    for ty, facets in SLICES.items():
        for facet in facets:
            vals = _facet_values(tallies, ty, facet)
            if not vals:
                continue
            rows = []
            for v in vals:
                ref = _get(cv, "leaks", (ty, facet, v)) or _get(pr, "leaks", (ty, facet, v))
                label = f"{ORIGIN_LABELS.get(v, v)} `{v}`" if facet == "origin" else v
                rows.append(
                    [
                        label,
                        ref.n if ref else 0,
                        _pct(_get(cv, "leaks", (ty, facet, v))),
                        _pct(_get(pr, "leaks", (ty, facet, v))),
                        _pct(_get(cv, "full", (ty, facet, v))),
                        _pct(_get(pr, "full", (ty, facet, v))),
                    ]
                )
            lines += [f"### {ty} leak by {facet}", ""]
            lines += [
                *_table(
                    [facet, "values", "chatveil", "presidio", "chatveil (full)", "presidio (full)"],
                    rows,
                ),
                "",
            ]

    kinds = sorted({k for t in tallies.values() if t for k in t.phrases if k != "total"})
    if kinds:
        rows = []
        for k in kinds:
            ref = _get(cv, "phrases", k) or _get(pr, "phrases", k)
            rows.append(
                [k, ref.n if ref else 0, _pct(_get(cv, "phrases", k)), _pct(_get(pr, "phrases", k))]
            )
        lines += ["### Trap phrases unchanged by kind (PII-free messages)", ""]
        lines += [*_table(["kind", "phrases", "chatveil", "presidio"], rows), ""]

    for name, t in tallies.items():
        if t is None:
            continue
        sys_out: dict[str, Any] = {
            "seconds": t.seconds,
            "messages": t.messages,
            "covered_leaks": t.covered_leaks,
            "unscored": dict(t.unscored),
        }
        for table in ("leaks", "full"):
            sys_out[table] = {}
            for (ty, facet, v), rate in sorted(t.__dict__[table].items()):
                sys_out[table].setdefault(ty, {}).setdefault(facet, {})[v or "total"] = {
                    "n": rate.n,
                    "leaked": rate.hit,
                    "rate": rate.rate,
                }
        sys_out["pii_free"] = {
            "words": {"n": t.words.n, "unchanged": t.words.hit, "rate": t.words.rate},
            "untouched": {"n": t.untouched.n, "hit": t.untouched.hit, "rate": t.untouched.rate},
            "phrases": {
                k: {"n": r.n, "unchanged": r.hit, "rate": r.rate}
                for k, r in sorted(t.phrases.items())
            },
        }
        if t.same_types:
            sys_out["pii_free"]["same_types_as_chatveil"] = {
                k: {"n": r.n, "hit": r.hit, "rate": r.rate} for k, r in t.same_types.items()
            }
        out["systems"][name] = sys_out
    return lines, out


def headline(results: dict[str, dict[str, Tally | None]]) -> list[str]:
    """One table: the main measures, dev next to heldout, for both systems."""
    splits = [s for s in SPLITS if s in results]
    header = ["measure"] + [f"{sysname} {s}" for sysname in SYSTEMS for s in splits]
    rows = []
    measures = [(f"{ty} leak (any word)", "leaks", (ty, "total", "")) for ty in TYPES]
    measures += [("PERSON leak (full value)", "full", ("PERSON", "total", ""))]
    for label, table, k in measures:
        rows.append(
            [label] + [_pct(_get(results[s].get(n), table, k)) for n in SYSTEMS for s in splits]
        )
    rows.append(
        ["PII-free: trap phrases unchanged"]
        + [_pct(_get(results[s].get(n), "phrases", "total")) for n in SYSTEMS for s in splits]
    )
    rows.append(
        ["PII-free: words unchanged"]
        + [
            _pct(results[s][n].words if results[s].get(n) else None)
            for n in SYSTEMS
            for s in splits
        ]
    )
    return ["## Headline: dev vs held-out", "", *_table(header, rows), ""]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("dev", "heldout", "all"), default="all")
    parser.add_argument("--only", choices=SYSTEMS, default=None, help="run one system only")
    parser.add_argument("--limit", type=int, default=None, help="first N messages per split")
    parser.add_argument("--json", type=Path, default=None, help="write the results here")
    parser.add_argument("--trained", choices=TRAINED, default="default",
                        help="chatveil's trained names-and-places model: as by default (every "
                             "line), off, or on all-lower/upper lines only")
    parser.add_argument(
        "--show-errors",
        type=int,
        default=0,
        metavar="N",
        help="print up to N leaks/over-masks per system (dev split only)",
    )
    args = parser.parse_args(argv)
    if args.show_errors and args.split == "heldout":
        parser.error(
            "--show-errors is refused for the heldout split: printing its errors "
            "would invite tuning on data kept out of tuning (use --split dev)"
        )

    splits = SPLITS if args.split == "all" else (args.split,)
    data = {s: load_jsonl(FILES[s], args.limit) for s in splits}
    systems = [args.only] if args.only else list(SYSTEMS)
    command = " ".join(
        ["python benchmarks/world_eval.py", *(sys.argv[1:] if argv is None else argv)]
    )
    info = machine_info()
    print(f"# World evaluation set: chatveil vs plain Presidio\n\ncommand: `{command}`\n")
    print("machine: " + ", ".join(f"{k}={v}" for k, v in info.items()) + "\n")
    sys.stdout.flush()

    results: dict[str, dict[str, Tally | None]] = {s: dict.fromkeys(SYSTEMS) for s in splits}
    for name in systems:
        run = chatveil_system(args.trained) if name == "chatveil" else presidio_system()
        for s in splits:
            keep = args.show_errors if s == "dev" else 0
            results[s][name] = evaluate(data[s], run, name, s, keep)

    output: dict[str, Any] = {"command": command, "machine": info, "splits": {}}
    for s in splits:
        lines, out = report_split(s, data[s], results[s])
        output["splits"][s] = out
        print("\n".join(lines))
    if len(splits) > 1:
        print("\n".join(headline(results)))
    if args.show_errors:
        for name in systems:
            tally = results.get("dev", {}).get(name)
            if tally is None:
                continue
            print(f"\n## {name}: errors on the dev split (first {args.show_errors} of each kind)\n")
            for kind in ("LEAK PERSON", "LEAK LOCATION", "LEAK STREET_ADDRESS", "OVER-MASK"):
                for e in tally.errors.get(kind, []):
                    print(f"- {kind} {e}")
    if args.json:
        args.json.write_text(json.dumps(output, indent=2, ensure_ascii=False), encoding="utf-8")
        print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
