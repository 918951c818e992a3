"""Per-process indexes of a session's entries: literal matching, restore, recall, name parts.

Everything here is derived from entries (:class:`~chatveil.state.Entry`) and never stored: a
guard builds a :class:`VaultIndex` from a store's ``entries()`` and extends it with the entries
added since, so restore and recall cost dictionary lookups, not a scan of every entry.

:class:`LiteralIndex` finds many literal strings in text at once, case-insensitively, on word
boundaries. It keys every value by its first word, and under that word by the word's offset in
the value and the value's length: a scan costs one pass of ``\\w+`` over the text plus, per word
that starts some value, one dictionary lookup per distinct (offset, length) of the values it
starts. However many values share a first word ("+1 ..." phones, a common first name), the
work per word stays bounded by the number of value *layouts*, so a scan is linear in the text.
Adding a value costs O(1).

Semantics match a regex alternation ordered longest first: at each position the longest value
wins; matches do not overlap; scanning resumes after a match. A value that starts (ends) with a
word character must not be preceded (followed) by one.

:class:`NumberIndex` finds number-like surrogates (phones, cards, IBANs, SSNs, national IDs)
by their characters alone, whatever separators, brackets and country-code forms a model wrote
them with.
"""

from __future__ import annotations

import bisect
import html
import json
import re
import threading
from collections.abc import Iterable, Iterator, Mapping
from typing import Generic, TypeVar
from urllib.parse import quote, unquote

from chatveil._words import common_words
from chatveil.state.entries import Entry, counts_of
from chatveil.strategies import SHAPE_RE

__all__ = [
    "NUMBER_TYPES",
    "SHAPE_RE",
    "LiteralIndex",
    "NumberIndex",
    "NumberPayload",
    "VaultIndex",
    "apply_case",
    "is_word_char",
    "number_chars",
    "words_of",
]

_WORD = re.compile(r"\w+")

T = TypeVar("T")


def words_of(text: str) -> frozenset[str]:
    """The casefolded words of ``text``, to test quickly against :meth:`LiteralIndex.anchors`."""
    return frozenset(w.casefold() for w in _WORD.findall(text))


def number_chars(text: str) -> str:
    """The ASCII letters and digits of ``text`` in order, upper case: every number match
    (:meth:`NumberIndex.finditer`) is made of whole consecutive groups of them, so its key
    occurs in this string (:meth:`NumberIndex.may_find`)."""
    return "".join(_ATOM.findall(text)).upper()


def is_word_char(ch: str) -> bool:
    """True if ``ch`` is a ``\\w`` character (what ``re`` counts as one: alphanumeric or ``_``)."""
    return ch.isalnum() or ch == "_"


class _SortedKeys:
    """A sorted list of strings kept lazily, for "is this a prefix of some key?" by bisection.

    Adding is O(1) (appended, sorted on the next query); removing marks the list stale.
    """

    __slots__ = ("_keys", "_new", "_stale")

    def __init__(self) -> None:
        self._keys: list[str] = []
        self._new: list[str] = []
        self._stale = False

    def add(self, key: str) -> None:
        self._new.append(key)

    def invalidate(self) -> None:
        self._stale = True

    def has_prefix(self, prefix: str, source: Iterable[str]) -> bool:
        """True if ``prefix`` starts (or equals) some key; ``source`` rebuilds a stale list."""
        if self._stale:
            self._keys = sorted(source)
            self._new.clear()
            self._stale = False
        elif self._new:
            self._keys.extend(self._new)
            self._keys.sort()  # Timsort: the sorted run plus the new tail, near-linear
            self._new.clear()
        keys = self._keys
        i = bisect.bisect_left(keys, prefix)
        return i < len(keys) and keys[i].startswith(prefix)


