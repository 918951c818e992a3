"""Pseudonymize: spans + a session's state -> masked text and new entries.

The algorithm, hop by hop: detected spans plus *recalled* spans (originals the session already
knows, found again where detection misses them) are resolved into non-overlapping spans; each
span's value gets the session's surrogate (an existing entry, or a new one: candidates from the
entity type's strategy until one collides with nothing, then an atomic add-if-absent in the
vault store), written in the casing of the mention; the masked text is remembered per text so a
history re-sent every turn costs a dictionary lookup.

**Exact round trips by construction.** Every text given to pseudonymize is the user's text, so
``restore(pseudonymize(text)) == text`` must hold, whatever the text contains. Before a masked
text is returned, the session's own restore (:class:`~chatveil.restore.Matcher`) runs over it:
every match must be one of the surrogates just put in, restoring to exactly its mention. Where
it is not (user text that equals or contains a surrogate of the session, a surrogate part, a
surrogate-shaped string, a spelling a surrogate cannot carry), that piece of text is
*protected*: it gets a literal entry (:attr:`~chatveil.state.Entry.literal`) whose surrogate
restores to the text exactly as written, and the check runs again.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import hmac
import itertools
import json
import re
import threading
from bisect import bisect_right
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence, Set
from dataclasses import dataclass
from types import MappingProxyType

import cachetools

from chatveil._words import unaccented
from chatveil.config import GuardConfig
from chatveil.errors import (
    PIILeakError,
    StoreUnavailableError,
    SurrogateCollisionError,
    UnknownSessionError,
)
from chatveil.index import (
    LiteralIndex,
    RecallPayload,
    VaultIndex,
    apply_case,
    number_chars,
    words_of,
)
from chatveil.restore import Matcher
from chatveil.spans import Span, resolve_overlaps
from chatveil.state.entries import Entry, literal_original
from chatveil.state.stores import (
    CommittingStore,
    Entries,
    RememberingStore,
    StagedAdds,
    VaultStore,
)
from chatveil.strategies import (
    REGISTRY,
    SHAPE_RE,
    Request,
    Strategy,
    label_for,
)
from chatveil.strategies import get as get_strategy

__all__ = [
    "MAX_ATTEMPTS",
    "RECALL_MIN_SCORE",
    "SHAPED",
    "Outcome",
    "Pseudonymizer",
    "Remembered",
    "SessionState",
    "case_class",
    "inside",
    "mention_form",
    "mentions_new",
    "name_words",
    "recall_spans",
    "restores_exactly",
    "surrogate_regions",
]

#: Tokens, placeholders and redactions, as models may return them.
SHAPED = re.compile(f"{SHAPE_RE.pattern}|\\[REDACTED [A-Z]+\\]", re.IGNORECASE)
#: Candidates tried per original before giving up (SurrogateCollisionError).
MAX_ATTEMPTS = 64
#: Candidates that must also avoid every word of the text before one that does not is taken.
_SOFT_ATTEMPTS = 6
#: Rounds of "check with restore, protect what does not come back" before giving up.
MAX_ROUNDS = 12
#: A surrogate that is one name ("Tyrone", "O'Neil"): it must not be a word of the text.
_NAME = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
#: Texts remembered per session.
MEMO_SIZE = 4096
#: Remembered texts handed to (or asked from) a shared store in one sync, at most.
_SHARE_MAX = 256
#: Longest masked text shared through the store: chat messages, not pasted documents (a
#: store holds a bounded number per session, and each is read whole by the next worker).
_SHARE_CHARS = 16_000
#: JSON of a remembered result, compact (one encoder for every call)
_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
#: Characters of handed-out masked texts remembered per session (see HandedOut).
HANDED_OUT_CHARS = 2_000_000
#: Session recall learns only from detections this confident. A weaker span (a guess of the
#: name rules: one unknown word in an all-lower-case line, a lone surname, a speaker label,
#: 0.45-0.55) is masked where it was found, but its value is not looked for in later texts
#: until a detection at least this confident (or a longer name holding it) confirms it.
RECALL_MIN_SCORE = 0.6


#: A surrogate put into a masked text: (start, end) in the masked text, and what it restores to.
Insert = tuple[int, int, str]


@dataclass(frozen=True, slots=True)
class Remembered:
    """A text pseudonymized before in this session.

    Attributes:
        masked: the pseudonymized text.
        version: the session's version (number of entries) it was checked against.
        counts: values pseudonymized in it, by entity type.
        words: its casefolded words (a quick test for originals added later).
        target: what restoring ``masked`` gives back when that is not the text itself (the
            text with its redactions); ``None`` when it is the text.
    """

    masked: str
    version: int
    counts: Mapping[str, int]
    words: frozenset[str]
    target: str | None = None
    inserts: tuple[Insert, ...] = ()
    #: the casefolded words of ``masked`` (a quick test for surrogates issued later)
    masked_words: frozenset[str] = frozenset()
    #: the ASCII letters and digits of ``masked`` (a quick test for number surrogates)
    masked_chars: str = ""
    #: the detected spans the text was pseudonymized with (detection of a text is fixed for
    #: a configuration: if the text must be pseudonymized again, they are used again)
    spans: tuple[Span, ...] | None = None

    def __repr__(self) -> str:
        return f"Remembered(version={self.version}, counts={dict(self.counts)})"

    def encode(self, epoch: str) -> bytes:
        """This result as bytes, for a store shared by workers (it holds originals where
        ``target`` or ``inserts`` do: the store encrypts it)."""
        data = {"e": epoch, "v": self.version, "m": self.masked, "c": dict(self.counts),
                "t": self.target, "i": [list(i) for i in self.inserts],
                "s": None if self.spans is None else
                [[s.start, s.end, s.entity_type, s.score] for s in self.spans]}
        return _JSON.encode(data).encode("utf-8", "surrogatepass")

    @classmethod
    def decode(cls, text: str, raw: bytes, epoch: str, version: int) -> Remembered | None:
        """The result :meth:`encode` wrote for ``text``, if it belongs to the session's
        ``epoch`` and to a version it has caught up with (else, or if damaged, ``None``)."""
        try:
            data = json.loads(raw.decode("utf-8", "surrogatepass"))
            if data["e"] != epoch or not 0 <= int(data["v"]) <= version:
                return None
            masked = str(data["m"])
            target = data["t"]
            spans = data["s"]
            return cls(
                masked, int(data["v"]),
                MappingProxyType({str(k): int(n) for k, n in data["c"].items()}),
                words_of(text), None if target is None else str(target),
                tuple((int(a), int(b), str(e)) for a, b, e in data["i"]),
                words_of(masked), number_chars(masked),
                None if spans is None else tuple(Span(int(a), int(b), str(t), float(c))
                                                 for a, b, t, c in spans),
            )
        except (ValueError, TypeError, KeyError, AttributeError):
            return None


@dataclass(frozen=True, slots=True)
class Outcome:
    """The result of pseudonymizing one text: the masked text and counts by entity type."""

    text: str
    pseudonymized: Mapping[str, int]
    redacted: Mapping[str, int]
    inserts: tuple[Insert, ...] = ()

    def __repr__(self) -> str:
        return f"Outcome(pseudonymized={dict(self.pseudonymized)}, redacted={dict(self.redacted)})"


class SessionState:
    """One session as this process knows it: where its entries live, and caches built from them.

    The store holds the data; :attr:`index` and the remembered texts are per-process caches.
    :meth:`sync` catches up with entries other workers added, in one store call; with a
    :class:`~chatveil.state.stores.CommittingStore`, :meth:`committed` does a turn against the
    index as it is and checks it with the store in the call that stores its entries.

    Args:
        session_id: the session.
        key: the session's key (strategies derive surrogates from it).
        store: the vault store the session's entries live in.
        memo_key: the key a remembered text is shared under in a
            :class:`~chatveil.state.RememberingStore` (a keyed HMAC of the text and of
            everything its result depends on), or ``None`` for a text not to share; without
            it nothing is shared.
        committing: the store (or what stands in for it) whose
            :meth:`~chatveil.state.stores.CommittingStore.commit` :meth:`committed` calls;
            without it turns catch up first.
        hand_over_alone: hand results over from the first turn (:attr:`hands_over`), not
            only once another worker has written to the session.
    """

    def __init__(self, session_id: str, key: bytes, store: VaultStore,
                 memo_key: Callable[[str], bytes | None] | None = None, *,
                 committing: CommittingStore | None = None,
                 hand_over_alone: bool = False) -> None:
        self.session_id = session_id
        self.key = key
        self.store = store
        self.index = VaultIndex()
        self.lock = threading.RLock()
        self._memo: cachetools.LRUCache[str, Remembered] = cachetools.LRUCache(MEMO_SIZE)
        # (checked once: a runtime protocol check costs tens of microseconds)
        self._shared: RememberingStore | None = (
            store if memo_key is not None and isinstance(store, RememberingStore) else None)
        self._memo_key = memo_key if self._shared is not None else None
        #: entries syncs brought (others' entries, which can make remembered texts stale) since
        #: the guard last checked the remembered texts (it sets it back to 0)
        self.brought = 0
        #: results this process made, to hand to the store at its next sync
        self._to_share: dict[str, Remembered] = {}
        #: another worker has written to this incarnation of the session (a store call
        #: brought entries this process did not add): from then on the results this process
        #: makes are handed over; before, nobody else could take them, and a worker that
        #: serves the session later pseudonymizes again the texts it finds no result for
        self._alone = hand_over_alone
        self.hands_over = hand_over_alone
        self.handed_out = HandedOut()
        #: keyed HMAC of a model-written value -> its stand-in (GuardConfig.output_pii)
        self.stand_ins: cachetools.LRUCache[bytes, str] = cachetools.LRUCache(MEMO_SIZE)
        self._staged: StagedAdds | None = None
        self._committing = committing
        #: the last store call brought no entries from other workers: the next turn may go
        #: ahead against the index as it is (:attr:`optimistic`)
        self.solo = False
        #: inside committed(): each text whose remembered result changed -> the one before
        self._journal: dict[str, Remembered | None] | None = None
        self._wait = 0  # turns to catch up first before the next optimistic one
        self._backoff = 1

    def sync(self, texts: Iterable[str] = (), *, create: bool = False) -> list[str]:
        """Extend the index with the entries added since its version, in one store call.

        With a :class:`~chatveil.state.RememberingStore`, the same call hands the store the
        results this process made since its last sync and takes the results other workers
        made for those of ``texts`` this process does not remember; ``create`` creates the
        session first if it does not exist (else it must be created before).

        Returns:
            the texts whose results came from the store.

        Raises:
            UnknownSessionError: the session no longer exists in the store.
        """
        with self.lock:
            memo_key, store = self._memo_key, self._shared
            before = (self.index.epoch, self.index.version)
            try:
                return self._sync(texts, create, memo_key, store)
            finally:
                self._count_brought(before)

    def _count_brought(self, before: tuple[str, int]) -> None:
        """Count the entries a store call brought since the index was at ``before`` (epoch,
        version); none: this process is the session's only writer so far (:attr:`solo`)."""
        got = (self.index.version - before[1] if self.index.epoch == before[0]
               else self.index.version)
        self.brought += got
        self.solo = not got
        if got:
            self.hands_over = True

    def _sync(self, texts: Iterable[str], create: bool,
              memo_key: Callable[[str], bytes | None] | None,
              store: RememberingStore | None) -> list[str]:
        with self.lock:
            if memo_key is None or store is None:
                if create:
                    self.store.create(self.session_id)
                self._catch_up(self.store.entries(self.session_id, since=self.index.version))
                return []
            want = self._wanted(memo_key, (t for t in texts if t not in self._memo))
            put = self._put(memo_key)
            self._to_share.clear()
            if not want and not put and not create:
                self._catch_up(self.store.entries(self.session_id, since=self.index.version))
                return []
            return self._exchange(store, want, put, create)

    def _put(self, memo_key: Callable[[str], bytes | None]) -> list[tuple[bytes, bytes]]:
        """The results this process made since its last store call, as store keys and
        values, to hand over."""
        epoch = self.index.epoch
        put = []
        for text, memo in self._to_share.items():
            key = memo_key(text)
            if key is not None:
                put.append((key, memo.encode(epoch)))
        return put

    @property
    def shares(self) -> bool:
        """True if remembered texts are shared with other workers through the store."""
        return self._memo_key is not None

    def fetch(self, texts: Iterable[str]) -> list[str]:
        """Take the store's results for ``texts`` where they are newer than this process's
        (texts it remembers, made stale by entries other workers added, that another worker
        may already have pseudonymized again); catches up too. One store call.

        Returns:
            the texts whose results came from the store.
        """
        with self.lock:
            memo_key, store = self._memo_key, self._shared
            if memo_key is None or store is None:
                return []
            want = self._wanted(memo_key, texts)
            if not want:
                return []
            return self._exchange(store, want, (), False)

    @staticmethod
    def _wanted(memo_key: Callable[[str], bytes | None], texts: Iterable[str]
                ) -> dict[str, bytes]:
        """The store keys of ``texts`` to ask for (at most :data:`_SHARE_MAX`)."""
        want: dict[str, bytes] = {}
        for text in texts:
            if len(want) >= _SHARE_MAX:
                break
            if text not in want:
                key = memo_key(text)
                if key is not None:
                    want[text] = key
        return want

    def _exchange(self, store: RememberingStore, want: Mapping[str, bytes],
                  put: Sequence[tuple[bytes, bytes]], create: bool) -> list[str]:
        """One store call: catch up, hand over ``put``, take the results of ``want``."""
        batch, values = store.entries_remembered(
            self.session_id, self.index.version, epoch=self.index.epoch,
            want=list(want.values()), put=put, create=create)
        self._catch_up(batch)
        return self._take(want, values)

    def _take(self, want: Mapping[str, bytes], values: Sequence[bytes | None]) -> list[str]:
        taken = []
        for text, raw in zip(want, values, strict=True):
            memo = None if raw is None else Remembered.decode(
                text, raw, self.index.epoch, self.index.version)
            known = self._memo.get(text)
            if memo is not None and (known is None or memo.version > known.version):
                self._memo[text] = memo
                taken.append(text)
        return taken

    def add(self, entry: Entry) -> Entry | None:
        """Add ``entry`` to the store if absent and catch up, in one store call.

        Returns:
            what :meth:`VaultStore.add` returns: ``entry``, the stored entry of its original,
            or ``None`` if its surrogate is taken.

        Raises:
            UnknownSessionError: the session no longer exists in the store.
        """
        with self.lock:
            staged = self._staged
            if staged is not None:  # inside staged(): stored when the block ends
                stored = staged.add(entry)
                if stored is entry:
                    self.index.extend((entry,))
                return stored
            added = self.store.add_many(self.session_id, (entry,), since=self.index.version)
            self._catch_up(added.batch)
            return added.stored[0]

    @contextlib.contextmanager
    def staged(self) -> Iterator[Staged]:
        """Add the block's new entries to the store in one call when it ends (one round trip
        for a whole batch instead of one per new value).

        Inside, :meth:`add` checks an entry as the store would and indexes it at once. At the
        end every staged entry is sent in one :meth:`VaultStore.add_many`; if the store took
        them all as they were, ``clean`` stays true. If another worker stored one of these
        originals or surrogates first, the index is rebuilt from the store and ``clean`` is
        false: what the block produced with the refused entries must be done again. Holds the
        session's lock for the whole block.
        """
        with self.lock:
            outcome = Staged()
            staged = StagedAdds(self.index.version, self.index.entries)
            self._staged = staged
            try:
                yield outcome
            finally:
                self._staged = None
                outcome.clean = self._store_staged(staged)

    def _store_staged(self, staged: StagedAdds) -> bool:
        if not staged.pending:
            return True
        # the index already holds ours: read only what may follow them
        version = staged.since + len(staged.pending)
        try:
            added = self.store.add_many(self.session_id, staged.pending, since=version)
        except BaseException:
            self._reindex()  # the index holds entries the store may not have
            raise
        ours = all(s == e for s, e in zip(added.stored, staged.pending, strict=True))
        batch = added.batch
        alone = ours and batch.epoch == self.index.epoch and batch.version == version
        self.solo = self.solo and alone  # (and the catch-up of this turn brought none)
        if not alone:
            # others' entries came first (ours follow them), or some of ours were refused
            self._reindex()
        return ours and batch.epoch == self.index.epoch

    def optimistic(self) -> bool:
        """True if this turn may go ahead against the index as it is (:meth:`committed`):
        the store commits, and the last turn's store calls brought nothing from other workers
        (a guess that nobody else writes to the session now; the store checks it). After a
        refused turn the session waits 1, 2, 4... up to 64 turns before it tries again (a
        refusal costs the turn's work and rebuilding the index), as long as turns keep being
        refused; one taken turn ends the wait."""
        with self.lock:
            if self._committing is None or not self.index.epoch:
                return False
            if self._wait:
                self._wait -= 1
                return False
            return self.solo

    @contextlib.contextmanager
    def committed(self, texts: Iterable[str]) -> Iterator[Staged]:
        """:meth:`staged` without catching up first: one store call for a whole turn.

        The block pseudonymizes against the index as it is; at its end one
        :meth:`~chatveil.state.stores.CommittingStore.commit` stores the staged entries, with
        the results made since the last store call, if the session is still as the index
        has it (its epoch and version). Then ``clean`` stays true. If another worker added
        entries meanwhile, or the session was dropped and created again, the store keeps
        nothing: the block's entries and remembered results are undone, the state catches up
        from the reply (taking the results other workers made for those of ``texts`` it does
        not remember: ``fetched``), and ``refused`` is true: do the turn again (the two-step
        way). If the block or the store call fails, its work is undone as well.

        Raises:
            UnknownSessionError: the session no longer exists (nothing was stored).
        """
        with self.lock:
            committing = self._committing
            if committing is None:
                raise TypeError("the session's store does not commit")
            outcome = Staged()
            epoch, since, memo_key = self.index.epoch, self.index.version, self._memo_key
            # (the results of other workers, in case the store refuses the turn: none yet
            # while nobody else writes to the session)
            want = {} if memo_key is None or not self.hands_over else self._wanted(
                memo_key, (t for t in texts if t not in self._memo))
            to_share = dict(self._to_share)
            staged = StagedAdds(since, self.index.entries)
            self._staged, self._journal = staged, {}
            try:
                yield outcome
                self._staged = None
                put = [] if memo_key is None else self._put(memo_key)
                done = committing.commit(self.session_id, staged.pending, epoch=epoch,
                                         since=since, want=list(want.values()), put=put)
            except BaseException:
                self._staged = None
                self.solo = False
                self._undo(since, to_share)
                raise
            if done.done and all(s is e for s, e in zip(done.stored, staged.pending,
                                                        strict=True)):
                self._journal = None
                self._to_share.clear()  # (handed over)
                self.solo = True
                self._backoff = 1
                return
            self._undo(since, to_share)
            self._wait, self._backoff = self._backoff, min(2 * self._backoff, 64)
            outcome.clean, outcome.refused = False, True
            before = (self.index.epoch, self.index.version)
            self._catch_up(done.batch)
            self._count_brought(before)
            if not done.done:
                outcome.fetched = self._take(want, done.values)

    def _undo(self, since: int, to_share: dict[str, Remembered]) -> None:
        """Undo the work of a :meth:`committed` block the store did not take: the index as
        it was at ``since``, the remembered results as they were."""
        journal, self._journal = self._journal, None
        self.index.truncate(since)
        for text, memo in (journal or {}).items():
            if memo is None:
                self._memo.pop(text, None)
            else:
                self._memo[text] = memo
        self._to_share = to_share

    def _reindex(self) -> None:
        """Rebuild the index from the store (texts remembered with it go too)."""
        self.index.clear()
        self._memo.clear()
        self._to_share.clear()
        with contextlib.suppress(UnknownSessionError, StoreUnavailableError):
            self.sync()  # else the next sync reads every entry again

    def _catch_up(self, batch: Entries) -> None:
        if batch.epoch != self.index.epoch or batch.version < self.index.version:
            # dropped and created again (another worker, expiry): start over
            self.clear()
            self.index.epoch = batch.epoch
            if self.index.version or batch.version != len(batch.entries):
                batch = self.store.entries(self.session_id, since=0)
        self.index.extend(batch.entries)

    def remembered(self, text: str) -> Remembered | None:
        with self.lock:
            return self._memo.get(text)

    def remember(self, text: str, value: Remembered, *, share: bool = False) -> None:
        """Remember ``value`` for ``text``; ``share``: hand it to a shared store at the next
        sync (a result made here, not one only checked again), once another worker has
        written to the session (:attr:`hands_over`)."""
        with self.lock:
            journal = self._journal
            if journal is not None and text not in journal:
                journal[text] = self._memo.get(text)
            self._memo[text] = value
            if (share and self.hands_over and self._memo_key is not None
                    and len(value.masked) <= _SHARE_CHARS):
                self._to_share[text] = value
                while len(self._to_share) > _SHARE_MAX:
                    del self._to_share[next(iter(self._to_share))]

    def clear(self) -> None:
        """Erase every cache derived from the session's entries."""
        with self.lock:
            self.index.clear()
            self._memo.clear()
            self._to_share.clear()
            self.hands_over = self._alone
            self.handed_out.clear()
            self.stand_ins.clear()

    def __repr__(self) -> str:
        return f"SessionState(session_id={self.session_id!r}, entries={self.index.counts()})"


