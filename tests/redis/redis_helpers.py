"""Helpers of the Redis tests: a real server process, keys for tests, dumps of what is stored."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path
from typing import Any

import redis

KEY_A = bytes(range(32))
KEY_B = bytes(range(100, 132))


def binary_path() -> str | None:
    return os.environ.get("REDIS_SERVER") or shutil.which("redis-server") or shutil.which(
        "valkey-server")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RedisServer:
    """One server process; :meth:`stop` and :meth:`start` keep its port and data dir.

    Args:
        binary: the server executable.
        directory: where it keeps its append-only file and log.
        durable: keep data across a restart (append-only file, fsync every write).
    """

    def __init__(self, binary: str, directory: Path, durable: bool = False) -> None:
        self.binary = binary
        self.directory = directory
        self.durable = durable
        self.port = free_port()
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> RedisServer:
        args = [self.binary, "--port", str(self.port), "--bind", "127.0.0.1",
                "--dir", str(self.directory), "--logfile", "server.log", "--save", "",
                "--daemonize", "no", "--protected-mode", "yes"]
        if self.durable:
            args += ["--appendonly", "yes", "--appendfsync", "always"]
        else:
            args += ["--appendonly", "no"]
        self.proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        client = redis.Redis(port=self.port, socket_connect_timeout=0.2, socket_timeout=1)
        deadline = time.monotonic() + 15
        try:
            while True:
                if self.proc.poll() is not None:
                    raise RuntimeError(
                        f"redis-server exited at start: {self.log_tail()}")
                try:
                    if client.ping():
                        return self
                except (redis.exceptions.ConnectionError, redis.exceptions.BusyLoadingError):
                    if time.monotonic() > deadline:
                        raise RuntimeError("redis-server did not answer within 15 s") from None
                    time.sleep(0.05)
        finally:
            client.close()

    def stop(self) -> None:
        """Stop the server gracefully (it flushes its append-only file first)."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None

    def log_tail(self) -> str:
        log = self.directory / "server.log"
        return log.read_text(errors="replace")[-2000:] if log.exists() else "(no log)"

    def client(self) -> redis.Redis:
        return redis.Redis(port=self.port)


def dump_namespace(client: redis.Redis, namespace: str) -> list[tuple[bytes, bytes]]:
    """Every key of the namespace with every byte stored under it (all types)."""
    out = []
    for key in client.scan_iter(match=f"chatveil:{namespace}:*", count=1000):
        kind = client.type(key)
        if kind == b"string":
            values = [client.get(key) or b""]
        elif kind == b"list":
            values = client.lrange(key, 0, -1)
        elif kind == b"hash":
            values = [b for kv in client.hgetall(key).items() for b in kv]
        elif kind == b"set":
            values = list(client.smembers(key))
        else:
            values = [client.dump(key) or b""]
        out.append((key, b"\0".join(values)))
    return out


def readable_in(dump: list[tuple[bytes, bytes]], values: list[str]) -> list[str]:
    """Which of ``values`` occur in any key or value (as UTF-8, in any case)."""
    blob = b"\n".join(k + b"\n" + v for k, v in dump).lower()
    return [v for v in values if v.lower().encode() in blob or v.encode() in blob]


def valkey_binary() -> str | None:
    """A ``valkey-server`` to test against: ``$VALKEY_SERVER``, else one on the PATH."""
    return os.environ.get("VALKEY_SERVER") or shutil.which("valkey-server")


class LocalCluster:
    """A Redis Cluster of ``size`` masters (no replicas) on 127.0.0.1, one process each.

    Built with the servers' own commands (``CLUSTER ADDSLOTSRANGE``, ``CLUSTER MEET``), so it
    needs no ``redis-cli``; works with ``valkey-server`` too.
    """

    SLOTS = 16384

    def __init__(self, binary: str, directory: Path, size: int = 3) -> None:
        self.binary = binary
        self.directory = directory
        self.size = size
        self.ports: list[int] = []
        self.procs: list[subprocess.Popen[bytes]] = []

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.ports[0]}/0"

    def start(self) -> LocalCluster:
        for i in range(self.size):
            port = free_port()
            while port > 55_000:  # the cluster bus listens on port + 10000
                port = free_port()
            node_dir = self.directory / f"node{i}"
            node_dir.mkdir(parents=True, exist_ok=True)
            self.ports.append(port)
            self.procs.append(subprocess.Popen(
                [self.binary, "--port", str(port), "--bind", "127.0.0.1", "--dir", str(node_dir),
                 "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                 "--cluster-node-timeout", "2000", "--save", "", "--appendonly", "no",
                 "--logfile", "server.log", "--daemonize", "no"],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        clients = [redis.Redis(port=p, socket_connect_timeout=0.2, socket_timeout=2)
                   for p in self.ports]
        try:
            deadline = time.monotonic() + 15
            for client, proc in zip(clients, self.procs, strict=True):
                while True:
                    if proc.poll() is not None:
                        raise RuntimeError("a cluster node exited at start")
                    try:
                        client.ping()
                        break
                    except redis.exceptions.ConnectionError:
                        if time.monotonic() > deadline:
                            raise RuntimeError("a cluster node did not answer") from None
                        time.sleep(0.05)
            share = self.SLOTS // self.size
            for i, client in enumerate(clients):
                last = self.SLOTS - 1 if i == self.size - 1 else (i + 1) * share - 1
                client.execute_command("CLUSTER", "ADDSLOTSRANGE", i * share, last)
            for port in self.ports[1:]:
                clients[0].execute_command("CLUSTER", "MEET", "127.0.0.1", port)
            while not all(b"cluster_state:ok" in c.execute_command("CLUSTER", "INFO")
                          and len(c.execute_command("CLUSTER", "SLOTS")) == self.size
                          for c in clients):
                if time.monotonic() > deadline:
                    raise RuntimeError("the cluster did not come up within 15 s")
                time.sleep(0.05)
        finally:
            for client in clients:
                client.close()
        return self

    def stop(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                proc.terminate()
        for proc in self.procs:
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        self.procs = []


def watch_requests(store: Any) -> list[str]:
    """The requests a RedisVaultStore sends from now on: script names, else commands."""
    sent: list[str] = []
    runner, client = store._scripts, store.client
    run, execute = runner.run, client.execute_command

    def script(name: str, keys: Any, args: Any) -> Any:
        sent.append(name)
        return run(name, keys, args)

    def command(*args: Any, **kwargs: Any) -> Any:
        sent.append(args[0])
        return execute(*args, **kwargs)

    runner.run, client.execute_command = script, command
    return sent