class LiteralIndex(Generic[T]):
    """A mutable set of literal values, each carrying a payload, searchable in text."""

    def __init__(self) -> None:
        # first word (casefolded) -> (offset of that word, length) -> folded value -> payload
        self._by_word: dict[str, dict[tuple[int, int], dict[str, T]]] = {}
        self._folded: dict[str, T] = {}
        self._sorted = _SortedKeys()
        self._firsts: set[str] = set()  # first characters of values (a superset after removals)
        self.max_len = 0

    def __len__(self) -> int:
        return len(self._folded)

    def __contains__(self, value: str) -> bool:
        return value.casefold() in self._folded

    def get(self, value: str) -> T | None:
        return self._folded.get(value.casefold())

    @staticmethod
    def _slot(folded: str) -> tuple[str, tuple[int, int]] | None:
        first = _WORD.search(folded)
        if first is None:
            return None
        return first.group(0), (first.start(), len(folded))

    def add(self, value: str, payload: T) -> None:
        """Index ``value`` (replacing the payload of an equal value)."""
        folded = value.casefold()
        slot = self._slot(folded)
        if slot is None:
            return  # nothing word-like to anchor on (never the case for personal data)
        word, shape = slot
        known = folded in self._folded
        self._by_word.setdefault(word, {}).setdefault(shape, {})[folded] = payload
        self._folded[folded] = payload
        if not known:
            self._sorted.add(folded)
            self._firsts.add(folded[0])
            self.max_len = max(self.max_len, len(folded))

    def remove(self, value: str) -> None:
        folded = value.casefold()
        if self._folded.pop(folded, None) is None:
            return
        slot = self._slot(folded)
        if slot is not None:
            word, shape = slot
            shapes = self._by_word.get(word, {})
            values = shapes.get(shape, {})
            values.pop(folded, None)
            if not values:
                shapes.pop(shape, None)
            if not shapes:
                self._by_word.pop(word, None)
        self._sorted.invalidate()

    def anchors(self) -> frozenset[str]:
        """The first words (casefolded) of the values: a text without any cannot match."""
        return frozenset(self._by_word)

    def could_start(self, tail: str) -> bool:
        """True if ``tail`` is a prefix of (or equal to) some value."""
        folded = tail.casefold()
        if folded[:1] not in self._firsts:
            return not folded
        return self._sorted.has_prefix(folded, self._folded)

    def finditer(self, text: str, start: int = 0) -> Iterator[tuple[int, int, T]]:
        """Leftmost-longest, non-overlapping matches in ``text[start:]``.

        Characters before ``start`` are context for the word-boundary check only.
        """
        if not self._folded:
            return
        found: list[tuple[int, int, T]] = []
        n = len(text)
        by_word = self._by_word
        for m in _WORD.finditer(text, start):
            shapes = by_word.get(m.group(0).casefold())
            if not shapes:
                continue
            at = m.start()
            for (offset, length), values in shapes.items():
                s = at - offset
                e = s + length
                if s < start or e > n:
                    continue
                payload = values.get(text[s:e].casefold())
                if payload is None:
                    continue
                if s > 0 and is_word_char(text[s]) and is_word_char(text[s - 1]):
                    continue
                if e < n and is_word_char(text[e - 1]) and is_word_char(text[e]):
                    continue
                found.append((s, e, payload))
        found.sort(key=lambda f: (f[0], f[0] - f[1]))
        last = start
        for s, e, payload in found:
            if s >= last:
                yield s, e, payload
                last = e


# ---------------------------------------------------------------------- number-like surrogates
#: Entity types whose surrogates restore by their characters alone, whatever the separators.
NUMBER_TYPES: frozenset[str] = frozenset(
    {"PHONE_NUMBER", "CREDIT_CARD", "IBAN_CODE", "US_SSN", "NATIONAL_ID"}
)
#: Fewest characters a number key has (shorter digit runs are too common to trust).
MIN_NUMBER_KEY = 7
_ATOM = re.compile(r"[A-Za-z0-9]+")
_DIGIT_ATOM = re.compile(r"(?<![A-Za-z0-9])[0-9][A-Za-z0-9]*")
#: What a model may put between the groups of a number: spaces, dots, dashes, slashes, brackets.
_SEPARATORS = frozenset(" \t\u00a0\u2009\u202f.-\u2010\u2011\u2012\u2013/()")
_MAX_GAP = 3
_HEAD = 4
_ALNUM = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
# two-digit country calling codes (E.164); 1 and 7 are the one-digit ones, the rest have three
_CC2 = frozenset({
    "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46",
    "47", "48", "49", "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63",
    "64", "65", "66", "81", "82", "84", "86", "90", "91", "92", "93", "94", "95", "98",
})
_INTL_PREFIX = re.compile(r"\s*(\+|00)")

