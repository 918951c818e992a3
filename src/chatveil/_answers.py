"""The restore side of a guard, given a session's per-process state (``Live``).

Restoring a text in one pass (counted, ``on_unrestored`` applied), the ``output_pii`` screen of
a model's answer, and the restorer of streamed chunks (the guard adds the screen). Which
session's state to restore with is the guard's choice (``Guard._open_to_restore``); the
algorithm lives in :mod:`chatveil.restore` and :mod:`chatveil.output`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from chatveil._live import Live, detect
from chatveil._metrics import Metrics
from chatveil.detect import Detector
from chatveil.output import OutputScreen
from chatveil.pseudonymize import Pseudonymizer
from chatveil.restore import Matcher, StreamRestorer, raise_if_unrestored

__all__ = ["output_screen", "restore_text", "stream_restorer"]


def restore_text(text: str, live: Live, on_unrestored: str, metrics: Metrics) -> str:
    """``text`` with the session's originals back in place of its surrogates."""
    restored: Counter[str] = Counter()
    unknown: Counter[str] = Counter()
    out = Matcher(live.state.index, on_unrestored).restore(text, 0, restored, unknown)
    metrics.add_restore(restored, sum(unknown.values()))
    if on_unrestored == "raise":
        raise_if_unrestored(unknown)
    return out


def stream_restorer(live: Live, on_unrestored: str, metrics: Metrics) -> StreamRestorer:
    """A restorer of the session's surrogates in streamed chunks (counted when done)."""
    return StreamRestorer(live.state.index, on_done=metrics.add_restore,
                          on_unrestored=on_unrestored)


def output_screen(live: Live, sent: Sequence[str], output_pii: str, detector: Detector,
                  pseudonymizer: Pseudonymizer, metrics: Metrics) -> OutputScreen | None:
    """The ``output_pii`` screen of an answer in the session (``None`` with ``pass``)."""
    if output_pii == "pass":
        return None
    state = live.state
    return OutputScreen(
        output_pii,
        lambda text: detect(detector, text, live),
        state.index,
        lambda value, etype: pseudonymizer.stand_in(state, value, etype),
        sent,
        metrics.add_output,
    )

