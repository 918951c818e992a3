"""The facade: :class:`Guard` ties detection, surrogates, vaults and restore together."""

from __future__ import annotations

import contextlib
import contextvars
import hashlib
import hmac
import secrets
import threading
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from chatveil import _session
from chatveil._session import DEFAULT_SESSION, current_session
from chatveil._walk import collect_leaves, rebuild
from chatveil.config import GuardConfig
from chatveil.detect import Detector
from chatveil.errors import (
    ConfigurationError,
    PIILeakError,
    SurrogateCollisionError,
    UnknownSessionError,
    VaultCryptoError,
)
from chatveil.index import words_of
from chatveil.pseudonymize import (
    MAX_ATTEMPTS,
    inside,
    mentions_new,
    name_words,
    recall_spans,
    surrogate_regions,
)
from chatveil.restore import Matcher, StreamRestorer, apply_case
from chatveil.spans import Span, resolve_overlaps
from chatveil.state import (
    DetectionCache,
    Entry,
    MemoryDetectionCache,
    MemoryVaultStore,
    Vault,
    VaultStore,
)
from chatveil.state.persist import fernet
from chatveil.strategies import REDACTED, SurrogateFactory, label_for

#: System instruction adapters add when placeholders or tokens are in use (seed 004).
KEEP_VERBATIM_INSTRUCTION = (
    "Some values in this conversation are stand-ins such as <PERSON_1> or "
    "[PII_EMAIL_1a2b3c4d]. Copy them exactly as written, brackets, case and digits "
    "included, whenever you refer to them; never alter, translate or explain them."
)



@dataclass
class Tally:
    """What one piece of work did, by entity type (never values). See :meth:`Guard.tally`."""

    pseudonymized: Counter[str] = field(default_factory=Counter)
    redacted: Counter[str] = field(default_factory=Counter)
    restored: Counter[str] = field(default_factory=Counter)
    unrestored_tokens: int = 0


