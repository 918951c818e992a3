"""Restore: surrogates back to originals in one pass, whole texts or streamed chunks.

Restore needs only the session's entries, indexed (:class:`~chatveil.index.VaultIndex`). Three
finders run over the text and their matches are merged leftmost-longest:

- the literal index: every surrogate (and surrogate name part) exactly, case-insensitively, on
  word boundaries, and email surrogates in their encoded forms (``%40``, ``\\u0040``,
  ``&#64;``);
- the number index: phones, cards, IBANs, SSNs and national IDs by their characters alone,
  whatever separators, brackets and country-code forms the model wrote them with;
- the shape pattern: tokens and placeholders as models mangle them (other case or spacing,
  other brackets, escaped brackets, no brackets, hyphens).

What comes back (see ``docs/concepts/surrogates.md``): an exact surrogate gives the original
as the user wrote it; a number in another layout gives the original's characters in the
model's layout; an encoded or escaped surrogate gives the original encoded or escaped the same
way. A token or placeholder shape the vault does not know is *unrestored*: it is counted, and
``on_unrestored`` decides whether it is left as it is, marked, or raises.
"""

from __future__ import annotations

import functools
import html
import json
import re
from collections import Counter
from collections.abc import Callable, Iterator

from chatveil.errors import UnrestoredSurrogateError
from chatveil.index import NumberPayload, VaultIndex, apply_case, lay_out

__all__ = ["UNRESTORED_MARK", "Matcher", "StreamRestorer", "raise_if_unrestored"]

#: How ``on_unrestored="mark"`` wraps an unrestored surrogate (exactly as the model wrote it).
UNRESTORED_MARK = "[unrestored: {}]"


# ---------------------------------------------------------------------- shape grammar
class _Piece:
    """A piece of a shape pattern: its regex (``full``, with named groups; ``plain``, without)
    and a regex for every proper prefix of a match (what streaming must hold back because
    more text could complete it)."""

    __slots__ = ("full", "plain", "prefix")

    def __init__(self, full: str, prefix: str, plain: str | None = None) -> None:
        self.full = full
        self.prefix = prefix
        self.plain = full if plain is None else plain


def _lit(*alternatives: str) -> _Piece:
    """Literal alternatives, longest first (``{{`` before ``{``)."""
    longest = sorted(alternatives, key=len, reverse=True)
    prefixes = sorted({a[:k] for a in alternatives for k in range(len(a))}, key=len, reverse=True)
    return _Piece("(?:" + "|".join(re.escape(a) for a in longest) + ")",
                  "(?:" + "|".join(re.escape(p) for p in prefixes) + ")")


def _rep(cls: str, low: int, high: int) -> _Piece:
    return _Piece(f"{cls}{{{low},{high}}}", f"{cls}{{0,{high}}}")


def _look(assertion: str) -> _Piece:
    """A zero-width assertion: a match ending just before it may still change with more text."""
    return _Piece(assertion, "")


def _seq(*pieces: _Piece) -> _Piece:
    prefix = "|".join("".join(p.plain for p in pieces[:i]) + pieces[i].prefix
                      for i in range(len(pieces)))
    return _Piece("".join(p.full for p in pieces), f"(?:{prefix})",
                  "".join(p.plain for p in pieces))


def _alt(*pieces: _Piece) -> _Piece:
    return _Piece("(?:" + "|".join(p.full for p in pieces) + ")",
                  "(?:" + "|".join(p.prefix for p in pieces) + ")",
                  "(?:" + "|".join(p.plain for p in pieces) + ")")


def _group(name: str, piece: _Piece) -> _Piece:
    return _Piece(f"(?P<{name}>{piece.full})", piece.prefix, piece.plain)


def _case_sensitive(piece: _Piece) -> _Piece:
    return _Piece(f"(?-i:{piece.full})", f"(?-i:{piece.prefix})", f"(?-i:{piece.plain})")


