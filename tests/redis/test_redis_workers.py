"""Four worker processes serve 50 conversations x 10 turns, each turn on another worker.

Through ``guarded()`` around an echo chat model, on one Redis (stopped and started again
mid-run): every answer restored exactly, the same surrogates on every worker, no original in
any request or at rest, ``forget`` on one worker reaches all, fail closed while Redis is down,
no lost or duplicated entries after it is back.
"""

from __future__ import annotations

import pytest

from redis_helpers import KEY_A, dump_namespace, readable_in
from redis_workers import Pool, turn_text

pytest.importorskip("langchain_core")

WORKERS, CONVERSATIONS, TURNS, OUTAGE_AT = 4, 50, 10, 6
SECRET = b"chatveil-tests-secret-key-0123456789"


def test_many_workers_one_conversation(durable_redis, namespace) -> None:
    pool = Pool(WORKERS, durable_redis.url, namespace, KEY_A, SECRET)
    try:
        _run(pool, durable_redis, namespace)
    finally:
        pool.close()


def _run(pool: Pool, server, namespace: str) -> None:
    from chatveil.redis import RedisVaultStore

    history: dict[int, list[tuple[str, str]]] = {c: [] for c in range(CONVERSATIONS)}
    masked: dict[int, list[str]] = {c: [] for c in range(CONVERSATIONS)}  # as first sent
    originals: dict[int, set[str]] = {c: set() for c in range(CONVERSATIONS)}
    everything: set[str] = set()
    for c in range(CONVERSATIONS):
        for t in range(TURNS):
            everything.update(turn_text(c, t)[1])
    sent_total = 0

    for turn in range(TURNS):
        if turn == OUTAGE_AT:
            server.stop()
            down = pool.run([(w, _turn_job(w, turn, history)) for w in range(WORKERS)])
            for status, worker, error, calls in down.values():
                assert (status, error, calls) == ("error", "StoreUnavailableError", 0), worker
            server.start()
        jobs = []
        for c in range(CONVERSATIONS):
            text, values = turn_text(c, turn)
            originals[c].update(values)
            history[c].append(("human", text))
            jobs.append(((c + turn) % WORKERS, ("turn", f"conv-{c}", list(history[c]))))
        replies = pool.run(jobs)
        for c in range(CONVERSATIONS):
            status, worker, *payload = replies[c]
            assert status == "ok", payload
            answer, sent, _elapsed = payload[0]
            text = history[c][-1][1]
            assert answer == text  # the echo, restored exactly
            # the model saw no original of any conversation
            request = "\n".join(sent)
            assert [v for v in everything if v in request] == []
            # earlier messages look to the model as they did on the workers that sent them
            humans = sent[0::2]
            assert humans[:-1] == masked[c]
            assert sent[1::2] == masked[c]  # an echoed answer is the same masked text
            masked[c].append(humans[-1])
            history[c].append(("ai", answer))
            sent_total += 1
    assert sent_total == CONVERSATIONS * TURNS

    # nothing readable at rest
    dump = dump_namespace(server.client(), namespace)
    parts = {w for v in everything for w in v.replace("@", " ").replace(".", " ").split()
             if len(w) > 3 and not w.isdigit()} - {"example"}
    assert readable_in(dump, sorted(everything | parts)) == []

    # no lost or duplicated entries: one entry per original, the same in every worker's view
    store = RedisVaultStore.from_url(server.url, namespace=namespace, encryption_key=KEY_A)
    try:
        for c in range(CONVERSATIONS):
            entries = store.entries(f"conv-{c}").entries
            stored = [e.original.casefold() for e in entries]
            assert len(stored) == len(set(stored))
            assert {v.casefold() for v in originals[c]} <= set(stored)
            surrogates = [e.surrogate.casefold() for e in entries]
            assert len(surrogates) == len(set(surrogates))
    finally:
        store.close()

    # forget on one worker: unknown on all
    probe = masked[0][-1]
    assert pool.run([(w, ("restore", "conv-0", probe)) for w in range(WORKERS)])[0][0] == "ok"
    assert pool.run([(1, ("forget", "conv-0"))])[0] == ("ok", 1, True)
    replies = pool.run([(w, ("restore", "conv-0", probe)) for w in range(WORKERS)])
    assert sorted(r[:3:2] for r in replies.values()) == [("error", "UnknownSessionError")] * 4


def _turn_job(worker: int, turn: int, history: dict[int, list[tuple[str, str]]]):
    c = worker  # one conversation per worker, its next turn
    text, _ = turn_text(c, turn)
    return ("turn", f"conv-{c}", [*history[c], ("human", text)])
