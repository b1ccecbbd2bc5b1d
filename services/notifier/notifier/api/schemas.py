"""Response bodies of the operator API."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field


class Delivery(BaseModel):
    id: int
    key: str
    kind: str
    recipient: str
    case_id: str | None
    agency: str | None
    jurisdiction: str | None
    deadline_key: str | None
    due_at: datetime
    state: str
    attempts: int
    next_attempt_at: datetime
    sent_at: datetime | None
    last_answer: str | None
    payload: dict[str, Any]


class FollowerStatus(BaseModel):
    name: str
    position: int
    head: int
    lag_events: int


class BulletinInfo(BaseModel):
    jurisdiction: str
    period: str = Field(description="2025-09, 2025-Q3, 2025-H1 or 2025")
    every: str = Field(description="month, quarter, half_year or year")
    report: str | None = Field(
        default=None,
        description="the pack entry of a report keyed by it; null for the first entry of its kind",
    )
    created_at: datetime
    html_url: str
    xlsx_url: str
    pdf_url: str


class OutboxMessage(BaseModel):
    at: datetime
    recipient: str = Field(description="The outbox:// URL the recipient's channel names")
    key: str = Field(description="The delivery's Idempotency-Key")
    title: str
    body: str
    attachments: list[str]
