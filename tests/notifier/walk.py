"""Shared steps of the process tests: a case-api + notifier pair around a webhook sink."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx

from tests.notifier.processes import (
    OPERATOR,
    Proc,
    migrate_notifier,
    notifier_env,
    start_case_api,
    start_notifier,
    token,
    wait_until,
    write_channels,
)
from tests.notifier.sink import Sink

ADMIN = {"Authorization": f"Bearer {token('admin', 'admin')}"}
NOTIFIER = {"Authorization": f"Bearer {token('notifier', 'notifier')}"}


def at(text: str) -> str:
    """'09-22 09:00' → an ISO instant in 2025, Asia/Shanghai."""
    return datetime.strptime(f"2025-{text}", "%Y-%m-%d %H:%M").isoformat() + "+08:00"


def channels_for(sink: Sink) -> dict[str, Any]:
    return {
        "agencies": {
            "gz-hrss": {"contact": [sink.webhook("contact")], "head": [sink.webhook("head")]}
        },
        "bureaus": {"gz": [sink.webhook("bureau")]},
        "bulletins": {"gz": [sink.webhook("bulletin")]},
    }


@dataclass
class Stack:
    directory: Path
    clock: Path
    sink: Sink
    case_api: Proc
    notifier_env: dict[str, str]
    notifiers: list[Proc] = field(default_factory=list)

    def set_clock(self, instant: str) -> None:
        # Replace, never truncate in place: the services read this file on every clock call,
        # and an empty read in the middle of a send would leave it unmarked (a resend).
        staged = self.clock.with_suffix(".next")
        staged.write_text(instant)
        staged.replace(self.clock)

    def post(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        headers = {**ADMIN, "Idempotency-Key": str(uuid.uuid4())}
        response = httpx.post(f"{self.case_api.url}{path}", json=body, headers=headers)
        assert response.status_code in (200, 201), response.text
        return response.json()

    def get(self, path: str) -> dict[str, Any]:
        response = httpx.get(f"{self.case_api.url}{path}", headers=ADMIN)
        response.raise_for_status()
        return response.json()

    def head(self) -> int:
        return self.get("/v1/events?after=0&limit=1")["head"]

    def start_notifier(self, name: str = "notifier", **extra: str) -> Proc:
        env = {**self.notifier_env, **extra}
        proc = start_notifier(env, self.directory / f"{name}.log")
        self.notifiers.append(proc)
        return proc

    def caught_up(self, proc: Proc) -> None:
        head = self.head()
        wait_until(
            lambda: (
                httpx.get(f"{proc.url}/v1/follower", headers=OPERATOR).json()["position"] >= head
            ),
            180,
        )

    def register_guangzhou(self) -> None:
        self.post(
            "/v1/jurisdictions",
            {"code": "gz", "name": "广州市", "level": "city", "parent": None, "pack": "guangzhou"},
        )
        self.post(
            "/v1/agencies",
            {
                "code": "gz-hrss",
                "name": "广州市人力资源和社会保障局",
                "jurisdiction": "gz",
                "level": "department",
            },
        )

    def file_case(self, number: str, filed: str) -> str:
        body = {
            "court": "gz-tianhe-court",
            "case_number": number,
            "subject_matter": "工伤认定",
            "agencies": [{"agency_id": "gz-hrss", "role": "implementing"}],
            "plaintiff_count": 1,
            "filed_date": filed,
            "flags": [],
        }
        return self.post("/v1/cases", body)["case_id"]

    def close(self) -> None:
        for proc in self.notifiers:
            proc.stop()
        self.case_api.stop()
        self.sink.close()


def open_stack(directory: Path, sink: Sink, start: str, **extra: str) -> Stack:
    clock = directory / "now.txt"
    clock.write_text(start)
    case_api = start_case_api(directory, clock)
    channels = write_channels(directory / "channels.yaml", channels_for(sink))
    env = notifier_env(f"sqlite:///{directory}/notifier.db", case_api.url, clock, channels, **extra)
    migrate_notifier(env)
    return Stack(directory, clock, sink, case_api, env)


def parse_key(key: str) -> tuple[str, ...]:
    """A received Idempotency-Key → (case, rule, kind[, days_before]) or bulletin fields."""
    parts = key.split(":")
    if parts[0] == "bulletin":
        return ("bulletin", parts[1], parts[2])
    case, deadline, kind = parts[0], parts[1], parts[2]
    rule = deadline.split("@")[0]
    if kind == "escalation":
        return (case, rule, kind, parts[3])  # the recipient role
    return (case, rule, kind, parts[3])  # days before
