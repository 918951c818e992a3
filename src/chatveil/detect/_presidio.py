"""The Presidio detector: spaCy NER and fast pattern recognizers, cached, returning frozen spans.

Expensive objects (the spaCy pipeline) are built once per process and shared by every guard
that uses the same model. Cache keys are keyed HMACs of the text, and Presidio's own log
records below WARNING (which quote context words of the text) are dropped.
"""

from __future__ import annotations

import bisect
import contextlib
import hashlib
import hmac
import itertools
import json
import logging
import os
import re
import threading
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from chatveil.config import GuardConfig
from chatveil.detect._errors import OWN_ERRORS, detection_failure
from chatveil.detect._filters import settle_person_or_place, skipped_regions, trim
from chatveil.detect._text import for_nlp as _for_nlp
from chatveil.errors import MissingDependencyError
from chatveil.spans import Span, resolve_overlaps
from chatveil.state.cache import DetectionCache

__all__ = ["PresidioDetector"]

# spaCy components the NER pipe of the small English model does not need.
_UNUSED_PIPES = ("tagger", "parser", "attribute_ruler", "lemmatizer", "senter")
# Shared embedding components, dropped too when no kept component listens to them (the small
# English model's NER embeds its own tok2vec; larger models' components may listen instead).
_SHARED_EMBEDDERS = ("tok2vec",)
_REGEX_FLAGS = re.DOTALL | re.MULTILINE

#: What :meth:`PresidioDetector.warm_up` analyses (no personal data).
_WARM_UP_TEXT = "Warm-up: write to support@example.com about the report."

_NLP_ENGINES: dict[tuple[str, str], Any] = {}
#: Words whose stop-word and punctuation flags an engine remembers before starting over.
_WORD_FLAGS_KEPT = 200_000
_NLP_LOCK = threading.Lock()

def _offline_tldextract() -> None:
    """Make tldextract (used by Presidio's email/URL recognizers) use its bundled suffix list."""
    os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")


def _nlp_engine(model: str, language: str) -> Any:
    """The process-wide Presidio spaCy engine for (model, language), loaded on first use."""
    key = (model, language)
    engine = _NLP_ENGINES.get(key)
    if engine is not None:
        return engine
    with _NLP_LOCK:
        engine = _NLP_ENGINES.get(key)
        if engine is None:
            engine = _build_nlp_engine(model, language)
            _NLP_ENGINES[key] = engine
    return engine


def _listens_to(config: Any, upstream: str) -> bool:
    """Whether a component's config has a listener (a layer with an ``upstream``) fed by the
    component ``upstream`` (or by any, ``"*"``)."""
    if isinstance(config, dict):
        if config.get("upstream") in (upstream, "*"):
            return True
        return any(_listens_to(value, upstream) for value in config.values())
    if isinstance(config, (list, tuple)):
        return any(_listens_to(value, upstream) for value in config)
    return False


def _drop_unheard_embedders(nlp: Any) -> None:
    """Remove shared embedding components no other kept component listens to: they would
    run on every text for nothing (the NER result is the same without them)."""
    for name in _SHARED_EMBEDDERS:
        if name not in nlp.pipe_names:
            continue
        others = [p for p in nlp.pipe_names if p != name]
        if not any(_listens_to(nlp.get_pipe_config(p), name) for p in others):
            nlp.remove_pipe(name)


def _single_threaded_blas() -> bool:
    """Whether numpy's BLAS runs on one thread in this process: its thread count is set to 1
    (``OPENBLAS_NUM_THREADS``, else ``OMP_NUM_THREADS``) or the machine has one CPU."""
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"):
        value = os.environ.get(var)
        if value:
            return value.strip() == "1"
    return (os.cpu_count() or 1) == 1


