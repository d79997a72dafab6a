"""Throwaway PostgreSQL and Redis servers on loopback, for the production tests
and the benchmark.

Both come from Debian's packages (`make production-deps` installs them). Each
runs in a temporary folder on a free port and is stopped afterwards.
"""

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path
from typing import Callable, Dict, Iterator, List


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_postgres_user(command: List[str]) -> List[str]:
    # PostgreSQL refuses to run as root: CI runs as root, a developer may not.
    return (
        ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command
    )


def _pg_bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    assert found, f"PostgreSQL {name} not found: run `make production-deps`"
    return found[-1]


@contextlib.contextmanager
def postgres(workdir: Path) -> Iterator[Dict[str, str]]:
    """A PostgreSQL cluster with database `rasa`; yields POSTGRES_* settings."""
    data, sockets = workdir / "pgdata", workdir / "pgsock"
    data.mkdir(parents=True)
    sockets.mkdir()
    if os.geteuid() == 0:
        shutil.chown(workdir, "postgres")
        shutil.chown(data, "postgres")
        shutil.chown(sockets, "postgres")
    port = free_port()
    run = lambda cmd: subprocess.run(  # noqa: E731
        _as_postgres_user(cmd), check=True, capture_output=True, text=True, cwd="/tmp"
    )
    run(
        [_pg_bin("initdb"), "-D", str(data), "-U", "rasa", "--auth=trust", "-E", "UTF8"]
    )
    start = [
        _pg_bin("pg_ctl"),
        "-D",
        str(data),
        "-w",
        "-l",
        str(workdir / "pg.log"),
        "-o",
        f"-p {port} -c listen_addresses=127.0.0.1 -k {sockets}",
        "start",
    ]
    stop = [_pg_bin("pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"]
    run(start)
    _PG_CONTROL[str(port)] = {"start": lambda: run(start), "stop": lambda: run(stop)}
    try:
        subprocess.run(
            [
                "psql",
                "-h",
                "127.0.0.1",
                "-p",
                str(port),
                "-U",
                "rasa",
                "-d",
                "postgres",
                "-c",
                "CREATE DATABASE rasa",
            ],
            check=True,
            capture_output=True,
            text=True,
        )
        yield {
            "POSTGRES_HOST": "127.0.0.1",
            "POSTGRES_PORT": str(port),
            "POSTGRES_DB": "rasa",
            "POSTGRES_USER": "rasa",
            "POSTGRES_PASSWORD": "",
        }
    finally:
        del _PG_CONTROL[str(port)]
        subprocess.run(_as_postgres_user(stop), capture_output=True, cwd="/tmp")


_PG_CONTROL: Dict[str, Dict[str, Callable[[], object]]] = {}


def postgres_ctl(settings: Dict[str, str], action: str) -> None:
    """Stop or restart (`action`) the server `postgres()` yielded `settings` for."""
    _PG_CONTROL[settings["POSTGRES_PORT"]][action]()


@contextlib.contextmanager
def redis(workdir: Path) -> Iterator[Dict[str, str]]:
    """A Redis server without persistence; yields REDIS_* settings."""
    server = shutil.which("redis-server")
    assert server, "redis-server not found: run `make production-deps`"
    port = free_port()
    workdir.mkdir(parents=True, exist_ok=True)
    proc = subprocess.Popen(
        [
            server,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(workdir),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
                    sock.sendall(b"PING\r\n")
                    if sock.recv(16).startswith(b"+PONG"):
                        break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise
                time.sleep(0.2)
        yield {"REDIS_HOST": "127.0.0.1", "REDIS_PORT": str(port), "REDIS_DB": "1"}
    finally:
        proc.terminate()
        proc.wait(timeout=10)