@dataclass(slots=True)
class Staged:
    """What :meth:`SessionState.staged` (or :meth:`~SessionState.committed`) tells at the
    end of its block."""

    clean: bool = True
    #: committed(): the store took nothing, the state caught up: do the turn again
    refused: bool = False
    #: committed(), refused: the texts whose results came from the store
    fetched: list[str] = dataclasses.field(default_factory=list)


class HandedOut:
    """Masked texts a session handed to the application, recognised when they come back.

    The application may send a masked text back in: a retrieved node the postprocessor
    pseudonymized inside the guarded LLM's prompt, a question it pseudonymized itself, a
    history it stored masked. A stretch of input that is exactly such a text is already
    pseudonymized: its surrogates are kept and restore to their originals. Anything else that
    looks like a surrogate is the user's own text and is protected. A per-process memory,
    bounded in characters; it goes with the session.
    """

    def __init__(self, max_chars: int = HANDED_OUT_CHARS) -> None:
        self._lock = threading.Lock()
        self._texts: OrderedDict[str, tuple[Insert, ...]] = OrderedDict()  # oldest first
        self._max_chars = max_chars
        self._chars = 0
        #: exact surrogate spelling -> {masked text: offset of that surrogate in it}
        self._anchors: dict[str, dict[str, int]] = {}

    def add(self, masked: str, inserts: tuple[Insert, ...]) -> None:
        """Remember ``masked`` (with its surrogates at ``inserts``) as handed out."""
        reversible = tuple(i for i in inserts if masked[i[0]:i[1]] != i[2])
        if not reversible or len(masked) > self._max_chars:
            return
        with self._lock:
            if masked in self._texts:
                self._texts.move_to_end(masked)
                return
            while self._chars + len(masked) > self._max_chars and self._texts:
                old, old_inserts = self._texts.popitem(last=False)
                self._chars -= len(old)
                for s, e, _ in old_inserts:
                    bucket = self._anchors.get(old[s:e])
                    if bucket is not None:
                        bucket.pop(old, None)
                        if not bucket:
                            del self._anchors[old[s:e]]
            self._texts[masked] = reversible
            self._chars += len(masked)
            for s, e, _ in reversible:
                self._anchors.setdefault(masked[s:e], {}).setdefault(masked, s)

    def find(self, text: str, matches: Sequence[tuple[int, int]]) -> list[Insert]:
        """The surrogates of handed-out texts occurring whole in ``text``, in its offsets.

        ``matches`` are where restore finds surrogates in ``text`` (the only places a
        handed-out text can be anchored).
        """
        if not self._anchors:
            return []
        found: list[tuple[int, int, tuple[Insert, ...]]] = []
        with self._lock:
            for s, e in matches:
                for masked, offset in list(self._anchors.get(text[s:e], {}).items()):
                    start = s - offset
                    inserts = self._texts.get(masked)
                    if inserts and start >= 0 and text.startswith(masked, start):
                        found.append((start, start + len(masked), inserts))
        found.sort(key=lambda f: (f[0], f[0] - f[1]))  # longest first where they overlap
        out: list[Insert] = []
        last = 0
        for start, end, inserts in found:
            if start >= last:
                out += [(start + a, start + b, expected) for a, b, expected in inserts]
                last = end
        return out

    def clear(self) -> None:
        with self._lock:
            self._texts.clear()
            self._anchors.clear()
            self._chars = 0

    def __len__(self) -> int:
        return len(self._texts)

    def __repr__(self) -> str:
        return f"HandedOut(texts={len(self._texts)}, chars={self._chars})"


