"""Remembered texts shared through the RedisVaultStore: a worker takes the result another
worker made for a text instead of pseudonymizing it again, and checks it like its own."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable
from urllib.parse import quote

import pytest

from chatveil import Guard, GuardConfig
from chatveil.errors import UnknownSessionError
from redis_helpers import KEY_A, KEY_B, dump_namespace, readable_in, watch_requests

SECRET = b"chatveil-tests-secret-key-0123456789"
TEXT = "Hi, I am Maria Kowalski, write to maria.kowalski@example.org or call +1 555 010 4477."
LATER = "Anna Berg and Liam Stone met Peter Novak."
JOIN = "Write to zoe.quist@example.net."


class CachingFake:
    """The tests' regex detector, as a caching detector (keys only: it caches nothing)."""

    def __init__(self, **options: object) -> None:
        from fakes import FakeDetector

        self.inner = FakeDetector(**options)  # type: ignore[arg-type]
        self.evicted: list[str] = []

    @property
    def calls(self) -> list[str]:
        return self.inner.calls

    def warm_up(self) -> None:
        return None

    def detect(self, text: str):
        return self.inner.detect(text)

    def detect_many(self, texts, *, batch_size: int = 32, progress=None):
        return self.inner.detect_many(texts, batch_size=batch_size, progress=progress)

    def cache_key(self, text: str) -> str | None:
        return hmac.new(SECRET, b"fake\0" + text.encode(), hashlib.sha256).hexdigest()

    def evict(self, keys: Iterable[str]) -> None:
        self.evicted += list(keys)


def _worker(url: str, namespace: str, key: bytes | list[bytes] = KEY_A, **options) -> Guard:
    from chatveil.redis import RedisVaultStore

    store = RedisVaultStore.from_url(url, namespace=namespace, encryption_key=key, **options)
    return Guard(GuardConfig(secret_key=SECRET), detector=CachingFake(), vault_store=store)


def _joined(url: str, namespace: str, session_id: str = "c", key: bytes = KEY_A,
            **options) -> None:
    """Another worker begins the session with an entry of its own. A worker hands the results
    it makes over once it has found another worker's entries in the session (a worker alone
    in a session hands nothing over): the workers that serve the session next find this one's
    entry at their first turn, so they hand over from that turn on."""
    _worker(url, namespace, key, **options).pseudonymize(JOIN, session_id=session_id)


def _sent(guard: Guard) -> list[str]:
    """The requests the guard's store sends from now on (script names, else commands)."""
    return watch_requests(guard.vault_store)


def test_a_turn_on_another_worker_takes_the_remembered_result(redis_server, namespace) -> None:
    _joined(redis_server.url, namespace)
    one, two = (_worker(redis_server.url, namespace) for _ in range(2))
    first = one.pseudonymize_batch([TEXT], session_id="c")
    assert one.restore(first[0], session_id="c") == TEXT  # (hands the result to the store)
    assert two.has_session("c")
    sent = _sent(two)
    second = two.pseudonymize_batch([TEXT, LATER], session_id="c")
    assert second[0] == first[0]
    assert two.detector.calls == [LATER]  # type: ignore[attr-defined]
    assert sent == ["SYNC", "ADD_SHARE"]  # created if absent and caught up: one call; the new
    # values stored with the result made for LATER
    # its detection key is this worker's to evict too (forget)
    assert one.detector.cache_key(TEXT) in two._live.get("c").detection_keys  # type: ignore[attr-defined,union-attr]
    sent.clear()
    assert two.restore(second[1], session_id="c") == LATER
    assert sent == ["SYNC"]  # the results made here go with the next catch-up
    sent.clear()
    assert two.restore(second[0], session_id="c") == TEXT
    # nothing left to hand over: the plain catch-up (its script loaded on first use)
    assert set(sent) <= {"ENTRIES", "SCRIPT LOAD"} and "ENTRIES" in sent
    three = _worker(redis_server.url, namespace)
    assert three.pseudonymize_batch([TEXT, LATER], session_id="c") == second
    assert three.detector.calls == []  # type: ignore[attr-defined]
    assert one.restore(second[1], session_id="c") == LATER


def test_a_taken_result_is_checked_against_later_surrogates(redis_server, namespace) -> None:
    """A result made before a surrogate existed that its text holds (percent-encoded, which
    the detector does not read but restore does) is not reused on another worker."""
    from fakes import FakeDetector, fake_guard

    probe = fake_guard(FakeDetector(entities={"EMAIL_ADDRESS"}))
    surrogate = probe.pseudonymize("mail maria@acme.io", "s").split()[-1]
    text = "see https://x.org/?u=" + quote(surrogate, safe="")
    one, two, three = (_worker(redis_server.url, namespace) for _ in range(3))
    for guard in (one, two, three):
        guard.detector.inner.entities = {"EMAIL_ADDRESS"}  # type: ignore[attr-defined]
    assert one.pseudonymize(text, "s") == text  # nothing to mask yet
    one.restore(text, "s")  # handed to the store
    assert two.pseudonymize("mail maria@acme.io", "s") == f"mail {surrogate}"
    again = three.pseudonymize(text, "s")
    assert again != text and three.restore(again, "s") == text
    assert one.restore(one.pseudonymize(text, "s"), "s") == text


