"""Starting the uvicorn servers on free ports, and CPU accounting of the processes involved."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

SERVE = Path(__file__).with_name("serve.py")
TICK = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    process: subprocess.Popen
    url: str

    @property
    def pid(self) -> int:
        return self.process.pid


@contextmanager
def serve(kind: str, env: dict[str, str], ready_timeout: float = 30.0) -> Iterator[Server]:
    """Run ``serve.py kind`` on a free port until /readyz answers 200; stop it afterwards."""
    port = free_port()
    full_env = {**os.environ, **env}
    full_env["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(SERVE.parent), os.environ.get("PYTHONPATH")])
    )
    log = open(Path(__file__).parents[1] / "results" / f"server-{kind}.log", "w")  # noqa: SIM115
    process = subprocess.Popen(
        [sys.executable, str(SERVE), kind, str(port)],
        env=full_env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    server = Server(process, f"http://127.0.0.1:{port}")
    try:
        _wait_ready(server, ready_timeout)
        yield server
    finally:
        stop(process)
        log.close()


@contextmanager
def projector(env: dict[str, str]) -> Iterator[subprocess.Popen]:
    """``case-api project`` in a process of its own, as production runs it (stopped after)."""
    log = open(Path(__file__).parents[1] / "results" / "projector.log", "w")  # noqa: SIM115
    process = subprocess.Popen(
        [sys.executable, "-m", "case_api.cli", "project"],
        env={**os.environ, **env},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        yield process
    finally:
        stop(process)
        log.close()


def _wait_ready(server: Server, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(
                f"server exited with {server.process.returncode}; see results/server-*.log"
            )
        try:
            if httpx.get(server.url + "/readyz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise TimeoutError(f"{server.url}/readyz did not answer within {timeout} s")


def stop(process: subprocess.Popen) -> None:
    """SIGTERM, then SIGKILL after 5 s; only this process (its own session)."""
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)


def cpu_seconds(pid: int) -> float:
    """User + system CPU of one process, all threads."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICK


def postgres_cpu_seconds() -> float:
    """CPU of every ``postgres`` process on the machine (read-only look at /proc)."""
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        if "(postgres)" in text:
            fields = text.rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / TICK
    return total
