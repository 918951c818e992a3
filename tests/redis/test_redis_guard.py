"""Guards on a shared RedisVaultStore and RedisDetectionCache (one process, several guards)."""

from __future__ import annotations

import pytest

from chatveil import Guard, GuardConfig
from chatveil.errors import StoreUnavailableError, UnknownSessionError
from redis_helpers import KEY_A, free_port, watch_requests

SECRET = b"chatveil-tests-secret-key-0123456789"
TEXT = "Hi, I am Maria Kowalski, write to maria.kowalski@example.org or call +1 555 010 4477."


def _fake_detector():
    from fakes import FakeDetector

    return FakeDetector()


def _worker(url: str, namespace: str, **store_options) -> Guard:
    from chatveil.redis import RedisVaultStore

    store = RedisVaultStore.from_url(url, namespace=namespace, encryption_key=KEY_A,
                                     **store_options)
    return Guard(GuardConfig(secret_key=SECRET), detector=_fake_detector(), vault_store=store)


def test_a_turn_on_another_worker(redis_server, namespace) -> None:
    one, two = (_worker(redis_server.url, namespace) for _ in range(2))
    masked = one.pseudonymize(TEXT, session_id="c")
    assert "Maria" not in masked and "4477" not in masked
    assert two.restore(masked, session_id="c") == TEXT
    assert two.pseudonymize(TEXT, session_id="c") == masked
    later = two.pseudonymize("Maria Kowalski met Peter Novak.", session_id="c")
    assert one.restore(later, session_id="c") == "Maria Kowalski met Peter Novak."
    assert one.vault("c") == two.vault("c")


def test_forget_on_one_worker_reaches_all(redis_server, namespace) -> None:
    one, two = (_worker(redis_server.url, namespace) for _ in range(2))
    masked = one.pseudonymize(TEXT, session_id="c")
    assert two.restore(masked, session_id="c") == TEXT
    assert one.forget("c")
    for guard in (one, two):
        with pytest.raises(UnknownSessionError):
            guard.restore(masked, session_id="c")


def test_fails_closed_and_sends_nothing(namespace) -> None:
    pytest.importorskip("langchain_core")
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "langchain"))
    from langchain_core.messages import HumanMessage

    from chatveil import guarded
    from lc_fakes import SpyChatModel

    guard = _worker(f"redis://127.0.0.1:{free_port()}/0", namespace, timeout=0.2, retries=0,
                    lookup_key=b"k" * 32)
    spy = SpyChatModel()
    chat = guarded(spy, guard=guard)
    with pytest.raises(StoreUnavailableError) as info:
        chat.invoke([HumanMessage(TEXT)], config={"configurable": {"session_id": "c"}})
    assert spy.received == []
    assert "Maria" not in str(info.value) and "4477" not in str(info.value)
    with pytest.raises(StoreUnavailableError):
        guard.pseudonymize(TEXT, session_id="c")


@pytest.mark.slow
def test_detection_cache_is_shared(redis_server, namespace, warm_guard) -> None:
    from chatveil.redis import RedisDetectionCache, RedisVaultStore

    def worker() -> Guard:
        store = RedisVaultStore.from_url(redis_server.url, namespace=namespace,
                                         encryption_key=KEY_A)
        cache = RedisDetectionCache.from_url(redis_server.url, namespace=namespace)
        return Guard(GuardConfig(secret_key=SECRET), vault_store=store, detection_cache=cache)

    one, two = worker(), worker()
    masked = one.pseudonymize(TEXT, session_id="c")
    assert two.pseudonymize(TEXT, session_id="d") != masked  # another session, new surrogates
    assert two.metrics()["cache_hits"] == 1 and two.metrics()["cache_misses"] == 0
    assert two.restore(masked, session_id="c") == TEXT


def test_ingestion_and_query_services_share_a_corpus(redis_server, namespace) -> None:
    """The deployment guide's recipe: a corpus vault without expiry, imported per session."""
    from chatveil.redis import RedisVaultStore

    def guard(ttl: float | None) -> Guard:
        store = RedisVaultStore.from_url(redis_server.url, namespace=namespace,
                                         encryption_key=KEY_A, ttl=ttl)
        return Guard(GuardConfig(secret_key=SECRET), detector=_fake_detector(),
                     vault_store=store)

    ingestion = guard(None)
    document = "Maria Kowalski (maria.kowalski@example.org) leads the Berlin office."
    stored_chunk = ingestion.pseudonymize(document, session_id="corpus")
    client = redis_server.client()
    assert all(client.pttl(k) == -1 for k in client.scan_iter(match=f"chatveil:{namespace}:*"))

    corpus, chats = guard(None), guard(3600)
    key = Guard.generate_key()
    chats.import_session("u1", corpus.export_session("corpus", key), key)
    assert chats.restore(stored_chunk, session_id="u1") == document
    question = chats.pseudonymize("Mail Maria Kowalski", session_id="u1")
    assert question.removeprefix("Mail ") in stored_chunk  # the surrogate the index holds
    session_keys = list(client.scan_iter(match=f"chatveil:{namespace}:{{*}}:m"))
    assert sorted(client.pttl(k) > 0 for k in session_keys) == [False, True]


def test_round_trips_of_a_turn_on_another_worker(redis_server, namespace) -> None:
    """Catching up is one call; the new values of a batch are one more (added together)."""
    one, two = (_worker(redis_server.url, namespace) for _ in range(2))
    one.pseudonymize(TEXT, session_id="c")
    assert two.has_session("c")  # (reads the namespace's lookup key once)
    sent = watch_requests(two.vault_store)
    two.pseudonymize(TEXT, session_id="c")  # the session's first use on this worker
    assert sent == ["CREATE", "ENTRIES"]
    one.pseudonymize("Peter Novak called.", session_id="c")
    sent.clear()
    two.pseudonymize(TEXT, session_id="c")  # nothing new here: one catch-up
    assert sent == ["ENTRIES"]
    sent.clear()
    text = "Anna Berg and Liam Stone met Peter Novak."
    later = two.pseudonymize(text, session_id="c")
    assert sent == ["ENTRIES", "ADD_MANY"]  # two new values, stored together
    sent.clear()
    assert two.restore(later, session_id="c") == text
    assert sent == ["ENTRIES"]
    assert one.restore(later, session_id="c") == text