def test_forget_drops_the_remembered_results(redis_server, namespace) -> None:
    _joined(redis_server.url, namespace)
    one, two = (_worker(redis_server.url, namespace) for _ in range(2))
    masked = one.pseudonymize(TEXT, session_id="c")
    one.restore(masked, session_id="c")
    client = redis_server.client()
    assert list(client.scan_iter(match=f"chatveil:{namespace}:*:r"))
    assert two.forget("c")
    assert list(client.scan_iter(match=f"chatveil:{namespace}:*:r")) == []
    with pytest.raises(UnknownSessionError):
        one.restore(masked, session_id="c")
    three = _worker(redis_server.url, namespace)
    three.pseudonymize(TEXT, session_id="c")
    assert three.detector.calls == [TEXT]  # type: ignore[attr-defined]


def test_results_are_encrypted_and_bound_to_their_text(redis_server, namespace) -> None:
    _joined(redis_server.url, namespace)
    one = _worker(redis_server.url, namespace)
    masked = [one.pseudonymize(t, session_id="c") for t in (TEXT, LATER)]
    one.restore(masked[0], session_id="c")
    client = redis_server.client()
    dump = dump_namespace(client, namespace)
    assert readable_in(dump, ["Maria", "Kowalski", "4477", "Anna Berg", "Novak", "example.org",
                              masked[0], masked[1]]) == []
    (name,) = client.scan_iter(match=f"chatveil:{namespace}:*:r")
    fields = client.hgetall(name)
    assert len(fields) == 2
    (a, va), (b, vb) = fields.items()
    client.hset(name, mapping={a: vb, b: va})  # each text's result under the other's key
    two = _worker(redis_server.url, namespace)
    assert two.pseudonymize_batch([TEXT, LATER], session_id="c") == masked
    assert sorted(two.detector.calls) == sorted([TEXT, LATER])  # type: ignore[attr-defined]


def test_rotation_keeps_results_readable_then_drops_them(redis_server, namespace) -> None:
    _joined(redis_server.url, namespace)
    one = _worker(redis_server.url, namespace, KEY_A)
    masked = one.pseudonymize(TEXT, session_id="c")
    one.restore(masked, session_id="c")
    both = _worker(redis_server.url, namespace, [KEY_B, KEY_A])
    assert both.pseudonymize(TEXT, session_id="c") == masked
    assert both.detector.calls == []  # type: ignore[attr-defined]
    assert both.vault_store.rotate() >= 1  # type: ignore[attr-defined]
    client = redis_server.client()
    assert list(client.scan_iter(match=f"chatveil:{namespace}:*:r")) == []
    new = _worker(redis_server.url, namespace, KEY_B)
    assert new.pseudonymize(TEXT, session_id="c") == masked
    assert new.detector.calls == [TEXT]  # type: ignore[attr-defined]


def test_a_result_that_does_not_decrypt_is_a_miss(redis_server, namespace) -> None:
    _joined(redis_server.url, namespace)
    one = _worker(redis_server.url, namespace, KEY_A)
    masked = one.pseudonymize(TEXT, session_id="c")
    one.restore(masked, session_id="c")
    client = redis_server.client()
    (name,) = client.scan_iter(match=f"chatveil:{namespace}:*:r")
    (field,) = client.hkeys(name)
    blob = client.hget(name, field)
    client.hset(name, field, blob[:-1] + bytes([blob[-1] ^ 1]))  # tampered
    two = _worker(redis_server.url, namespace, KEY_A)
    assert two.pseudonymize(TEXT, session_id="c") == masked
    assert two.detector.calls == [TEXT]  # type: ignore[attr-defined]


def test_sharing_can_be_turned_off_and_is_bounded(redis_server, namespace) -> None:
    off = _worker(redis_server.url, namespace, remembered=0)
    off.restore(off.pseudonymize(TEXT, session_id="c"), session_id="c")
    client = redis_server.client()
    assert list(client.scan_iter(match=f"chatveil:{namespace}:*:r")) == []
    _joined(redis_server.url, namespace, "d")
    _joined(redis_server.url, namespace, "e")
    one = _worker(redis_server.url, namespace, remembered=2)
    texts = [f"Mail me, {name} Kowalski." for name in ("Maria", "Anna", "Peter", "Liam")]
    one.pseudonymize_batch(texts, session_id="d")
    one.restore("x", session_id="d")
    (name,) = client.scan_iter(match=f"chatveil:{namespace}:*:r")
    assert client.hlen(name) == 2
    big = _worker(redis_server.url, namespace)
    long_text = TEXT + " Thanks." * 2500  # 20,000+ characters: a document, not shared
    big.restore(big.pseudonymize(long_text, session_id="e"), session_id="e")
    assert [k for k in client.scan_iter(match=f"chatveil:{namespace}:*:r") if k != name] == []
    with pytest.raises(Exception, match="remembered"):
        _worker(redis_server.url, namespace, remembered=-1)


