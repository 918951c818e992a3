"""A Hugging Face token-classification model as a Presidio recognizer, loaded from a local path.

For users who have model weights (a fine-tuned BERT, RoBERTa, DeBERTa... NER model saved with
``save_pretrained``): the model runs inside Presidio's ``AnalyzerEngine`` beside chatveil's own
recognizers, and its spans go through the same thresholds, allow list and filters::

    from chatveil import Guard, GuardConfig
    from chatveil.detect.recognizers import TransformersNerRecognizer

    guard = Guard(GuardConfig(custom_recognizers=[TransformersNerRecognizer("/models/ner")]))

The model is read from the directory only (``local_files_only=True``, no remote code): a path
that does not exist is a :class:`~chatveil.errors.ConfigurationError`, never a download.
Nothing here imports ``torch`` or ``transformers`` until the first text is analysed (or
:meth:`TransformersNerRecognizer.warm_up` is called); building the recognizer reads only the
model's ``config.json``. Install the extra with ``pip install 'chatveil[transformers]'`` and a
``torch`` build for your platform.

Long texts are analysed in overlapping token windows of the model's length; every token takes
its label from the window where it has the most context, so an entity on a window edge is found
once and whole, and offsets are those of the text analysed.
"""

from __future__ import annotations

import hashlib
import importlib.util
import itertools
import json
import math
import os
import re
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult

from chatveil.errors import ConfigurationError, MissingDependencyError

__all__ = ["DEFAULT_ENTITY_MAPPING", "TransformersNerRecognizer"]

#: Model entity labels (without their ``B-``/``I-`` prefix) and the chatveil type each becomes.
#: Labels a mapping does not name are ignored.
DEFAULT_ENTITY_MAPPING: Mapping[str, str] = {
    "PER": "PERSON",
    "PERSON": "PERSON",
    "LOC": "LOCATION",
    "LOCATION": "LOCATION",
    "GPE": "LOCATION",
    "ORG": "ORGANIZATION",
    "ORGANIZATION": "ORGANIZATION",
}

AGGREGATIONS = ("first", "average", "max", "simple")

_PREFIXED = re.compile(r"(?P<prefix>[BIESLU])[-_](?P<type>.+)")
_OUTSIDE = frozenset({"O", "OUTSIDE", "0"})
#: Model types whose position ids start after the padding index (514 positions, 512 tokens).
_OFFSET_POSITIONS = frozenset({"roberta", "xlm-roberta", "camembert", "longformer", "mpnet",
                               "bart", "mbart", "data2vec-text", "xmod", "luke", "mluke"})
_INSTALL_TORCH = "pip install 'chatveil[transformers]' torch  (a torch build for your platform)"


def _dependency_missing() -> MissingDependencyError | None:
    """The error to raise when ``transformers`` or ``torch`` cannot be imported (no import)."""
    for package in ("transformers", "torch"):
        try:
            found = importlib.util.find_spec(package) is not None
        except (ImportError, ValueError):
            found = False
        if not found:
            return MissingDependencyError(package, "transformers", install=_INSTALL_TORCH)
    return None


@dataclass(frozen=True)
class _Label:
    """One model label: its BIOES prefix (``I`` for labels without one) and chatveil type."""

    prefix: str  # "B", "I", "E", "S" ("L" and "U" are read as "E" and "S"); "O" outside
    entity_type: str | None


def _parse_label(label: str, mapping: Mapping[str, str]) -> _Label:
    if label.upper() in _OUTSIDE:
        return _Label("O", None)
    m = _PREFIXED.fullmatch(label)
    prefix, name = (m["prefix"], m["type"]) if m else ("I", label)
    prefix = {"L": "E", "U": "S"}.get(prefix, prefix)
    entity_type = mapping.get(name, mapping.get(name.upper()))
    return _Label(prefix, entity_type) if entity_type else _Label("O", None)


