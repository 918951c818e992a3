"""RedisVaultStore against a real redis-server: the VaultStore contract, at rest, rotation."""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import redis

from chatveil.errors import (
    ChatveilError,
    ConfigurationError,
    StoreUnavailableError,
    UnknownSessionError,
    VaultCryptoError,
)
from chatveil.state import Entry, MemoryVaultStore, VaultStore
from redis_helpers import KEY_A, KEY_B, dump_namespace, free_port, readable_in


def _contract() -> type:
    """The core's store contract (tests/core/test_store.py), loaded under its own name."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "core" / "test_store.py"
    spec = importlib.util.spec_from_file_location("chatveil_store_contract", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.VaultStoreContract  # type: ignore[no-any-return]


class TestRedisVaultStoreContract(_contract()):  # type: ignore[misc]
    """Every check the in-memory store passes, on a real Redis."""

    @pytest.fixture(autouse=True)
    def _on_redis(self, store_factory) -> None:
        self._make = store_factory

    def make_store(self, *, ttl: float | None = None, maxsize: int = 100) -> VaultStore:
        return self._make(ttl=ttl)  # Redis has no session count limit: maxsize is ignored

ALICE = Entry("Alice Martin", "Grace Hopper", "PERSON", (("Alice", "Grace"), ("Martin", "Hopper")))
MAIL = Entry("alice.martin@example.org", "kim.lee@example.net", "EMAIL_ADDRESS")


def test_is_a_vault_store(store_factory) -> None:
    assert isinstance(store_factory(), VaultStore)


def test_lifetime(store_factory) -> None:
    store = store_factory()
    assert not store.exists("s1")
    assert not store.touch("s1")
    assert store.create("s1") is True
    assert store.create("s1") is False
    assert store.exists("s1") and store.touch("s1")
    assert list(store.sessions()) == ["s1"]
    assert store.drop("s1") is True
    assert store.drop("s1") is False
    assert not store.exists("s1")
    assert list(store.sessions()) == []


@pytest.mark.parametrize("call", [
    lambda s: s.entries("nope"),
    lambda s: s.add("nope", ALICE),
    lambda s: s.next_number("nope", "PERSON"),
    lambda s: s.merge_counters("nope", {"PERSON": 3}),
])
def test_unknown_session_is_never_created(store_factory, call) -> None:
    store = store_factory()
    with pytest.raises(UnknownSessionError):
        call(store)
    assert not store.exists("nope")


def test_add_if_absent_in_both_directions(store_factory) -> None:
    store = store_factory()
    store.create("s")
    assert store.add("s", ALICE) == ALICE
    # the same original (any case) gets the stored entry back, whatever surrogate is offered
    assert store.add("s", Entry("ALICE MARTIN", "Other Name", "PERSON")) == ALICE
    # a surrogate already taken (any case) is refused
    assert store.add("s", Entry("Bob Stone", "grace hopper", "PERSON")) is None
    # an original equal to another entry's surrogate is refused
    assert store.add("s", Entry("Grace Hopper", "Ada Byron", "PERSON")) is None
    # a surrogate equal to another entry's original is refused
    assert store.add("s", Entry("Bob Stone", "alice martin", "PERSON")) is None
    assert store.add("s", MAIL) == MAIL
    got = store.entries("s")
    assert got.entries == (ALICE, MAIL) and got.version == 2
    assert got.entries[0].parts == ALICE.parts


def test_same_behaviour_as_memory_store(store_factory) -> None:
    """The same sequence of operations gives the same answers on both stores."""
    redis_store, memory = store_factory(), MemoryVaultStore()
    ops = [Entry(f"Name {i % 7}", f"Sur {i % 5}", "PERSON") for i in range(30)]
    for store in (redis_store, memory):
        store.create("s")
    for entry in ops:
        assert redis_store.add("s", entry) == memory.add("s", entry)
    assert redis_store.entries("s").entries == memory.entries("s").entries


def test_entries_since_epoch_and_counters(store_factory) -> None:
    store = store_factory()
    store.create("s")
    first = store.entries("s")
    assert (first.version, first.entries, dict(first.counters)) == (0, (), {})
    store.add("s", ALICE)
    assert store.next_number("s", "PERSON") == 1
    assert store.next_number("s", "PERSON") == 2
    store.add("s", MAIL)
    later = store.entries("s", since=1)
    assert later.epoch == first.epoch
    assert later.version == 2 and later.entries == (MAIL,)
    assert dict(later.counters) == {"PERSON": 2}
    assert store.entries("s", since=5).entries == ()
    store.merge_counters("s", {"PERSON": 1, "EMAIL": 4})
    assert dict(store.entries("s").counters) == {"PERSON": 2, "EMAIL": 4}
    store.drop("s")
    store.create("s")
    again = store.entries("s")
    assert again.epoch != first.epoch and again.version == 0


def test_two_workers_agree_on_one_surrogate(store_factory) -> None:
    """Many clients add the same original with different surrogates at once: one wins."""
    stores = [store_factory() for _ in range(8)]
    stores[0].create("s")
    barrier = threading.Barrier(len(stores))

    def worker(i: int) -> Entry | None:
        barrier.wait()
        return stores[i].add("s", Entry("Jane Roe", f"Surrogate {i}", "PERSON"))

    with ThreadPoolExecutor(len(stores)) as pool:
        results = list(pool.map(worker, range(len(stores))))
    assert len(set(results)) == 1 and results[0] is not None
    assert stores[3].entries("s").entries == (results[0],)


def test_one_surrogate_never_maps_to_two_originals(store_factory) -> None:
    stores = [store_factory() for _ in range(8)]
    stores[0].create("s")
    barrier = threading.Barrier(len(stores))

    def worker(i: int) -> Entry | None:
        barrier.wait()
        return stores[i].add("s", Entry(f"Original {i}", "Same Surrogate", "PERSON"))

    with ThreadPoolExecutor(len(stores)) as pool:
        results = [r for r in pool.map(worker, range(len(stores))) if r is not None]
    assert len(results) == 1
    assert stores[0].entries("s").entries == tuple(results)


def test_nothing_readable_at_rest(store_factory, redis_server, namespace) -> None:
    store = store_factory()
    sid = "user-42@example.com"
    store.create(sid)
    store.add(sid, ALICE)
    store.add(sid, MAIL)
    store.next_number(sid, "PERSON")
    dump = dump_namespace(redis_server.client(), namespace)
    assert dump
    secrets_ = [ALICE.original, "Alice", "Martin", ALICE.surrogate, "Hopper", MAIL.original,
                MAIL.surrogate, "example.org", sid, "user-42"]
    assert readable_in(dump, secrets_) == []
    # every session key shares one hash tag: one slot on a Redis Cluster
    from redis.cluster import key_slot

    slots = {key_slot(k) for k, _ in dump if b"{" in k}
    assert len(slots) == 1


def test_namespaces_isolate_tenants(store_factory, namespace) -> None:
    acme, other = store_factory(), store_factory(namespace=namespace + "x")
    acme.create("s")
    acme.add("s", ALICE)
    assert not other.exists("s")
    other.create("s")
    assert other.entries("s").entries == ()
    assert list(acme.sessions()) == ["s"] and list(other.sessions()) == ["s"]
    other.drop("s")
    assert acme.entries("s").entries == (ALICE,)


def test_ttl_refreshed_on_use(store_factory) -> None:
    store = store_factory(ttl=1.0)
    store.create("s")
    store.add("s", ALICE)
    for _ in range(4):  # 2 s of use, each within the lifetime
        time.sleep(0.5)
        assert store.entries("s").version == 1
    time.sleep(1.3)
    assert not store.exists("s")
    with pytest.raises(UnknownSessionError):
        store.entries("s")


def test_drop_reaches_other_workers_and_their_listeners(store_factory) -> None:
    one, two = store_factory(), store_factory()
    heard: list[str] = []
    two.add_listener(heard.append)
    one.create("s")
    one.add("s", ALICE)
    assert two.entries("s").entries == (ALICE,)  # worker two knows the session
    time.sleep(0.2)  # its listener thread has subscribed
    one.drop("s")
    with pytest.raises(UnknownSessionError):
        two.entries("s")
    # told by the time the call that found the session gone raises (by the notice, or by
    # that call if it came first), and once only
    assert heard == ["s"]
    _after_the_notices(one, two, heard)
    assert heard == ["s", "mark"]


def _after_the_notices(one, two, heard: list[str]) -> None:
    """Wait until ``two``'s listeners have heard every drop notice sent so far: one more
    session dropped by ``one``, "mark", is heard last (notices arrive in order)."""
    marks = heard.count("mark")
    one.create("mark")
    two.entries("mark")
    one.drop("mark")
    deadline = time.monotonic() + 5
    while heard.count("mark") == marks and time.monotonic() < deadline:
        time.sleep(0.02)
    assert heard.count("mark") == marks + 1


def test_a_drop_notice_ends_only_the_session_it_names(store_factory) -> None:
    """A drop notice names the epoch it ended: one that reaches a worker after the session
    was begun again (a late notice, sent again here) is ignored there; the next drop's notice
    ends the session as before; a notice without an epoch (an older sender) ends it too."""
    one, two = store_factory(), store_factory()
    heard: list[str] = []
    two.add_listener(heard.append)
    spy = one.client.pubsub(ignore_subscribe_messages=True)
    spy.subscribe(two._channel)
    one.create("s")
    old = two.entries("s").epoch
    time.sleep(0.2)  # two's listener thread has subscribed
    one.drop("s")
    late = _notice(spy)
    _after_the_notices(one, two, heard)
    assert heard == ["s", "mark"]
    assert old.encode() in late  # (what it ends)
    one.create("s")
    assert two.entries("s").epoch != old  # two holds the new session
    one.client.publish(two._channel, late)  # the first drop's notice, late
    _after_the_notices(one, two, heard)
    assert heard == ["s", "mark", "mark"]  # the new session was not ended
    one.drop("s")  # the current one's notice ends it
    _after_the_notices(one, two, heard)
    assert heard == ["s", "mark", "mark", "s", "mark"]
    one.create("s")
    two.entries("s")
    digest, origin, _epoch = late.split(b":")
    one.client.publish(two._channel, digest + b":" + origin)  # no epoch: ends it
    _after_the_notices(one, two, heard)
    assert heard == ["s", "mark", "mark", "s", "mark", "s", "mark"]
    spy.close()


def _notice(spy) -> bytes:
    """The next drop notice on the channel ``spy`` listens to."""
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        message = spy.get_message(timeout=0.1)
        if message and message["type"] == "message":
            return message["data"]  # type: ignore[no-any-return]
    raise AssertionError("no drop notice")


def test_any_callable_listens(store_factory) -> None:
    store = store_factory()
    heard: list[str] = []

    class Slotted:  # no weak references to it: held strongly
        __slots__ = ()

        def hear(self, sid: str) -> None:
            heard.append(sid)

    store.add_listener(Slotted().hear)
    with pytest.raises(TypeError):
        store.add_listener(None)
    store.create("s")
    store.drop("s")  # this process's own drop is told at once
    assert heard == ["s"]


def test_rotation(store_factory, redis_server, namespace) -> None:
    old = store_factory(encryption_key=KEY_A)
    old.create("s")
    old.add("s", ALICE)
    both = store_factory(encryption_key=[KEY_B, KEY_A])
    assert both.entries("s").entries == (ALICE,)  # reads the old key's data
    both.add("s", MAIL)  # writes with the new key
    with pytest.raises(VaultCryptoError):
        old.entries("s", since=1)  # the old key cannot read the new key's entry
    assert both.rotate() == 3  # lookup key, session id, one entry
    assert both.rotate() == 0
    new = store_factory(encryption_key=KEY_B)
    assert new.entries("s").entries == (ALICE, MAIL)
    assert list(new.sessions()) == ["s"]
    with pytest.raises(VaultCryptoError) as info:
        store_factory(encryption_key=KEY_A).entries("s")
    assert "Alice" not in str(info.value)


def test_blobs_are_bound_to_their_session(store_factory, redis_server, namespace) -> None:
    store = store_factory()
    for sid in ("a", "b"):
        store.create(sid)
    store.add("a", ALICE)
    store.add("b", MAIL)
    client = redis_server.client()
    lists = list(client.scan_iter(match=f"chatveil:{namespace}:*:e"))
    client.lset(lists[1], 0, client.lindex(lists[0], 0))  # one session's entry pasted in the other
    failed = []
    for sid in ("a", "b"):
        try:
            store.entries(sid)
        except VaultCryptoError:
            failed.append(sid)
    assert len(failed) == 1


def test_configuration_errors(redis_server) -> None:
    from chatveil.redis import RedisVaultStore

    with pytest.raises(ConfigurationError):
        RedisVaultStore.from_url(redis_server.url, encryption_key=b"short")
    with pytest.raises(ConfigurationError):
        RedisVaultStore.from_url(redis_server.url, encryption_key=KEY_A, namespace="a:b*")
    with pytest.raises(ConfigurationError):
        RedisVaultStore.from_url(redis_server.url, encryption_key=[KEY_A, KEY_A])
    with pytest.raises(ConfigurationError):
        RedisVaultStore.from_url(redis_server.url, encryption_key=KEY_A,
                                 decode_responses=True)


def test_fails_closed_when_unreachable(store_factory) -> None:
    store = store_factory(url=f"redis://127.0.0.1:{free_port()}/0", timeout=0.2, retries=1,
                          lookup_key=b"k" * 32)
    started = time.monotonic()
    with pytest.raises(StoreUnavailableError) as info:
        store.entries("jane.doe@example.com")
    assert time.monotonic() - started < 5
    assert isinstance(info.value, ChatveilError)
    assert "jane" not in str(info.value) and "entries" in str(info.value)


def test_recovers_when_redis_returns(durable_redis, namespace) -> None:
    from chatveil.redis import RedisVaultStore

    store = RedisVaultStore.from_url(durable_redis.url, namespace=namespace,
                                     encryption_key=KEY_A, timeout=0.5, retries=1)
    store.create("s")
    store.add("s", ALICE)
    durable_redis.stop()
    with pytest.raises(StoreUnavailableError):
        store.add("s", MAIL)
    with pytest.raises(StoreUnavailableError):
        store.entries("s")
    durable_redis.start()
    assert store.entries("s").entries == (ALICE,)  # the scripts are loaded again by themselves
    assert store.add("s", MAIL) == MAIL
    assert store.entries("s").version == 2
    store.close()


def test_a_weak_entry_keeps_its_mark_in_redis(store_factory) -> None:
    store, other = store_factory(), store_factory()
    store.create("s")
    guess = Entry("quokka", "Maria Lopez", "PERSON", weak=True)
    assert store.add("s", guess) == guess
    assert other.entries("s").entries == (guess,)  # another worker reads the mark too
    assert other.entries("s").entries[0].weak


def test_scripts_run_again_after_redis_forgets_them(store_factory, redis_server) -> None:
    """A store sends each script by its SHA1; after SCRIPT FLUSH it sends the code again."""
    store = store_factory()
    store.create("s")
    store.add("s", ALICE)
    redis.Redis.from_url(redis_server.url).script_flush()
    assert store.add("s", MAIL) == MAIL
    assert store.entries("s").entries == (ALICE, MAIL)


class _Interrupted(BaseException):
    pass


def test_an_interrupted_call_leaves_no_reply_behind(store_factory) -> None:
    """A call stopped between sending its script and reading the reply (a signal, a
    cancelled thread) disconnects its connection: the reply it left is never read as the
    next call's."""
    store = store_factory()
    store.create("s")
    store.add("s", ALICE)
    runner = store._scripts
    assert runner._idle  # the store's own connection, idle between calls
    conn = runner._idle[-1]
    read = conn.read_response

    def interrupted(*args, **kwargs):
        conn.read_response = read
        raise _Interrupted

    conn.read_response = interrupted
    with pytest.raises(_Interrupted):
        store.add("s", MAIL)  # sent (and run by Redis), its reply left unread
    assert store.entries("s", since=1).entries == (MAIL,)  # this call's own reply
    assert store.next_number("s", "PERSON") == 1