#: Payload of the number index: (original as written, the original's characters in the form
#: the key stands for, or ``None`` when they cannot be laid out like it, entity type).
NumberPayload = tuple[str, str | None, str]


def compact(value: str) -> str:
    """The ASCII letters and digits of ``value``, upper case: what a number key is made of."""
    return "".join(ch for ch in value if ch in _ALNUM).upper()


def _country_code(digits: str) -> str:
    if digits[:1] in ("1", "7"):
        return digits[:1]
    if digits[:2] in _CC2:
        return digits[:2]
    return digits[:3]


def number_forms(value: str, entity_type: str) -> dict[str, str]:
    """The compact forms a model may write ``value`` in, by name.

    Every value: as written (``as``). A phone with a country code (``+44 20 ...``,
    ``0044 20 ...``) also with ``+``/``00`` (``intl``, ``zeros``), without the code (``national``)
    and with a trunk zero instead or as well (``trunk``, ``intl_trunk``: ``+44 (0)20 ...``; not
    for +1); a ten-digit phone without a code
    (North American) also with ``1`` / ``001`` in front; an eleven-digit one starting with 1,
    also without it.
    """
    flat = compact(value)
    forms = {"as": flat}
    if entity_type != "PHONE_NUMBER" or not flat.isdigit():
        return forms
    prefix = _INTL_PREFIX.match(value)
    if prefix is not None:
        digits = flat if prefix.group(1) == "+" else flat[2:]
        cc = _country_code(digits)
        national = digits[len(cc):]
        forms.update(intl=digits, zeros="00" + digits, national=national)
        if cc != "1":
            forms.update(trunk="0" + national, intl_trunk=cc + "0" + national)
    elif len(flat) == 10 and flat[0] not in "01":
        forms.update(intl="1" + flat, zeros="001" + flat)
    elif len(flat) == 11 and flat[0] == "1":
        forms.update(national=flat[1:], zeros="00" + flat)
    return forms


def lay_out(seen: str, chars: str) -> str:
    """``chars`` written in the layout of ``seen``: its separators kept, one character of
    ``chars`` per ASCII letter or digit of ``seen``, in that letter's case."""
    out: list[str] = []
    it = iter(chars)
    for ch in seen:
        if ch in _ALNUM:
            c = next(it)
            out.append(c.lower() if ch.islower() else c)
        else:
            out.append(ch)
    return "".join(out)


