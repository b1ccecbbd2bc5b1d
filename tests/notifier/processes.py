"""case-api and the notifier as real processes (subprocess, free ports, a shared clock file)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import yaml

from case_api.platform.access import Role
from case_api.platform.http.auth import issue_token

BIN = Path(sys.executable).parent
SECRET = "test-secret-for-notifier-e2e-0123456789abcdef"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def token(role: str, subject: str) -> str:
    # Valid for a year: the services run on a fake clock that walks ahead of the real one.
    ttl = 366 * 86400
    return issue_token(SECRET, "case-api", subject=subject, role=Role(role), ttl_seconds=ttl)


@dataclass
class Proc:
    process: subprocess.Popen
    url: str
    log: Path

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()


def wait_until(check: Callable[[], Any], timeout: float = 120.0, every: float = 0.05) -> Any:
    # Generous: on a busy 2-core machine a process can take a minute to start; a passing
    # check returns at once, so only a real failure pays for the length.
    end = time.monotonic() + timeout
    while True:
        try:
            result = check()
            if result:
                return result
        except (httpx.HTTPError, OSError):
            pass
        if time.monotonic() > end:
            raise AssertionError(f"timed out waiting for {check}")
        time.sleep(every)


def _spawn(args: list[str], env: dict[str, str], log: Path, url: str) -> Proc:
    full = {**os.environ, **env}
    with log.open("ab") as out:
        process = subprocess.Popen(args, env=full, stdout=out, stderr=subprocess.STDOUT)
    proc = Proc(process, url, log)
    return proc


def case_api_env(directory: Path, clock: Path, port: int) -> dict[str, str]:
    return {
        "CASE_API_EVENT_STORE_URL": f"sqlite:///{directory}/events.db",
        "CASE_API_READMODEL_URL": f"sqlite:///{directory}/rm.db",
        "CASE_API_CLOCK_FILE": str(clock),
        "CASE_API_TOKEN_SECRET": SECRET,
        "CASE_API_PORT": str(port),
        "CASE_API_PROJECTION_POLL_SECONDS": "0.01",
    }


def start_case_api(directory: Path, clock: Path) -> Proc:
    port = free_port()
    env = case_api_env(directory, clock, port)
    subprocess.run(
        [str(BIN / "case-api"), "migrate"],
        env={**os.environ, **env},
        check=True,
        capture_output=True,
    )
    proc = _spawn(
        [str(BIN / "case-api"), "serve"],
        env,
        directory / "case-api.log",
        f"http://127.0.0.1:{port}",
    )
    wait_until(lambda: httpx.get(f"{proc.url}/healthz").status_code == 200)
    return proc


def write_channels(path: Path, channels: dict[str, Any]) -> Path:
    path.write_text(yaml.safe_dump(channels, allow_unicode=True))
    return path


OPERATOR_TOKEN = "operator-token-for-tests"
OPERATOR = {"Authorization": f"Bearer {OPERATOR_TOKEN}"}


def notifier_env(
    database_url: str, case_api: str, clock: Path, channels: Path, **extra: str
) -> dict[str, str]:
    return {
        "NOTIFIER_DATABASE_URL": database_url,
        "NOTIFIER_CASE_API_URL": case_api,
        "NOTIFIER_CASE_API_TOKEN": token("notifier", "notifier"),
        "NOTIFIER_CLOCK_FILE": str(clock),
        "NOTIFIER_CHANNELS_FILE": str(channels),
        "NOTIFIER_FEED_WAIT_SECONDS": "2",
        "NOTIFIER_SENDER_POLL_SECONDS": "0.05",
        "NOTIFIER_SEND_TIMEOUT_SECONDS": "5",
        "NOTIFIER_BACKOFF_BASE_SECONDS": "1",
        "NOTIFIER_OPERATOR_TOKEN": OPERATOR_TOKEN,
        **extra,
    }


def migrate_notifier(env: dict[str, str]) -> None:
    subprocess.run(
        [str(BIN / "notifier"), "migrate"],
        env={**os.environ, **env},
        check=True,
        capture_output=True,
    )


def start_notifier(env: dict[str, str], log: Path, wait: bool = True) -> Proc:
    port = free_port()
    proc = _spawn(
        [str(BIN / "notifier"), "run"],
        {**env, "NOTIFIER_PORT": str(port)},
        log,
        f"http://127.0.0.1:{port}",
    )
    if wait:
        wait_until(lambda: _alive(proc) and httpx.get(f"{proc.url}/healthz").status_code == 200)
    return proc


def _alive(proc: Proc) -> bool:
    if proc.process.poll() is not None:
        raise AssertionError(f"process exited: {proc.log.read_text()[-3000:]}")
    return True