def test_a_forked_worker_makes_connections_of_its_own(store_factory) -> None:
    store = store_factory()
    store.create("s")
    store.add("s", ALICE)
    parent = list(store._scripts._idle)
    assert parent
    ctx = multiprocessing.get_context("fork")
    child = ctx.Process(target=_in_child, args=(store,))
    child.start()
    child.join(30)
    assert child.exitcode == 0
    assert store._scripts._idle == parent  # the parent's connections, untouched
    assert store.add("s", MAIL) == MAIL
    assert store.entries("s").version == 3  # (the child added one)


def _in_child(store) -> None:
    theirs = list(store._scripts._idle)
    store.add("s", Entry("Bob Stone", "Tim Berg", "PERSON"))
    mine = store._scripts._idle
    os._exit(0 if mine and not set(map(id, mine)) & set(map(id, theirs)) else 1)


def test_scripts_without_hiredis(store_factory) -> None:
    """Without hiredis the store's connections pack requests with redis-py's own packer."""
    store = store_factory()
    store._scripts._pack = None
    store.create("s")
    assert store.add("s", ALICE) == ALICE
    assert store.entries("s").entries == (ALICE,)


def test_a_single_connection_client_runs_scripts_through_redis_py(redis_server,
                                                                   namespace) -> None:
    from chatveil.redis import RedisVaultStore

    client = redis.Redis.from_url(redis_server.url, single_connection_client=True)
    store = RedisVaultStore(client, namespace=namespace, encryption_key=KEY_A)
    assert store._scripts._pool is None  # (its one connection is the client's)
    store.create("s")
    assert store.add("s", ALICE) == ALICE
    assert store.entries("s").entries == (ALICE,)
    store.close()
