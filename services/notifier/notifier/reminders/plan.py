"""Which deliveries a case's deadlines call for, and when (pure: no database, no network).

- 提醒 reminders: the pack's offsets before the answer, hearing and performance deadlines
  (Guangzhou: 7 and 1 days [004 5-①]), via ``reminder_dates`` (rest day → previous working
  day, at the reminder hour);
- 报备 and 反馈: the pack gives no offsets; we remind on the due day itself, at the reminder
  hour, if the report or feedback has not arrived by then;
- 补救: the day after a missed deadline, at the reminder hour, the agency head and the bureau
  are told; for the rules the pack's ``remediation.after_missed`` names, case-api records that
  remediation is required.
Reminders are withdrawn once the deadline is met or waived; escalations only when it was met
on time or waived (a late answer was still missed). Once the case has ended what a deadline
was for (``ended_by``: withdrawal, mediation, an effective judgment, the closing), nothing
more goes out about it, even about a deadline that was already missed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from notifier.reminders import messages
from shared.calendar import WorkCalendar
from shared.deadlines import Deadline, DeadlineStatus, reminder_dates
from shared.rulepacks import Policy
from shared.rulepacks.library import SHANGHAI

DUE_DAY_KINDS = frozenset({"report", "feedback"})  # remind on the due day itself
ESCALATED_KINDS = frozenset({"report", "answer", "hearing", "performance", "suggestion_reply"})
DEFAULT_ESCALATION = ("agency_head", "bureau")
CASE_API = "case-api"


@dataclass(frozen=True)
class CaseInfo:
    case_id: str
    case_number: str
    pack: str
    agencies: tuple[str, ...]
    bureaus: tuple[str, ...]  # the jurisdiction of each agency, in the same order


@dataclass(frozen=True)
class Planned:
    key: str  # stable: also the Idempotency-Key the receiver sees
    kind: str
    recipient: str
    agency: str | None
    deadline_key: str
    due_at: datetime
    settled: bool  # the deadline no longer needs this delivery: withdraw it if unsent
    payload: dict[str, Any]


def plan_case(
    case: CaseInfo,
    deadlines: Iterable[Deadline],
    calendar: WorkCalendar,
    policy: Policy,
    remediation_rules: frozenset[str],
) -> list[Planned]:
    planned: list[Planned] = []
    for deadline in deadlines:
        planned += _reminders(case, deadline, calendar, policy)
        planned += _escalations(case, deadline, policy, remediation_rules)
    return planned


def _reminders(
    case: CaseInfo, deadline: Deadline, calendar: WorkCalendar, policy: Policy
) -> list[Planned]:
    kind = deadline.kind if deadline.kind in DUE_DAY_KINDS else "reminder"
    if kind != "reminder":
        deadline = dataclasses.replace(deadline, reminders=(0,))
    settled = deadline.status != DeadlineStatus.OPEN
    found = []
    for reminder in reminder_dates(deadline, calendar, policy):
        values = _values(case, deadline, reminder.days_before, reminder.provisional)
        message = _message(kind, values)
        for agency in case.agencies:
            recipient = f"contact:{agency}"
            key = f"{case.case_id}:{deadline.key}:{kind}:{reminder.days_before}:{recipient}"
            found.append(
                Planned(key, kind, recipient, agency, deadline.key, reminder.at, settled, message)
            )
    return found


def _escalations(
    case: CaseInfo, deadline: Deadline, policy: Policy, remediation_rules: frozenset[str]
) -> list[Planned]:
    if deadline.kind not in ESCALATED_KINDS:
        return []
    settled = deadline.status in (DeadlineStatus.MET, DeadlineStatus.WAIVED)
    settled = settled or deadline.ended_by_position is not None
    at = day_at(deadline.due_date + timedelta(days=1), policy.reminder_hour)
    values = _values(case, deadline)
    message = _message("escalation", values)
    found = []
    for recipient, agency in _escalation_recipients(case, deadline):
        key = f"{case.case_id}:{deadline.key}:escalation:{recipient}"
        found.append(
            Planned(key, "escalation", recipient, agency, deadline.key, at, settled, message)
        )
    if deadline.rule_id in remediation_rules:
        reason = messages.render("remediation", "reason", values)
        payload = {"case_id": case.case_id, "deadline": deadline.key, "reason": reason}
        key = f"{case.case_id}:{deadline.key}:remediation:{CASE_API}"
        agency = case.agencies[0] if case.agencies else None
        found.append(
            Planned(key, "remediation", CASE_API, agency, deadline.key, at, settled, payload)
        )
    return found


def _escalation_recipients(case: CaseInfo, deadline: Deadline) -> list[tuple[str, str]]:
    roles = deadline.escalation or DEFAULT_ESCALATION
    found: dict[str, str] = {}
    for agency, bureau in zip(case.agencies, case.bureaus, strict=True):
        if "agency_head" in roles:
            found.setdefault(f"head:{agency}", agency)
        if "bureau" in roles:
            found.setdefault(f"bureau:{bureau}", agency)
    return list(found.items())


def _values(
    case: CaseInfo, deadline: Deadline, days_before: int = 0, provisional: bool = False
) -> dict[str, Any]:
    provisional = provisional or deadline.provisional
    return {
        "provisional_note": messages.PROVISIONAL_NOTE if provisional else "",
        "case_id": case.case_id,
        "case_number": case.case_number,
        "title_zh": deadline.title_zh,
        "due_date": deadline.due_date.isoformat(),
        "days_before": days_before,
        "source": deadline.source,
        "deadline_kind": deadline.kind,
    }


def _message(kind: str, values: dict[str, Any]) -> dict[str, Any]:
    return {
        "title": messages.render(kind, "title", values),
        "body": messages.render(kind, "body", values),
        "case_number": values["case_number"],
        "due_date": values["due_date"],
        "deadline_kind": values["deadline_kind"],
        "provisional": bool(values["provisional_note"]),
    }


def day_at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=SHANGHAI)