# ---------------------------------------------------------------------- casing
def case_class(text: str) -> str:
    """``"U"`` upper, ``"L"`` lower, ``"T"`` title case, ``"X"`` any other mix, ``"N"`` no
    cased letters. A mention's class is what its surrogate is written in."""
    upper, lower = text.upper(), text.lower()
    if upper == lower:
        return "N"
    if text == upper:
        return "U"
    if text == lower:
        return "L"
    if text == text.title():
        return "T"
    return "X"


def _in_case(text: str, kind: str) -> str:
    if kind == "U":
        return text.upper()
    if kind == "L":
        return text.lower()
    if kind == "T":
        return text.title()
    return text


def _first_form(original: str, surrogate: str) -> str:
    """The stored surrogate of a new original: in the original's casing, so that its upper,
    lower and title-case spellings map to distinct spellings of the surrogate."""
    if SHAPE_RE.fullmatch(surrogate):
        return surrogate  # stand-ins carry no casing
    kind = case_class(original)
    if kind in ("U", "L", "T"):
        form = _in_case(surrogate, kind)
        return form if case_class(form) == kind else surrogate
    if kind == "X":  # "maria Lopez": copy the casing word by word where the words line up
        words, fakes = original.split(" "), surrogate.split(" ")
        if len(words) == len(fakes):
            form = " ".join(_in_case(f, case_class(w)) for w, f in zip(words, fakes, strict=True))
            if case_class(form) == "X" and form.casefold() == surrogate.casefold():
                return form
    return surrogate


