"""The detection cache: keyed-HMAC keys, span-only values, history not re-analyzed."""

from __future__ import annotations

import hashlib

import pytest

from chatveil import Guard, GuardConfig, MemoryDetectionCache, Span
from chatveil.detect import PresidioDetector
from fakes import SECRET


def _counting(detector: PresidioDetector, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls = [0]
    analyzer = detector.analyzer
    real = analyzer.analyze

    def counting(*args, **kwargs):
        calls[0] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(analyzer, "analyze", counting)
    return calls


def _guard(monkeypatch, cache: MemoryDetectionCache | None = None, **options
           ) -> tuple[Guard, list[int]]:
    guard = Guard(GuardConfig(secret_key=SECRET, **options), detection_cache=cache)
    assert isinstance(guard.detector, PresidioDetector)
    return guard, _counting(guard.detector, monkeypatch)


def test_history_resent_every_turn_is_not_reanalyzed(warm_guard, monkeypatch) -> None:
    guard, calls = _guard(monkeypatch)
    history: list[str] = []
    for turn in range(6):
        history.append(f"Turn {turn}: I am John Smith, write to john{turn}@acme.io.")
        masked = [guard.pseudonymize(m, session_id="h") for m in history]
        assert all("John Smith" not in m for m in masked)
    assert calls[0] == 6  # one analysis per new message, none for re-sent ones


def test_cache_shared_across_sessions_keys_are_keyed_hmacs_values_spans(
        warm_guard, monkeypatch) -> None:
    cache = MemoryDetectionCache()
    guard, calls = _guard(monkeypatch, cache)
    text = "Call John Smith at +1 415 555 0132"
    a = guard.pseudonymize(text, session_id="a")
    b = guard.pseudonymize(text, session_id="b")
    assert calls[0] == 1 and a != b  # same detection, per-session surrogates
    keys = cache.keys()
    assert len(keys) == 1 and len(keys[0]) == 64 and "John" not in keys[0]
    # not a bare hash of the text, with or without any prefix a guesser could try
    assert keys[0] != hashlib.sha256(text.encode()).hexdigest()
    assert all(isinstance(s, Span) for s in cache.get(keys[0]) or ())
    m = guard.metrics()
    assert m["cache_hits"] >= 1 and m["cache_misses"] == 1


def test_cache_keys_depend_on_the_secret(warm_guard) -> None:
    text = "Call John Smith at +1 415 555 0132"
    config = GuardConfig(secret_key=SECRET)
    one = PresidioDetector(config, cache=MemoryDetectionCache(), secret=SECRET)
    other = PresidioDetector(config, cache=MemoryDetectionCache(), secret=b"x" * 32)
    assert one.cache_key(text) != other.cache_key(text)
    assert one.cache_key(text) == PresidioDetector(
        config, cache=MemoryDetectionCache(), secret=SECRET).cache_key(text)


def test_thresholds_and_allow_list_apply_after_the_cache(warm_guard, monkeypatch) -> None:
    # guards with the same secret share raw results whatever their thresholds and allow lists
    cache = MemoryDetectionCache()
    text = "Call John Smith at +1 415 555 0132"
    first, _ = _guard(monkeypatch, cache)
    first.detect(text)
    strict, calls = _guard(monkeypatch, cache, allow_list=["john smith"])
    spans = strict.detect(text)
    assert calls[0] == 0
    assert [s.entity_type for s in spans] == ["PHONE_NUMBER"]


def test_forget_erases_the_cached_detections_of_the_session(warm_guard, monkeypatch) -> None:
    cache = MemoryDetectionCache()
    guard, calls = _guard(monkeypatch, cache)
    guard.pseudonymize("Call John Smith at +1 415 555 0132", session_id="gone")
    guard.pseudonymize("Mail jane@example.org", session_id="kept")
    assert len(cache) == 2
    guard.forget("gone")
    assert len(cache) == 1
    guard.pseudonymize("Call John Smith at +1 415 555 0132", session_id="again")
    assert calls[0] == 3  # analysed again: nothing was left of it


def test_detection_failure_in_presidio_fails_closed(warm_guard, monkeypatch) -> None:
    config = GuardConfig(secret_key=SECRET)
    detector = PresidioDetector(config, cache=None, secret=SECRET)

    def boom(*args, **kwargs):
        raise RuntimeError("John Smith broke the model")

    monkeypatch.setattr(detector.analyzer, "analyze", boom)
    guard = Guard(config, detector=detector)
    with pytest.raises(Exception) as info:
        guard.pseudonymize("John Smith is here", session_id="x")
    assert type(info.value).__name__ == "DetectionError"
    assert "John" not in str(info.value) and info.value.__cause__ is None


class _CountingCache(MemoryDetectionCache):
    """Counts reads: a networked cache pays one round trip per call."""

    def __init__(self) -> None:
        super().__init__(maxsize=1000, ttl=3600)
        self.reads: list[str] = []

    def get(self, key: str):
        self.reads.append("get")
        return super().get(key)

    def get_many(self, keys):
        self.reads.append(f"get_many:{len(keys)}")
        return super().get_many(keys)


def test_a_batch_reads_the_cache_once(warm_guard) -> None:
    cache = _CountingCache()
    guard = Guard(GuardConfig(secret_key=SECRET), detection_cache=cache)
    history = ["I am John Smith.", "Write to john@acme.io.", "", "Thanks!"]
    assert guard.detector.cache is cache  # the user's cache itself, no wrapper in front
    first = guard.pseudonymize_batch(history, session_id="b")
    assert cache.reads == ["get_many:4"] and "John Smith" not in first[0]
    cache.reads.clear()
    other = Guard(GuardConfig(secret_key=SECRET), detection_cache=cache)  # another worker
    again = other.pseudonymize_batch(history, session_id="c")
    assert cache.reads == ["get_many:4"]  # every text a hit, read in one call
    assert again[2:] == ["", "Thanks!"] and "John Smith" not in again[0]