#: Angle brackets as written, HTML-, Markdown- or JSON-escaped: a placeholder of any label in
#: them is a surrogate shape (as ``<PERSON_1>`` always was).
_ANGLE = ("<", "&lt;", "&#60;", "&#x3c;", "\\<", "\\u003c")
#: Other brackets: "[Figure 1]" is ordinary text, so only tokens and the session's own
#: placeholder labels count in them.
_OTHER = ("[", "\\[", "{", "{{")
_CLOSE = _alt(_lit(">", "&gt;", "&#62;", "&#x3e;", "\\>", "\\u003e", "\\]", "}", "}}"),
              _seq(_lit("]"), _look(r"(?!\()")))  # "[x](url)" is a link: not a bracket pair
_PAD = _rep(r"\s", 0, 3)
_SEP = _rep(r"[\s_\-\\]", 0, 4)
_LABEL = _rep("[A-Za-z]", 1, 24)
_HEX = _rep("[0-9A-Fa-f]", 8, 8)
_NUMBER = _rep(r"\d", 1, 6)
_TOKEN_BODY = _seq(_lit("PII"), _SEP, _LABEL, _SEP, _HEX)
_BARE_SEP = _lit("_", "-", "\\_")
_BARE_TOKEN = _seq(_look(r"(?<!\w)"), _lit("PII"), _BARE_SEP, _LABEL, _BARE_SEP, _HEX,
                   _look(r"(?!\w)"))
#: Longest text a shape can span (openers and closers of 6, pads of 3, separators of 4).
SHAPE_MAX_LEN = 6 + 3 + 3 + 4 + 24 + 4 + 8 + 3 + 6
_BODY_PARTS = re.compile(
    r"(?:(?P<pii>PII)[\s_\-\\]*)?(?P<label>[A-Za-z]+?)[\s_\-\\]*"
    r"(?P<value>[0-9A-Fa-f]{8}|\d{1,6})", re.IGNORECASE)


class _Shapes:
    """The compiled shape pattern for a set of placeholder labels, and its prefix pattern."""

    def __init__(self, labels: tuple[str, ...]) -> None:
        angle_body = _alt(_TOKEN_BODY, _seq(_LABEL, _SEP, _NUMBER))
        other_body = _TOKEN_BODY
        bare = [_BARE_TOKEN]
        if labels:
            other_body = _alt(_TOKEN_BODY, _seq(_lit(*labels), _SEP, _NUMBER))
            bare.append(_case_sensitive(_seq(
                _look(r"(?<!\w)"), _lit(*labels), _BARE_SEP, _NUMBER, _look(r"(?!\w)"))))
        shape = _alt(
            _seq(_group("open", _lit(*_ANGLE)), _PAD, _group("body", angle_body), _PAD, _CLOSE),
            _seq(_group("open2", _lit(*_OTHER)), _PAD, _group("body2", other_body), _PAD,
                 _CLOSE),
            _group("bare", _alt(*bare)))
        self.pattern = re.compile(shape.full, re.IGNORECASE)
        self.prefix = re.compile(shape.prefix, re.IGNORECASE)
        self.starts = frozenset("<&\\[{Pp" + "".join(label[0] for label in labels))

    def hold_from(self, text: str, start: int) -> int | None:
        """The earliest position at or after ``start`` where the end of ``text`` could still
        grow into a shape (``None``: nowhere)."""
        n = len(text)
        for p in range(max(start, n - SHAPE_MAX_LEN), n):
            if text[p] in self.starts and self.prefix.fullmatch(text, p):
                return p
        return None


@functools.lru_cache(maxsize=64)
def _shapes(labels: frozenset[str]) -> _Shapes:
    return _Shapes(tuple(sorted(labels, key=lambda label: (-len(label), label))))


def _markdown(value: str) -> str:
    return re.sub(r"([\\`*_\[\]<>])", r"\\\1", value)


def _encoder(matched: str, opener: str | None) -> Callable[[str], str]:
    """How the original is written where the model wrote ``matched``."""
    if opener is None:
        return _markdown if "\\" in matched else str
    opener = opener.lower()
    if opener.startswith("&"):
        return lambda v: html.escape(v, quote=False)
    if opener == "\\u003c":
        return lambda v: json.dumps(v, ensure_ascii=False)[1:-1]
    if opener.startswith("\\"):
        return _markdown
    return str