def mention_form(mention: str, entry: Entry) -> str | None:
    """The spelling of ``entry``'s surrogate that restores to exactly ``mention``.

    ``None`` if no spelling does (the mention then gets a literal entry of its own): an
    exotic mix of cases, a title-case mention of an original that is not in title case while
    its surrogate is, any other spelling of a literal entry, a stand-in (tokens and
    placeholders carry no casing).
    """
    value, surrogate = entry.value, entry.surrogate
    if mention == value:
        return surrogate
    if entry.literal or SHAPE_RE.fullmatch(surrogate):
        return None
    kind = case_class(mention)
    if kind not in ("U", "L", "T"):
        return None
    form = _in_case(surrogate, kind)
    if form.casefold() != surrogate.casefold():
        return None
    return form if apply_case(form, surrogate, value) == mention else None


# ---------------------------------------------------------------------- building blocks
@dataclass(frozen=True, slots=True)
class _Item:
    """A stretch of the text to replace.

    Attributes:
        literal: protect it exactly as written (a literal entry) instead of an ordinary entry.
        counted: it is personal data (counted by type), not a protected stand-in or word.
        shape: it is a surrogate-shaped string (token or placeholder) the user wrote.
        kept: for a surrogate of a handed-out masked text, what it restores to (it stays).
        weak: detected with a score below :data:`RECALL_MIN_SCORE` (recall does not learn it).
    """

    start: int
    end: int
    entity_type: str
    literal: bool = False
    counted: bool = True
    shape: bool = False
    kept: str | None = None
    weak: bool = False


