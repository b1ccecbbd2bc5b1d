"""The input (a case's events) and output (its deadlines) of the deadline engine."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from shared.periods import PeriodResult


class DeadlineStatus(StrEnum):
    OPEN = "open"
    MET = "met"
    MET_LATE = "met_late"  # satisfied, but on a day after the due date
    WAIVED = "waived"  # moot before it was due: a cancelling event, or the case ended
    MISSED = "missed"  # overdue when the case ended; else only from status_on(today)


@dataclass(frozen=True)
class CaseEvent:
    """One event of a case, as the projection or the notifier sees it.

    ``data`` holds the event's fields as JSON: dates are ISO strings ("2025-01-02").
    ``recorded_at`` picks the rule-pack version in effect. ``version`` is the event's number
    in its case (what a correction names); None when the reader does not keep it.
    """

    position: int
    type: str
    data: Mapping[str, Any]
    recorded_at: datetime
    version: int | None = None


@dataclass(frozen=True)
class Deadline:
    """A deadline derived from one trigger event (or, for anchored rules, from the anchor).

    ``key`` is stable across rebuilds: ``f"{rule_id}@{trigger_position}"``. ``pack`` and
    ``pack_version`` name the pack file that defines the rule. ``trigger_date`` is the day
    the period counts from (for an anchored rule: the anchor's due or satisfied date).
    ``status`` is what the events say; ``status_on(today)`` adds "missed". A deadline settled
    otherwise than by meeting it (waived, or missed when the case ended) names the event that
    settled it (``ended_by_position``, ``ended_by_event``) and why (``status_reason``).
    """

    key: str
    rule_id: str
    kind: str
    title: str
    title_zh: str
    source: str
    pack: str
    pack_version: int
    actor: str
    trigger_position: int
    trigger_date: date
    due_date: date
    explanation: PeriodResult
    provisional: bool
    provisional_reason: str | None
    status: str
    satisfied_position: int | None
    satisfied_date: date | None
    reminders: tuple[int, ...]  # days before due_date
    escalation: tuple[str, ...]
    ended_by_position: int | None = None
    ended_by_event: str | None = None
    status_reason: str | None = None

    def status_on(self, today: date) -> str:
        if self.status == DeadlineStatus.OPEN and self.due_date < today:
            return DeadlineStatus.MISSED.value
        return self.status
