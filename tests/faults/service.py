"""case-api as a real process for fault runs: started, SIGKILLed and started again on its own
port, on a SQLite directory or a PostgreSQL schema (optionally through a TCP proxy)."""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path

import httpx

from case_api.platform.settings import Settings
from tests.notifier.processes import BIN, SECRET, free_port, token, wait_until

ADMIN = {"Authorization": f"Bearer {token('admin', 'fault-admin')}"}


def service_env(settings: Settings, directory: Path) -> dict[str, str]:
    """The process's settings: small Retry-After and takeover times, so a run takes seconds."""
    (directory / "now.txt").write_text("2025-10-09T09:00:00+08:00")
    return {
        "CASE_API_EVENT_STORE_URL": settings.event_store_url,
        "CASE_API_READMODEL_URL": settings.readmodel_url,
        "CASE_API_EVENT_STORE_SCHEMA": settings.event_store_schema or "",
        "CASE_API_CLOCK_FILE": str(directory / "now.txt"),
        "CASE_API_DOCUMENT_STORE_URL": f"file:{directory}/documents",
        "CASE_API_TOKEN_SECRET": SECRET,
        "CASE_API_PROJECTION_POLL_SECONDS": "0.05",
        "CASE_API_RATE_LIMIT_READS": "1000000/minute",
        "CASE_API_RATE_LIMIT_WRITES": "1000000/minute",
        "CASE_API_IDEMPOTENCY_STALE_SECONDS": "2",
        "CASE_API_STORAGE_TIMEOUT_SECONDS": "1",
        "CASE_API_STORAGE_RETRY_AFTER_SECONDS": "1",
        "CASE_API_STORAGE_WAIT_SECONDS": "60",
    }


class CaseApiProcess:
    def __init__(self, env: dict[str, str], directory: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {**os.environ, **env, "CASE_API_PORT": str(self.port)}
        self.log = directory / "case-api.log"
        self.process: subprocess.Popen | None = None
        self.starts = 0

    def migrate(self, url: str) -> None:
        env = {**self.env, "CASE_API_READMODEL_URL": url}
        subprocess.run([str(BIN / "case-api"), "migrate"], env=env, check=True, capture_output=True)

    def start(self) -> CaseApiProcess:
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                [str(BIN / "case-api"), "serve"], env=self.env, stdout=out, stderr=subprocess.STDOUT
            )
        self.starts += 1
        wait_until(self._ready)
        return self

    def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()

    def _ready(self) -> bool:
        assert self.process is not None
        if self.process.poll() is not None:
            raise AssertionError(f"case-api exited: {self.log.read_text()[-3000:]}")
        return httpx.get(f"{self.url}/readyz", timeout=5).status_code == 200


def register_world(url: str) -> None:
    steps = [
        (
            "/v1/jurisdictions",
            {"code": "gz", "name": "广州市", "level": "city", "pack": "guangzhou"},
        ),
        (
            "/v1/agencies",
            {
                "code": "gz-hrss",
                "name": "广州市人社局",
                "jurisdiction": "gz",
                "level": "department",
            },
        ),
    ]
    for path, body in steps:
        r = httpx.post(f"{url}{path}", json=body, headers=ADMIN, timeout=30)
        assert r.status_code == 201, r.text


def wait_for_projection(url: str, position: int) -> None:
    """The read models reach the last write: the projector came through every fault."""
    r = httpx.get(
        f"{url}/v1/cases",
        params={"min_position": position, "limit": 1},
        headers=ADMIN,
        timeout=30,
    )
    assert r.status_code == 200, r.text
