"""Structured identifiers (issue 9): recall, precision and leak rate per type, chatveil against
plain Presidio in the same run, on ``data/eval/ids`` (dev and held-out reported apart).

    python benchmarks/ids_eval.py [--split dev|heldout|fresh|all] [--limit N] [--json out.json]
                                  [--show-errors N] [--skip-presidio]

- **recall**: labelled values overlapped by a detected span of the same type;
- **precision**: detected spans of the type that overlap a labelled value of that type (over
  every record of the split, near misses included);
- **leaked**: labelled values still present verbatim after pseudonymization (any type may have
  masked them); for addresses also **postcode kept**: the address's postcode still present;
- **near misses changed**: order numbers, UUIDs, hashes, dates without a birth cue... that
  did not come through verbatim (lower is better).

A second table measures single recognizers on the NATIONAL_ID and PHONE_NUMBER slices:
chatveil's own against Presidio's predefined ones (remapped to NATIONAL_ID), to decide which
to keep. chatveil: ``Guard`` defaults with a fixed key. Presidio: default ``AnalyzerEngine``
(all its entity types, no threshold) + ``AnonymizerEngine`` ``replace``; its types are mapped
to ours (``DATE_TIME`` -> ``DATE_OF_BIRTH``, ``LOCATION`` -> ``STREET_ADDRESS``, national ID
types -> ``NATIONAL_ID``).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import ROOT, build_presidio, load_jsonl, machine_info, presidio_pseudonymize

DATA = ROOT / "data" / "eval" / "ids"
TYPES = ("PHONE_NUMBER", "CREDIT_CARD", "STREET_ADDRESS", "NATIONAL_ID", "DATE_OF_BIRTH",
         "API_KEY", "USERNAME")
TARGETS = {"PHONE_NUMBER": "leaked <= 1%", "API_KEY": "leaked <= 5%",
           "STREET_ADDRESS": "postcode kept <= 10%", "DATE_OF_BIRTH": "leaked <= 5%"}
PRESIDIO_MAP = {
    "DATE_TIME": "DATE_OF_BIRTH", "LOCATION": "STREET_ADDRESS", "GPE": "STREET_ADDRESS",
    "US_PASSPORT": "NATIONAL_ID", "US_DRIVER_LICENSE": "NATIONAL_ID", "UK_NHS": "NATIONAL_ID",
    "US_ITIN": "NATIONAL_ID", "US_BANK_NUMBER": "NATIONAL_ID", "ES_NIF": "NATIONAL_ID",
    "ES_NIE": "NATIONAL_ID", "IT_FISCAL_CODE": "NATIONAL_ID", "IT_DRIVER_LICENSE": "NATIONAL_ID",
    "IT_IDENTITY_CARD": "NATIONAL_ID", "IT_PASSPORT": "NATIONAL_ID", "IT_VAT_CODE": "NATIONAL_ID",
    "PL_PESEL": "NATIONAL_ID", "KR_RRN": "NATIONAL_ID", "KR_PASSPORT": "NATIONAL_ID",
    "UK_NINO": "NATIONAL_ID", "IN_AADHAAR": "NATIONAL_ID", "IN_PAN": "NATIONAL_ID",
    "DE_TAX_ID": "NATIONAL_ID", "US_SSN": "NATIONAL_ID",
}


# ---------------------------------------------------------------------- scoring
class Score:
    def __init__(self) -> None:
        self.labelled: Counter[str] = Counter()
        self.hit: Counter[str] = Counter()
        self.detected: Counter[str] = Counter()
        self.correct: Counter[str] = Counter()
        self.leaked: Counter[str] = Counter()
        self.postcodes = 0
        self.postcodes_kept = 0
        self.negatives: Counter[str] = Counter()
        self.negatives_changed: Counter[str] = Counter()
        self.errors: list[tuple[str, str, str]] = []
        self.seconds = 0.0

    def add(self, rec: dict[str, Any], spans: list[tuple[int, int, str]], out: str,
            keep_errors: bool) -> None:
        text = rec["text"]
        labels = [(s["start"], s["end"], s["label"]) for s in rec["spans"]]
        for a, b, label in labels:
            self.labelled[label] += 1
            if any(s < b and a < e and t == label for s, e, t in spans):
                self.hit[label] += 1
            elif keep_errors:
                got = [(text[s:e], t) for s, e, t in spans if s < b and a < e]
                self.errors.append(("missed", label, f"{text!r} -> {got}"))
            if _present(text[a:b], out):
                self.leaked[label] += 1
        for s, e, t in spans:
            if t not in TYPES:
                continue
            self.detected[t] += 1
            if any(s < b and a < e and t == label for a, b, label in labels):
                self.correct[t] += 1
            elif keep_errors:
                self.errors.append(("spurious", t, f"{text!r}: {text[s:e]!r}"))
        for a, b in rec.get("postcodes", ()):
            self.postcodes += 1
            if _present(text[a:b], out):
                self.postcodes_kept += 1
                if keep_errors:
                    self.errors.append(("postcode kept", "STREET_ADDRESS", f"{text!r} -> {out!r}"))
        if rec["slice"] == "NEGATIVE":
            kind = rec.get("kind", "?")
            self.negatives[kind] += 1
            if out != text:
                self.negatives_changed[kind] += 1
                if keep_errors:
                    self.errors.append(("near miss changed", kind, f"{text!r} -> {out!r}"))

    def row(self, etype: str) -> dict[str, Any]:
        n, hit = self.labelled[etype], self.hit[etype]
        det, cor = self.detected[etype], self.correct[etype]
        return {
            "labelled": n,
            "recall": hit / n if n else None,
            "precision": cor / det if det else None,
            "leaked": self.leaked[etype] / n if n else None,
            "leaked_n": self.leaked[etype],
        }


def _present(value: str, out: str) -> bool:
    """``value`` still in ``out`` as a whole token (not inside a longer run of word chars)."""
    pattern = r"(?<![\w])" + re.escape(value) + r"(?![\w])"
    return re.search(pattern, out) is not None


# ---------------------------------------------------------------------- systems
def run_chatveil(records: list[dict[str, Any]], score: Score, keep_errors: bool) -> None:
    from chatveil import Guard, GuardConfig

    guard = Guard(GuardConfig(secret_key=b"ids-eval-fixed-key-0123456789abcdef")).warm_up()
    start = time.perf_counter()
    for i, rec in enumerate(records):
        spans = [(s.start, s.end, s.entity_type) for s in guard.detect(rec["text"])]
        out = guard.pseudonymize(rec["text"], session_id=f"ids-{i}")
        score.add(rec, spans, out, keep_errors)
    score.seconds = time.perf_counter() - start


def run_presidio(records: list[dict[str, Any]], score: Score) -> None:
    analyzer, anonymizer = build_presidio()
    analyzer.analyze("warm up", language="en")
    start = time.perf_counter()
    for rec in records:
        out, results = presidio_pseudonymize(analyzer, anonymizer, rec["text"])
        spans = [(r.start, r.end, PRESIDIO_MAP.get(r.entity_type, r.entity_type))
                 for r in results]
        score.add(rec, spans, out, False)
    score.seconds = time.perf_counter() - start


def recognizer_table(records: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Single recognizers on the NATIONAL_ID / PHONE_NUMBER slices and the near misses."""
    import presidio_analyzer.predefined_recognizers as pre

    from chatveil.detect.recognizers import InternationalPhoneRecognizer, NationalIdRecognizer
    from chatveil.detect.recognizers.phones import PHONE_REGIONS

    def presidio_ids() -> list[Any]:
        names = ["UkNinoRecognizer", "InAadhaarRecognizer", "InPanRecognizer", "EsNifRecognizer",
                 "EsNieRecognizer", "ItFiscalCodeRecognizer", "DeTaxIdRecognizer",
                 "UsPassportRecognizer", "UsLicenseRecognizer"]
        out = []
        for name in names:
            cls = getattr(pre, name, None)
            if cls is not None:
                out.append(cls(supported_language="en"))
        return out

    systems = {
        ("NATIONAL_ID", "chatveil NationalIdRecognizer"): [NationalIdRecognizer()],
        ("NATIONAL_ID", "Presidio predefined ID recognizers"): presidio_ids(),
        ("PHONE_NUMBER", "chatveil phone recognizer"): [InternationalPhoneRecognizer()],
        ("PHONE_NUMBER", "Presidio PhoneRecognizer (same regions)"): [
            pre.PhoneRecognizer(supported_regions=list(PHONE_REGIONS))],
    }
    table = {}
    for (etype, name), recognizers in systems.items():
        labelled = hit = detected = correct = 0
        start = time.perf_counter()
        for rec in records:
            if rec["slice"] not in (etype, "NEGATIVE"):
                continue
            text = rec["text"]
            found = []
            for r in recognizers:
                ents = r.supported_entities
                found += [(x.start, x.end) for x in r.analyze(text, ents, None) if x.score >= 0.4]
            labels = [(s["start"], s["end"]) for s in rec["spans"] if s["label"] == etype]
            labelled += len(labels)
            hit += sum(any(s < b and a < e for s, e in found) for a, b in labels)
            detected += len(found)
            correct += sum(any(s < b and a < e for a, b in labels) for s, e in found)
        table[f"{etype}: {name}"] = {
            "labelled": labelled, "recall": hit / labelled if labelled else None,
            "precision": correct / detected if detected else None,
            "ms_per_record": 1000 * (time.perf_counter() - start) / max(1, len(records)),
        }
    return table


