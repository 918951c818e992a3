"""Pseudonymize: spans + a session's state -> masked text and new entries.

The algorithm, hop by hop: detected spans plus *recalled* spans (originals the session already
knows, found again where detection misses them), minus spans inside surrogates already in the
text, are resolved into non-overlapping spans; each span's value gets the session's surrogate
(an existing entry, or a new one: candidates from the entity type's strategy until one
collides with nothing, then an atomic add-if-absent in the vault store); the masked text is
remembered per text so a history re-sent every turn costs a dictionary lookup.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

import cachetools

from chatveil.config import GuardConfig
from chatveil.errors import PIILeakError, SurrogateCollisionError
from chatveil.index import LiteralIndex, RecallPayload, VaultIndex, apply_case, words_of
from chatveil.spans import Span, resolve_overlaps
from chatveil.state.entries import Entry
from chatveil.state.stores import VaultStore
from chatveil.strategies import SHAPE_RE, Request, Strategy
from chatveil.strategies import get as get_strategy

__all__ = [
    "MAX_ATTEMPTS",
    "SHAPED",
    "Outcome",
    "Pseudonymizer",
    "Remembered",
    "SessionState",
    "inside",
    "mentions_new",
    "name_words",
    "recall_spans",
    "surrogate_regions",
]

#: Tokens, placeholders and redactions, as models may return them.
SHAPED = re.compile(f"{SHAPE_RE.pattern}|\\[REDACTED [A-Z]+\\]", re.IGNORECASE)
#: Candidates tried per original before giving up (SurrogateCollisionError).
MAX_ATTEMPTS = 64
#: Texts remembered per session.
MEMO_SIZE = 4096


@dataclass(frozen=True, slots=True)
class Remembered:
    """A text pseudonymized before in this session.

    Attributes:
        masked: the pseudonymized text.
        version: the session's version (number of entries) it was checked against.
        counts: values pseudonymized in it, by entity type.
        words: its casefolded words (a quick test for originals added later).
    """

    masked: str
    version: int
    counts: Mapping[str, int]
    words: frozenset[str]

    def __repr__(self) -> str:
        return f"Remembered(version={self.version}, counts={dict(self.counts)})"


@dataclass(frozen=True, slots=True)
class Outcome:
    """The result of pseudonymizing one text: the masked text and counts by entity type."""

    text: str
    pseudonymized: Mapping[str, int]
    redacted: Mapping[str, int]

    def __repr__(self) -> str:
        return f"Outcome(pseudonymized={dict(self.pseudonymized)}, redacted={dict(self.redacted)})"


class SessionState:
    """One session as this process knows it: where its entries live, and caches built from them.

    The store holds the data; :attr:`index` and the remembered texts are per-process caches.
    :meth:`sync` catches up with entries other workers added, in one store call.

    Args:
        session_id: the session.
        key: the session's key (strategies derive surrogates from it).
        store: the vault store the session's entries live in.
    """

    def __init__(self, session_id: str, key: bytes, store: VaultStore) -> None:
        self.session_id = session_id
        self.key = key
        self.store = store
        self.index = VaultIndex()
        self.lock = threading.RLock()
        self._memo: cachetools.LRUCache[str, Remembered] = cachetools.LRUCache(MEMO_SIZE)

    def sync(self) -> None:
        """Extend the index with the entries added since its version.

        Raises:
            UnknownSessionError: the session no longer exists in the store.
        """
        with self.lock:
            batch = self.store.entries(self.session_id, since=self.index.version)
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

    def remember(self, text: str, value: Remembered) -> None:
        with self.lock:
            self._memo[text] = value

    def clear(self) -> None:
        """Erase every cache derived from the session's entries."""
        with self.lock:
            self.index.clear()
            self._memo.clear()

    def __repr__(self) -> str:
        return f"SessionState(session_id={self.session_id!r}, entries={self.index.counts()})"


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
        """The remembered result for ``text``, if no original added since occurs in it."""
        memo = state.remembered(text)
        if memo is None:
            return None
        index = state.index
        if memo.version != index.version and mentions_new(text, memo.words, index, memo.version):
            return None
        state.remember(text, Remembered(memo.masked, index.version, memo.counts, memo.words))
        return Outcome(memo.masked, memo.counts, MappingProxyType({}))

    # ------------------------------------------------------------ pseudonymize
    def apply(self, text: str, spans: Sequence[Span], state: SessionState) -> Outcome:
        """Pseudonymize ``text`` whose detected spans are ``spans``.

        Raises:
            PIILeakError: strict mode, and a known original would still be in the result.
            SurrogateCollisionError: no unique surrogate could be derived.
        """
        index = state.index
        found = self._candidates(text, spans, index)
        # a new surrogate must not equal another value (or name part) of this same text
        avoid = {w for span in found for w in name_words(text[span.start : span.end])}
        out: list[str] = []
        counts: Counter[str] = Counter()
        redacted: Counter[str] = Counter()
        pos = 0
        for span in found:
            value = text[span.start : span.end]
            out.append(text[pos : span.start])
            strategy = self.strategy_for(span.entity_type)
            if not strategy.reversible:
                request = Request(state.key, span.entity_type, value)
                out.append(strategy.candidate(request).surrogate)
                redacted[span.entity_type] += 1
            else:
                out.append(self._surrogate(state, value, span.entity_type, strategy, avoid))
                counts[span.entity_type] += 1
            pos = span.end
        out.append(text[pos:])
        result = "".join(out)
        if self._config.strict:
            leaks = Counter(s.entity_type for s in recall_spans(result, index, parts=False))
            if leaks:
                raise PIILeakError(leaks)
        frozen = MappingProxyType(dict(counts))
        state.remember(text, Remembered(result, index.version, frozen, words_of(text)))
        return Outcome(result, frozen, MappingProxyType(dict(redacted)))

    def _candidates(self, text: str, spans: Sequence[Span], index: VaultIndex) -> list[Span]:
        """Detected and recalled spans, minus those inside surrogates already in the text."""
        found = list(spans)
        if self._config.session_recall and len(index):
            found += recall_spans(text, index)
        masked = surrogate_regions(text, [index])
        return resolve_overlaps([s for s in found if not inside(s, masked)])

    def _surrogate(self, state: SessionState, value: str, entity_type: str, strategy: Strategy,
                   avoid: set[str]) -> str:
        index = state.index
        entry = index.by_original(value)
        if entry is None:
            with state.lock:
                canonical = index.canonical(value)  # "MARIA" alone: an entry for "Maria"
                entry = index.by_original(canonical) or self._new_entry(
                    state, canonical, entity_type, strategy, avoid
                )
        return apply_case(value, entry.original, entry.surrogate)

    def _new_entry(self, state: SessionState, value: str, entity_type: str, strategy: Strategy,
                   avoid: set[str]) -> Entry:
        index, store, sid = state.index, state.store, state.session_id
        for attempt in range(MAX_ATTEMPTS):
            candidate = strategy.candidate(Request(
                state.key, entity_type, value, attempt,
                number=lambda label: store.next_number(sid, label),
                known_parts=index.part_original,
            ))
            if avoid.intersection(name_words(candidate.surrogate)) - name_words(value):
                continue
            if index.collides(value, candidate.surrogate, candidate.parts):
                continue
            stored = store.add(sid, Entry(value, candidate.surrogate, entity_type,
                                          candidate.parts))
            state.sync()  # ours, and whatever other workers added meanwhile
            if stored is not None:
                return stored  # ours, or the entry another worker stored first
        raise SurrogateCollisionError(
            f"no unique surrogate for a {entity_type} value after {MAX_ATTEMPTS} attempts"
        )


# ---------------------------------------------------------------------- helpers
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


def recall_spans(text: str, index: VaultIndex, parts: bool = True) -> list[Span]:
    """Every occurrence of an original this session already knows (session recall).

    Names that are also ordinary words count only capitalised, so "will" never recalls "Will".
    """
    return _recall_in(text, index.recall_index, parts)


def _recall_in(text: str, index: LiteralIndex[RecallPayload], parts: bool) -> list[Span]:
    spans = []
    for start, end, (entry, capital_only) in index.finditer(text):
        if capital_only and not text[start].isupper():
            continue
        is_part = text[start:end].casefold() != entry.original.casefold()
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
