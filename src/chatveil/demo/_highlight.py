"""Notebook display of detections: the text with each span marked, beside its pseudonymized form."""

from __future__ import annotations

import html
import uuid
from collections import Counter
from dataclasses import dataclass

from chatveil import Guard, Span

__all__ = ["Highlighted", "highlight"]

# One soft colour per entity type; anything else falls back to grey.
_COLOURS = {
    "PERSON": "#ffd6a5",
    "EMAIL_ADDRESS": "#caffbf",
    "PHONE_NUMBER": "#9bf6ff",
    "CREDIT_CARD": "#ffadad",
    "IBAN_CODE": "#ffc6ff",
    "US_SSN": "#ffadad",
    "IP_ADDRESS": "#bdb2ff",
    "API_KEY": "#fdffb6",
    "STREET_ADDRESS": "#a0c4ff",
    "LOCATION": "#a0c4ff",
}
_DEFAULT_COLOUR = "#e0e0e0"


@dataclass(frozen=True)
class Highlighted:
    """Detections in one text, shown as HTML in Jupyter.

    Attributes:
        text: the original text.
        spans: what the guard detected in it.
        pseudonymized: the text as a model would receive it.
        surrogate_spans: where each surrogate sits in ``pseudonymized`` (same order as
            ``spans``), or ``None`` if they could not be placed exactly.
    """

    text: str
    spans: tuple[Span, ...]
    pseudonymized: str
    surrogate_spans: tuple[tuple[int, int], ...] | None

    def counts(self) -> dict[str, int]:
        """Number of spans per entity type."""
        return dict(sorted(Counter(s.entity_type for s in self.spans).items()))

    def __repr__(self) -> str:  # no values: reprs end up in logs
        detail = ", ".join(f"{k}={v}" for k, v in self.counts().items()) or "none"
        return f"Highlighted({len(self.spans)} span(s): {detail})"

    def _repr_html_(self) -> str:
        original = _mark(self.text, [(s.start, s.end, s) for s in self.spans])
        if self.surrogate_spans is None:
            masked = html.escape(self.pseudonymized)
        else:
            masked = _mark(
                self.pseudonymized,
                [(a, b, s) for (a, b), s in zip(self.surrogate_spans, self.spans, strict=True)],
            )
        legend = " ".join(
            f'<span style="{_style(k)}">{html.escape(k)} &times; {v}</span>'
            for k, v in self.counts().items()
        )
        cell = "padding:4px 8px;vertical-align:top;text-align:left;white-space:pre-wrap"
        return (
            '<table style="border-collapse:collapse">'
            f'<tr><th style="{cell}">original</th><td style="{cell}">{original}</td></tr>'
            f'<tr><th style="{cell}">model receives</th><td style="{cell}">{masked}</td></tr>'
            f'<tr><th style="{cell}">detected</th><td style="{cell}">{legend or "nothing"}</td>'
            "</tr></table>"
        )


def _style(entity_type: str) -> str:
    colour = _COLOURS.get(entity_type, _DEFAULT_COLOUR)
    return f"background:{colour};border-radius:3px;padding:0 3px;color:#000"


def _mark(text: str, marks: list[tuple[int, int, Span]]) -> str:
    out: list[str] = []
    pos = 0
    for start, end, span in marks:
        out.append(html.escape(text[pos:start]))
        title = f"{span.entity_type} (score {span.score:.2f})"
        out.append(
            f'<mark style="{_style(span.entity_type)}" title="{html.escape(title)}">'
            f"{html.escape(text[start:end])}</mark>"
        )
        pos = end
    out.append(html.escape(text[pos:]))
    return "".join(out)


def highlight(guard: Guard, text: str, session_id: str | None = None) -> Highlighted:
    """Detect personal data in ``text`` and pseudonymize it, for display in a notebook.

    Args:
        guard: the guard to use.
        text: the text to inspect.
        session_id: the session whose surrogates to use; by default a throwaway session that is
            forgotten afterwards, so exploring leaves no vault behind.

    Returns:
        A :class:`Highlighted` whose ``_repr_html_`` marks each span in the original and each
        surrogate in the pseudonymized text.

    To place the surrogates, each detected value is pseudonymized once more on its own, so
    ``guard.metrics()`` counts those values twice.
    """
    throwaway = session_id is None
    sid = session_id or f"highlight-{uuid.uuid4().hex}"
    try:
        spans = tuple(guard.detect(text))
        masked = guard.pseudonymize(text, session_id=sid)
        placed = _place_surrogates(guard, text, spans, masked, sid)
    finally:
        if throwaway:
            guard.forget(sid)
    return Highlighted(text, spans, masked, placed)


def _place_surrogates(
    guard: Guard, text: str, spans: tuple[Span, ...], masked: str, sid: str
) -> tuple[tuple[int, int], ...] | None:
    """Offsets of each span's surrogate in ``masked``.

    The surrogate of each value is looked up by pseudonymizing the value alone in the same
    session (session recall maps a known original to its surrogate). If rebuilding the text
    from those pieces does not give exactly ``masked`` (the guard replaced more or less than
    ``spans``), the surrogates are not placed.
    """
    pieces: list[str] = []
    placed: list[tuple[int, int]] = []
    pos = 0
    length = 0
    for span in spans:
        before = text[pos : span.start]
        surrogate = guard.pseudonymize(text[span.start : span.end], session_id=sid)
        pieces += [before, surrogate]
        length += len(before)
        placed.append((length, length + len(surrogate)))
        length += len(surrogate)
        pos = span.end
    pieces.append(text[pos:])
    return tuple(placed) if "".join(pieces) == masked else None
