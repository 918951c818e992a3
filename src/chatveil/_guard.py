"""The facade: :class:`Guard` wires detection, pseudonymize, restore and state together.

It holds the wiring only: which detector, which vault store, which detection cache; the
per-process caches of each session (indexes, remembered texts, detection-cache keys); sessions
and metrics. The algorithm lives in :mod:`chatveil.pseudonymize` and :mod:`chatveil.restore`.
The guard's own pieces are in private modules: a session's per-process caches in
:mod:`chatveil._live`, restoring within a call in :mod:`chatveil._incall`, the restore side in
:mod:`chatveil._answers`, the counters in :mod:`chatveil._metrics` and adding an imported
vault in :mod:`chatveil._transfer`.
"""

from __future__ import annotations

import asyncio
import contextlib
import secrets
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from chatveil._answers import output_screen, restore_text, stream_restorer
from chatveil._incall import mark_synced, synced_live
from chatveil._instruction import KEEP_VERBATIM_INSTRUCTION
from chatveil._live import (
    Live,
    detect,
    detect_many,
    erase,
    handover_results,
    memo_fingerprint,
    new_live,
    session_key,
    track,
)
from chatveil._metrics import Metrics, Tally
from chatveil._session import current_call, forgotten, require_session, session_block
from chatveil._transfer import add_imported
from chatveil._walk import map_leaves, pseudonymize_leaves
from chatveil.config import GuardConfig
from chatveil.detect import Detector, PresidioDetector
from chatveil.errors import (
    ConfigurationError,
    SurrogateCollisionError,
    UnknownSessionError,
)
from chatveil.output import AnswerStream, OutputScreen, ScreenedStream
from chatveil.pseudonymize import (
    Outcome,
    Pseudonymizer,
    inside,
    recall_spans,
    surrogate_regions,
)
from chatveil.restore import StreamRestorer
from chatveil.spans import Span, resolve_overlaps
from chatveil.state import (
    DetectionCache,
    Hold,
    HoldingStore,
    MemoryDetectionCache,
    MemoryVaultStore,
    ObservableStore,
    VaultData,
    VaultStore,
)
from chatveil.state._expiry import ExpiringMap
from chatveil.state.persist import decrypt, encrypt, generate_key

__all__ = ["KEEP_VERBATIM_INSTRUCTION", "Guard", "Tally"]

#: Passes over a batch re-checking texts against surrogates issued later in the batch.
_SETTLE_ROUNDS = 4