def _pipeline_ops() -> contextlib.AbstractContextManager[Any]:
    """The thinc backend our spaCy pipeline is built with (scoped to the load: only its models
    keep it; the process's current ops are restored after).

    With a single-threaded numpy BLAS, matrix products go through numpy (about a quarter less
    CPU for NER than BLIS, whose wheel may run only its generic kernels, and the same
    entities); otherwise thinc's default (BLIS) stays, as a multi-threaded BLAS spends more CPU
    on these small products than it saves. Any other backend in use (a GPU's, Apple's
    Accelerate) is kept as it is.
    """
    from thinc.api import NumpyOps, get_current_ops, use_ops

    if type(get_current_ops()) is not NumpyOps or not _single_threaded_blas():
        return contextlib.nullcontext()
    return use_ops("numpy", use_blis=False)


def _build_nlp_engine(model: str, language: str) -> Any:
    import spacy
    from presidio_analyzer.nlp_engine import NerModelConfiguration, SpacyNlpEngine
    from spacy.attrs import LEMMA, LOWER
    from spacy.language import Language

    if not spacy.util.is_package(model) and not os.path.isdir(model):
        raise MissingDependencyError(
            f"the spaCy model {model!r}",
            install=f"pip install {model.replace('_', '-')}  (or set GuardConfig.spacy_model)",
        )

    if "chatveil_lower_lemma" not in Language.factories:

        @Language.component("chatveil_lower_lemma")
        def lower_lemma(doc: Any) -> Any:
            """Lower-case lemmas, so Presidio's context words still match without the
            (slow) tagger and lemmatizer (set as one array: no Token object per word)."""
            doc.from_array([LEMMA], doc.to_array([LOWER]))
            return doc

    if "chatveil_greedy_ner" not in Language.factories:

        @Language.factory("chatveil_greedy_ner")
        def greedy_ner(nlp: Any, name: str) -> _GreedyNer:
            """The pipeline's ``ner``, decoded by :class:`_GreedyNer`."""
            return _GreedyNer(nlp.get_pipe("ner"))

    class _NerOnlySpacyEngine(SpacyNlpEngine):
        """Loads the model from its installed package with only the pipes NER needs, and
        answers Presidio's stop-word and punctuation questions from a bounded memory."""

        #: (word, language) -> (is a stop word, is punctuation), as the vocabulary says.
        _word_flags: dict[tuple[str, str], tuple[bool, bool]]

        def is_stopword(self, word: str, language: str) -> bool:
            return self._flags(word, language)[0]

        def is_punct(self, word: str, language: str) -> bool:
            return self._flags(word, language)[1]

        def _flags(self, word: str, language: str) -> tuple[bool, bool]:
            """Presidio asks both for every lemma of every text; each answer looked up a
            vocabulary entry (``vocab[word]``): remembered per word (at most
            :data:`_WORD_FLAGS_KEPT`, then started over)."""
            flags = self._word_flags.get((word, language))
            if flags is None:
                if len(self._word_flags) >= _WORD_FLAGS_KEPT:
                    self._word_flags.clear()
                lexeme = self.nlp[language].vocab[word]  # type: ignore[index]  # loaded
                flags = self._word_flags[(word, language)] = (lexeme.is_stop, lexeme.is_punct)
            return flags

        def load(self) -> None:
            pipelines: dict[str, Any] = {}
            for m in self.models:
                with _pipeline_ops():
                    nlp = spacy.load(m["model_name"], exclude=list(_UNUSED_PIPES))
                _drop_unheard_embedders(nlp)
                if "ner" in nlp.pipe_names and _fast_ner_fits(nlp.get_pipe("ner")):
                    nlp.add_pipe("chatveil_greedy_ner", before="ner")
                    nlp.disable_pipe("ner")
                nlp.add_pipe("chatveil_lower_lemma", last=True)
                pipelines[m["lang_code"]] = nlp
            self.nlp = pipelines  # type: ignore[assignment]  # Presidio types it None until load
            self._word_flags = {}

    ner_config = NerModelConfiguration()
    mapping = dict(ner_config.model_to_presidio_entity_mapping or {})
    mapping.setdefault("FAC", "LOCATION")  # buildings, airports, bridges: places
    ner_config = NerModelConfiguration(model_to_presidio_entity_mapping=mapping)
    engine = _NerOnlySpacyEngine(
        models=[{"lang_code": language, "model_name": model}], ner_model_configuration=ner_config
    )
    engine.load()
    return engine


