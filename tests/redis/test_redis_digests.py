"""Keyed digests of the Redis store: the same bytes as the layout earlier versions wrote (a
store must find the sessions and entries already in Redis), computed with a key set up once."""

from __future__ import annotations

import hashlib
import hmac
import threading

from chatveil.redis._crypto import Digester, lookup_digest
from chatveil.state import Entry
from redis_helpers import dump_namespace

LOOKUP = b"L" * 32


def _reference(key: bytes, *parts: bytes) -> bytes:
    """The digest as chatveil 0.x computed it: one HMAC-SHA256 fed part by part, each part
    after its length (4 bytes, big-endian), cut to 16 bytes."""
    mac = hmac.new(key, digestmod=hashlib.sha256)
    for part in parts:
        mac.update(len(part).to_bytes(4, "big"))
        mac.update(part)
    return mac.digest()[:16]


def test_digester_and_lookup_digest_give_the_reference_digest() -> None:
    digester = Digester(LOOKUP)
    for parts in [(b"value", b"\x00" * 16, "zoë".encode()), (b"session",), (b"", b""),
                  (b"remembered", b"x" * 16, b"y" * 300)]:
        expected = _reference(LOOKUP, *parts)
        assert digester.digest(*parts) == expected
        assert lookup_digest(LOOKUP, *parts) == expected
    # boundaries count: the same bytes cut otherwise digest otherwise
    assert digester.digest(b"ab", b"c") != digester.digest(b"a", b"bc")
    assert digester.digest(b"a", size=32) == hmac.new(
        LOOKUP, b"\x00\x00\x00\x01a", hashlib.sha256).digest()


def test_a_digester_under_first_parts_gives_the_same_digests() -> None:
    """A session's digests feed its first two parts once (Digester.under)."""
    digester = Digester(LOOKUP)
    session = digester.under(b"value", b"\x01" * 16)
    for value in [b"", "zoë".encode(), b"y" * 300]:
        assert session.digest(value) == _reference(LOOKUP, b"value", b"\x01" * 16, value)
        assert session.digest(value) == session.digest(value)  # (the prefix is not consumed)
    assert digester.under().digest(b"a") == digester.digest(b"a")
    assert digester.under(b"value").digest(b"x", b"y") == digester.digest(b"value", b"x", b"y")


def test_digester_is_safe_across_threads_and_shows_no_key() -> None:
    digester = Digester(LOOKUP)
    values = [f"value {i}".encode() for i in range(200)]
    expected = [_reference(LOOKUP, b"value", v) for v in values]
    results: list[list[bytes]] = []

    def work() -> None:
        results.append([digester.digest(b"value", v) for v in values])

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [expected] * 4
    assert "L" not in repr(digester) and LOOKUP.hex() not in repr(digester)


def test_redis_keys_and_index_fields_keep_their_layout(store_factory, redis_server,
                                                       namespace) -> None:
    store = store_factory(lookup_key=LOOKUP)
    sid = "user-7"
    entry = Entry("Zoë Martin", "Ada Lovelace", "PERSON")
    store.create(sid)
    assert store.add_many(sid, [entry], since=0).stored == (entry,)
    session = _reference(LOOKUP, b"session", namespace.encode(), sid.encode())
    tag = f"chatveil:{namespace}:{{{session.hex()}}}"
    dump = dict(dump_namespace(redis_server.client(), namespace))
    assert {f"{tag}:{kind}".encode() for kind in "mei"} <= set(dump)
    index = redis_server.client().hgetall(f"{tag}:i")
    original = _reference(LOOKUP, b"value", session, "zoë martin".encode())
    surrogate = _reference(LOOKUP, b"value", session, b"ada lovelace")
    assert index == {original: b"o0", surrogate: b"s"}
    # a store of an earlier version would look them up under these: found again here
    other = store_factory(lookup_key=LOOKUP)
    assert other.entries(sid).entries == (entry,)
    assert other.add(sid, Entry("ZOË MARTIN", "Someone Else", "PERSON")) == entry