# ---------------------------------------------------------------------- report
def _pct(x: float | None) -> str:
    return "-" if x is None else f"{100 * x:.1f} %"


def _f(x: float | None) -> str:
    return "-" if x is None else f"{x:.3f}"


def report(split: str, cv: Score, pr: Score | None) -> list[str]:
    lines = [(f"\n### {split} ({sum(cv.labelled.values())} labelled values, "
              f"{sum(cv.negatives.values())} near misses)\n"),
             "| type | labelled | chatveil R | P | leaked | Presidio R | P | leaked | target |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---|"]
    for t in TYPES:
        c = cv.row(t)
        p = pr.row(t) if pr else {}
        lines.append(
            f"| {t} | {c['labelled']} | {_f(c['recall'])} | {_f(c['precision'])} | "
            f"{_pct(c['leaked'])} | {_f(p.get('recall'))} | {_f(p.get('precision'))} | "
            f"{_pct(p.get('leaked'))} | {TARGETS.get(t, '')} |")
    kept = cv.postcodes_kept / cv.postcodes if cv.postcodes else None
    pkept = pr.postcodes_kept / pr.postcodes if pr and pr.postcodes else None
    lines.append(f"| postcode kept in address | {cv.postcodes} | | | {_pct(kept)} | | | "
                 f"{_pct(pkept)} | <= 10 % |")
    neg = sum(cv.negatives.values())
    ch = sum(cv.negatives_changed.values())
    pch = sum(pr.negatives_changed.values()) if pr else None
    lines.append(f"| near misses changed | {neg} | | | {_pct(ch / neg if neg else None)} | | | "
                 f"{_pct(pch / neg if pr and neg else None)} | lower is better |")
    if cv.negatives_changed:
        lines.append("\nnear misses changed by chatveil, by kind: " + ", ".join(
            f"{k} {v}/{cv.negatives[k]}" for k, v in sorted(cv.negatives_changed.items())))
    if pr and pr.negatives_changed:
        lines.append("near misses changed by Presidio, by kind: " + ", ".join(
            f"{k} {v}/{pr.negatives[k]}" for k, v in sorted(pr.negatives_changed.items())))
    lines.append(f"\ntime: chatveil {cv.seconds:.1f} s"
                 + (f", Presidio {pr.seconds:.1f} s" if pr else ""))
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=["dev", "heldout", "fresh", "all"], default="all")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--show-errors", type=int, default=0)
    parser.add_argument("--skip-presidio", action="store_true")
    args = parser.parse_args()

    splits = ["dev", "heldout", "fresh"] if args.split == "all" else [args.split]
    out: dict[str, Any] = {"machine": machine_info()}
    lines = ["## Structured identifiers (data/eval/ids)"]
    for split in splits:
        records = load_jsonl(DATA / f"{split}.jsonl", args.limit)
        cv = Score()
        run_chatveil(records, cv, keep_errors=args.show_errors > 0)
        pr = None
        if not args.skip_presidio:
            pr = Score()
            run_presidio(records, pr)
        lines += report(split, cv, pr)
        table = recognizer_table(records)
        lines += ["", "| recognizer alone | labelled | R | P | ms / record |",
                  "|---|---:|---:|---:|---:|"]
        lines += [f"| {k} | {v['labelled']} | {_f(v['recall'])} | {_f(v['precision'])} | "
                  f"{v['ms_per_record']:.2f} |" for k, v in table.items()]
        out[split] = {
            "chatveil": {t: cv.row(t) for t in TYPES},
            "presidio": {t: pr.row(t) for t in TYPES} if pr else None,
            "postcode_kept": cv.postcodes_kept / max(1, cv.postcodes),
            "near_misses_changed": sum(cv.negatives_changed.values()),
            "recognizers": table,
        }
        if args.show_errors:
            by_kind: dict[str, list[str]] = defaultdict(list)
            for kind, etype, msg in cv.errors:
                by_kind[f"{kind} {etype}"].append(msg)
            for key, msgs in sorted(by_kind.items()):
                lines.append(f"\n-- {key} ({len(msgs)})")
                lines += [f"   {m}" for m in msgs[: args.show_errors]]
    print("\n".join(lines))
    if args.json:
        args.json.write_text(json.dumps(out, indent=2, default=str))


if __name__ == "__main__":
    main()
