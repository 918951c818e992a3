"""A batch's detection-cache lookups go to the cache in one read (one MGET on Redis)."""

from __future__ import annotations

from collections.abc import Sequence

from chatveil import Guard, GuardConfig, MemoryDetectionCache, Span
from chatveil.state.cache import ReadAhead
from fakes import SECRET


class CountingCache(MemoryDetectionCache):
    def __init__(self) -> None:
        super().__init__()
        self.gets: list[str] = []
        self.reads: list[list[str]] = []

    def get(self, key: str) -> tuple[Span, ...] | None:
        self.gets.append(key)
        return super().get(key)

    def get_many(self, keys: Sequence[str]) -> list[tuple[Span, ...] | None]:
        self.reads.append(list(keys))
        return super().get_many(keys)


SPANS = (Span(0, 4, "PERSON", 0.9),)


def test_read_ahead_answers_each_key_once_in_its_thread() -> None:
    inner = CountingCache()
    inner.set("a", SPANS)
    ahead = ReadAhead(inner)
    with ahead.ahead(["a", "b", "a"]):
        assert inner.reads == [["a", "b"]]
        assert ahead.get("a") == SPANS and ahead.get("b") is None
        assert inner.gets == []
        assert ahead.get("a") == SPANS  # answered once from the read: now from the cache
        assert inner.gets == ["a"]
    assert ahead.get("b") is None and inner.gets == ["a", "b"]
    ahead.set("b", ())
    assert inner.get_many(["b", "c"]) == [(), None]
    ahead.delete(["a"])
    assert inner.get("a") is None


def test_a_batch_reads_the_cache_once(warm_guard) -> None:
    cache = CountingCache()
    texts = ["I am John Smith.", "Mail jane.roe@acme.io please.", "", "Call Maria Lopez."]
    one = Guard(GuardConfig(secret_key=SECRET), detection_cache=cache)
    masked = one.pseudonymize_batch(texts, session_id="a")
    assert len(cache.reads) == 1 and len(cache.reads[0]) == 4
    assert cache.gets == []
    # another worker sharing the cache: one read, every text a hit, the same spans used
    two = Guard(GuardConfig(secret_key=SECRET), detection_cache=cache)
    assert two.pseudonymize_batch(texts, session_id="b") != masked
    assert len(cache.reads) == 2 and cache.gets == []
    assert two.metrics()["cache_hits"] == 3 and two.metrics()["cache_misses"] == 1
    assert one.restore(" | ".join(masked), session_id="a") == " | ".join(texts)