class NumberIndex:
    """Number-like surrogates found by their characters, whatever separators a model wrote.

    Each surrogate of a :data:`NUMBER_TYPES` entry is keyed by its compact forms
    (:func:`number_forms`: as written, and for phones with and without a country code). In
    text, runs of ASCII letter/digit groups separated by at most three separators (spaces, dots,
    dashes, slashes, brackets) are looked up group by group, longest first, from each group
    that could start a key. A key that two entries share, or that equals an original's compact
    form, restores nothing (it would be a guess). Keys shorter than :data:`MIN_NUMBER_KEY`
    are not used: the exact surrogate still restores through the literal index.
    """

    def __init__(self) -> None:
        self._keys: dict[str, NumberPayload | None] = {}
        self._originals: set[str] = set()
        self._heads: set[str] = set()
        self._sorted = _SortedKeys()
        self._letter_heads = False
        self.max_key = 0

    def __len__(self) -> int:
        return len(self._keys)

    def add(self, entry: Entry) -> None:
        """Index ``entry`` if it is number-like."""
        etype = entry.entity_type
        if etype not in NUMBER_TYPES:
            return
        targets = number_forms(entry.value, etype)
        for original in targets.values():  # a real value of the session, in any form
            if len(original) >= MIN_NUMBER_KEY:
                self._originals.add(original)
                if original in self._keys:
                    self._keys[original] = None  # never restored as a surrogate
        if SHAPE_RE.fullmatch(entry.surrogate):
            return
        owner = entry.value.casefold()
        for name, key in number_forms(entry.surrogate, etype).items():
            if len(key) < MIN_NUMBER_KEY:
                continue
            target = targets.get(name)
            if target is None or len(target) != len(key):
                target = None
            known = self._keys.get(key, ...)
            if known is ...:
                payload = None if key in self._originals else (entry.value, target, etype)
                self._keys[key] = payload
                self._sorted.add(key)
                self.max_key = max(self.max_key, len(key))
                for i in range(1, min(_HEAD, len(key)) + 1):
                    self._heads.add(key[:i])
                self._letter_heads = self._letter_heads or not key[0].isdigit()
            elif known is not None and known[0].casefold() != owner:
                self._keys[key] = None  # two entries: ambiguous

    def taken(self, value: str) -> bool:
        """True if ``value``'s characters are already a key or an original's (a new number
        surrogate must not be either)."""
        key = compact(value)
        return len(key) >= MIN_NUMBER_KEY and (key in self._keys or key in self._originals)

    def may_find(self, chars: str) -> bool:
        """False only if :meth:`finditer` certainly finds nothing in a text whose
        :func:`number_chars` are ``chars`` (a match's key occurs in them)."""
        return any(key in chars for key in self._keys)

    def _could_start(self, atom: str) -> bool:
        return (atom[:_HEAD] if len(atom) >= _HEAD else atom) in self._heads

    def finditer(self, text: str, start: int = 0) -> Iterator[tuple[int, int, NumberPayload]]:
        """Leftmost-longest, non-overlapping number matches in ``text[start:]``."""
        if not self._keys:
            return
        keys, n, max_key = self._keys, len(text), self.max_key
        atoms = _ATOM if self._letter_heads else _DIGIT_ATOM
        last = start
        for m in atoms.finditer(text, start):
            s = m.start()
            if s < last:
                continue
            acc = m.group(0).upper()
            if not self._could_start(acc):
                continue
            if s > 0 and is_word_char(text[s - 1]):
                continue
            e = m.end()
            best: tuple[int, NumberPayload] | None = None
            while True:
                payload = keys.get(acc)
                if payload is not None and not (e < n and is_word_char(text[e])):
                    best = (e, payload)
                g = e
                while g < n and g - e <= _MAX_GAP and text[g] in _SEPARATORS:
                    g += 1
                if g == e or g - e > _MAX_GAP or g >= n or text[g] not in _ALNUM:
                    break
                nxt = _ATOM.match(text, g)
                assert nxt is not None
                acc += nxt.group(0).upper()
                e = nxt.end()
                if len(acc) > max_key:
                    break
            if best is not None:
                yield s, best[0], best[1]
                last = best[0]

    def hold_from(self, text: str, start: int) -> int | None:
        """The earliest position at or after ``start`` from which the end of ``text`` could
        still grow into a number match (``None``: nowhere)."""
        n = len(text)
        if not self._keys or n <= start:
            return None
        seps, alnum = _SEPARATORS, _ALNUM
        pos, gap = n, 0
        while pos > start and text[pos - 1] in seps:
            pos -= 1
            gap += 1
        if gap > _MAX_GAP:
            return None
        atoms: list[str] = []
        size = 0
        earliest = None
        while pos > start:
            a = pos
            while a > start and text[a - 1] in alnum:
                a -= 1
            if a == pos:
                break  # neither a group nor a separator: no run goes further back
            if not self._letter_heads and not text[a:pos].isdigit():
                break  # letters, and every key is digits: no run through here is a key
            atoms.append(text[a:pos])
            size += pos - a
            if size > self.max_key:
                break
            if not (a > 0 and is_word_char(text[a - 1])):
                tail = "".join(reversed(atoms)).upper()
                if self._sorted.has_prefix(tail, self._keys):
                    earliest = a
            g = a
            while g > start and text[g - 1] in seps:
                g -= 1
            if g == a or a - g > _MAX_GAP:
                break
            pos = g
        return earliest


# ---------------------------------------------------------------------- encoded emails
_JSON_CHAR = re.compile(r"\\u([0-9A-Fa-f]{4})")


def _decoded(value: str) -> str:
    """``value`` with percent-encoding, ``\\uXXXX`` escapes and HTML entities decoded."""
    if not any(c in value for c in "%\\&"):
        return value
    value = unquote(value)
    value = _JSON_CHAR.sub(lambda m: chr(int(m.group(1), 16)), value)
    return html.unescape(value)


