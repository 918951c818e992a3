"""A session's per-process caches (:class:`Live`) and what is recorded in them.

Besides the session's state (its index and remembered texts), a process keeps for each session
the detection-cache keys of the texts detected in it, so that ``forget`` can erase those cache
entries too: every detection for a session goes through :func:`detect` or :func:`detect_many`
here, which record them. With a store that shares remembered texts, the session also has a
memo key (where a text's remembered result is stored, bound to the detector's configuration
and the pseudonymizing options) and hands a batch's results over with its entries
(:func:`handover_results`).
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from chatveil._version import __version__
from chatveil.config import GuardConfig
from chatveil.detect import CachingDetector, Detector
from chatveil.detect._errors import OWN_ERRORS, detection_failure
from chatveil.pseudonymize import SessionState
from chatveil.spans import Span
from chatveil.state import VaultStore
from chatveil.state._handover import HandOver
from chatveil.state.stores import CommittingStore, HandingOverStore

__all__ = [
    "Live",
    "cache_keys",
    "detect",
    "detect_many",
    "erase",
    "handover_results",
    "memo_fingerprint",
    "new_live",
    "session_key",
    "track",
]

#: Results handed over with a batch's entries: at most this many, of texts up to this long
#: (the session shares the rest at its next catch-up, within its own bounds).
_HANDOVER_MAX = 256
_HANDOVER_CHARS = 16_000
#: the store keys of a session's texts kept per session (then they start over)
_MEMO_KEYS = 1024

_T = TypeVar("_T")


@dataclass
class Live:
    """A session's per-process caches: its state (index, remembered texts) and the keys of
    the detection-cache entries of the texts seen in it."""

    state: SessionState
    detection_keys: set[str] = field(default_factory=set)
    #: the store of the session when it takes a batch's results with its entries
    handover: HandOver | None = None
    #: the store key of a text's remembered result (None: not shared)
    memo_key: Callable[[str], bytes | None] | None = None
    #: the store keys made so far (text -> key), kept by ``memo_key``; erased with the rest
    memo_keys: dict[str, bytes] = field(default_factory=dict)


def memo_fingerprint(config: GuardConfig) -> bytes:
    """What a remembered text's result depends on besides its detection: workers share
    results only under the same version and pseudonymizing options."""
    return hashlib.sha256(json.dumps(
        [__version__, config.strategy, sorted(config.strategies.items()),
         config.session_recall, config.strict], default=str).encode()).hexdigest().encode()


def session_key(secret: bytes, session_id: str) -> bytes:
    """The session's own key (keyed HMAC of its id)."""
    return hmac.new(secret, b"session\x00" + session_id.encode(), hashlib.sha256).digest()


def new_live(session_id: str, key: bytes, detector: Detector, store: VaultStore,
             fingerprint: bytes) -> Live:
    """A session's caches, new to this process; its texts' results are shared when the
    detector caches (a cache key binds its configuration) and the store hands them over;
    its turns commit in one store call where the store can (see
    :meth:`~chatveil.pseudonymize.SessionState.committed`)."""
    memo_key = None
    keys: dict[str, bytes] = {}
    if isinstance(detector, CachingDetector):
        caching = detector
        prefix = b"remembered\x00" + fingerprint + b"\x00"
        # a turn asks for a new text's key (in case the store refuses the turn) and hands
        # its result over under it: two HMACs of the text each time, so the keys are kept

        def memo_key(text: str) -> bytes | None:
            made = keys.get(text)
            if made is not None:
                return made
            found = caching.cache_key(text)  # binds the detector's configuration
            if found is None:
                return None
            made = hmac.new(key, prefix + found.encode(), hashlib.sha256).digest()
            if len(keys) >= _MEMO_KEYS:
                keys.clear()
            keys[text] = made
            return made

    if memo_key is not None and isinstance(store, HandingOverStore):
        handover = HandOver(store)
        alone = bool(getattr(store, "hands_over_alone", False))
        return Live(SessionState(session_id, key, handover, memo_key,
                                 committing=handover if handover.commits else None,
                                 hand_over_alone=alone),
                    handover=handover, memo_key=memo_key, memo_keys=keys)
    committing = store if isinstance(store, CommittingStore) else None
    return Live(SessionState(session_id, key, store, memo_key, committing=committing),
                memo_keys=keys)


def erase(detector: Detector, live: Live) -> None:
    """Clear a session's caches and the detection-cache entries of its texts."""
    live.state.clear()
    live.memo_keys.clear()
    if live.detection_keys and isinstance(detector, CachingDetector):
        detector.evict(live.detection_keys)
    live.detection_keys.clear()


def cache_keys(detector: Detector, texts: Iterable[str]) -> list[str]:
    """The detection-cache keys of the non-blank ``texts`` (none when the detector does
    not cache)."""
    if not isinstance(detector, CachingDetector):
        return []
    keys = (detector.cache_key(t) for t in texts if t.strip())
    return [k for k in keys if k is not None]


def track(detector: Detector, live: Live | None, texts: Iterable[str]) -> None:
    """Remember the detection-cache keys of a session's texts (``forget`` erases them)."""
    if live is not None:
        live.detection_keys.update(cache_keys(detector, texts))


def _failing_closed(run: Callable[[], _T]) -> _T:
    """``run()``; any error but chatveil's own becomes a DetectionError."""
    try:
        return run()
    except OWN_ERRORS:
        raise
    except Exception as exc:
        raise detection_failure(exc) from None


def detect(detector: Detector, text: str, live: Live | None) -> list[Span]:
    """Spans of ``text``, recorded as a text of ``live`` (if given). Fails closed."""
    spans = _failing_closed(lambda: detector.detect(text))
    track(detector, live, [text])
    return spans


def detect_many(detector: Detector, texts: list[str], live: Live, *, batch_size: int,
                progress: Any) -> list[list[Span]]:
    """Spans of each of ``texts``, recorded as texts of ``live``. Fails closed."""
    if not texts:
        return []
    found = _failing_closed(
        lambda: detector.detect_many(texts, batch_size=batch_size, progress=progress))
    track(detector, live, texts)
    return found


def handover_results(live: Live, texts: Iterable[str]) -> list[tuple[bytes, bytes]]:
    """The results the session remembers for ``texts`` (just pseudonymized), as store
    keys and values, to hand over."""
    state, memo_key = live.state, live.memo_key
    if memo_key is None:
        return []
    epoch = state.index.epoch
    made: list[tuple[bytes, bytes]] = []
    for text in dict.fromkeys(texts):
        memo = state.remembered(text)
        if memo is None or len(memo.masked) > _HANDOVER_CHARS:
            continue
        key = memo_key(text)
        if key is not None:
            made.append((key, memo.encode(epoch)))
            if len(made) >= _HANDOVER_MAX:
                break
    return made