@dataclass(frozen=True, slots=True)
class _Piece:
    """A stretch of the masked text: ``masked[ms:me]`` stands for ``text[os:oe]``.

    ``expected`` is what restore must turn an inserted surrogate back into; ``None`` for the
    user's text between surrogates, which restore must leave alone.
    """

    ms: int
    me: int
    os: int
    oe: int
    expected: str | None
    entity_type: str = ""


@dataclass
class _Built:
    masked: str
    pieces: list[_Piece]
    counts: Counter[str]
    redacted: Counter[str]

    @property
    def target(self) -> str:
        """What restoring the masked text must give: the text, redactions kept."""
        return "".join(self.masked[p.ms:p.me] if p.expected is None else p.expected
                       for p in self.pieces)

    @property
    def inserts(self) -> tuple[Insert, ...]:
        return tuple((p.ms, p.me, p.expected) for p in self.pieces if p.expected is not None)


class _Context:
    """What new entries for one text must respect: its casefolded words (new surrogates
    avoid them when they can), and whether they are document entries."""

    def __init__(self, text: str, values: Sequence[str], document: bool = False) -> None:
        self.document = document
        self.all = words_of(text)
        # "Jessica" would give "Jéssica" away: the text's words without their accents too
        self.unaccented = {unaccented(w) for w in self.all}
        # a surrogate never equals another value (or its name part) of the same text
        self.values = {w for value in values for w in name_words(value)}

    def clash(self, original: str, surrogate: str, parts: tuple[tuple[str, str], ...],
              attempt: int) -> bool:
        names = name_words(surrogate)
        if self.values.intersection(names) - name_words(original):
            return True
        if attempt >= _SOFT_ATTEMPTS:
            return False  # prefer surrogates absent from the text; verification does the rest
        pieces = {p for _, p in parts} or ({surrogate} if _NAME.fullmatch(surrogate) else set())
        return any(not self.unaccented.isdisjoint(unaccented(w) for w in words_of(p))
                   for p in pieces)


def _shape_type(text: str) -> str:
    """The entity type a token or placeholder names (``<EMAIL_3>`` -> ``EMAIL_ADDRESS``)."""
    m = SHAPE_RE.fullmatch(text)
    label = (m.group("tl") or m.group("pl") or "") if m else ""
    label = label.upper() or "LITERAL"
    return _TYPES_BY_LABEL.get(label, label)


_TYPES_BY_LABEL = {label_for(t): t for t in (
    "PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "IBAN_CODE", "US_SSN",
    "IP_ADDRESS", "API_KEY", "STREET_ADDRESS", "LOCATION", "ORGANIZATION", "DATE_TIME", "URL",
)}