def test_the_catch_up_creates_a_session_only_if_absent(store_factory) -> None:
    from chatveil.state import Entry

    store = store_factory()
    with pytest.raises(UnknownSessionError):
        store.entries_remembered("s", 0, epoch="", want=[b"k"], put=())
    batch, found = store.entries_remembered("s", 0, epoch="", want=[b"k"], put=(),
                                            create=True)
    assert store.exists("s") and list(store.sessions()) == ["s"] and found == [None]
    entry = Entry("Maria Kowalski", "Anna Berg", "PERSON")
    store.add("s", entry)
    again, _ = store.entries_remembered("s", 0, epoch=batch.epoch, want=(),
                                        put=[(b"k", b"v")], create=True)
    assert again.epoch == batch.epoch and again.entries == (entry,)  # not created again
    assert store.entries_remembered("s", 1, epoch="", want=[b"k"], put=())[1] == [b"v"]
    _, stale = store.entries_remembered("s", 1, epoch="another", want=[b"j"],
                                        put=[(b"j", b"w")])
    assert stale == [None]  # kept only under the session's own epoch


def test_a_worker_alone_in_a_session_hands_nothing_over(redis_server, namespace) -> None:
    """Results go to the store only once a worker has found another worker's entries in the
    session: a worker that serves a session alone pays nothing for others. The first other
    worker pseudonymizes again (to the same texts) what it finds no result for, and hands its
    results over; the first worker does from the turn it finds the other's entries."""
    from chatveil._session import open_session

    one, two, three = (_worker(redis_server.url, namespace) for _ in range(3))
    one.pseudonymize_batch([TEXT], session_id="c")
    sent = _sent(one)
    with open_session(one, "c"):
        masked = one.pseudonymize_batch([TEXT, LATER], session_id="c")
        assert one.restore(masked[1], session_id="c") == LATER
    assert sent == ["COMMIT"]
    assert one.restore(masked[0], session_id="c") == TEXT
    assert sent == ["COMMIT", "ENTRIES"]  # (a catch-up with nothing to hand over)
    client = redis_server.client()
    assert list(client.scan_iter(match=f"chatveil:{namespace}:*:r")) == []
    assert not one._live.get("c").state.hands_over  # type: ignore[union-attr]
    assert two.pseudonymize_batch([TEXT, LATER], session_id="c") == masked
    assert two.detector.calls == [TEXT, LATER]  # type: ignore[attr-defined]
    assert two.restore(masked[0], session_id="c") == TEXT  # (hands its results over)
    (name,) = client.scan_iter(match=f"chatveil:{namespace}:*:r")
    assert client.hlen(name) == 2
    assert three.pseudonymize_batch([TEXT, LATER], session_id="c") == masked
    assert three.detector.calls == []  # type: ignore[attr-defined]
    # another worker's new entry: one's next turn finds it, and one hands over from then on
    two.pseudonymize(JOIN, session_id="c")
    new = "Zlata Horvat wrote."
    again = one.pseudonymize_batch([TEXT, LATER, JOIN, new], session_id="c")
    assert again[:2] == masked and one._live.get("c").state.hands_over  # type: ignore[union-attr]
    one.restore(again[0], session_id="c")
    assert client.hlen(name) == 4  # JOIN's and new's results
    four = _worker(redis_server.url, namespace)
    assert four.pseudonymize_batch([TEXT, LATER, JOIN, new], session_id="c") == again
    assert four.detector.calls == []  # type: ignore[attr-defined]
    # a forget ends the session for every worker; the next incarnation starts alone again
    assert one.forget("c")
    one.pseudonymize(TEXT, session_id="c")
    assert not one._live.get("c").state.hands_over  # type: ignore[union-attr]


def test_hand_over_always_shares_from_the_first_turn(redis_server, namespace) -> None:
    """``hand_over="always"``: a worker alone in a session hands its results over too, so the
    first other worker takes them instead of pseudonymizing the history again."""
    one = _worker(redis_server.url, namespace, hand_over="always")
    assert one.vault_store.hands_over_alone  # type: ignore[attr-defined]
    masked = one.pseudonymize_batch([TEXT, LATER], session_id="c")
    client = redis_server.client()
    (name,) = client.scan_iter(match=f"chatveil:{namespace}:*:r")  # with the entries
    assert client.hlen(name) == 2
    two = _worker(redis_server.url, namespace)
    assert two.pseudonymize_batch([TEXT, LATER], session_id="c") == masked
    assert two.detector.calls == []  # type: ignore[attr-defined]
    assert one.forget("c")
    one.pseudonymize(TEXT, session_id="c")  # a new incarnation: still from the first turn
    assert one._live.get("c").state.hands_over  # type: ignore[union-attr]
    with pytest.raises(Exception, match="hand_over"):
        _worker(redis_server.url, namespace, hand_over="never")
