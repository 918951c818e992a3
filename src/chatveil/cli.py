"""The ``chatveil`` command: ``chatveil scan`` and ``chatveil demo``.

``scan`` shows what chatveil detects in a file, a string or stdin, and the text as a model would
receive it. ``demo`` plays a guarded career-coach conversation, offline by default.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from chatveil import Guard, GuardConfig
from chatveil.errors import ChatveilError
from chatveil.strategies import REGISTRY

__all__ = ["main"]

#: The demo restores answers, so only reversible strategies make sense there.
_DEMO_STRATEGIES = tuple(name for name, s in REGISTRY.items() if s.reversible)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="chatveil",
        description="Keep personal data out of LLM calls: pseudonymize before, restore after.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    scan = commands.add_parser(
        "scan",
        help="show the personal data detected in a file, a string or stdin",
        description=(
            "Detect personal data and print each detection (type, score, offsets) and the "
            "pseudonymized text. FILE_OR_TEXT is a file path, '-' for stdin, or text with spaces; "
            "use --text to scan a single word."
        ),
    )
    scan.add_argument("target", metavar="FILE_OR_TEXT")
    scan.add_argument("--text", action="store_true", help="treat FILE_OR_TEXT as text")
    scan.add_argument("--json", action="store_true", help="print one JSON document")
    scan.add_argument(
        "--strategy",
        choices=sorted(REGISTRY),
        help="surrogate strategy (default: the configuration's, else faker)",
    )
    scan.add_argument("--config", metavar="YAML", help="a GuardConfig YAML file")

    demo = commands.add_parser(
        "demo",
        help="a guarded career-coach conversation, offline by default",
        description=(
            "Play a multi-turn career-coach conversation through a guarded chat model and show, "
            "for each turn, what you wrote, what the model received and what you got back. "
            "Uses OPENAI_API_KEY / OPENAI_BASE_URL or OLLAMA_BASE_URL when set, otherwise an "
            "offline stand-in model."
        ),
    )
    demo.add_argument(
        "--turns", type=int, default=None, metavar="N", help="play only the first N turns"
    )
    demo.add_argument(
        "--strategy",
        choices=_DEMO_STRATEGIES,
        default="faker",
        help="surrogate strategy (default: faker)",
    )
    demo.add_argument(
        "--offline",
        action="store_true",
        help="use the offline stand-in even if a model provider is configured",
    )
    demo.add_argument(
        "--delay",
        type=float,
        default=None,
        metavar="SECONDS",
        help="pause between streamed chunks of the stand-in (default: 0.01 on a terminal, else 0)",
    )
    colour = demo.add_mutually_exclusive_group()
    colour.add_argument(
        "--colour",
        "--color",
        dest="colour",
        action="store_true",
        default=None,
        help="force ANSI colours",
    )
    colour.add_argument(
        "--no-colour",
        "--no-color",
        dest="colour",
        action="store_false",
        help="never use colours (the default when not a terminal)",
    )
    return parser


def main(
    argv: Sequence[str] | None = None, *, stdin: TextIO | None = None, stdout: TextIO | None = None
) -> int:
    """Run the command line; returns the exit status (0 success, 1 failure, 2 usage error)."""
    stdout = stdout or sys.stdout
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "scan":
            return _scan(args, stdin or sys.stdin, stdout)
        return _demo(args, stdout, parser)
    except ChatveilError as exc:
        print(f"chatveil: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("chatveil: interrupted", file=sys.stderr)
        return 130


def _read_target(args: argparse.Namespace, stdin: TextIO) -> str | None:
    """The text to scan, or ``None`` if FILE_OR_TEXT looks like a missing file."""
    target = args.target
    if args.text:
        return target
    if target == "-":
        return stdin.read()
    path = Path(target)
    if path.exists():
        return path.read_text(encoding="utf-8")
    if any(c.isspace() for c in target):
        return target
    return None


def _scan(args: argparse.Namespace, stdin: TextIO, stdout: TextIO) -> int:
    try:
        text = _read_target(args, stdin)
    except (OSError, UnicodeDecodeError) as exc:
        print(f"chatveil: error: cannot read {args.target!r}: {exc}", file=sys.stderr)
        return 1
    if text is None:
        print(
            f"chatveil: error: no such file: {args.target!r} (to scan it as text, add --text)",
            file=sys.stderr,
        )
        return 2
    config = GuardConfig.from_yaml(args.config) if args.config else GuardConfig()
    if args.strategy:
        config = config.replace(strategy=args.strategy)
    guard = Guard(config)
    spans = guard.detect(text)
    masked = guard.pseudonymize(text, session_id="scan")
    if args.json:
        payload = {
            "detections": [
                {
                    "entity_type": s.entity_type,
                    "score": round(s.score, 4),
                    "start": s.start,
                    "end": s.end,
                    "text": text[s.start : s.end],
                }
                for s in spans
            ],
            "pseudonymized": masked,
        }
        json.dump(payload, stdout, ensure_ascii=False, indent=2)
        stdout.write("\n")
        return 0
    if spans:
        stdout.write(f"{len(spans)} detection(s):\n")
        stdout.write(f"  {'TYPE':<16} {'SCORE':>5}  {'START':>6} {'END':>6}  TEXT\n")
        for s in spans:
            value = text[s.start : s.end].replace("\n", " ")
            stdout.write(
                f"  {s.entity_type:<16} {s.score:>5.2f}  {s.start:>6} {s.end:>6}  {value}\n"
            )
    else:
        stdout.write("no personal data detected\n")
    stdout.write("\npseudonymized:\n")
    stdout.write(masked if masked.endswith("\n") else masked + "\n")
    return 0


def _demo(args: argparse.Namespace, stdout: TextIO, parser: argparse.ArgumentParser) -> int:
    from chatveil.demo._conversation import SCRIPT, run_demo

    if args.turns is not None and not 1 <= args.turns <= len(SCRIPT):
        parser.error(f"--turns must be between 1 and {len(SCRIPT)}")
    delay = args.delay if args.delay is not None else (0.01 if stdout.isatty() else 0.0)
    run_demo(
        turns=args.turns,
        strategy=args.strategy,
        out=stdout,
        colour=args.colour,
        offline=args.offline,
        delay=delay,
    )
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
