"""A batch of entries in one script (add_many, the turn's commit, with remembered results):
each entry added if absent exactly as one add after the other would, on batches of any size,
and the remembered results kept within the session's bound."""

from __future__ import annotations

import random

from chatveil.state import Entry, MemoryVaultStore


def _batches(seed: int, count: int, size: int) -> list[list[Entry]]:
    """Batches drawn from a few names, so originals and surrogates collide with each other,
    within a batch and across batches, in any case."""
    rng = random.Random(seed)
    names = [f"Name {k}" for k in range(15)]

    def value() -> str:
        name = rng.choice(names)
        return name.upper() if rng.random() < 0.2 else name

    return [[Entry(value(), value(), "PERSON") for _ in range(size)] for _ in range(count)]


def test_add_many_answers_as_the_memory_store(store_factory) -> None:
    redis_store, memory = store_factory(), MemoryVaultStore()
    for seed in range(6):
        sid = f"s{seed}"
        redis_store.create(sid)
        memory.create(sid)
        for batch in _batches(seed, 5, 8):
            version = memory.entries(sid).version
            got = redis_store.add_many(sid, batch, since=version)
            want = memory.add_many(sid, batch, since=version)
            assert got.stored == want.stored
            assert got.batch.entries == want.batch.entries
            assert got.batch.version == want.batch.version
        assert redis_store.entries(sid).entries == memory.entries(sid).entries


def test_commit_answers_as_the_memory_store(store_factory) -> None:
    redis_store, memory = store_factory(), MemoryVaultStore()
    for seed in range(6):
        sid = f"c{seed}"
        redis_store.create(sid)
        memory.create(sid)
        epoch = redis_store.entries(sid).epoch
        for batch in _batches(100 + seed, 5, 8):
            version = redis_store.entries(sid).version
            done = redis_store.commit(sid, batch, epoch=epoch, since=version)
            want = memory.add_many(sid, batch, since=version)
            assert done.done
            assert done.stored == want.stored
            clean = all(s is e for s, e in zip(want.stored, batch, strict=True))
            # entries since the caller's version: none if every entry was added
            assert done.batch.entries == (() if clean else want.batch.entries)
            assert done.batch.version == want.batch.version
        assert redis_store.entries(sid).entries == memory.entries(sid).entries


def test_a_batch_bigger_than_one_unpack(store_factory) -> None:
    """Thousands of entries in one call (a pasted document) are read and written in steps;
    entries later in the batch find earlier ones across the steps."""
    redis_store, memory = store_factory(), MemoryVaultStore()
    batch = [Entry(f"Person {i}", f"Stand-in {i}", "PERSON") for i in range(2600)]
    batch[1500] = Entry("PERSON 10", "Someone New", "PERSON")  # an original known before
    batch[2100] = Entry("Another One", "person 1200", "PERSON")  # a surrogate that is one
    batch[2500] = Entry("Yet Another", "STAND-IN 2400", "PERSON")  # taken earlier, same step
    for store in (redis_store, memory):
        store.create("big")
        store.add("big", Entry("Before All", "Stand-in 5", "PERSON"))  # taken before
    got = redis_store.add_many("big", batch, since=1)
    want = memory.add_many("big", batch, since=1)
    assert got.stored == want.stored
    assert got.stored[5] is None and got.stored[1500] == batch[10]
    assert got.stored[2100] is None and got.stored[2500] is None
    assert redis_store.entries("big").entries == memory.entries("big").entries
    assert redis_store.entries("big", since=2000).entries == memory.entries(
        "big", since=2000).entries


def _kept(client, namespace: str) -> int:
    (name,) = client.scan_iter(match=f"chatveil:{namespace}:*:r")
    return int(client.hlen(name))


def test_remembered_results_kept_up_to_the_bound(store_factory, redis_server,
                                                 namespace) -> None:
    store = store_factory(remembered=5)
    client = redis_server.client()
    store.create("r")
    epoch = store.entries("r").epoch
    put = [(f"key {i}".encode(), f"value {i}".encode()) for i in range(3)]
    done = store.commit("r", [Entry("Ann Lee", "Bo Chen", "PERSON")], epoch=epoch, since=0,
                        put=put)
    assert done.done and _kept(client, namespace) == 3  # all fit: kept at once
    more = [(b"key 0", b"value 0 again"), *((f"key {i}".encode(), b"v") for i in range(3, 7))]
    done = store.commit("r", [Entry("Cy Park", "Di Moss", "PERSON")], epoch=epoch, since=1,
                        put=more)
    assert done.done and _kept(client, namespace) == 5  # room for two of the four new ones
    _, values = store.entries_remembered(
        "r", 2, epoch=epoch, want=[b"key 0", b"key 3", b"key 4", b"key 5", b"key 6"], put=())
    # in order while there was room: the field kept already took none
    assert values == [b"value 0 again", b"v", b"v", None, None]