class Pseudonymizer:
    """Replaces spans with a session's surrogates, adding entries for new originals.

    Args:
        config: strategies per entity type, session recall and strict mode come from it.
    """

    def __init__(self, config: GuardConfig) -> None:
        self._config = config
        self._strategies: dict[str, Strategy] = {}

    def strategy_for(self, entity_type: str) -> Strategy:
        """The strategy the configuration picks for ``entity_type`` (from the registry)."""
        found = self._strategies.get(entity_type)
        if found is None:
            found = self._strategies[entity_type] = get_strategy(
                self._config.strategy_for(entity_type)
            )
        return found

    # ------------------------------------------------------------ remembered texts
    def recall(self, text: str, state: SessionState) -> Outcome | None:
        """The remembered result for ``text``, if it is still exact.

        Entries added since it was made can invalidate it: an original now known that it
        leaves in clear, or a surrogate issued since that its user text happens to contain
        (restore would no longer give the text back).
        """
        memo = state.remembered(text)
        if memo is None:
            return None
        index = state.index
        if memo.version != index.version:
            if mentions_new(text, memo.words, index, memo.version):
                return None
            target = text if memo.target is None else memo.target
            if (may_restore(memo.masked, memo.masked_words, index.added_since(memo.version),
                            memo.masked_chars)
                    and not restores_exactly(memo.masked, target, index)):
                return None
            state.remember(text, dataclasses.replace(memo, version=index.version))
        return Outcome(memo.masked, memo.counts, MappingProxyType({}), memo.inserts)

    # ------------------------------------------------------------ pseudonymize
    def apply(self, text: str, spans: Sequence[Span], state: SessionState, *,
              document: bool = False) -> Outcome:
        """Pseudonymize ``text`` whose detected spans are ``spans``.

        The result restores to exactly ``text`` (redactions aside) with the session's
        entries as they are on return. ``document``: the text is a document to be stored
        (new entries are document entries, see :class:`~chatveil.state.Entry`).

        Raises:
            PIILeakError: strict mode, and a known original would still be in the result.
            SurrogateCollisionError: no unique surrogate could be derived.
        """
        index = state.index
        items = self._items(text, spans, state)
        words = _Context(text, [text[i.start:i.end] for i in items
                                if not i.shape and i.kept is None], document)
        for _ in range(MAX_ROUNDS):
            built = self._build(text, items, state, words)
            hazards = self._hazards(built, index)
            if not hazards:
                break
            items = _protect(text, items, hazards)
        else:  # pragma: no cover - protection converges in a round or two
            raise SurrogateCollisionError(
                f"no surrogates restoring exactly were found after {MAX_ROUNDS} rounds"
            )
        result = built.masked
        if self._config.strict:
            leaks = Counter(s.entity_type for s in _left_in_clear(
                result, built.pieces, index, state.index.unconfirmed))
            if leaks:
                raise PIILeakError(leaks)
        frozen = MappingProxyType(dict(built.counts))
        target, inserts = built.target, built.inserts
        state.remember(text, Remembered(result, index.version, frozen, words_of(text),
                                        None if target == text else target, inserts,
                                        words_of(result), number_chars(result),
                                        tuple(spans)), share=True)
        return Outcome(result, frozen, MappingProxyType(dict(built.redacted)), inserts)

    def _items(self, text: str, spans: Sequence[Span], state: SessionState) -> list[_Item]:
        """Detected and recalled spans, the surrogates of handed-out masked texts coming
        back (kept), and the surrogate-shaped strings the user wrote (protected)."""
        index = state.index
        found = list(spans)
        if self._config.session_recall and len(index):
            found += recall_spans(text, index, skip=state.index.unconfirmed)
        kept: list[Insert] = []
        if len(state.handed_out) or index.documents:
            matcher = Matcher(index)
            with index.lock:
                found_all = list(matcher.finditer(text))
                kept = _documents(text, found_all, matcher, index)
            kept += state.handed_out.find(text, [(s, e) for s, e, _ in found_all])
            kept = _disjoint(kept)
        shapes = list(SHAPED.finditer(text)) if ("[" in text or "<" in text) else []
        taken = [(a, b) for a, b, _ in kept]
        shapes = [m for m in shapes if not _overlaps(m.start(), m.end(), taken)]
        taken += [m.span() for m in shapes]
        if taken:
            found = [s for s in found if not _overlaps(s.start, s.end, taken)]
        items = [_Item(s.start, s.end, s.entity_type, weak=s.score < RECALL_MIN_SCORE)
                 for s in resolve_overlaps(found)]
        items += [_Item(a, b, "", counted=False, kept=expected) for a, b, expected in kept]
        for m in shapes:
            if SHAPE_RE.fullmatch(m.group(0)):  # redactions are never restored: left alone
                items.append(_Item(m.start(), m.end(), _shape_type(m.group(0)), literal=True,
                                   counted=False, shape=True))
        items.sort(key=lambda i: i.start)
        return items

    def _build(self, text: str, items: list[_Item], state: SessionState,
               words: _Context) -> _Built:
        out: list[str] = []
        pieces: list[_Piece] = []
        counts: Counter[str] = Counter()
        redacted: Counter[str] = Counter()
        pos = mpos = 0
        for item in items:
            if item.start > pos:
                between = text[pos:item.start]
                out.append(between)
                pieces.append(_Piece(mpos, mpos + len(between), pos, item.start, None))
                mpos += len(between)
            value = text[item.start:item.end]
            strategy = self.strategy_for(item.entity_type or "LITERAL")
            if item.kept is not None:  # a surrogate of a handed-out text: it stays
                form, expected = value, item.kept
            elif item.literal:
                form = self._literal(state, value, item.entity_type, words, item.shape).surrogate
                expected = value
                if item.counted:
                    counts[item.entity_type] += 1
            elif not strategy.reversible:
                form = expected = strategy.candidate(
                    Request(state.key, item.entity_type, value)).surrogate
                redacted[item.entity_type] += 1
            else:
                form = self._surrogate(state, value, item.entity_type, strategy, words,
                                       weak=item.weak)
                expected = value
                counts[item.entity_type] += 1
            out.append(form)
            pieces.append(_Piece(mpos, mpos + len(form), item.start, item.end, expected,
                                 item.entity_type))
            mpos += len(form)
            pos = item.end
        if pos < len(text):
            pieces.append(_Piece(mpos, mpos + len(text) - pos, pos, len(text), None))
            out.append(text[pos:])
        return _Built("".join(out), pieces, counts, redacted)

    @staticmethod
    def _hazards(built: _Built, index: VaultIndex) -> list[tuple[int, int, str]]:
        """Stretches of the text (start, end, entity type) the masked text does not restore to.

        Runs the session's restore over the masked text: a match must be exactly a surrogate
        put in, restoring to its mention; an inserted surrogate must be matched. Anything else
        (a match reaching into the user's text, an unknown stand-in the user wrote, a surrogate
        restore would not find) is a hazard, in the text's offsets.
        """
        masked, pieces = built.masked, built.pieces
        starts = [p.ms for p in pieces]
        matcher = Matcher(index)
        hazards: list[tuple[int, int, str]] = []
        matched: set[int] = set()
        restored: Counter[str] = Counter()
        unknown: Counter[str] = Counter()
        with index.lock:
            for s, e, payload in matcher.finditer(masked):
                before = unknown.total()
                seen = masked[s:e]
                out = matcher.replace(seen, payload, restored, unknown)
                first = bisect_right(starts, s) - 1
                piece = pieces[first]
                if piece.expected is not None and piece.ms == s and piece.me == e:
                    if out == piece.expected and unknown.total() == before:
                        matched.add(first)
                        continue
                    hazards.append((piece.os, piece.oe, piece.entity_type))
                    continue
                covered = []
                for p in itertools.islice(pieces, first, None):
                    if p.ms >= e:
                        break
                    covered.append(p)
                if (out == seen and unknown.total() == before
                        and all(p.expected is None for p in covered)):
                    continue  # restore leaves it as it is: harmless
                a = min(p.os + max(0, s - p.ms) if p.expected is None else p.os for p in covered)
                b = max(p.os + min(e, p.me) - p.ms if p.expected is None else p.oe
                        for p in covered)
                etype = payload[2] if isinstance(payload, tuple) else ""
                hazards.append((a, b, next((p.entity_type for p in covered if p.entity_type),
                                           etype)))
        for i, piece in enumerate(pieces):
            if (piece.expected is not None and i not in matched
                    and piece.expected != masked[piece.ms:piece.me]):
                hazards.append((piece.os, piece.oe, piece.entity_type))
        return hazards

    # ------------------------------------------------------------ surrogates
    def _surrogate(self, state: SessionState, value: str, entity_type: str, strategy: Strategy,
                   words: _Context, weak: bool = False) -> str:
        index = state.index
        entry = index.literal(value) or index.by_original(value)
        if entry is None:
            if value in index.restore_index or value.casefold() in index.part_surrogate:
                # a real value that is also a surrogate (or name part) of the session
                return self._literal(state, value, entity_type, words).surrogate
            with state.lock:
                canonical = index.canonical(value)  # "MARIA" alone: an entry for "Maria"
                entry = index.by_original(canonical)
                if entry is None:  # a weak one is a guess: masked here, not recalled later
                    entry = self._new_entry(state, canonical, entity_type, strategy, words,
                                            weak)
        if not weak and state.index.unconfirmed:
            state.index.confirm(entry.original)
        form = mention_form(value, entry)
        if form is None:  # a spelling the surrogate cannot carry: protected as written
            return self._literal(state, value, entity_type, words).surrogate
        return form

    def _new_entry(self, state: SessionState, value: str, entity_type: str, strategy: Strategy,
                   words: _Context, weak: bool = False) -> Entry:
        index, store, sid = state.index, state.store, state.session_id
        for attempt in range(MAX_ATTEMPTS):
            candidate = strategy.candidate(Request(
                state.key, entity_type, value, attempt,
                number=lambda label: store.next_number(sid, label),
                known_parts=index.part_original,
            ))
            surrogate = _first_form(value, candidate.surrogate)
            parts = tuple((o, _first_form(o, s)) for o, s in candidate.parts)
            if words.clash(value, surrogate, parts, attempt):
                continue
            if index.collides(value, surrogate, parts):
                continue
            # added (or not) and caught up with whatever other workers added meanwhile
            stored = state.add(Entry(value, surrogate, entity_type, parts, words.document,
                                     weak))
            if stored is not None:
                return stored  # ours, or the entry another worker stored first
        raise SurrogateCollisionError(
            f"no unique surrogate for a {entity_type} value after {MAX_ATTEMPTS} attempts"
        )

    def _literal(self, state: SessionState, text: str, entity_type: str, words: _Context,
                 shape: bool = False) -> Entry:
        """The literal entry protecting ``text`` exactly as written (created if new).

        A surrogate-shaped string the user wrote is its own surrogate when nothing else uses
        it (the model sees it unchanged); anything else gets a fresh surrogate of its type.
        """
        index = state.index
        entry = index.literal(text)
        if entry is not None:
            return entry
        store, sid = state.store, state.session_id
        original = literal_original(text)
        with state.lock:
            entry = index.literal(text)
            if entry is not None:
                return entry
            if shape and _keeps_itself(text, entity_type, index):
                state.add(Entry(original, text, entity_type, (), words.document))
                entry = index.literal(text)
                if entry is not None:
                    return entry
            strategy = self._literal_strategy(text, entity_type, shape)
            key = hmac.new(state.key, b"literal", hashlib.sha256).digest()
            for attempt in range(MAX_ATTEMPTS):
                candidate = strategy.candidate(Request(
                    key, entity_type, text, attempt,
                    number=lambda label: store.next_number(sid, label),
                ))
                surrogate = _first_form(text, candidate.surrogate)
                if words.clash(text, surrogate, (), attempt):
                    continue
                if index.collides(text, surrogate, ()) or surrogate.casefold() in (
                        index.part_surrogate):
                    continue
                stored = state.add(Entry(original, surrogate, entity_type, (),
                                         words.document))
                entry = index.literal(text)
                if stored is not None and entry is not None:
                    return entry
        raise SurrogateCollisionError(
            f"no unique surrogate for a {entity_type} literal after {MAX_ATTEMPTS} attempts"
        )

    def stand_in(self, state: SessionState, value: str, entity_type: str) -> str:
        """The session's stand-in (``<EMAIL_2>``) for a value the model wrote on its own.

        Numbered with the placeholder counters and reserved in the vault as a literal entry
        that restores to itself; the value is not stored. The same value gets the same
        stand-in while this process remembers it.
        """
        key = hmac.new(state.key, f"{entity_type}\x00{value.casefold()}".encode(
            "utf-8", "surrogatepass"), hashlib.sha256).digest()
        with state.lock:
            found = state.stand_ins.get(key)
            if found is not None:
                return found
            index, store, sid = state.index, state.store, state.session_id
            label = label_for(entity_type)
            for _ in range(MAX_ATTEMPTS):
                stand_in = f"<{label}_{store.next_number(sid, label)}>"
                if index.collides(literal_original(stand_in), stand_in, ()):
                    continue
                state.add(Entry(literal_original(stand_in), stand_in, entity_type))
                if index.literal(stand_in) is not None:
                    state.stand_ins[key] = stand_in
                    return stand_in
        raise SurrogateCollisionError(f"no free stand-in for a {entity_type} value")

    def _literal_strategy(self, text: str, entity_type: str, shape: bool) -> Strategy:
        if shape:  # a stand-in the user wrote gets a stand-in of the same kind
            m = SHAPE_RE.fullmatch(text)
            return REGISTRY["token" if m is not None and m.group("tok") else "placeholder"]
        strategy = self.strategy_for(entity_type)
        return strategy if strategy.reversible else REGISTRY["placeholder"]