def raise_if_unrestored(unknown: Counter[str]) -> None:
    """Raise :class:`UnrestoredSurrogateError` if any surrogate shape was left unrestored."""
    if unknown:
        raise UnrestoredSurrogateError(unknown)


# ---------------------------------------------------------------------- matcher
_STARTS = re.compile(r"\b\w|\W")


#: A match: start, end, and what it is (a literal's payload, a number, a shape's match).
_Found = tuple[int, int, object]


class _Number:
    """A number-index match (told apart from literal matches, which are tuples too)."""

    __slots__ = ("value",)

    def __init__(self, value: NumberPayload) -> None:
        self.value = value


class Matcher:
    """Finds and replaces a session's surrogates; holds no state of its own.

    Args:
        index: the session's indexed entries.
        on_unrestored: ``"mark"`` wraps a surrogate shape the vault does not know in
            :data:`UNRESTORED_MARK`; otherwise it is left as it is (``"raise"`` is up to the
            caller, after counting).
    """

    def __init__(self, index: VaultIndex, on_unrestored: str = "ignore") -> None:
        self.index = index
        self.on_unrestored = on_unrestored
        self._labels = (0, -1)
        self._shape = _shapes(frozenset())

    def _shapes(self) -> _Shapes:
        labels = self.index.labels  # a set that only grows, replaced when the index is cleared
        key = (id(labels), len(labels))
        if key != self._labels:
            self._shape = _shapes(frozenset(labels))
            self._labels = key
        return self._shape

    def finditer(self, text: str, start: int = 0) -> Iterator[_Found]:
        """Leftmost-longest, non-overlapping surrogate matches at or after ``start``."""
        index = self.index
        literals: list[_Found] = [*index.restore_index.finditer(text, start)]
        numbers: list[_Found] = [
            (s, e, _Number(p)) for s, e, p in index.numbers.finditer(text, start)
        ] if len(index.numbers) else []
        shaped: list[_Found] = [
            (m.start(), m.end(), m) for m in self._shapes().pattern.finditer(text, start)]
        sources = [found for found in (literals, numbers, shaped) if found]
        if len(sources) == 1:
            yield from sources[0]
            return
        found = sorted((f for source in sources for f in source), key=lambda f: (f[0], f[0] - f[1]))
        last = start
        for s, e, payload in found:
            if s >= last:
                yield s, e, payload
                last = e

    def replace(self, text: str, payload: object, restored: Counter[str],
                unknown: Counter[str]) -> str:
        """The original for a matched ``text`` (or ``text`` itself if it is not ours)."""
        if isinstance(payload, _Number):
            original, target, etype = payload.value
            restored[etype] += 1
            return original if target is None else lay_out(text, target)
        if isinstance(payload, tuple):
            surrogate, original, etype = payload
            restored[etype] += 1
            return apply_case(text, surrogate, original)
        m = payload
        assert isinstance(m, re.Match)
        if m.group("open") is not None:
            opener, body = m.group("open"), m.group("body")
        elif m.group("open2") is not None:
            opener, body = m.group("open2"), m.group("body2")
        else:
            opener, body = None, m.group(0)
        parts = _BODY_PARTS.fullmatch(body.replace("\\", ""))
        assert parts is not None, "the shape pattern only matches parseable bodies"
        label = parts.group("label").upper()
        if parts.group("pii") and len(parts.group("value")) == 8:
            key = f"[PII_{label}_{parts.group('value').lower()}]"
        else:
            key = f"<{label}_{int(parts.group('value'))}>"
        found = self.index.shaped.get(key)
        if found is None:
            unknown[label] += 1
            return UNRESTORED_MARK.format(text) if self.on_unrestored == "mark" else text
        if found[0] == key:  # a stand-in reserved as itself: not restored, left as written
            return text
        restored[found[1]] += 1
        return _encoder(text, opener)(found[0])

    def restore(self, text: str, start: int = 0, restored: Counter[str] | None = None,
                unknown: Counter[str] | None = None) -> str:
        """Restore ``text[start:]`` (characters before ``start`` serve as context only)."""
        restored = restored if restored is not None else Counter()
        unknown = unknown if unknown is not None else Counter()
        out: list[str] = []
        pos = start
        with self.index.lock:
            for s, e, payload in self.finditer(text, start):
                out.append(text[pos:s])
                out.append(self.replace(text[s:e], payload, restored, unknown))
                pos = e
        out.append(text[pos:])
        return "".join(out)

    def hold_from(self, text: str, start: int = 0) -> int:
        """Index of the earliest tail of ``text[start:]`` that could still grow into a
        surrogate (``len(text)`` if none); characters before ``start`` are context."""
        n = hold = len(text)
        shape = self._shapes().hold_from(text, start)
        if shape is not None:
            hold = shape
        number = self.index.numbers.hold_from(text, start)
        if number is not None and number < hold:
            hold = number
        index = self.index.restore_index
        # a surrogate starts at a word start, or with a non-word character
        for m in _STARTS.finditer(text, max(start, n - index.max_len), hold):
            if index.could_start(text[m.start():]):
                return m.start()
        return hold


