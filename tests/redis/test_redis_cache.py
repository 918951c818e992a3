"""RedisDetectionCache against a real redis-server."""

from __future__ import annotations

import time

import pytest

from chatveil.errors import StoreUnavailableError
from chatveil.spans import Span
from chatveil.state import DetectionCache
from redis_helpers import dump_namespace, free_port

SPANS = (Span(0, 5, "PERSON", 0.85), Span(10, 27, "EMAIL_ADDRESS", 1.0))


@pytest.fixture
def cache(redis_server, namespace):
    from chatveil.redis import RedisDetectionCache

    made = RedisDetectionCache.from_url(redis_server.url, namespace=namespace)
    yield made
    made.client.close()


def test_is_a_detection_cache(cache) -> None:
    assert isinstance(cache, DetectionCache)


def test_set_get_delete_clear(cache) -> None:
    assert cache.get("k1") is None
    cache.set("k1", SPANS)
    cache.set("k2", ())
    assert cache.get("k1") == SPANS
    assert cache.get("k2") == ()
    assert sorted(cache.keys()) == ["k1", "k2"]
    cache.delete(["k1", "unknown"])
    assert cache.get("k1") is None and cache.get("k2") == ()
    cache.clear()
    assert cache.keys() == [] and len(cache) == 0


def test_values_are_spans_only(cache, redis_server, namespace) -> None:
    cache.set("a" * 64, SPANS)
    [(key, value)] = dump_namespace(redis_server.client(), namespace)
    assert key == f"chatveil:{namespace}:dc:{'a' * 64}".encode()
    assert value == b'[[0,5,"PERSON",0.85],[10,27,"EMAIL_ADDRESS",1.0]]'


def test_namespaces_and_ttl(redis_server, namespace) -> None:
    from chatveil.redis import RedisDetectionCache

    one = RedisDetectionCache.from_url(redis_server.url, namespace=namespace, ttl=1)
    two = RedisDetectionCache.from_url(redis_server.url, namespace=namespace + "b")
    one.set("k", SPANS)
    assert two.get("k") is None
    two.clear()
    assert one.get("k") == SPANS
    time.sleep(1.2)
    assert one.get("k") is None


def test_damaged_value_is_a_miss(cache, redis_server, namespace) -> None:
    redis_server.client().set(f"chatveil:{namespace}:dc:bad", b"not json")
    assert cache.get("bad") is None


def test_fails_closed(namespace) -> None:
    from chatveil.redis import RedisDetectionCache

    down = RedisDetectionCache.from_url(f"redis://127.0.0.1:{free_port()}/0", timeout=0.2,
                                        retries=0, namespace=namespace)
    with pytest.raises(StoreUnavailableError):
        down.get("k")
    with pytest.raises(StoreUnavailableError):
        down.set("k", SPANS)


def test_get_many_is_one_mget(cache) -> None:
    cache.set("k1", SPANS)
    cache.set("k3", ())
    cache.client.set(f"{cache._prefix}k4", b"not json")  # damaged: a miss
    sent: list[object] = []
    plain = cache.client.execute_command

    def counted(*args, **kwargs):
        sent.append(args[0])
        return plain(*args, **kwargs)

    cache.client.execute_command = counted
    assert cache.get_many(["k1", "k2", "k3", "k4"]) == [SPANS, None, (), None]
    assert cache.get_many([]) == []
    assert sent == ["MGET"]


def _count(client) -> list[object]:
    sent: list[object] = []
    plain = client.execute_command

    def counted(*args, **kwargs):
        sent.append(args[0])
        return plain(*args, **kwargs)

    client.execute_command = counted
    return sent


def test_results_seen_before_cost_no_round_trip(redis_server, namespace) -> None:
    from chatveil.redis import RedisDetectionCache

    writer = RedisDetectionCache.from_url(redis_server.url, namespace=namespace)
    reader = RedisDetectionCache.from_url(redis_server.url, namespace=namespace)
    writer.set("k1", SPANS)
    writer.set("k2", ())
    sent = _count(reader.client)
    assert reader.get_many(["k1", "k2", "k3"]) == [SPANS, (), None]
    assert sent == ["MGET"]
    # k1 and k2 are this worker's now: only the miss goes to Redis, then nothing at all
    assert reader.get_many(["k1", "k2", "k3"]) == [SPANS, (), None]
    assert sent == ["MGET", "MGET"]
    assert reader.get("k1") == SPANS and reader.get_many(["k2", "k1"]) == [(), SPANS]
    assert sent == ["MGET", "MGET"]
    mine = _count(writer.client)
    assert writer.get_many(["k1", "k2"]) == [SPANS, ()]  # written here: held here
    assert mine == []
    writer.client.close()


def test_delete_and_clear_drop_this_workers_copies(cache) -> None:
    cache.set("k1", SPANS)
    cache.set("k2", SPANS)
    cache.delete(["k1"])
    sent = _count(cache.client)
    assert cache.get("k1") is None
    assert sent == ["MGET"]
    cache.clear()
    assert cache.get("k2") is None
    assert sent[-1] == "MGET"


def test_local_zero_asks_redis_every_time(redis_server, namespace) -> None:
    from chatveil.errors import ConfigurationError
    from chatveil.redis import RedisDetectionCache

    plain = RedisDetectionCache.from_url(redis_server.url, namespace=namespace, local=0)
    plain.set("k1", SPANS)
    sent = _count(plain.client)
    assert plain.get("k1") == SPANS and plain.get("k1") == SPANS
    assert sent == ["MGET", "MGET"]
    plain.client.close()
    with pytest.raises(ConfigurationError):
        RedisDetectionCache.from_url(redis_server.url, namespace=namespace, local=-1)