def _keeps_itself(text: str, entity_type: str, index: VaultIndex) -> bool:
    """True if ``text`` (a stand-in the user wrote) can be its own surrogate: nothing in the
    session uses it, and restore finds it whole and gives it back unchanged."""
    folded = text.casefold()
    if index.by_original(text) is not None or folded in index.part_original:
        return False
    if index.collides(literal_original(text), text, ()):
        return False
    probe = VaultIndex()
    probe.extend([Entry(literal_original(text), text, entity_type)])
    return restores_exactly(text, text, probe)


def _protect(text: str, items: list[_Item], hazards: list[tuple[int, int, str]]) -> list[_Item]:
    """``items`` with every hazard turned into a literal item, merged with what it overlaps."""
    items = list(items)
    made: list[_Item] = []
    for a, b, etype in sorted(hazards):
        if any(m.start <= a and b <= m.end for m in made):
            continue  # already inside a region protected in this round
        absorbed = [i for i in items if i.start < b and a < i.end]
        while True:  # grow to cover whatever the region overlaps
            lo = min([a, *(i.start for i in absorbed)])
            hi = max([b, *(i.end for i in absorbed)])
            more = [i for i in items if i.start < hi and lo < i.end and i not in absorbed]
            if not more:
                break
            absorbed += more
            a, b = lo, hi
        a, b = lo, hi
        if len(absorbed) == 1 and absorbed[0].literal and (absorbed[0].start, absorbed[0].end) == (
                a, b):
            # the literal itself did not come back: widen it to the surrounding non-spaces
            while a > 0 and not text[a - 1].isspace():
                a -= 1
            while b < len(text) and not text[b].isspace():
                b += 1
            if (a, b) == (absorbed[0].start, absorbed[0].end):  # pragma: no cover - defensive
                raise SurrogateCollisionError("a protected text does not restore exactly")
            more = [i for i in items if i.start < b and a < i.end and i not in absorbed]
            absorbed += more
            a = min([a, *(i.start for i in absorbed)])
            b = max([b, *(i.end for i in absorbed)])
        personal = [i for i in absorbed if i.counted]
        if personal:
            etype = max(personal, key=lambda i: i.end - i.start).entity_type
        items = [i for i in items if i not in absorbed]
        made.append(_Item(a, b, etype or "LITERAL", literal=True, counted=bool(personal)))
        items.append(made[-1])
        items.sort(key=lambda i: i.start)
    return items


