"""Loaded by `spacy train --code`: registers chatveil's embedding layer with spaCy."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from chatveil._trained_ner import register_architectures  # noqa: E402

register_architectures()