# ---------------------------------------------------------------------- streaming
class StreamRestorer:
    """Restores a stream of chunks, holding back only a tail that could begin a surrogate.

    ``"".join(feed(c) for c in chunks) + flush()`` equals restoring the concatenation (with
    ``on_unrestored="raise"``: one raises if and only if the other does).

    Args:
        index: the session's indexed entries.
        on_done: called with the restored counts and the number of unrestored surrogate shapes
            at the end (or when the restorer raises).
        on_unrestored: ``"ignore"``, ``"mark"`` or ``"raise"`` (see ``GuardConfig``).
    """

    def __init__(self, index: VaultIndex,
                 on_done: Callable[[Counter[str], int], None] | None = None,
                 *, on_unrestored: str = "ignore") -> None:
        self._index = index
        self._matcher = Matcher(index, on_unrestored)
        self._raise = on_unrestored == "raise"
        self._buf = ""
        self._ctx = ""  # the last character already emitted, for look-behind
        self._restored: Counter[str] = Counter()
        self._unknown: Counter[str] = Counter()
        self._on_done = on_done
        self._closed = False

    @property
    def pending(self) -> int:
        """Number of characters held back."""
        return len(self._buf)

    def feed(self, chunk: str) -> str:
        """Add a chunk; return the restored text that is now final.

        Raises:
            UnrestoredSurrogateError: ``on_unrestored="raise"`` and the text now final holds a
                surrogate shape the vault does not know (the restorer is then closed).
        """
        if not isinstance(chunk, str):
            raise TypeError(f"feed() expects str, got {type(chunk).__name__}")
        if self._closed:
            raise ValueError("this stream restorer was already flushed")
        if not chunk:
            return ""
        text = self._ctx + self._buf + chunk
        offset = len(self._ctx)
        matcher = self._matcher
        with self._index.lock:
            cut = matcher.hold_from(text, offset)
            if cut == offset:
                self._buf = text[offset:]
                return ""
            out: list[str] = []
            pos = offset
            for s, e, payload in matcher.finditer(text, offset):
                if s >= cut:
                    break
                out.append(text[pos:s])
                out.append(matcher.replace(text[s:e], payload, self._restored, self._unknown))
                pos = e
        if self._raise and self._unknown:
            self._fail()
        end = max(pos, cut)
        out.append(text[pos:end])
        self._ctx = text[end - 1]
        self._buf = text[end:]
        return "".join(out)

    def flush(self) -> str:
        """Emit whatever is held back; the stream is finished.

        Raises:
            UnrestoredSurrogateError: as :meth:`feed`.
        """
        if self._closed:
            return ""
        text = self._ctx + self._buf
        out = self._matcher.restore(text, len(self._ctx), self._restored, self._unknown)
        if self._raise and self._unknown:
            self._fail()
        self._closed = True
        self._buf = ""
        self._done()
        return out

    def _fail(self) -> None:
        self._closed = True
        self._buf = ""
        self._done()
        raise_if_unrestored(self._unknown)

    def _done(self) -> None:
        if self._on_done is not None:
            self._on_done(self._restored, sum(self._unknown.values()))

    def __repr__(self) -> str:
        return f"StreamRestorer(pending={self.pending})"
