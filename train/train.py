"""Regenerate the data, train the names-and-places pipeline and ship it into the package.

    python train/train.py                      # data + training + copy + dev report
    python train/train.py --skip-data          # reuse train/corpus/
    python train/train.py --max-steps 300      # a quick smoke run

Single-threaded and seeded: the same command gives the same model on the same machine
(modulo BLAS floating-point order). Only the files spaCy needs to load the pipeline are
copied to ``src/chatveil/models/names_places`` (config, meta, tokenizer, vocab, weights).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ.setdefault(var, "1")

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(HERE))

SHIPPED = ROOT / "src" / "chatveil" / "models" / "names_places"


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="train chatveil's names-and-places NER")
    ap.add_argument("--skip-data", action="store_true")
    ap.add_argument("--n-train", type=int, default=60000)
    ap.add_argument("--n-dev", type=int, default=4000)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--max-steps", type=int, default=None, help="override config max_steps")
    ap.add_argument("--output", default=str(HERE / "output"))
    ap.add_argument("--no-ship", action="store_true", help="don't copy into the package")
    ap.add_argument("--ship-only", action="store_true",
                    help="only copy the best model of --output into the package and report")
    args = ap.parse_args(argv)
    if args.ship_only:
        ship_and_report(Path(args.output))
        return

    corpus = HERE / "corpus"
    t0 = time.time()
    if not args.skip_data:
        subprocess.run([sys.executable, str(HERE / "make_data.py"), "--out", str(corpus),
                        "--n-train", str(args.n_train), "--n-dev", str(args.n_dev),
                        "--seed", str(args.seed)], check=True)
    t_data = time.time() - t0

    from functions import TimeBudgetExceeded  # registers the config's functions
    from spacy.cli.train import train as spacy_train

    overrides = {"paths.train": str(corpus / "train.spacy"),
                 "paths.dev": str(corpus / "dev.spacy"),
                 "system.seed": args.seed}
    if args.max_steps:
        overrides["training.max_steps"] = args.max_steps
    out = Path(args.output)
    t1 = time.time()
    try:
        spacy_train(HERE / "config.cfg", out, use_gpu=-1, overrides=overrides)
    except TimeBudgetExceeded as stop:
        print(f"stopped: {stop}")
    t_train = time.time() - t1
    print(f"data {t_data:.0f}s, training {t_train:.0f}s")
    if not args.no_ship:  # the tracked record describes the shipped model's run only
        (HERE / "last_run.json").write_text(json.dumps(
            {"data_seconds": round(t_data), "train_seconds": round(t_train),
             "overrides": overrides}, indent=1) + "\n")
        ship_and_report(out)


#: The shipped model's version: raise it whenever the weights change (detection caches,
#: shared ones included, key their results on it).
MODEL_VERSION = "2.1.0"


def ship_and_report(out: Path) -> None:
    ship(out / "model-best", SHIPPED)
    subprocess.run([sys.executable, str(HERE / "evaluate.py"), "--model", str(SHIPPED),
                    "--dev", str(HERE / "corpus" / "dev.spacy"),
                    "--out", str(HERE / "dev_report.md")], check=True)


def ship(src: Path, dst: Path) -> None:
    """Load the best model, give it the training tokenizer and write only what loading needs."""
    import functions  # noqa: F401  (registers the embedding layer)
    import spacy
    from common import customize_tokenizer

    nlp = spacy.load(src)
    customize_tokenizer(nlp)
    nlp.meta.update({
        "name": "names_places", "version": MODEL_VERSION, "lang": "en",
        "description": "chatveil's PERSON/LOCATION NER, trained on synthetic chat text "
                       "(train/ in the chatveil repository).",
        "author": "chatveil developers", "license": "MIT", "sources": [],
    })
    nlp.meta.pop("performance", None)
    if dst.exists():
        shutil.rmtree(dst)
    dst.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(dst)
    # Training-only settings stay in config.cfg (spaCy needs the whole config to load), but
    # the corpus paths are meaningless outside this repository.
    cfg = nlp.config.copy()
    cfg["paths"]["train"] = None
    cfg["paths"]["dev"] = None
    cfg["training"]["before_update"] = None
    cfg.to_disk(dst / "config.cfg")
    # The string store only maps hashes back to the training corpus's words (1.3 MB); the
    # features are hashes computed from the text, so inference needs only the labels.
    # (Checked: identical predictions on 800 dev docs with and without the full store.)
    labels = sorted(nlp.get_pipe("ner").labels)
    (dst / "vocab" / "strings.json").write_text(json.dumps(labels))
    size = sum(p.stat().st_size for p in dst.rglob("*") if p.is_file())
    print(f"shipped {dst} ({size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
