"""The labelled evaluation set shipped in data/eval is well formed (offsets match values)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

EVAL_DIR = Path(__file__).resolve().parents[1] / "data" / "eval"
FILES = {
    "presidio_research_generated_large.jsonl": (2109, 4055),
    "presidio_recognizer_cases.jsonl": (546, 338),
}


def _records(name: str) -> list[dict]:
    with open(EVAL_DIR / name, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@pytest.mark.parametrize("name", sorted(FILES))
def test_every_span_offset_matches_its_value(name: str) -> None:
    bad = []
    for i, record in enumerate(_records(name)):
        text = record["text"]
        assert isinstance(text, str)
        for span in record["spans"]:
            start, end = span["start"], span["end"]
            assert isinstance(start, int) and isinstance(end, int)
            if not (0 <= start < end <= len(text)) or text[start:end] != span["value"]:
                bad.append((i, start, end))
            assert isinstance(span["label"], str) and span["label"].isupper()
    assert not bad, f"{len(bad)} span(s) whose offsets do not match their value: {bad[:5]}"


@pytest.mark.parametrize("name", sorted(FILES))
def test_record_and_span_counts(name: str) -> None:
    records = _records(name)
    n_records, n_spans = FILES[name]
    assert len(records) == n_records
    assert sum(len(r["spans"]) for r in records) == n_spans


def test_recognizer_cases_name_their_source_test() -> None:
    for record in _records("presidio_recognizer_cases.jsonl"):
        assert record["source"].startswith("test_")
        assert "_recognizer.py::" in record["source"]


def test_sources_file_gives_attribution_and_license() -> None:
    text = (EVAL_DIR / "SOURCES.md").read_text(encoding="utf-8")
    assert "MIT License" in text
    assert "Microsoft Corporation" in text
    assert "7622dec1e5f7d25dc60b57c28c39f4c4af197018" in text
    assert "0aa9f8e44275cb52c00fbbebe19168e934e1f076" in text


IDS_DIR = EVAL_DIR / "ids"


def _generate_ids(out: Path, hash_seed: str | None) -> None:
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "PYTHONHASHSEED"}
    if hash_seed is not None:
        env["PYTHONHASHSEED"] = hash_seed
    subprocess.run([sys.executable, str(IDS_DIR / "generate.py"), "--out", str(out)],
                   check=True, env=env, capture_output=True, timeout=300)


def test_ids_generator_reproduces_the_committed_splits(tmp_path: Path) -> None:
    """Generating twice (under different string-hash seeds of the calling process) gives the
    same bytes, and those are the committed dev, heldout and fresh files."""
    _generate_ids(tmp_path / "a", None)
    _generate_ids(tmp_path / "b", "12345")
    for split in ("dev", "heldout", "fresh"):
        first = (tmp_path / "a" / f"{split}.jsonl").read_bytes()
        assert first == (tmp_path / "b" / f"{split}.jsonl").read_bytes(), split
        assert first == (IDS_DIR / f"{split}.jsonl").read_bytes(), (
            f"data/eval/ids/{split}.jsonl is stale: run python data/eval/ids/generate.py")


def test_ids_generator_refuses_a_randomised_string_hash() -> None:
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location("ids_generate", IDS_DIR / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    if not sys.flags.hash_randomization:
        pytest.skip("this interpreter runs with PYTHONHASHSEED=0")
    with pytest.raises(RuntimeError, match="PYTHONHASHSEED=0"):
        module.generate("dev", 11, per_type=1, negatives=1, now=module.SPLITS["dev"][2])
