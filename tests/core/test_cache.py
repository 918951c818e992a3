"""The detection cache: hashed keys, span-only values, history not re-analyzed."""

from __future__ import annotations

from chatveil import Guard, MemoryDetectionCache, Span


def _count_analyze(guard: Guard, monkeypatch) -> list[int]:
    calls = [0]
    analyzer = guard._detector.analyzer
    real = analyzer.analyze

    def counting(*args, **kwargs):
        calls[0] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(analyzer, "analyze", counting)
    return calls


def test_history_resent_every_turn_is_not_reanalyzed(guard: Guard, monkeypatch) -> None:
    calls = _count_analyze(guard, monkeypatch)
    history: list[str] = []
    for turn in range(6):
        history.append(f"Turn {turn}: I am John Smith, write to john{turn}@acme.io.")
        masked = [guard.pseudonymize(m, session_id="h") for m in history]
        assert all("John Smith" not in m for m in masked)
    assert calls[0] == 6  # one analysis per new message, none for re-sent ones


def test_cache_shared_across_sessions_keys_hashed_values_spans(monkeypatch) -> None:
    cache = MemoryDetectionCache()
    guard = Guard(detection_cache=cache)
    calls = _count_analyze(guard, monkeypatch)
    text = "Call John Smith at +1 415 555 0132"
    a = guard.pseudonymize(text, session_id="a")
    b = guard.pseudonymize(text, session_id="b")
    assert calls[0] == 1 and a != b  # same detection, per-session surrogates
    keys = list(cache._cache.keys())
    assert len(keys) == 1 and len(keys[0]) == 64 and "John" not in keys[0]
    assert all(isinstance(s, Span) for s in cache._cache[keys[0]])
    m = guard.metrics()
    assert m["cache_hits"] >= 1 and m["cache_misses"] == 1


def test_thresholds_and_allow_list_apply_after_the_cache(monkeypatch) -> None:
    from chatveil import GuardConfig

    cache = MemoryDetectionCache()
    text = "Call John Smith at +1 415 555 0132"
    Guard(detection_cache=cache).detect(text)
    strict = Guard(GuardConfig(allow_list=["john smith"]), detection_cache=cache)
    calls = _count_analyze(strict, monkeypatch)
    spans = strict.detect(text)
    assert calls[0] == 0
    assert [s.entity_type for s in spans] == ["PHONE_NUMBER"]