class Guard:
    """Pseudonymizes text before it reaches a model and restores the model's answers.

    Args:
        config: a :class:`GuardConfig` (or a mapping of its options); defaults if omitted.
        detector: what finds personal data (a :class:`~chatveil.detect.Detector`); Presidio
            with spaCy NER and chatveil's recognizers if omitted.
        vault_store: where sessions' entries live (a :class:`~chatveil.VaultStore`);
            in-process memory if omitted.
        detection_cache: where the default detector caches results (in-process memory if
            omitted); give your own detector its own cache instead.

    Every method that pseudonymizes or restores needs a session: ``session_id=``, or the
    current ``guard.session(...)`` block; without either it raises
    :class:`~chatveil.errors.NoSessionError`.

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
        detector: Detector | None = None,
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
        if detector is not None and detection_cache is not None:
            raise ConfigurationError(
                "detection_cache belongs to the default detector; give your detector its own"
            )
        if detector is not None and not isinstance(detector, Detector):
            raise ConfigurationError(
                f"detector must have detect, detect_many and warm_up, "
                f"not be a {type(detector).__name__}"
            )
        self._config = config
        self._secret = config.secret_key or secrets.token_bytes(32)
        self._metrics = Metrics()
        if vault_store is None:
            vault_store = MemoryVaultStore(ttl=config.vault_ttl, maxsize=config.max_sessions)
        self._store = vault_store
        #: the store, if it can hold a session while a call uses it
        self._holder = vault_store if isinstance(vault_store, HoldingStore) else None
        if detector is None:
            if detection_cache is None:
                detection_cache = MemoryDetectionCache(config.cache_size, config.cache_ttl)
            detector = PresidioDetector(config, cache=detection_cache, secret=self._secret,
                                        on_cache=self._metrics.cache)
        self._detector = detector
        self._pseudonymizer = Pseudonymizer(config)
        self._memo_fingerprint = memo_fingerprint(config)
        # per-process caches of sessions, gone when the session goes (same lifetime rules)
        self._live: ExpiringMap[str, Live] = ExpiringMap(
            ttl=config.vault_ttl, maxsize=config.max_sessions, on_remove=self._erase_live
        )
        if isinstance(vault_store, ObservableStore):
            vault_store.add_listener(self._session_removed)

    # ------------------------------------------------------------------ basics
    @property
    def config(self) -> GuardConfig:
        """The guard's (immutable) configuration."""
        return self._config

    @property
    def detector(self) -> Detector:
        """What finds personal data for this guard."""
        return self._detector

    @property
    def vault_store(self) -> VaultStore:
        """Where this guard's sessions live."""
        return self._store

    @property
    def instruction(self) -> str | None:
        """The keep-verbatim system instruction, or ``None`` if the config does not want one."""
        return KEEP_VERBATIM_INSTRUCTION if self._config.wants_instruction() else None

    def warm_up(self) -> Guard:
        """Load the NER model now (otherwise it loads on the first detection)."""
        self._detector.warm_up()
        return self

    # ------------------------------------------------------------------ sessions
    def resolve_session(self, session_id: str | None = None) -> str:
        """The explicit session, else the current ``session(...)`` block's.

        Raises:
            NoSessionError: neither is set.
        """
        return require_session(session_id)

    @contextlib.contextmanager
    def session(self, session_id: str) -> Iterator[str]:
        """Make ``session_id`` the current session for code that cannot pass one (contextvars).

        Works across threads' own contexts and asyncio tasks: each task sees its own session.
        """
        with session_block(session_id) as sid:
            yield sid

    def has_session(self, session_id: str) -> bool:
        """True if a vault exists for ``session_id``."""
        return self._store.exists(session_id)

    def forget(self, session_id: str | None = None) -> bool:
        """Erase a session: its vault, and everything derived from it in this process (indexes,
        remembered texts, the detection-cache entries of its texts). Returns whether it existed.
        """
        sid = self.resolve_session(session_id)
        existed = self._store.drop(sid)
        self._session_removed(sid)
        return existed

    def vault(self, session_id: str | None = None) -> VaultData:
        """The session's vault as plain data (entries and counters).

        Raises:
            UnknownSessionError: the session has no vault.
        """
        batch = self._store.entries(self.resolve_session(session_id))
        return VaultData(batch.entries, batch.counters)

    def _open(self, session_id: str, *, create: bool, texts: Sequence[str] = ()) -> Live:
        """The session's per-process state, caught up with the store (one store call); with
        a store that shares remembered texts, those of ``texts`` another worker pseudonymized
        come with it."""
        live, new = self._live.setdefault(session_id, lambda: new_live(
            session_id, session_key(self._secret, session_id), self._detector, self._store,
            self._memo_fingerprint))
        try:
            # a session new to this process is created if absent: with the catch-up in one
            # call where the store can, else before it
            fetched = live.state.sync(texts, create=new and create)
        except UnknownSessionError:
            if not create:
                self._session_removed(session_id)
                raise
            self._store.create(session_id)
            fetched = live.state.sync(texts)
        if fetched:
            # their detections are this session's too (forget)
            track(self._detector, live, fetched)
        return live

    def _open_to_restore(self, session_id: str) -> Live:
        """The session's state to restore with: as :meth:`_open`, except inside the call (see
        :func:`chatveil._session.current_call`) whose pseudonymize left it as it still is
        (see :mod:`chatveil._incall`)."""
        live = synced_live(current_call(self, session_id), self._live, session_id)
        return live if live is not None else self._open(session_id, create=False)

    def _hold(self, session_id: str) -> list[Hold]:
        """Hold the session while a call uses it (see :class:`chatveil._session.SessionScope`):
        this process's caches of it, and its vault where the store can hold one. Neither
        expires nor is evicted until the holds are released; their lifetime restarts then."""
        holds: list[Hold] = [self._live.hold(session_id)]
        if self._holder is not None:
            holds.append(self._holder.hold(session_id))
        return holds

    def _session_removed(self, session_id: str) -> None:
        live = self._live.pop(session_id)
        if live is not None:
            self._erase_live(session_id, live)
        else:
            forgotten(self, session_id)

    def _erase_live(self, session_id: str, live: Live) -> None:
        forgotten(self, session_id)
        erase(self._detector, live)

    # ------------------------------------------------------------------ metrics
    def metrics(self) -> dict[str, Any]:
        """Counts by entity type (pseudonymized, redacted, restored, model-written), cache
        hits and misses, unrestored-looking tokens and live sessions. Never values."""
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
        with self._metrics.tally() as tally:
            yield tally

    def reset_metrics(self) -> None:
        """Set every counter back to zero."""
        self._metrics.reset()

    # ------------------------------------------------------------------ detection
    def detect(self, text: str) -> list[Span]:
        """Spans of personal data in ``text`` (no session involved). Raises on failure."""
        return detect(self._detector, _as_text(text), None)

    def find_leaks(self, text: str, session_id: str | None = None) -> dict[str, int]:
        """Count, by entity type, personal data in ``text`` that is not a surrogate.

        Surrogates of ``session_id`` (or of any live session when ``None``) are not leaks;
        known originals of the session are, even where NER misses them.
        """
        text = _as_text(text)
        sessions = [session_id] if session_id is not None else list(self._store.sessions())
        indexes = []
        for sid in sessions:
            try:
                indexes.append(self._open(sid, create=False).state.index)
            except UnknownSessionError:
                continue
        counts: Counter[str] = Counter()
        spans = detect(self._detector, text, None)
        if session_id is not None and indexes:
            spans += recall_spans(text, indexes[0])
        masked = surrogate_regions(text, indexes)
        for span in resolve_overlaps(spans):
            if not inside(span, masked):
                counts[span.entity_type] += 1
        return dict(sorted(counts.items()))

    # ------------------------------------------------------------------ pseudonymize
    def pseudonymize(self, text: str, session_id: str | None = None, *,
                     recognise_later: bool = True, documents: bool = False) -> str:
        """Replace personal data in ``text`` with the session's surrogates.

        ``restore`` of the result (or of a model's answer quoting it) gives back exactly
        ``text``: text that merely looks like a surrogate of the session is protected, and
        every mention keeps its own casing (see the "Exact round trips" page).

        Args:
            text: the text.
            session_id: the session; the current ``guard.session(...)`` one if omitted.
            recognise_later: remember the masked text, so that when it comes back (alone or
                inside a larger text, e.g. a prompt) it is recognised as already
                pseudonymized and left as it is. Pass ``False`` when only the model sees the
                result (what the adapters do): then any surrogate-looking text sent later is
                treated as the user's own and comes back exactly as written.
            documents: the text is a document to be stored (a vector store, a database):
                the surrogates made for it are recognised wherever they come back, in this
                session and in any session that imports its vault (what
                ``PseudonymizeTransform`` does). Pseudonymize documents in their own session.

        Fails closed: if detection fails a :class:`~chatveil.errors.DetectionError` is raised
        and no partly masked text is returned.

        Raises:
            NoSessionError: no ``session_id`` and no ``guard.session(...)`` block.
        """
        return self._pseudonymize_texts([_as_text(text)], session_id,
                                        hand_out=recognise_later, documents=documents)[0]

    def pseudonymize_batch(
        self,
        texts: Sequence[str],
        session_id: str | None = None,
        *,
        progress: bool = False,
        batch_size: int = 32,
        recognise_later: bool = True,
        documents: bool = False,
    ) -> list[str]:
        """Pseudonymize many texts into one session, running NER in batches.

        Args:
            texts: the texts, in order (surrogate numbering follows this order).
            session_id: the session; the current one if omitted.
            progress: show a tqdm progress bar.
            batch_size: texts per NER batch.
            recognise_later: as in :meth:`pseudonymize`.
            documents: as in :meth:`pseudonymize`.
        """
        if isinstance(texts, str) or not isinstance(texts, Iterable):
            raise TypeError("pseudonymize_batch expects a sequence of strings")
        return self._pseudonymize_texts([_as_text(t) for t in texts], session_id,
                                        progress=progress, batch_size=batch_size,
                                        hand_out=recognise_later, documents=documents)

    def _pseudonymize_texts(self, items: list[str], session_id: str | None, *,
                            progress: bool = False, batch_size: int = 32,
                            hand_out: bool = True, documents: bool = False) -> list[str]:
        """Pseudonymize ``items`` into one session.

        ``hand_out``: the masked texts go back to the application, which may send them in
        again (they are remembered and recognised then); adapters pass ``False`` for what
        only the model receives.
        """
        sid = self.resolve_session(session_id)
        spans: dict[str, list[Span]] = {}  # detected in this call (kept if it goes again)
        outcomes: list[Outcome] | None = None
        caught_up = False
        live = self._live.get(sid)
        if live is not None and live.state.optimistic():
            # one store call: pseudonymize against what this process holds, then store the
            # new entries if nobody changed the session meanwhile (else it caught up: None)
            try:
                outcomes = self._ahead(items, live, spans, progress, batch_size, documents)
                caught_up = True
            except UnknownSessionError:
                pass  # dropped or expired meanwhile: as if the call started now
        if live is None or not caught_up:
            live = self._open(sid, create=True, texts=items)
        if outcomes is None:
            outcomes = self._masked(items, live, spans, progress, batch_size, documents)
        state = live.state
        for outcome in outcomes:
            self._metrics.add(outcome.pseudonymized, outcome.redacted)
            if hand_out:
                state.handed_out.add(outcome.text, outcome.inserts)
        # restoring in this call needs no catch-up (_open_to_restore)
        mark_synced(current_call(self, state.session_id), state)
        return [outcome.text for outcome in outcomes]

    def _detect_new(self, items: list[str], live: Live, spans: dict[str, list[Span]],
                    progress: bool, batch_size: int) -> None:
        """Detect the texts of ``items`` that are neither remembered nor in ``spans`` (in
        one batch), into ``spans``."""
        state = live.state
        new = list(dict.fromkeys(t for t in items
                                 if t not in spans and state.remembered(t) is None))
        bar = None
        if progress and new:
            from tqdm.auto import tqdm

            bar = tqdm(total=len(new), desc="detecting", unit="text")
        try:
            found = detect_many(self._detector, new, live, batch_size=batch_size,
                                progress=bar)
        finally:
            if bar is not None:
                bar.close()
        spans.update(zip(new, found, strict=True))

    def _ahead(self, items: list[str], live: Live, spans: dict[str, list[Span]],
               progress: bool, batch_size: int, documents: bool) -> list[Outcome] | None:
        """The outcomes of ``items`` made against the session's state as it is, stored in
        one store call if nobody changed the session meanwhile; ``None`` if the store
        refused them (the state caught up from its reply: do it again, :meth:`_masked`)."""
        state = live.state
        self._detect_new(items, live, spans, progress, batch_size)
        with state.committed(items) as committed:
            outcomes = self._settled(items, live, spans, documents)
        if committed.refused:
            track(self._detector, live, committed.fetched)
            return None
        return outcomes

    def _masked(self, items: list[str], live: Live, spans: dict[str, list[Span]],
                progress: bool, batch_size: int, documents: bool) -> list[Outcome]:
        """The outcomes of ``items`` in a session whose state has caught up; the new entries
        stored in one more store call. ``spans``: the detections of this call so far."""
        state = live.state
        if state.shares and state.brought:
            # remembered texts that entries from other workers made stale: one of them may
            # have pseudonymized them again already (one store call, only when there are any)
            with state.lock:
                state.brought = 0
                stale = [t for t in dict.fromkeys(items) if state.remembered(t) is not None
                         and self._pseudonymizer.recall(t, state) is None]
            if stale:
                track(self._detector, live, state.fetch(stale))
        # texts seen before come from the session's memory; only new ones go through NER
        self._detect_new(items, live, spans, progress, batch_size)
        handover = live.handover
        made: list[str] | None = None if handover is None else []
        # the batch's new entries go to the store together, in one call, at the end (with
        # the results made for them, where the store takes those too)
        try:
            with state.staged() as staged:
                outcomes = self._settled(items, live, spans, documents, made)
                if handover is not None and made and state.hands_over:
                    handover.attach(state.index.epoch, handover_results(live, made))
        finally:
            if handover is not None:
                handover.attach("", ())  # (what no store call took goes at the next catch-up)
        if not staged.clean:
            # another worker stored one of these originals or surrogates first: again, against
            # the store's entries, value by value
            outcomes = self._settled(items, live, spans, documents)
        return outcomes

    def _settled(self, items: list[str], live: Live, spans: Mapping[str, list[Span]],
                 documents: bool, made: list[str] | None = None) -> list[Outcome]:
        """Pseudonymize ``items``; ``made``: where to note the texts pseudonymized anew (not
        recalled)."""
        state = live.state
        outcomes = [self._outcome(t, live, spans.get(t), documents, made) for t in items]
        for _ in range(_SETTLE_ROUNDS):
            # a surrogate issued for a later text may occur in an earlier one: redo those
            version = state.index.version
            stale = [i for i, t in enumerate(items) if self._pseudonymizer.recall(t, state)
                     is None]
            for i in stale:
                outcomes[i] = self._outcome(items[i], live, spans.get(items[i]), documents,
                                            made)
            if not stale or state.index.version == version:
                break
        return outcomes

    def pseudonymize_record(self, obj: Any, session_id: str | None = None) -> Any:
        """Pseudonymize every string leaf of a JSON-like value; keys and shape stay the same.

        Raises:
            UnsupportedContentError: the value holds an object chatveil cannot read.
        """
        sid = self.resolve_session(session_id)
        return pseudonymize_leaves(self, sid, lambda fn: map_leaves(obj, fn, masking=True))

    def restore_record(self, obj: Any, session_id: str | None = None) -> Any:
        """Restore every string leaf of a JSON-like value."""
        sid = self.resolve_session(session_id)
        return map_leaves(obj, lambda s: self.restore(s, sid), masking=False)

    def _outcome(self, text: str, live: Live, spans: list[Span] | None,
                 documents: bool = False, made: list[str] | None = None) -> Outcome:
        state = live.state
        outcome = self._pseudonymizer.recall(text, state)
        if outcome is None:
            if spans is None:
                memo = state.remembered(text)  # stale, but its detection still holds
                spans = list(memo.spans) if memo is not None and memo.spans is not None else (
                    detect(self._detector, text, live))
            outcome = self._pseudonymizer.apply(text, spans, state, document=documents)
            if made is not None:
                made.append(text)
        return outcome

    # ------------------------------------------------------------------ restore
    def restore(self, text: str, session_id: str | None = None) -> str:
        """Put the session's originals back in place of its surrogates, in one pass.

        Catches up with the store first (one call: entries other workers added, a
        ``forget``), except inside a guarded call that pseudonymized in this context: its
        answer holds only surrogates this process knows (see "Many workers on Redis").

        Raises:
            UnknownSessionError: the session has no vault (never used, forgotten, expired).
            UnrestoredSurrogateError: ``on_unrestored="raise"`` and the text holds a token or
                placeholder shape the session cannot restore (counted first).
        """
        return self._restore(_as_text(text),
                             self._open_to_restore(self.resolve_session(session_id)))

    def _restore(self, text: str, live: Live) -> str:
        return restore_text(text, live, self._config.on_unrestored, self._metrics)

    def restore_answer(self, text: str, session_id: str | None = None, *,
                       sent: Sequence[str] = ()) -> str:
        """Restore a model's answer, applying ``output_pii`` to what the model wrote.

        With ``output_pii="pass"`` (the default) this is :meth:`restore`. Otherwise personal
        data in ``text`` that is neither a surrogate of the session, nor an original it
        knows, nor found in ``sent`` (what the call sent to the model) is masked with a
        stand-in of the session (``mask``) or refused (``raise``).

        Raises:
            PIILeakError: ``output_pii="raise"`` and the model wrote personal data (the
                message names entity types and counts only).
            DetectionError: ``mask``/``raise`` and detection failed (fail closed).
        """
        screened, live = self._screened(text, session_id, sent)  # one catch-up at most
        return self._restore(screened, live)

    def screen_answer(self, text: str, session_id: str | None = None, *,
                      sent: Sequence[str] = ()) -> str:
        """Apply ``output_pii`` to a model's raw answer, before restore (see
        :meth:`restore_answer`, which does both); ``text`` itself with ``pass``."""
        return self._screened(text, session_id, sent)[0]

    def _screened(self, text: str, session_id: str | None, sent: Sequence[str]
                  ) -> tuple[str, Live]:
        """``text`` with ``output_pii`` applied, and the session's state it used."""
        text = _as_text(text)
        live = self._open_to_restore(self.resolve_session(session_id))
        screen = self._output_screen(live, sent)
        return (text if screen is None else screen.screen(text)), live

    def stream_restorer(self, session_id: str | None = None) -> StreamRestorer:
        """A restorer for streamed chunks: ``feed(chunk) -> str`` then ``flush() -> str``."""
        live = self._open_to_restore(self.resolve_session(session_id))
        return stream_restorer(live, self._config.on_unrestored, self._metrics)

    def answer_restorer(self, session_id: str | None = None, *,
                        sent: Sequence[str] = ()) -> AnswerStream:
        """A restorer for a streamed model answer that applies ``output_pii`` as
        :meth:`restore_answer` does, one completed line or sentence at a time.

        With ``output_pii="pass"`` it is :meth:`stream_restorer`. Otherwise text is held
        back until its line or sentence ends (at most 2,000 characters), then screened and
        restored.

        Args:
            session_id: the session; the current one if omitted.
            sent: what the call sent to the model (values found in it are the user's).
        """
        live = self._open_to_restore(self.resolve_session(session_id))
        restorer = stream_restorer(live, self._config.on_unrestored, self._metrics)
        screen = self._output_screen(live, sent)
        if screen is None:
            return restorer
        return ScreenedStream(screen, restorer, live.state.index)

    def _output_screen(self, live: Live, sent: Sequence[str]) -> OutputScreen | None:
        return output_screen(live, sent, self._config.output_pii, self._detector,
                             self._pseudonymizer, self._metrics)

    # ------------------------------------------------------------------ async
    # Detection is CPU-bound and the vault store may be a network round trip away, and the two
    # interleave under the session's lock; so the async methods run the sync ones in a worker
    # thread (``asyncio.to_thread``: the current ``guard.session(...)`` and tallies go with
    # it) and the event loop never waits for NER or the store.
    async def apseudonymize(self, text: str, session_id: str | None = None, *,
                            recognise_later: bool = True, documents: bool = False) -> str:
        """:meth:`pseudonymize` in a worker thread: the event loop is never blocked."""
        return await asyncio.to_thread(self.pseudonymize, text, session_id,
                                       recognise_later=recognise_later, documents=documents)

    async def apseudonymize_batch(self, texts: Sequence[str], session_id: str | None = None,
                                  *, batch_size: int = 32, recognise_later: bool = True,
                                  documents: bool = False) -> list[str]:
        """:meth:`pseudonymize_batch` in a worker thread."""
        return await asyncio.to_thread(self.pseudonymize_batch, texts, session_id,
                                       batch_size=batch_size, recognise_later=recognise_later,
                                       documents=documents)

    async def arestore(self, text: str, session_id: str | None = None) -> str:
        """:meth:`restore` in a worker thread."""
        return await asyncio.to_thread(self.restore, text, session_id)

    async def arestore_answer(self, text: str, session_id: str | None = None, *,
                              sent: Sequence[str] = ()) -> str:
        """:meth:`restore_answer` in a worker thread."""
        return await asyncio.to_thread(self.restore_answer, text, session_id, sent=sent)

    async def aforget(self, session_id: str | None = None) -> bool:
        """:meth:`forget` in a worker thread."""
        return await asyncio.to_thread(self.forget, session_id)

    # ------------------------------------------------------------------ persistence
    @staticmethod
    def generate_key() -> bytes:
        """A new key for :meth:`export_session` / :meth:`import_session` (Fernet)."""
        return generate_key()

    def export_session(self, session_id: str, key: bytes) -> bytes:
        """The session's vault, encrypted with ``key`` (Fernet: AES-128-CBC + HMAC-SHA256)."""
        return encrypt(self.vault(session_id), key)

    def import_session(self, session_id: str, data: bytes, key: bytes) -> int:
        """Merge an exported vault into ``session_id``, all or nothing; returns the number of
        entries the session holds afterwards.

        Everything is checked before anything is added: the export must decrypt, parse and be
        consistent in itself, and none of its entries may conflict with the session (an
        original the session maps to another surrogate, a surrogate such as ``<PERSON_1>``
        that is another value's there). Entries the session already holds are skipped, so
        importing the same export twice is harmless. If the vault store fails while adding,
        an import into a new session drops it again; into an existing session, the entries
        added so far stay (they are consistent with it) and importing again completes it.

        Raises:
            VaultCryptoError: wrong key, tampered data, or a malformed export (nothing added).
            SurrogateCollisionError: some entries conflict with the session (their count, never
                their values; nothing added).
        """
        vault = decrypt(data, key)
        sid = self.resolve_session(session_id)
        existed = self._store.exists(sid)
        try:
            live = self._open(sid, create=True)
            raced = add_imported(self._store, sid, live.state, vault)
        except BaseException:
            if not existed and self._store.exists(sid):
                self.forget(sid)
            raise
        if raced:
            raise SurrogateCollisionError(
                f"{raced} imported entries conflicted with entries another worker added to "
                f"session {sid!r} during the import; the others were imported"
            )
        return live.state.index.version

    def __repr__(self) -> str:
        c = self._config
        return (
            f"Guard(strategy={c.strategy!r}, language={c.language!r}, "
            f"model={c.spacy_model!r}, sessions={sum(1 for _ in self._store.sessions())})"
        )


# ---------------------------------------------------------------------- helpers
def _as_text(text: Any) -> str:
    """``text`` as a plain ``str`` (subclasses are converted: NER rejects them)."""
    if type(text) is str:
        return text
    if isinstance(text, str):
        return str.__str__(text)
    raise TypeError(f"expected str, got {type(text).__name__}")