def _documents(text: str, matches: Sequence[tuple[int, int, object]], matcher: Matcher,
               index: VaultIndex) -> list[Insert]:
    """The surrogates of document entries in ``text``, and what they restore to."""
    if not index.documents:
        return []
    out: list[Insert] = []
    for s, e, payload in matches:
        seen = text[s:e]
        restored = matcher.replace(seen, payload, Counter(), Counter())
        if isinstance(payload, tuple):
            ours = payload[0].casefold() in index.documents
        else:
            entry = index.by_original(restored)
            ours = entry is not None and entry.document and restored != seen
        if ours:
            out.append((s, e, restored))
    return out


def _disjoint(inserts: list[Insert]) -> list[Insert]:
    out: list[Insert] = []
    for a, b, expected in sorted(inserts, key=lambda i: (i[0], i[0] - i[1])):
        if not out or a >= out[-1][1]:
            out.append((a, b, expected))
    return out


def _overlaps(start: int, end: int, regions: Sequence[tuple[int, int]]) -> bool:
    return any(a < end and start < b for a, b in regions)


def _left_in_clear(masked: str, pieces: list[_Piece], index: VaultIndex,
                   unconfirmed: Set[str] = frozenset()) -> list[Span]:
    """Known originals in the user's text between surrogates (strict mode); weak guesses
    (``unconfirmed``) are not known originals there."""
    starts = [p.ms for p in pieces]
    out = []
    for span in recall_spans(masked, index, parts=False, skip=unconfirmed):
        piece = pieces[bisect_right(starts, span.start) - 1]
        if piece.expected is None or span.end > piece.me:
            out.append(span)  # not inside one surrogate put in
    return out


# ---------------------------------------------------------------------- helpers
def restores_exactly(masked: str, target: str, index: VaultIndex) -> bool:
    """True if the session's restore turns ``masked`` into ``target``, with no stand-in left
    that it does not know."""
    unknown: Counter[str] = Counter()
    with index.lock:
        out = Matcher(index).restore(masked, 0, Counter(), unknown)
    return out == target and not unknown


def may_restore(text: str, words: frozenset[str], added: VaultIndex,
                chars: str | None = None) -> bool:
    """False only if restore with the entries of ``added`` certainly leaves ``text`` as it
    is (``words``: the casefolded words of ``text``; ``chars``: its
    :func:`~chatveil.index.number_chars`, computed if omitted). A literal surrogate matches
    only where the text holds its first word, a placeholder or token only at ``<`` or ``[``,
    a number only if its characters occur in the text's (and there it is looked for). Where
    a first word occurs, the new surrogates are looked for: if none occurs whole, every match
    restore finds is one it found before."""
    index = added.restore_index
    if not index.anchors().isdisjoint(words) and next(index.finditer(text), None) is not None:
        return True
    if added.shaped and ("<" in text or "[" in text):
        return True
    numbers = added.numbers
    if not len(numbers) or not numbers.may_find(number_chars(text) if chars is None else chars):
        return False
    return next(numbers.finditer(text), None) is not None


def name_words(value: str) -> set[str]:
    """A value and its words with letters, casefolded (what a surrogate must not coincide
    with). Digit groups are left out: a fake phone may share "415" with another number of the
    text (restore matches whole numbers), and a text with thousands of numbers holds them all."""
    folded = value.casefold()
    return {folded, *(w for w in folded.split() if any(c.isalpha() for c in w))}


def surrogate_regions(text: str, indexes: Sequence[VaultIndex]) -> list[tuple[int, int]]:
    """Where ``text`` holds tokens, placeholders, redactions or the sessions' surrogates."""
    regions = [m.span() for m in SHAPED.finditer(text)] if ("[" in text or "<" in text) else []
    for index in indexes:
        regions += [(s, e) for s, e, _ in index.restore_index.finditer(text)]
    return regions


def inside(span: Span, regions: list[tuple[int, int]]) -> bool:
    """True if ``span`` lies within one region (a surrogate is never masked again)."""
    return any(a <= span.start and span.end <= b for a, b in regions)


def recall_spans(text: str, index: VaultIndex, parts: bool = True,
                 skip: Set[str] = frozenset()) -> list[Span]:
    """Every occurrence of an original this session already knows (session recall).

    Names that are also ordinary words count only capitalised, so "will" never recalls "Will".
    ``skip``: casefolded originals not to recall (nor their name parts).
    """
    return _recall_in(text, index.recall_index, parts, skip)


def _recall_in(text: str, index: LiteralIndex[RecallPayload], parts: bool,
               skip: Set[str] = frozenset()) -> list[Span]:
    spans = []
    for start, end, (entry, capital_only) in index.finditer(text):
        if capital_only and not text[start].isupper():
            continue
        if skip and entry.original.casefold() in skip:
            continue
        is_part = text[start:end].casefold() != entry.value.casefold()
        if is_part and not parts:
            continue
        spans.append(Span(start, end, "PERSON" if is_part else entry.entity_type, 1.0))
    return spans


def mentions_new(text: str, words: frozenset[str], index: VaultIndex, since: int) -> bool:
    """True if an original added to the session after ``since`` occurs in ``text``."""
    if since >= index.version:
        return False
    recall, anchors = index.recall_index_since(since)
    if anchors.isdisjoint(words):
        return False
    return bool(_recall_in(text, recall, parts=True))