def _fast_ner_fits(ner: Any) -> bool:
    """Whether :class:`_GreedyNer` decodes ``ner`` exactly as spaCy does: a greedy entity
    recognizer (``beam_width`` 1, spaCy's own ``predict``) whose model has a hidden-to-output
    layer over maxout units, on numpy (whose C loop multiplies with BLIS, as we do)."""
    from spacy.pipeline import EntityRecognizer
    from thinc.api import NumpyOps

    model = getattr(ner, "model", None)
    return (
        isinstance(ner, EntityRecognizer)
        and type(ner).predict is EntityRecognizer.predict
        and ner.cfg.get("beam_width") == 1
        and model is not None
        and type(model.ops) is NumpyOps
        and bool(model.attrs.get("has_upper"))
        and len(model.layers) == 3
        and model.layers[1].has_dim("nP") is True
        and model.layers[1].get_dim("nP") >= 2
    )


class _GreedyNer:
    """spaCy's greedy entity recognition, step by step from Python with the GIL held.

    spaCy 3.8's compiled greedy loop runs without the GIL, and its state accessors take the
    GIL back for every call: ``set_valid`` checks each of the 74 moves of the English NER at
    every token, so about two thirds of the loop was spent acquiring and releasing the GIL
    (a 1 MB text: some 10 s). Here each step is computed with spaCy's and thinc's pieces
    (names without an underscore, but not spaCy's documented API; see :meth:`predict`): the
    step model's token features (``get_token_ids``, ``state2vec``, the same
    BLIS ``saxpy`` sums and maxout), the hidden-to-output product with the same BLIS
    ``sgemm``, the same bias and unseen-class handling, and spaCy's own
    ``transition_states`` (its ``set_valid`` and arg-max, now called with the GIL held, where
    taking it is a counter increment). The states, and so the entities, are the same as
    ``ner.predict``'s; the component replaces the (disabled) ``ner`` in the pipeline.

    The documents of a batch are decoded together: each step scores the next move of every
    unfinished one, so the loop's cost per step (a 1 MB text: some 200,000 steps one window
    at a time) is paid once for all of them, while their token vectors are computed a few
    hundred tokens at a time (:attr:`max_vector_tokens`), where that layer runs fastest.
    """

    #: Most tokens decoded together (a longer document alone). The documents of a batch
    #: share each step of the decoding loop (fewer, larger steps); its precomputed token
    #: features take about 1.5 kB a token until the batch is decoded.
    max_batch_tokens = 20_000
    #: Most tokens whose vectors are computed in one call of the token-to-vector layer (a
    #: longer document alone): the layer keeps every activation of its input until it
    #: returns (some 16 kB a token), and per token it runs fastest on a few hundred tokens
    #: (its arrays stay in the CPU caches).
    max_vector_tokens = 512

    def __init__(self, ner: Any) -> None:
        self.ner = ner
        self.exact = True  # False once spaCy's parser pieces are not what this expects

    def __call__(self, doc: Any) -> Any:
        self.ner.set_annotations([doc], self.predict([doc]))
        return doc

    def pipe(self, docs: Iterable[Any], *, batch_size: int = 256) -> Iterable[Any]:
        """As ``Parser.pipe``: batches of ``batch_size``, parsed in sub-batches of similar
        length of at most a quarter of it (and :attr:`max_batch_tokens` tokens)."""
        stream = iter(docs)
        while in_order := list(itertools.islice(stream, batch_size)):
            by_length = sorted(in_order, key=len)
            for sub in _sub_batches(by_length, max(batch_size // 4, 2), self.max_batch_tokens):
                self.ner.set_annotations(sub, self.predict(sub))
            yield from in_order

    def predict(self, docs: list[Any]) -> list[Any]:
        """The final parse states of ``docs`` (what ``ner.predict`` returns). The parser
        pieces used here are spaCy's own but not its documented API: should another spaCy
        release not have them, this falls back to ``ner.predict`` for good."""
        ner = self.ner
        if not self.exact or not any(len(doc) for doc in docs) or any(
                len(doc) and doc.has_annotation("ENT_IOB") for doc in docs):
            return list(ner.predict(docs))  # nothing to parse, or preset entities (an empty
            # document "has" every annotation: it has no token to preset)
        try:
            return self._decode(docs)
        except (AttributeError, TypeError, ImportError):
            self.exact = False
            return list(ner.predict(docs))

    def _step_model(self, docs: list[Any]) -> Any:
        """What ``ner.model.predict(docs)`` returns (spaCy's ``ParserStepModel``, built as its
        ``forward`` builds it), with the token vectors computed in runs of at most
        :attr:`max_vector_tokens` tokens instead of for the whole batch at once: the same
        rows, the same layers."""
        from spacy.ml.parser_model import ParserStepModel

        model = self.ner.model
        tok2vec, lower, upper = model.layers
        return ParserStepModel(docs, [_VectorsInRuns(tok2vec, self.max_vector_tokens), lower,
                                      upper],
                               unseen_classes=model.attrs["unseen_classes"], train=False,
                               has_upper=model.attrs["has_upper"])

    def _decode(self, docs: list[Any]) -> list[Any]:
        ner = self.ner
        import blis.py  # type: ignore[import-untyped]  # thinc's BLAS, untyped

        states = ner.moves.init_batch(docs)
        step = self._step_model(docs)
        try:
            upper = step.vec2scores
            weights, bias = upper.get_param("W"), upper.get_param("b")
            unseen = [c for c in range(weights.shape[0]) if not step.class_is_unseen(c)]
            todo = [state for state in states if not state.is_final()]
            while todo:
                hidden = step.state2vec.predict(step.get_token_ids(todo))
                scores = blis.py.gemm(hidden, weights, trans2=True)
                scores += bias
                if unseen:
                    scores[:, unseen] = scores.min()
                todo = ner.transition_states(todo, scores)
        finally:
            step.clear_memory()
        return list(states)


class _VectorsInRuns:
    """A token-to-vector layer (documents to one array of token rows) called for a batch,
    computed for runs of consecutive documents of at most ``tokens`` tokens (a longer
    document alone) and joined: the same rows in the same order."""

    def __init__(self, layer: Any, tokens: int) -> None:
        self.layer = layer
        self.tokens = tokens

    def __call__(self, docs: list[Any], is_train: bool) -> tuple[Any, Callable[[Any], Any]]:
        import numpy

        if is_train:
            raise TypeError("prediction only")  # no gradients: never trained through
        runs = [self.layer.predict(run) for run in
                _sub_batches([doc for doc in docs if len(doc)], len(docs), self.tokens)]
        return numpy.concatenate(runs), _no_gradient


def _no_gradient(d_vectors: Any) -> Any:  # pragma: no cover - prediction only
    raise TypeError("prediction only")


def _sub_batches(docs: list[Any], size: int, tokens: int) -> Iterable[list[Any]]:
    """``docs`` in order, in runs of at most ``size`` documents and ``tokens`` tokens (a
    longer document in a run of its own)."""
    batch: list[Any] = []
    count = 0
    for doc in docs:
        if batch and (len(batch) == size or count + len(doc) > tokens):
            yield batch
            batch, count = [], 0
        batch.append(doc)
        count += len(doc)
    if batch:
        yield batch


def _context_enhancer() -> Any:
    """Presidio's lemma context enhancer, given only the results it may change.

    Presidio's enhancer deep-copies every result of a text, then skips those whose recognizer
    has no context words or whose score a recognizer already raised: here they are left out
    before (returned as they are, in their places), and only the others go through it.
    """
    from presidio_analyzer import RecognizerResult
    from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer

    class _OnlyWhatItMayChange(LemmaContextAwareEnhancer):
        def enhance_using_context(self, text: str, raw_results: list[Any], nlp_artifacts: Any,
                                  recognizers: list[Any], context: list[str] | None = None
                                  ) -> list[Any]:
            by_id = {recognizer.id: recognizer for recognizer in recognizers}
            key = RecognizerResult.RECOGNIZER_IDENTIFIER_KEY
            boosted = RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY
            todo = []
            for i, r in enumerate(raw_results):
                meta = r.recognition_metadata
                if not meta or key not in meta or meta.get(boosted):
                    continue
                recognizer = by_id.get(meta[key])
                if recognizer is not None and recognizer.context:
                    todo.append(i)
            if not todo:
                return list(raw_results)
            enhanced = super().enhance_using_context(
                text, [raw_results[i] for i in todo], nlp_artifacts, recognizers, context)
            out = list(raw_results)
            for i, result in zip(todo, enhanced, strict=True):
                out[i] = result
            return out

    return _OnlyWhatItMayChange()


class _NoTextRecords(logging.Filter):
    """Drops Presidio's records below WARNING: its DEBUG records quote context words (parts of
    the analyzed text), and per-call INFO records say nothing an operator needs."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno >= logging.WARNING


_LOG_FILTER = _NoTextRecords()
#: Presidio's loggers ("decision_process" prints whole decision traces when enabled).
_PRESIDIO_LOGGERS = ("presidio-analyzer", "presidio-anonymizer", "decision_process")


def _quiet_presidio_logs() -> None:
    """Attach the filter to Presidio's loggers (idempotent), so no original reaches a log."""
    for name in _PRESIDIO_LOGGERS:
        log = logging.getLogger(name)
        if _LOG_FILTER not in log.filters:
            log.addFilter(_LOG_FILTER)


def _model_identity(model: str) -> str:
    """Model and recognizer versions: a cached result is reused only by the same detection."""
    import spacy

    from chatveil._version import __version__

    try:
        version = spacy.util.get_package_version(model) or "?"
    except Exception:  # pragma: no cover - not a package (a path)
        version = "?"
    return f"chatveil@{__version__}|{model}@{version}"


def _trained_identity() -> str:
    """The shipped names-and-places model's name and version (part of the cache key)."""
    from chatveil.detect.recognizers.trained_ner import trained_model_path

    meta = json.loads((trained_model_path() / "meta.json").read_text(encoding="utf-8"))
    return f"{meta['name']}@{meta['version']}"


class PresidioDetector:
    """Finds PII spans in text with Presidio, caching raw results per text.

    Raw results are cached (before thresholds, the allow list and context filters), so guards
    with different thresholds share one cache; keys are HMAC-SHA256 of the detector's identity
    (chatveil, model and detection settings) and the text under ``secret``.

    Args:
        config: the guard's configuration.
        cache: where raw detection results (spans only) are kept; ``None`` (or
            ``config.cache_ttl == 0``) disables caching.
        secret: the key of cache keys (the guard's secret); random if omitted.
        on_cache: called with ``True`` for a cache hit and ``False`` for a miss.
    """

    def __init__(
        self,
        config: GuardConfig,
        *,
        cache: DetectionCache | None = None,
        secret: bytes | None = None,
        on_cache: Callable[[bool], None] | None = None,
    ) -> None:
        self.config = config
        self.cache = cache if config.cache_ttl > 0 else None
        self._secret = secret if secret is not None else os.urandom(32)
        self._analyzer: Any = None
        self._lock = threading.Lock()
        self._key_prefix = b""
        self._deny: list[Any] = []
        self._trained: list[Any] = []
        self._allow = frozenset(v.casefold() for v in config.allow_list)
        self._entities = sorted(set(config.entities) | set(config.deny_list))
        self.on_cache = on_cache

    # ------------------------------------------------------------------ engine
    @property
    def analyzer(self) -> Any:
        """The Presidio ``AnalyzerEngine`` (built on first use)."""
        if self._analyzer is None:
            with self._lock:
                if self._analyzer is None:
                    self._analyzer = self._build_analyzer()
        return self._analyzer

    def _build_analyzer(self) -> Any:
        _offline_tldextract()
        _quiet_presidio_logs()
        from presidio_analyzer import PatternRecognizer, RecognizerRegistry

        from chatveil.detect.recognizers import default_recognizers

        lang = self.config.language
        nlp_engine = _nlp_engine(self.config.spacy_model, lang)
        recognizers = [*default_recognizers(lang), *self.config.custom_recognizers]
        registry = RecognizerRegistry(supported_languages=[lang])
        for recognizer in recognizers:
            registry.add_recognizer(recognizer)
        self._deny = [
            PatternRecognizer(supported_entity=etype, deny_list=list(words),
                              supported_language=lang, name=f"ChatveilDenyList{etype}")
            for etype, words in sorted(self.config.deny_list.items())
        ]
        wanted = sorted({"PERSON", "LOCATION"} & set(self._entities))
        if self.config.trained_ner_max_chars and wanted:
            from chatveil.detect.recognizers import FilteredTrainedNerRecognizer

            self._trained = [FilteredTrainedNerRecognizer(wanted, lang, every_line=True)]
        self._key_prefix = (
            f"{_model_identity(self.config.spacy_model)}|{self.config.detection_fingerprint()}|"
            f"{_trained_identity() if self._trained else ''}|"
        ).encode()
        from chatveil.detect._normalize import NormalizingAnalyzerEngine  # NFKC view, overlaps

        return NormalizingAnalyzerEngine(registry=registry, nlp_engine=nlp_engine,
                                         supported_languages=[lang],
                                         context_aware_enhancer=_context_enhancer())

    def warm_up(self) -> None:
        """Load the NER model now instead of on the first call, and analyse one short text so
        what recognizers build on first use (the email recognizer's public-suffix table) is
        built now too."""
        analyzer = self.analyzer
        try:
            with self._lock:
                analyzer.analyze(text=_WARM_UP_TEXT, language=self.config.language,
                                 **self._analyze_kwargs(len(_WARM_UP_TEXT)))
        except OWN_ERRORS:
            raise
        except Exception as exc:
            raise detection_failure(exc) from None

    # ------------------------------------------------------------------ detect
    def detect(self, text: str) -> list[Span]:
        """Spans in ``text`` after thresholds, allow list and context filters."""
        return self._finish(text, self._raw(text))

    def detect_many(
        self, texts: Sequence[str], *, batch_size: int = 32, progress: Any = None
    ) -> list[list[Span]]:
        """Detect in many texts, running NER in batches for the ones not cached."""
        results: list[tuple[Span, ...] | None] = [None] * len(texts)
        todo: list[int] = []
        for i, cached in enumerate(self._cache_get_many(texts)):  # one read (one MGET)
            if cached is not None:
                results[i] = cached
                if progress is not None:
                    progress.update(1)
            else:
                todo.append(i)
        # one window, and on the same side of the trained model's limit as the batch
        self.analyzer  # noqa: B018 - builds the recognizers
        batched = self.config.max_chunk_chars
        if self._trained:
            batched = min(batched, self.config.trained_ner_max_chars)
        short = [i for i in todo if 0 < len(texts[i]) <= batched
                 and _for_nlp(texts[i]) is texts[i]]
        for i in sorted(set(todo) - set(short)):  # empty, longer than a window, or odd runs
            results[i] = self._raw(texts[i], looked_up=True)
            if progress is not None:
                progress.update(1)
        if short:
            from presidio_analyzer import BatchAnalyzerEngine

            analyzer = self.analyzer
            batch = BatchAnalyzerEngine(analyzer)
            try:
                for start in range(0, len(short), batch_size):
                    chunk = short[start : start + batch_size]
                    with self._lock:
                        found = batch.analyze_iterator(
                            [texts[i] for i in chunk], language=self.config.language,
                            batch_size=batch_size, **self._analyze_kwargs(batched)
                        )
                    for i, res in zip(chunk, found, strict=True):
                        results[i] = self._remember(texts[i], self._to_spans(res))
                        if progress is not None:
                            progress.update(1)
            except OWN_ERRORS:
                raise
            except Exception as exc:
                raise detection_failure(exc) from None
        return [self._finish(t, r or ()) for t, r in zip(texts, results, strict=True)]

    # ------------------------------------------------------------------ internals
    def _analyze_kwargs(self, size: int) -> dict[str, Any]:
        """Presidio's arguments for a text of ``size`` characters: the trained model reads
        texts up to ``trained_ner_max_chars`` only."""
        ad_hoc = self._deny
        if size <= self.config.trained_ner_max_chars:
            ad_hoc = [*ad_hoc, *self._trained]
        return {
            "entities": self._entities,
            "ad_hoc_recognizers": ad_hoc or None,
            "regex_flags": _REGEX_FLAGS,
        }

    def cache_key(self, text: str) -> str | None:
        """The cache key of ``text``: a keyed HMAC, never the text or a bare hash of it."""
        if self.cache is None:
            return None
        self.analyzer  # noqa: B018 - the key needs the engine identity
        mac = hmac.new(self._secret, self._key_prefix + text.encode("utf-8", "surrogatepass"),
                       hashlib.sha256)
        return mac.hexdigest()

    def evict(self, keys: Iterable[str]) -> None:
        """Remove the cached results of these keys (a forgotten session's texts)."""
        if self.cache is not None:
            self.cache.delete(keys)

    def _cache_get_many(self, texts: Sequence[str]) -> list[tuple[Span, ...] | None]:
        keys = [key for key in map(self.cache_key, texts) if key is not None]
        if self.cache is None or not keys:  # keys are None only without a cache
            return [None] * len(texts)
        hits = self.cache.get_many(keys)
        if self.on_cache is not None:
            for hit in hits:
                self.on_cache(hit is not None)
        return hits

    def _raw(self, text: str, *, looked_up: bool = False) -> tuple[Span, ...]:
        """Raw spans of ``text``, from the cache unless ``looked_up`` (a miss already)."""
        if not text.strip():
            return ()
        cached = None if looked_up else self._cache_get_many([text])[0]
        if cached is not None:
            return cached
        try:
            spans = self._analyze_chunked(text)
        except OWN_ERRORS:
            raise
        except Exception as exc:
            raise detection_failure(exc) from None
        return self._remember(text, spans)

    def _remember(self, text: str, spans: tuple[Span, ...]) -> tuple[Span, ...]:
        key = self.cache_key(text)
        if key is not None and self.cache is not None:
            self.cache.set(key, spans)
        return spans

    def _analyze_chunked(self, text: str) -> tuple[Span, ...]:
        """Analyse ``text`` in bounded windows (so time stays linear in its length); spaCy
        reads a copy with very long runs broken up (see :func:`_for_nlp`)."""
        analyzer = self.analyzer
        kwargs = self._analyze_kwargs(len(text))
        language = self.config.language
        found: set[Span] = set()
        windows = _chunks(text, self.config.max_chunk_chars, self.config.chunk_overlap)
        while group := list(itertools.islice(windows, _WINDOWS_TOGETHER)):
            with self._lock:  # 4 x: the NER pipe decodes a quarter of a batch at once
                results = analyzer.analyze_together(
                    [chunk for _, chunk in group], language, nlp_text=_for_nlp,
                    batch_size=4 * len(group), **kwargs)
            for (offset, _), found_here in zip(group, results, strict=True):
                found.update(s.shifted(offset) for s in self._to_spans(found_here))
        return tuple(sorted(found))

    @staticmethod
    def _to_spans(results: Iterable[Any]) -> tuple[Span, ...]:
        return tuple(
            sorted(
                Span(r.start, r.end, r.entity_type, round(float(r.score), 4))
                for r in results
                if r.end > r.start
            )
        )

    def _finish(self, text: str, raw: Iterable[Span]) -> list[Span]:
        config = self.config
        wanted = set(self._entities)
        spans = []
        for span in raw:
            etype = span.entity_type
            if etype not in wanted or span.score < config.threshold_for(etype):
                continue
            value = text[span.start : span.end]
            if not value.strip() or value.casefold() in self._allow:
                continue
            spans.append(trim(text, span))
        skip = skipped_regions(text, config)
        if skip:
            spans = [s for s in spans if not any(a < s.end and s.start < b for a, b in skip)]
        if any(s.entity_type == "PERSON" for s in spans):
            from chatveil.detect._complete import (  # loads the word lists
                complete_names,
                without_openers,
            )

            spans = complete_names(text, without_openers(text, spans))
        spans = _join_partial_identifiers(settle_person_or_place(text, spans))
        return _with_remainders(text, spans, resolve_overlaps(spans))


#: A piece of a name span outside the span that won the overlap: it must hold a letter.
_REMAINDER = re.compile(r"[^\W_][\w'’.\-]*(?:[ \t]+[^\W_][\w'’.\-]*)*")


def _with_remainders(text: str, spans: list[Span], kept: list[Span]) -> list[Span]:
    """``kept`` (disjoint), and the words of each person or place span that lost an overlap
    in part and lie outside every kept span: "Kang, Eun Ji" (a table cell) against spaCy's
    'Eun Ji",security' keeps "Kang" as a person instead of leaving it in the text."""
    won = set(kept)
    lost = [s for s in spans if s not in won and s.entity_type in ("PERSON", "LOCATION")]
    if not lost:
        return kept
    starts = [s.start for s in kept]
    extra: list[Span] = []
    for span in lost:
        pos = span.start
        i = bisect.bisect_right(starts, pos) - 1
        while pos < span.end:
            if 0 <= i < len(kept) and kept[i].start <= pos < kept[i].end:
                pos = kept[i].end
                i += 1
                continue
            nxt = kept[i + 1].start if i + 1 < len(kept) else len(text)
            stop = min(span.end, nxt)
            if stop < span.end or pos > span.start:  # a piece of a span cut by a kept one
                for m in _REMAINDER.finditer(text, pos, stop):
                    extra.append(Span(m.start(), m.end(), span.entity_type, span.score))
            pos = stop
            i += 1
    return resolve_overlaps(kept + extra) if extra else kept


def _join_partial_identifiers(spans: list[Span]) -> list[Span]:
    """Two structured values that overlap in part ("Musterstr. 12a, 10115 Berlin AB" and "AB
    12 34 56 C") become one span over both, of the longer one's type: keeping only one would
    leave the rest of the other ("12 34 56 C") in the text."""
    from chatveil.detect._normalize import STRUCTURED

    out: list[Span] = []
    for span in sorted(spans):
        prev = out[-1] if out else None
        if prev is not None and prev.entity_type in STRUCTURED and \
                span.entity_type in STRUCTURED and prev.start < span.start < prev.end < span.end:
            first = prev if len(prev) >= len(span) else span
            out[-1] = Span(prev.start, span.end, first.entity_type, max(prev.score, span.score))
            continue
        out.append(span)
    return out


#: Windows of a long text analysed together: their NER states are decoded in one batch (at
#: most :attr:`_GreedyNer.max_batch_tokens` tokens), in fewer steps than one by one.
_WINDOWS_TOGETHER = 8
#: Where a window may end, best first: a paragraph, a line, a sentence, a word.
_BREAKS = ("\n\n", "\n", ". ", "? ", "! ", " ", "\t")


def _chunks(text: str, size: int, overlap: int) -> Iterable[tuple[int, str]]:
    """Windows of at most ``size`` characters covering ``text``, never truncating it.

    A window ends at the best boundary in its second half (paragraph, line, sentence, word;
    anywhere only in a text without any), and the next starts ``overlap`` characters earlier
    at a word boundary, so a value cut by one window is whole in the next.
    """
    if len(text) <= size:
        yield 0, text
        return
    start = 0
    while start < len(text):
        end = min(start + size, len(text))
        if end < len(text):
            low = start + size // 2
            for mark in _BREAKS:
                cut = text.rfind(mark, low, end - len(mark) + 1)
                if cut != -1:
                    end = cut + len(mark)
                    break
        yield start, text[start:end]
        if end >= len(text):
            return
        nxt = max(end - overlap, start + 1)
        space = min((i for i in (text.find(" ", nxt, end), text.find("\n", nxt, end))
                     if i != -1), default=-1)
        start = space + 1 if space != -1 else nxt