class TransformersNerRecognizer(EntityRecognizer):
    """A Hugging Face token-classification model found in a local directory.

    Args:
        model_path: a directory holding a token-classification model and its fast tokenizer
            (``config.json``, the weights and ``tokenizer.json`` or the files it is built from),
            as written by ``save_pretrained``. Never a hub name: nothing is downloaded.
        entity_mapping: model entity names (``PER``, ``B-PER`` and ``I-PER`` all read as
            ``PER``) to chatveil entity types; names it lacks are ignored. Defaults to
            :data:`DEFAULT_ENTITY_MAPPING`.
        aggregation: how word pieces become spans: ``first`` (a word takes the label of its
            first piece), ``average`` (of the label scores of its pieces), ``max`` (of its most
            confident piece), or ``simple`` (pieces are grouped as they are labelled, so a span
            may cover part of a word).
        score_threshold: spans scoring below it are not returned (the guard's per-type
            thresholds apply afterwards as well).
        device: the torch device the model runs on (``cpu``, ``cuda``, ``cuda:1``, ``mps``).
        supported_language: the language code the guard is configured with.
        max_tokens: tokens per window, special tokens included; defaults to the model's limit
            (at most 512).
        window_overlap: tokens shared by neighbouring windows of a long text (at most a quarter
            of a window is used).
        batch_size: windows run through the model at once.

    Raises:
        ConfigurationError: ``model_path`` is not a model directory, or an argument is invalid.
        MissingDependencyError: ``transformers`` or ``torch`` is not installed.
    """

    name: str  # set by EntityRecognizer.__init__

    def __init__(
        self,
        model_path: str | os.PathLike[str],
        *,
        entity_mapping: Mapping[str, str] | None = None,
        aggregation: str = "first",
        score_threshold: float = 0.5,
        device: str = "cpu",
        supported_language: str = "en",
        max_tokens: int | None = None,
        window_overlap: int = 64,
        batch_size: int = 8,
    ) -> None:
        self.model_path = _model_dir(model_path)
        config = _read_model_config(self.model_path)
        mapping = dict(DEFAULT_ENTITY_MAPPING if entity_mapping is None else entity_mapping)
        for key, target in mapping.items():
            if not (isinstance(key, str) and isinstance(target, str) and target):
                raise ConfigurationError("entity_mapping must map label names to entity types")
        if aggregation not in AGGREGATIONS:
            raise ConfigurationError(f"aggregation must be one of {', '.join(AGGREGATIONS)}")
        if not (isinstance(score_threshold, int | float) and 0 <= score_threshold <= 1):
            raise ConfigurationError("score_threshold must be a number between 0 and 1")
        counts: tuple[tuple[str, object, int], ...] = (
            ("max_tokens", max_tokens, 8), ("window_overlap", window_overlap, 0),
            ("batch_size", batch_size, 1))
        for option, count, low in counts:
            if count is not None and (not isinstance(count, int) or isinstance(count, bool)
                                      or count < low):
                raise ConfigurationError(f"{option} must be an integer of at least {low}")
        if not isinstance(device, str) or not device:
            raise ConfigurationError("device must be a torch device name such as 'cpu'")

        id2label = config.get("id2label")
        if not isinstance(id2label, Mapping) or not id2label:
            raise ConfigurationError(
                "model_path: the model's config.json has no id2label, so it is not a "
                "token-classification model"
            )
        self._labels = {int(i): _parse_label(str(lab), mapping) for i, lab in id2label.items()}
        types = sorted({lab.entity_type for lab in self._labels.values() if lab.entity_type})
        if not types:
            raise ConfigurationError(
                "entity_mapping names none of the model's labels "
                f"({', '.join(sorted({str(v) for v in id2label.values()}))}), so the model "
                "would find nothing"
            )
        missing = _dependency_missing()
        if missing is not None:
            raise missing

        self.aggregation = aggregation
        self.score_threshold = float(score_threshold)
        self.device = device
        self.max_tokens = max_tokens
        self.window_overlap = window_overlap
        self.batch_size = batch_size
        self._model_config = config
        self._model: Any = None
        self._tokenizer: Any = None
        self._window = 0
        self._stride = 0
        self._lock = threading.Lock()
        # The name carries the model's identity and every setting that changes results, so a
        # shared detection cache never hands one model's spans to a guard running another.
        identity = json.dumps({
            "model": _model_identity(self.model_path),
            "mapping": sorted(mapping.items()),
            "aggregation": aggregation, "threshold": self.score_threshold,
            "max_tokens": max_tokens, "overlap": window_overlap,
        }, sort_keys=True)
        digest = hashlib.sha256(identity.encode()).hexdigest()[:12]
        super().__init__(supported_entities=types, name=f"TransformersNerRecognizer-{digest}",
                         supported_language=supported_language)

    def __repr__(self) -> str:
        return (f"TransformersNerRecognizer({self.model_path!r}, entities={self.supported_entities}"
                f", aggregation={self.aggregation!r}, device={self.device!r})")

    # ------------------------------------------------------------------ loading
    def load(self) -> None:
        """Presidio calls this on construction; the model itself loads on first use."""

    def warm_up(self) -> None:
        """Load the tokenizer and the model now instead of on the first text."""
        if self._model is None:
            with self._lock:
                if self._model is None:
                    self._load()

    def _load(self) -> None:
        try:
            import torch  # noqa: F401 - fails here, not inside transformers, when missing
            from transformers import AutoModelForTokenClassification, AutoTokenizer
        except ImportError:
            raise _dependency_missing() or MissingDependencyError(
                "transformers", "transformers", install=_INSTALL_TORCH) from None
        try:
            tokenizer = AutoTokenizer.from_pretrained(self.model_path, local_files_only=True)
            model = AutoModelForTokenClassification.from_pretrained(
                self.model_path, local_files_only=True, trust_remote_code=False
            )
        except (OSError, ValueError, KeyError) as exc:
            raise ConfigurationError(
                f"model_path: the model in {self.model_path!r} could not be loaded "
                f"({type(exc).__name__}); it must hold a token-classification model and its "
                "tokenizer saved with save_pretrained"
            ) from None
        if not getattr(tokenizer, "is_fast", False):
            raise ConfigurationError(
                "model_path: the model needs a fast tokenizer (tokenizer.json, or files the "
                "tokenizers library can convert) to map its tokens back to the text"
            )
        try:
            model.to(self.device)
        except (RuntimeError, ValueError, AssertionError) as exc:
            raise ConfigurationError(
                f"device: the model cannot run on {self.device!r} ({type(exc).__name__})"
            ) from None
        model.eval()
        window = self.max_tokens or _model_limit(tokenizer, model.config)
        content = window - tokenizer.num_special_tokens_to_add(pair=False)
        if content < 4:
            raise ConfigurationError("max_tokens leaves no room for text between special tokens")
        self._window = window
        self._stride = min(self.window_overlap, content // 4)
        self._tokenizer = tokenizer
        self._model = model

    # ------------------------------------------------------------------ analysis
    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None
                ) -> list[RecognizerResult]:
        """Spans of the requested ``entities`` the model finds in ``text``.

        Errors are raised, never swallowed: the guard turns them into a ``DetectionError``
        and sends nothing.
        """
        wanted = set(entities or self.supported_entities) & set(self.supported_entities)
        if not wanted or not text.strip():
            return []
        self.warm_up()
        units = self._units(text)
        results = []
        for start, end, entity_type, score in _group(units, text):
            if entity_type in wanted and score >= self.score_threshold:
                results.append(RecognizerResult(
                    entity_type, start, end, round(score, 4),
                    analysis_explanation=AnalysisExplanation(
                        recognizer=self.name, original_score=score,
                        textual_explanation=f"{self.aggregation} label of a token-classification "
                                            "model"),
                    recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                                          RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id},
                ))
        return results

    def _units(self, text: str) -> list[tuple[int, int, _Label, float]]:
        """Words (or pieces, for ``simple``) in text order: offsets, label and its score."""
        tokens = self._token_scores(text)
        if self.aggregation == "simple":
            groups = [[t] for t in tokens]
        else:
            groups = []
            for token in tokens:
                word = token[2]
                if groups and word is not None and groups[-1][-1][2] == word:
                    groups[-1].append(token)
                else:
                    groups.append([token])
        units = []
        for group in groups:
            start, end = group[0][0], group[-1][1]
            if self.aggregation in ("first", "simple"):
                probs = group[0][3]
            elif self.aggregation == "average":
                probs = [sum(col) / len(group) for col in zip(*(t[3] for t in group), strict=True)]
            else:  # max: the piece with the most confident label decides
                probs = max((t[3] for t in group), key=max)
            best = max(range(len(probs)), key=probs.__getitem__)
            units.append((start, end, self._labels.get(best, _Label("O", None)), probs[best]))
        return units

    def _token_scores(self, text: str) -> list[tuple[int, int, int | None, list[float]]]:
        """Every token of ``text`` once: (start, end, word index, label probabilities), taken
        from the window in which the token is farthest from an edge."""
        import torch

        tokenizer = self._tokenizer
        enc = tokenizer(
            text, truncation=True, max_length=self._window, stride=self._stride,
            return_overflowing_tokens=True, return_offsets_mapping=True,
            return_special_tokens_mask=True,
        )
        n = len(enc["input_ids"])
        model_keys = [k for k in ("input_ids", "attention_mask", "token_type_ids") if k in enc]
        probs: list[list[list[float]]] = []
        for first in range(0, n, self.batch_size):
            rows = range(first, min(first + self.batch_size, n))
            batch = tokenizer.pad({k: [enc[k][i] for i in rows] for k in model_keys},
                                  return_tensors="pt")
            batch = {k: v.to(self.device) for k, v in batch.items()}
            with torch.inference_mode():
                logits = self._model(**batch).logits
            probs.extend(torch.softmax(logits.float(), dim=-1).cpu().tolist())

        windows = []
        for i in range(n):
            special = enc["special_tokens_mask"][i]
            words = enc.word_ids(i)
            windows.append([
                (s, e, words[j], probs[i][j])
                for j, (s, e) in enumerate(enc["offset_mapping"][i])
                if not special[j] and e > s
            ])
        # Neighbouring windows share tokens: the first half of the shared ones belongs to the
        # window before, the rest to the window after (each token where it sees most context).
        cuts: list[float] = []
        for before, after in itertools.pairwise(windows):
            nxt = after[0][0] if after else math.inf
            shared = [t for t in before if t[0] >= nxt]
            cuts.append(shared[len(shared) // 2][0] if shared else nxt)
        lows, highs = [-math.inf, *cuts], [*cuts, math.inf]
        out = [t for i, window in enumerate(windows) for t in window if lows[i] <= t[0] < highs[i]]
        return out


def _group(units: Sequence[tuple[int, int, _Label, float]], text: str
           ) -> list[tuple[int, int, str, float]]:
    """BIOES decoding: consecutive units of one type form a span until a ``B``/``S`` starts a
    new one, an ``E``/``S`` ends it, or a line break lies between them."""
    spans: list[tuple[int, int, str, float]] = []
    current: list[Any] | None = None  # [start, end, type, scores]

    def close() -> None:
        nonlocal current
        if current is not None:
            spans.append((current[0], current[1], current[2], sum(current[3]) / len(current[3])))
        current = None

    for start, end, label, score in units:
        if label.entity_type is None:
            close()
            continue
        joins = (current is not None and current[2] == label.entity_type
                 and label.prefix in ("I", "E") and "\n" not in text[current[1]:start])
        if joins:
            assert current is not None
            current[1] = end
            current[3].append(score)
        else:
            close()
            current = [start, end, label.entity_type, [score]]
        if label.prefix in ("E", "S"):
            close()
    close()
    return spans


# ---------------------------------------------------------------------- the model directory
def _model_dir(model_path: Any) -> str:
    if not isinstance(model_path, str | os.PathLike):
        raise ConfigurationError("model_path must be the path of a local model directory "
                                 f"(got {type(model_path).__name__})")
    path = os.path.abspath(os.path.expanduser(os.fspath(model_path)))
    if not os.path.isdir(path):
        raise ConfigurationError(
            f"model_path: no model directory at {path!r}; TransformersNerRecognizer loads a "
            "model saved with save_pretrained from a local directory and never downloads one"
        )
    return path


def _read_model_config(path: str) -> dict[str, Any]:
    try:
        with open(os.path.join(path, "config.json"), encoding="utf-8") as fh:
            config = json.load(fh)
    except OSError:
        raise ConfigurationError(
            f"model_path: {path!r} has no config.json, so it is not a saved Hugging Face model"
        ) from None
    except ValueError:
        raise ConfigurationError(f"model_path: the config.json in {path!r} is not JSON") from None
    if not isinstance(config, dict):
        raise ConfigurationError(f"model_path: the config.json in {path!r} is not an object")
    return config


def _model_identity(path: str) -> list[Any]:
    """The directory and its files' names, sizes and times: a cheap model fingerprint."""
    files = []
    for name in sorted(os.listdir(path)):
        full = os.path.join(path, name)
        if os.path.isfile(full):
            st = os.stat(full)
            files.append([name, st.st_size, st.st_mtime_ns])
    return [path, files]


def _model_limit(tokenizer: Any, config: Any) -> int:
    """Tokens per window: the tokenizer's and the position table's limit, at most 512."""
    limits = [512]
    if 0 < getattr(tokenizer, "model_max_length", 0) < 100_000:
        limits.append(int(tokenizer.model_max_length))
    positions = getattr(config, "max_position_embeddings", None)
    if isinstance(positions, int) and positions > 0:
        offset = 2 if getattr(config, "model_type", "") in _OFFSET_POSITIONS else 0
        limits.append(positions - offset)
    return min(limits)
