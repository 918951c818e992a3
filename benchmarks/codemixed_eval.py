"""Over-masking of code-mixed chat: PII-free messages that mix English with another language
(Hinglish, Roman Urdu, Taglish, Nigerian Pidgin, Swahili, Malay, Indonesian, Spanglish,
Arabizi, Roman Bengali and Tamil, Yoruba), chatveil against plain Presidio.

Usage::

    python benchmarks/codemixed_eval.py [--half tune|held] [--only chatveil|presidio]
                                        [--show-errors N] [--plain FILE]

The messages are in ``benchmarks/codemixed_plain.txt`` (blocks of ``## <language> <id>`` and
the message, separated by ``---`` lines), written by a helper who saw no detection code. A fixed
hash of each id (the probe templates' ``template_half``) puts it in the ``tune`` or the ``held``
half; errors are printed for the tune half only. The metric is the world set's (see
``world_eval.py``): *words unchanged* is the share of the input's words the output keeps in
order, a *message untouched* has output == input.

``--plain benchmarks/foreign_plain.txt`` measures the same way 240 PII-free messages written
wholly in one of 12 other languages (French, Spanish, German, Portuguese, Italian, Dutch,
Polish, Turkish, Vietnamese, Indonesian, Swedish, Romanian), by a helper who saw no detection
code; ``foreign_templates.txt`` holds their templates with people and places.

Names and places in code-mixed text are measured with the probe::

    python benchmarks/world_probe.py --templates benchmarks/codemixed_templates.txt \
        --template-half tune|held --origin all --values 150
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import ROOT
from world_eval import chatveil_system, presidio_system, score_pii_free

sys.path.insert(0, str(ROOT / "data" / "eval" / "world"))
from generate import template_half

PLAIN = Path(__file__).resolve().parent / "codemixed_plain.txt"


def messages(path: Path = PLAIN) -> list[tuple[str, str, str]]:
    """``(language, id, text)`` of every block of ``path``."""
    out = []
    for block in path.read_text(encoding="utf-8").split("\n---\n"):
        lines = block.strip("\n").splitlines()
        if not lines or not lines[0].startswith("## "):
            continue
        lang, ident = lines[0][3:].split()[:2]
        out.append((lang, ident, "\n".join(lines[1:]).strip("\n")))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--half", choices=("tune", "held"))
    parser.add_argument("--only", choices=("chatveil", "presidio"))
    parser.add_argument("--show-errors", type=int, default=0, metavar="N",
                        help="print up to N changed messages of the tune half")
    parser.add_argument("--plain", type=Path, default=PLAIN,
                        help="the PII-free messages (default: the code-mixed ones)")
    args = parser.parse_args()
    if args.show_errors and args.half == "held":
        parser.error("errors of the held half are never printed")
    systems = {"chatveil": chatveil_system, "presidio": presidio_system}
    names = [args.only] if args.only else list(systems)
    rows = [m for m in messages(args.plain)
            if args.half is None or template_half(m[1]) == args.half]
    print(f"{len(rows)} PII-free messages of {args.plain.name} ({args.half or 'both halves'})")
    for name in names:
        run = systems[name]()
        words: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # kept, all, same, n
        shown = 0
        for lang, ident, text in rows:
            output = run(text, f"cm-{ident}")[0]
            res = score_pii_free({"text": text}, output)
            for key in (lang, "all"):
                tally = words[key]
                tally[0] += res.unchanged_words
                tally[1] += res.words
                tally[2] += res.untouched
                tally[3] += 1
            if not res.untouched and shown < args.show_errors and \
                    template_half(ident) == "tune":
                shown += 1
                print(f"  {ident} {text!r}\n    -> {output!r}")
        print(f"\n{name}: words unchanged / messages untouched")
        for key in sorted(words, key=lambda k: (k == "all", k)):
            kept, total, same, n = words[key]
            print(f"  {key:14} {100 * kept / total:5.1f} % of {total:5} words   "
                  f"{100 * same / n:5.1f} % of {n:3} messages")


if __name__ == "__main__":
    main()
