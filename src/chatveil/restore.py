"""Restore: surrogates back to originals in one pass, whole texts or streamed chunks.

Restore needs only the session's entries, indexed (:class:`~chatveil.index.VaultIndex`): its
literal index finds every surrogate, longest first, on word boundaries, case-insensitively, in
one pass; tokens and placeholders are matched by shape so that models' changes of case or
spacing still restore.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator

from chatveil.index import SHAPE_RE, VaultIndex, apply_case, is_word_char

__all__ = ["Matcher", "StreamRestorer"]

_MAX_TOKEN_LEN = 48  # longest tolerated token/placeholder, spaces included


class Matcher:
    """Finds and replaces a session's surrogates; holds no state of its own."""

    def __init__(self, index: VaultIndex) -> None:
        self.index = index

    def finditer(self, text: str, start: int = 0) -> Iterator[tuple[int, int, object]]:
        """Leftmost-longest, non-overlapping surrogate matches at or after ``start``."""
        literals = self.index.restore_index.finditer(text, start)
        if "[" not in text and "<" not in text:
            yield from literals
            return
        shaped = ((m.start(), m.end(), m) for m in SHAPE_RE.finditer(text, start))
        found = sorted([*literals, *shaped],
                       key=lambda f: (f[0], f[0] - f[1]))
        last = start
        for s, e, payload in found:
            if s >= last:
                yield s, e, payload
                last = e

    def replace(self, text: str, payload: object, restored: Counter[str],
                unknown: list[int]) -> str:
        """The original for a matched ``text`` (or ``text`` itself if it is not ours)."""
        if isinstance(payload, tuple):
            surrogate, original, etype = payload
            restored[etype] += 1
            return apply_case(text, surrogate, original)
        m: re.Match[str] = payload  # type: ignore[assignment]
        if m.group("tok"):
            key = f"[PII_{m.group('tl').upper()}_{m.group('th').lower()}]"
        else:
            key = f"<{m.group('pl').upper()}_{int(m.group('pn'))}>"
        found = self.index.shaped.get(key)
        if found is None:
            unknown[0] += 1
            return text
        restored[found[1]] += 1
        return found[0]

    def restore(self, text: str, start: int = 0, restored: Counter[str] | None = None,
                unknown: list[int] | None = None) -> str:
        """Restore ``text[start:]`` (characters before ``start`` serve as context only)."""
        restored = restored if restored is not None else Counter()
        unknown = unknown if unknown is not None else [0]
        out: list[str] = []
        pos = start
        with self.index.lock:
            for s, e, payload in self.finditer(text, start):
                out.append(text[pos:s])
                out.append(self.replace(text[s:e], payload, restored, unknown))
                pos = e
        out.append(text[pos:])
        return "".join(out)

    def hold_from(self, buf: str) -> int:
        """Index of the earliest tail of ``buf`` that could still grow into a surrogate."""
        n = len(buf)
        hold = n
        # tokens / placeholders: an opening bracket not yet closed
        for opener, closer in (("[", "]"), ("<", ">")):
            i = buf.rfind(opener, max(0, n - _MAX_TOKEN_LEN))
            if i != -1 and buf.find(closer, i) == -1:
                hold = min(hold, i)
        index = self.index.restore_index
        for p in range(max(0, n - index.max_len), hold):
            # a surrogate starts at a word start, or with a non-word character
            if p and is_word_char(buf[p]) and is_word_char(buf[p - 1]):
                continue
            if index.could_start(buf[p]) and index.could_start(buf[p:]):
                return p
        return hold


class StreamRestorer:
    """Restores a stream of chunks, holding back only a tail that could begin a surrogate.

    ``"".join(feed(c) for c in chunks) + flush()`` equals restoring the concatenation.

    Args:
        index: the session's indexed entries.
        on_done: called with the restored counts and the number of unknown tokens at the end.
    """

    def __init__(self, index: VaultIndex,
                 on_done: Callable[[Counter[str], int], None] | None = None) -> None:
        self._index = index
        self._matcher = Matcher(index)
        self._buf = ""
        self._ctx = ""  # the last character already emitted, for look-behind
        self._restored: Counter[str] = Counter()
        self._unknown = [0]
        self._on_done = on_done
        self._closed = False

    @property
    def pending(self) -> int:
        """Number of characters held back."""
        return len(self._buf)

    def feed(self, chunk: str) -> str:
        """Add a chunk; return the restored text that is now final."""
        if not isinstance(chunk, str):
            raise TypeError(f"feed() expects str, got {type(chunk).__name__}")
        if self._closed:
            raise ValueError("this stream restorer was already flushed")
        if not chunk:
            return ""
        buf = self._buf + chunk
        matcher = self._matcher
        with self._index.lock:
            hold = matcher.hold_from(buf)
            if hold == 0:
                self._buf = buf
                return ""
            text = self._ctx + buf
            offset = len(self._ctx)
            cut = offset + hold
            out: list[str] = []
            pos = offset
            for s, e, payload in matcher.finditer(text, offset):
                if s >= cut:
                    break
                out.append(text[pos:s])
                out.append(matcher.replace(text[s:e], payload, self._restored, self._unknown))
                pos = e
        end = max(pos, cut)
        out.append(text[pos:end])
        self._ctx = text[end - 1]
        self._buf = text[end:]
        return "".join(out)

    def flush(self) -> str:
        """Emit whatever is held back; the stream is finished."""
        if self._closed:
            return ""
        self._closed = True
        text = self._ctx + self._buf
        out = self._matcher.restore(text, len(self._ctx), self._restored, self._unknown)
        self._buf = ""
        if self._on_done is not None:
            self._on_done(self._restored, self._unknown[0])
        return out

    def __repr__(self) -> str:
        return f"StreamRestorer(pending={self.pending})"