class _Metrics:
    """Counters by entity type, process-wide and for the tallies open in this context."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.tallies: contextvars.ContextVar[tuple[Tally, ...]] = contextvars.ContextVar(
            f"chatveil_tallies_{id(self)}", default=()
        )
        self.reset()

    def reset(self) -> None:
        self.total = Tally()
        self.cache_hits = 0
        self.cache_misses = 0

    def cache(self, hit: bool) -> None:
        with self._lock:
            if hit:
                self.cache_hits += 1
            else:
                self.cache_misses += 1

    def add(self, pseudonymized: Mapping[str, int], redacted: Mapping[str, int] | None = None
            ) -> None:
        with self._lock:
            for tally in (self.total, *self.tallies.get()):
                tally.pseudonymized.update(pseudonymized)
                if redacted:
                    tally.redacted.update(redacted)

    def add_restore(self, counts: Mapping[str, int], unknown: int) -> None:
        with self._lock:
            for tally in (self.total, *self.tallies.get()):
                tally.restored.update(counts)
                tally.unrestored_tokens += unknown

    def snapshot(self) -> dict[str, Any]:
        with self._lock:
            total = self.total
            return {
                "pseudonymized": dict(sorted(total.pseudonymized.items())),
                "redacted": dict(sorted(total.redacted.items())),
                "restored": dict(sorted(total.restored.items())),
                "cache_hits": self.cache_hits,
                "cache_misses": self.cache_misses,
                "unrestored_tokens": total.unrestored_tokens,
            }


class Guard:
    """Pseudonymizes text before it reaches a model and restores the model's answers.

    Args:
        config: a :class:`GuardConfig` (or a mapping of its options); defaults if omitted.
        vault_store: where session vaults live (in-process memory by default).
        detection_cache: where detection results are cached (in-process memory by default).

    Example:
        >>> guard = Guard()
        >>> masked = guard.pseudonymize("Mail jane.doe@acme.com", session_id="u1")
        >>> guard.restore(masked, session_id="u1")
        'Mail jane.doe@acme.com'
    """

    def __init__(
        self,
        config: GuardConfig | Mapping[str, Any] | None = None,
        *,
        vault_store: VaultStore | None = None,
        detection_cache: DetectionCache | None = None,
    ) -> None:
        if config is None:
            config = GuardConfig()
        elif isinstance(config, Mapping):
            config = GuardConfig.from_dict(config)
        elif not isinstance(config, GuardConfig):
            raise ConfigurationError(
                f"config must be a GuardConfig or a mapping, not {type(config).__name__}"
            )
        self._config = config
        self._secret = config.secret_key or secrets.token_bytes(32)
        if vault_store is None:
            vault_store = MemoryVaultStore(ttl=config.vault_ttl, maxsize=config.max_sessions)
        if detection_cache is None:
            detection_cache = MemoryDetectionCache(config.cache_size, config.cache_ttl)
        self._store = vault_store
        self._metrics = _Metrics()
        self._detector = Detector(config, detection_cache)
        self._detector.on_cache = self._metrics.cache
        self._factory = SurrogateFactory()

    # ------------------------------------------------------------------ basics
    @property
    def config(self) -> GuardConfig:
        """The guard's (immutable) configuration."""
        return self._config

    @property
    def instruction(self) -> str | None:
        """The keep-verbatim system instruction, or ``None`` if the config does not want one."""
        return KEEP_VERBATIM_INSTRUCTION if self._config.wants_instruction() else None

    def warm_up(self) -> Guard:
        """Load the NER model now (otherwise it loads on the first detection)."""
        self._detector.warm_up()
        return self

    def _session_key(self, session_id: str) -> bytes:
        return hmac.new(self._secret, b"session\x00" + session_id.encode(), hashlib.sha256).digest()

    def resolve_session(self, session_id: str | None = None) -> str:
        """The explicit session, else the current ``session(...)`` block's, else ``"default"``."""
        if session_id is None:
            session_id = current_session() or DEFAULT_SESSION
        if not isinstance(session_id, str) or not session_id:
            raise TypeError("session_id must be a non-empty string")
        return session_id

    @contextlib.contextmanager
    def session(self, session_id: str) -> Iterator[str]:
        """Make ``session_id`` the current session for code that cannot pass one (contextvars).

        Works across threads' own contexts and asyncio tasks: each task sees its own session.
        """
        sid = self.resolve_session(session_id)
        token = _session._SESSION.set(sid)
        try:
            yield sid
        finally:
            _session._SESSION.reset(token)

    def has_session(self, session_id: str) -> bool:
        """True if a vault exists for ``session_id``."""
        return self._store.get(session_id) is not None

    def forget(self, session_id: str | None = None) -> bool:
        """Erase a session's vault; returns whether there was one."""
        return self._store.drop(self.resolve_session(session_id))

    def metrics(self) -> dict[str, Any]:
        """Counts by entity type (pseudonymized, redacted, restored), cache hits and misses,
        unrestored-looking tokens and live sessions. Never values."""
        snap = self._metrics.snapshot()
        snap["sessions"] = sum(1 for _ in self._store.sessions())
        return snap

    @contextlib.contextmanager
    def tally(self) -> Iterator[Tally]:
        """Count what this guard does inside the block, in this context only.

        Work in other threads or tasks is not counted (each has its own context), so a
        tally gives exact per-call counts even when the guard is shared::

            with guard.tally() as t:
                guard.pseudonymize(text, session_id="u1")
            t.pseudonymized  # Counter({'PERSON': 1, ...})
        """
        tally = Tally()
        token = self._metrics.tallies.set((*self._metrics.tallies.get(), tally))
        try:
            yield tally
        finally:
            self._metrics.tallies.reset(token)

    def reset_metrics(self) -> None:
        """Set every counter back to zero."""
        self._metrics.reset()

    # ------------------------------------------------------------------ detection
    def detect(self, text: str) -> list[Span]:
        """Spans of personal data in ``text`` (no session involved). Raises on failure."""
        text = _as_text(text)
        return self._detector.detect(text)

    def find_leaks(self, text: str, session_id: str | None = None) -> dict[str, int]:
        """Count, by entity type, personal data in ``text`` that is not a surrogate.

        Surrogates of ``session_id`` (or of any live session when ``None``) are not leaks;
        known originals of the session are, even where NER misses them.
        """
        text = _as_text(text)
        if session_id is not None:
            vault = self._store.get(session_id)
            vaults = [vault] if vault is not None else []
        else:
            vaults = [v for s in self._store.sessions() if (v := self._store.get(s)) is not None]
        counts: Counter[str] = Counter()
        spans = self._detector.detect(text)
        if session_id is not None and vaults:
            spans += recall_spans(text, vaults[0])
        masked = surrogate_regions(text, vaults)
        for span in resolve_overlaps(spans):
            if not inside(span, masked):
                counts[span.entity_type] += 1
        return dict(sorted(counts.items()))

    # ------------------------------------------------------------------ pseudonymize
    def pseudonymize(self, text: str, session_id: str | None = None) -> str:
        """Replace personal data in ``text`` with the session's surrogates.

        Fails closed: if detection fails a :class:`~chatveil.errors.DetectionError` is raised
        and no partly masked text is returned.
        """
        text = _as_text(text)
        vault = self._open(session_id)
        return self._pseudonymize(text, vault, None)

    def pseudonymize_batch(
        self,
        texts: Sequence[str],
        session_id: str | None = None,
        *,
        progress: bool = False,
        batch_size: int = 32,
    ) -> list[str]:
        """Pseudonymize many texts into one session, running NER in batches.

        Args:
            texts: the texts, in order (surrogate numbering follows this order).
            session_id: the session; the current one if omitted.
            progress: show a tqdm progress bar.
            batch_size: texts per NER batch.
        """
        if isinstance(texts, str) or not isinstance(texts, Iterable):
            raise TypeError("pseudonymize_batch expects a sequence of strings")
        texts = [_as_text(t) for t in texts]
        vault = self._open(session_id)
        # texts seen before come from the session's memo; only new ones go through NER
        new = list(dict.fromkeys(t for t in texts if vault.memo_get(t) is None))
        bar = None
        if progress:
            from tqdm.auto import tqdm

            bar = tqdm(total=len(new), desc="detecting", unit="text")
        try:
            found = self._detector.detect_many(new, batch_size=batch_size, progress=bar)
        finally:
            if bar is not None:
                bar.close()
        spans = dict(zip(new, found, strict=True))
        return [self._pseudonymize(t, vault, spans.get(t)) for t in texts]

    def pseudonymize_record(self, obj: Any, session_id: str | None = None) -> Any:
        """Pseudonymize every string leaf of a JSON-like value; keys and shape stay the same."""
        leaves: list[str] = []
        collect_leaves(obj, leaves)
        masked = iter(self.pseudonymize_batch(leaves, session_id))
        return rebuild(obj, masked)

    def restore_record(self, obj: Any, session_id: str | None = None) -> Any:
        """Restore every string leaf of a JSON-like value."""
        leaves: list[str] = []
        collect_leaves(obj, leaves)
        restored = iter([self.restore(s, session_id) for s in leaves])
        return rebuild(obj, restored)

    def _pseudonymize(self, text: str, vault: Vault, spans: list[Span] | None) -> str:
        memo = vault.memo_get(text)
        if memo is not None:
            out, version, counts, words = memo
            if version == vault.version or not mentions_new(text, words, vault, version):
                vault.memo_set(text, (out, vault.version, counts, words))
                self._metrics.add(counts)
                return out
        if spans is None:
            spans = self._detector.detect(text)
        spans = self._candidates(text, spans, vault)
        # a new surrogate must not equal another value (or name part) of this same text
        avoid = {w for span in spans for w in name_words(text[span.start : span.end])}
        out: list[str] = []
        counts: Counter[str] = Counter()
        redacted: Counter[str] = Counter()
        pos = 0
        for span in spans:
            value = text[span.start : span.end]
            out.append(text[pos : span.start])
            strategy = self._config.strategy_for(span.entity_type)
            if strategy == "redact":
                out.append(REDACTED.format(label=label_for(span.entity_type)))
                redacted[span.entity_type] += 1
            else:
                out.append(self._surrogate(vault, value, span.entity_type, strategy, avoid))
                counts[span.entity_type] += 1
            pos = span.end
        out.append(text[pos:])
        result = "".join(out)
        if self._config.strict:
            leaks = Counter(s.entity_type for s in recall_spans(result, vault, parts=False))
            if leaks:
                raise PIILeakError(leaks)
        vault.memo_set(text, (result, vault.version, counts, words_of(text)))
        self._metrics.add(counts, redacted)
        return result

    def _candidates(self, text: str, spans: list[Span], vault: Vault) -> list[Span]:
        """Detected and recalled spans, minus those inside surrogates already in the text."""
        if self._config.session_recall and len(vault):
            spans = [*spans, *recall_spans(text, vault)]
        masked = surrogate_regions(text, [vault])
        return resolve_overlaps([s for s in spans if not inside(s, masked)])

    def _surrogate(self, vault: Vault, value: str, entity_type: str, strategy: str,
                   avoid: set[str]) -> str:
        entry = vault.by_original(value)
        if entry is None:
            with vault.lock:
                canonical = vault.canonical(value)  # "MARIA" alone: an entry for "Maria"
                entry = vault.by_original(canonical) or self._new_entry(
                    vault, canonical, entity_type, strategy, avoid
                )
        return apply_case(value, entry.original, entry.surrogate)

    def _new_entry(self, vault: Vault, value: str, entity_type: str, strategy: str,
                   avoid: set[str]) -> Entry:
        factory = self._factory
        for attempt in range(MAX_ATTEMPTS):
            parts: tuple[tuple[str, str], ...] = ()
            if strategy == "token":
                surrogate = factory.token(vault.key, entity_type, value, attempt)
            elif strategy == "placeholder":
                surrogate = factory.placeholder(entity_type,
                                                vault.next_number(label_for(entity_type)))
            else:
                surrogate, parts = factory.fake(vault.key, entity_type, value, attempt,
                                                vault.part_original)
            if avoid.intersection(name_words(surrogate)) - name_words(value):
                continue
            if not vault.collides(value, surrogate, parts):
                return vault.add(Entry(value, surrogate, entity_type, parts))
        raise SurrogateCollisionError(
            f"no unique surrogate for a {entity_type} value after {MAX_ATTEMPTS} attempts"
        )

    # ------------------------------------------------------------------ restore
    def restore(self, text: str, session_id: str | None = None) -> str:
        """Put the session's originals back in place of its surrogates, in one pass.

        Raises:
            UnknownSessionError: the session has no vault (never used, forgotten, expired).
        """
        text = _as_text(text)
        vault = self._vault(session_id)
        restored: Counter[str] = Counter()
        unknown = [0]
        out = Matcher(vault).restore(text, 0, restored, unknown)
        self._metrics.add_restore(restored, unknown[0])
        return out

    def stream_restorer(self, session_id: str | None = None) -> StreamRestorer:
        """A restorer for streamed chunks: ``feed(chunk) -> str`` then ``flush() -> str``."""
        return StreamRestorer(self._vault(session_id), on_done=self._metrics.add_restore)

    def _open(self, session_id: str | None) -> Vault:
        sid = self.resolve_session(session_id)
        vault = self._store.get(sid)
        if vault is None:
            vault = self._store.get_or_create(sid, self._session_key(sid))
        return vault

    def _vault(self, session_id: str | None) -> Vault:
        sid = self.resolve_session(session_id)
        vault = self._store.get(sid)
        if vault is None:
            raise UnknownSessionError(sid)
        return vault

    # ------------------------------------------------------------------ persistence
    @staticmethod
    def generate_key() -> bytes:
        """A new key for :meth:`export_session` / :meth:`import_session` (Fernet)."""
        from cryptography.fernet import Fernet

        return Fernet.generate_key()

    def export_session(self, session_id: str, key: bytes) -> bytes:
        """The session's vault, encrypted with ``key`` (Fernet: AES-128-CBC + HMAC-SHA256)."""
        vault = self._vault(session_id)
        return fernet(key).encrypt(vault.to_json())

    def import_session(self, session_id: str, data: bytes, key: bytes) -> int:
        """Merge an exported vault into ``session_id``; returns the number of entries."""
        from cryptography.fernet import InvalidToken

        try:
            plain = fernet(key).decrypt(data)
        except (InvalidToken, TypeError):
            raise VaultCryptoError("cannot decrypt the vault: wrong key or tampered data") from None
        vault = self._open(session_id)
        vault.load_json(plain)
        return len(vault)

    def __repr__(self) -> str:
        c = self._config
        return (
            f"Guard(strategy={c.strategy!r}, language={c.language!r}, "
            f"model={c.spacy_model!r}, sessions={sum(1 for _ in self._store.sessions())})"
        )




def _as_text(text: Any) -> str:
    """``text`` as a plain ``str`` (subclasses are converted: NER rejects them)."""
    if type(text) is str:
        return text
    if isinstance(text, str):
        return str.__str__(text)
    raise TypeError(f"expected str, got {type(text).__name__}")