def email_forms(surrogate: str, original: str) -> list[tuple[str, str]]:
    """(surrogate, original) written alike in each encoding a model uses for an email:
    plain, percent-encoded (``%40``), JSON-escaped (``\\u0040``) and HTML entities (``&#64;``,
    ``&#x40;``, ``&commat;``). The original is encoded the way the surrogate is, so a URL, a
    JSON string or an HTML page that held the surrogate stays valid with the original."""
    s, o = _decoded(surrogate), _decoded(original)
    forms = [(s, o), (quote(s, safe=""), quote(o, safe=""))]
    forms.append((s.replace("@", "\\u0040"),
                  json.dumps(o, ensure_ascii=False)[1:-1].replace("@", "\\u0040")))
    escaped = html.escape(o, quote=False)
    forms += [(s.replace("@", ent), escaped.replace("@", ent))
              for ent in ("&#64;", "&#x40;", "&commat;")]
    return [(a, b) for a, b in forms if a.casefold() != surrogate.casefold()]


# ---------------------------------------------------------------------- casing
def apply_case(seen: str, canonical: str, target: str) -> str:
    """Render ``target`` in the casing ``seen`` used relative to ``canonical``."""
    if seen == canonical:
        return target
    letters = [c for c in seen if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        return target.upper()
    if letters and all(c.islower() for c in letters):
        return target.lower()
    if seen.istitle() and not target.istitle():
        return target.title()
    return target


#: Payload of the restore index: (surrogate or surrogate part, original or part, entity type).
RestorePayload = tuple[str, str, str]
#: Payload of the recall index: (entry, recalled only when capitalised).
RecallPayload = tuple[Entry, bool]

_PLACEHOLDER_LABEL = re.compile(r"<([A-Z]+)_\d+>")


def _needs_capital(folded: str) -> bool:
    """A name that is also an ordinary word ("will", "may") is recalled only capitalised."""
    return folded in common_words()


def _add_recall_original(index: LiteralIndex[RecallPayload], entry: Entry) -> None:
    value = entry.value
    folded = value.casefold()
    index.add(value, (entry, " " not in folded and _needs_capital(folded)))


def _add_recall_part(index: LiteralIndex[RecallPayload], entry: Entry, part: str) -> None:
    folded = part.casefold()
    if folded not in index and len(folded) > 1:
        index.add(part, (entry, _needs_capital(folded)))


class VaultIndex:
    """One session's entries, indexed for restore, recall and collision checks.

    A per-process cache: built from a store's entries in their order, extended with the
    entries added since (:meth:`extend`), discarded when the store's epoch changes. The same
    entries in the same order always give the same index, in every worker. Thread-safe: hold
    :attr:`lock` for a consistent view across several calls.

    Args:
        epoch: the store's epoch of the session these entries belong to.
    """

    def __init__(self, epoch: str = "") -> None:
        self.epoch = epoch
        self.lock = threading.RLock()
        self._reset()

    def _reset(self) -> None:
        self._entries: list[Entry] = []
        self._by_original: dict[str, Entry] = {}
        #: literal entries by their exact text (see Entry.literal)
        self._literals: dict[str, Entry] = {}
        #: surrogates (and surrogate name parts) of document entries, casefolded
        self.documents: set[str] = set()
        self._by_surrogate: dict[str, Entry] = {}
        #: casefolded original name part -> surrogate part
        self.part_original: dict[str, str] = {}
        #: casefolded surrogate name part -> original part
        self.part_surrogate: dict[str, str] = {}
        self._part_canonical: dict[str, str] = {}  # casefold original part -> as first seen
        #: surrogates (and unambiguous surrogate name parts) -> (surrogate, original, type)
        self.restore_index: LiteralIndex[RestorePayload] = LiteralIndex()
        #: tokens / placeholders exactly as issued -> (original, type)
        self.shaped: dict[str, tuple[str, str]] = {}
        #: labels of the placeholders issued (``PERSON`` for ``<PERSON_1>``)
        self.labels: set[str] = set()
        #: number-like surrogates by their characters (phones, cards, IBANs, SSNs, IDs)
        self.numbers = NumberIndex()
        #: originals and name parts -> (entry, only when capitalised): session recall
        self.recall_index: LiteralIndex[RecallPayload] = LiteralIndex()
        #: casefolded originals of weak entries (Entry.weak) no confident detection in this
        #: process has confirmed yet: session recall leaves them alone
        self.unconfirmed: set[str] = set()
        self._confirmed: set[str] = set()
        self._since: tuple[tuple[int, int], LiteralIndex[RecallPayload], frozenset[str]] | None
        self._since = None
        self._added: tuple[tuple[int, int], VaultIndex] | None = None

    # ------------------------------------------------------------ reading
    @property
    def version(self) -> int:
        """Number of entries indexed (the store version this index has caught up with)."""
        return len(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def entries(self, since: int = 0) -> list[Entry]:
        with self.lock:
            return self._entries[since:]

    def by_original(self, value: str) -> Entry | None:
        """The entry whose original is ``value`` (any casing)."""
        return self._by_original.get(value.casefold())

    def literal(self, text: str) -> Entry | None:
        """The literal entry protecting exactly ``text`` (case-sensitive), if any."""
        return self._literals.get(text)

    def canonical(self, value: str) -> str:
        """``value`` as first written, if it is a known original or name part in other casing."""
        entry = self._by_original.get(value.casefold())
        if entry is not None:
            return entry.value
        return self._part_canonical.get(value.casefold(), value)

    def counts(self) -> dict[str, int]:
        with self.lock:
            return counts_of(self._entries)

    def collides(self, original: str, surrogate: str, parts: tuple[tuple[str, str], ...]) -> bool:
        """True if the candidate would make restoration ambiguous or equal an original."""
        folded = surrogate.casefold()
        if folded == original.casefold() or folded in self._by_surrogate:
            return True
        if self.numbers.taken(surrogate):
            return True  # the same digits as another number of the session, in other layout
        if folded in self._by_original or folded in self.part_original:
            return True
        for orig_part, surr_part in parts:
            sp = surr_part.casefold()
            op = orig_part.casefold()
            known = self.part_original.get(op)
            if known is not None and known.casefold() == sp:
                continue  # reusing this name part's established surrogate
            if sp == op:
                return True
            if sp in self._by_original or sp in self.part_original:
                return True
            mapped = self.part_surrogate.get(sp)
            if mapped is not None and mapped.casefold() != op:
                return True
            owner = self._by_surrogate.get(sp)
            if owner is not None and owner.original.casefold() != op:
                return True
        return False

    def recall_index_since(self, since: int) -> tuple[LiteralIndex[RecallPayload], frozenset[str]]:
        """A recall index of only the entries added after ``since``, and its anchors (cached)."""
        with self.lock:
            key = (since, self.version)
            if self._since is None or self._since[0] != key:
                index: LiteralIndex[RecallPayload] = LiteralIndex()
                for entry in self._entries[since:]:
                    _add_recall_original(index, entry)
                    for orig_part, _ in entry.parts:
                        _add_recall_part(index, entry, orig_part)
                self._since = (key, index, index.anchors())
            return self._since[1], self._since[2]

    def added_since(self, since: int) -> VaultIndex:
        """An index of only the entries added after ``since`` (cached): a text in which it
        finds no surrogate restores as it did at version ``since``."""
        with self.lock:
            key = (since, self.version)
            if self._added is None or self._added[0] != key:
                added = VaultIndex(self.epoch)
                added.extend(self._entries[since:])
                self._added = (key, added)
            return self._added[1]

    # ------------------------------------------------------------ building
    def extend(self, entries: Iterable[Entry]) -> None:
        """Index entries that follow the ones already indexed, in the store's order."""
        with self.lock:
            for entry in entries:
                self._add(entry)

    def confirm(self, original: str) -> None:
        """A confident detection of ``original``: recall may look for it from now on."""
        folded = original.casefold()
        with self.lock:
            self._confirmed.add(folded)
            self.unconfirmed.discard(folded)

    def truncate(self, version: int) -> None:
        """Keep only the first ``version`` entries (entries indexed ahead of the store that
        the store did not take): the index is built again from them, as it was at
        ``version``; the confirmations of weak entries stay."""
        with self.lock:
            if version >= len(self._entries):
                return
            kept, confirmed = self._entries[:max(0, version)], self._confirmed
            self._reset()
            self._confirmed = confirmed
            self.extend(kept)

    def clear(self) -> None:
        """Forget everything (the session was forgotten: restorers holding this index stop)."""
        with self.lock:
            self._reset()

    def _add(self, entry: Entry) -> None:
        value = entry.value  # the original, or a literal entry's exact text
        folded = value.casefold()
        variant = False  # a literal spelling of a value the index already knows
        if entry.literal:
            if value in self._literals:
                return
            self._literals[value] = entry
            variant = folded in self._by_original
        elif folded in self._by_original:
            return  # a store never holds two, but an index never trusts that blindly
        self._entries.append(entry)
        if not variant:
            self._by_original[folded] = entry
        self._by_surrogate[entry.surrogate.casefold()] = entry
        if entry.document:
            self.documents.add(entry.surrogate.casefold())
            self.documents.update(p.casefold() for _, p in entry.parts)
        self.numbers.add(entry)
        if SHAPE_RE.fullmatch(entry.surrogate):
            self.shaped[entry.surrogate] = (value, entry.entity_type)
            label = _PLACEHOLDER_LABEL.fullmatch(entry.surrogate)
            if label is not None:
                self.labels.add(label.group(1))
        else:
            self.restore_index.add(entry.surrogate, (entry.surrogate, value, entry.entity_type))
            if entry.entity_type == "EMAIL_ADDRESS":
                for surrogate, original in email_forms(entry.surrogate, value):
                    if surrogate not in self.restore_index:
                        self.restore_index.add(surrogate,
                                               (surrogate, original, entry.entity_type))
        if not variant:
            _add_recall_original(self.recall_index, entry)
            if entry.weak and folded not in self._confirmed:
                self.unconfirmed.add(folded)
        for orig_part, surr_part in entry.parts:
            self._add_part(entry, orig_part, surr_part)

    def _add_part(self, entry: Entry, orig_part: str, surr_part: str) -> None:
        op, sp = orig_part.casefold(), surr_part.casefold()
        self._part_canonical.setdefault(op, orig_part)
        self.part_original.setdefault(op, surr_part)
        self.part_surrogate.setdefault(sp, orig_part)
        if op in self.part_surrogate and self.part_surrogate[op].casefold() != op and \
                op not in self._by_surrogate:
            # a real name that is also another person's surrogate part: restoring that part
            # alone would be a guess, so only full surrogates restore it
            self.restore_index.remove(orig_part)
        # this name's own surrogate part still restores alone when it stands for this part
        # only ("Hi Melissa" -> "Hi John", though "John" is also a part of Maria's surrogate)
        if (sp not in self.restore_index and self.part_surrogate[sp].casefold() == op
                and sp not in self.part_original):
            self.restore_index.add(surr_part, (surr_part, orig_part, entry.entity_type))
        _add_recall_part(self.recall_index, entry, orig_part)

    def plan_import(self, entries: Iterable[Entry]) -> tuple[list[Entry], int]:
        """Which of ``entries`` a session with this index's entries must add to hold them all,
        and how many conflict with it (an original it maps to another surrogate, a surrogate
        or name part it uses for another value: what pseudonymize would never create).
        Entries it already holds exactly are skipped, so importing twice changes nothing."""
        with self.lock:
            scratch = VaultIndex(self.epoch)
            scratch.extend(self._entries)
        new: list[Entry] = []
        conflicts = 0
        for entry in entries:
            same = scratch._by_surrogate.get(entry.surrogate.casefold())
            if same is not None and same.original.casefold() == entry.original.casefold():
                continue  # held already (a literal entry too)
            known = None if entry.literal else scratch.by_original(entry.original)
            if known is not None:
                conflicts += known.surrogate.casefold() != entry.surrogate.casefold()
                continue
            # a literal entry's text may well be a surrogate: that is what it protects
            if ((not entry.literal and entry.value.casefold() in scratch._by_surrogate)
                    or scratch.collides(entry.original, entry.surrogate, entry.parts)):
                conflicts += 1
                continue
            scratch.extend([entry])
            new.append(entry)
        return new, conflicts

    def known_parts(self) -> Mapping[str, str]:
        """Casefolded original name part -> its surrogate part (a read-only view)."""
        return self.part_original

    def __repr__(self) -> str:
        return f"VaultIndex(entries={self.counts()})"
