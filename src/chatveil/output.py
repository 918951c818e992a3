"""Personal data the model writes on its own: ``GuardConfig.output_pii``.

A model can write personal data the user never sent: an address from its training data, a
made-up phone number, a name it guessed. Such values are not in the session's vault, so
restore leaves them as they are. :class:`OutputScreen` finds them in a raw answer (the text
as the model wrote it, before restore): detected spans that are not a surrogate or stand-in of
the session, not an original the session knows, and not a value found in what was sent.

- ``pass`` (default): nothing is checked.
- ``mask``: each such value is replaced by a stand-in of the session (``<EMAIL_2>``), so the
  user sees the answer with those values masked; the same value gets the same stand-in for
  the session in this process. The value itself is neither shown nor stored: the stand-in
  is reserved in the vault and always restores to itself.
- ``raise``: :class:`~chatveil.errors.PIILeakError` naming entity types and counts.

Streaming (:class:`ScreenedStream`) screens each completed line or sentence, so output is
held back until the end of the sentence it belongs to (plus what restore holds back).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Protocol, runtime_checkable

from chatveil.config import OUTPUT_PII
from chatveil.errors import PIILeakError
from chatveil.index import VaultIndex
from chatveil.pseudonymize import SHAPED, recall_spans
from chatveil.restore import Matcher, StreamRestorer
from chatveil.spans import Span, resolve_overlaps

__all__ = ["OUTPUT_PII", "AnswerStream", "OutputScreen", "ScreenedStream"]

#: Where a streamed answer may be cut for screening: after a line, or a sentence's end.
_BOUNDARY = re.compile(r"\n|[.!?…。！？][\"')\]]*(?=\s)")
#: Longest text held back without a boundary before it is cut at a space.
MAX_HOLD = 2000


@runtime_checkable
class AnswerStream(Protocol):
    """What :meth:`chatveil.Guard.stream_restorer` returns: a
    :class:`~chatveil.restore.StreamRestorer`, or a :class:`ScreenedStream` around one."""

    @property
    def pending(self) -> int: ...

    def feed(self, chunk: str) -> str: ...

    def flush(self) -> str: ...


class OutputScreen:
    """Finds, counts and masks (or refuses) the personal data a model wrote in one answer.

    Args:
        mode: ``"mask"`` or ``"raise"``.
        detect: the guard's detection (fails closed: its errors propagate).
        index: the session's indexed entries.
        stand_in: the session's stand-in for a value of an entity type (``mask``).
        sent: the texts sent to the model in this call (values found in them are the user's).
        on_found: told the counts by entity type of each screened piece.
    """

    def __init__(
        self,
        mode: str,
        detect: Callable[[str], list[Span]],
        index: VaultIndex,
        stand_in: Callable[[str, str], str],
        sent: Sequence[str] = (),
        on_found: Callable[[Counter[str]], None] | None = None,
    ) -> None:
        if mode not in ("mask", "raise"):
            raise ValueError(f"output screening mode must be mask or raise, not {mode!r}")
        self.mode = mode
        self._detect = detect
        self._index = index
        self._stand_in = stand_in
        self._sent = "\n".join(sent).casefold()
        self._on_found = on_found

    def model_written(self, text: str) -> list[Span]:
        """Spans of personal data in ``text`` that the model wrote on its own."""
        if not text.strip():
            return []
        spans = self._detect(text)
        if not spans:
            return []
        index = self._index
        with index.lock:
            ours = [(s, e) for s, e, _ in Matcher(index).finditer(text)]
            ours += [(s.start, s.end) for s in recall_spans(text, index)]
        if "[" in text or "<" in text:
            ours += [m.span() for m in SHAPED.finditer(text)]
        found = []
        for span in resolve_overlaps(list(spans)):
            if any(a < span.end and span.start < b for a, b in ours):
                continue  # a surrogate, a stand-in or an original of the session
            if text[span.start:span.end].casefold() in self._sent:
                continue  # a value that was sent (detection missed it there)
            found.append(span)
        return found

    def report(self, counts: Counter[str]) -> None:
        """Tell the counts to whoever listens (metrics, tallies)."""
        if self._on_found is not None:
            self._on_found(counts)

    def screen(self, text: str, counts: Counter[str] | None = None) -> str:
        """``text`` with the model-written values masked (``mask``), or unchanged.

        Args:
            text: a raw answer, or a piece of one.
            counts: add the counts here instead of reporting them (a stream reports its
                total when it ends).

        Raises:
            PIILeakError: ``raise`` mode and the model wrote personal data.
            DetectionError: detection failed (nothing is returned unscreened).
        """
        found = self.model_written(text)
        if not found:
            return text
        found_counts = Counter(s.entity_type for s in found)
        if counts is not None and self.mode == "mask":
            counts.update(found_counts)
        else:
            self.report(found_counts)
        if self.mode == "raise":
            raise PIILeakError(found_counts, where="user (written by the model)")
        out, pos = [], 0
        for span in found:
            out.append(text[pos:span.start])
            out.append(self._stand_in(text[span.start:span.end], span.entity_type))
            pos = span.end
        out.append(text[pos:])
        return "".join(out)


class ScreenedStream:
    """A :class:`~chatveil.restore.StreamRestorer` that screens each completed line or
    sentence of the raw answer before restoring it.

    Holds back the text after the last line or sentence end (at most :data:`MAX_HOLD`
    characters, then it cuts at a space), never cutting inside a surrogate.

    Args:
        screen: the call's output screen.
        restorer: the stream restorer the screened text goes to.
        index: the session's indexed entries.
    """

    def __init__(self, screen: OutputScreen, restorer: StreamRestorer, index: VaultIndex) -> None:
        self._screen = screen
        self._restorer = restorer
        self._matcher = Matcher(index)
        self._index = index
        self._buf = ""
        self._counts: Counter[str] = Counter()

    def report(self) -> None:
        """Report the counts found so far (done by :meth:`flush`)."""
        if self._counts:
            self._screen.report(self._counts)
        self._counts = Counter()

    @property
    def pending(self) -> int:
        """Number of characters held back."""
        return len(self._buf) + self._restorer.pending

    def feed(self, chunk: str) -> str:
        """Add a chunk; return the screened, restored text that is now final."""
        if not isinstance(chunk, str):
            raise TypeError(f"feed() expects str, got {type(chunk).__name__}")
        buf = self._buf + chunk
        cut = self._cut(buf)
        if cut == 0:
            self._buf = buf
            return self._restorer.feed("")
        self._buf = buf[cut:]
        return self._restorer.feed(self._screen.screen(buf[:cut], self._counts))

    def flush(self) -> str:
        """Screen and restore whatever is held back; the stream is finished."""
        tail, self._buf = self._buf, ""
        out = self._restorer.feed(self._screen.screen(tail, self._counts)) if tail else ""
        self.report()
        return out + self._restorer.flush()

    def _cut(self, buf: str) -> int:
        with self._index.lock:
            hold = self._matcher.hold_from(buf)
            inside = [(s, e) for s, e, _ in self._matcher.finditer(buf[:hold])]
        cut = 0
        for m in _BOUNDARY.finditer(buf, 0, hold):
            end = m.end()
            if not any(s < end < e for s, e in inside):
                cut = end
        if cut == 0 and hold > MAX_HOLD:
            space = buf.rfind(" ", 0, hold)
            while space > 0 and any(s < space < e for s, e in inside):
                space = buf.rfind(" ", 0, space)
            cut = space + 1 if space > 0 else hold
        return cut

    def __repr__(self) -> str:
        return f"ScreenedStream(pending={self.pending})"
