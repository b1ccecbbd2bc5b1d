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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from notifier.reminders import messages
from notifier.reminders.texts import long_date
from shared.calendar import WorkCalendar
from shared.deadlines import Deadline, DeadlineStatus, reminder_dates
from shared.rulepacks import Policy
from shared.rulepacks.citations import cite
from shared.rulepacks.library import SHANGHAI
from shared.rulepacks.models import Document

DUE_DAY_KINDS = frozenset({"report", "feedback"})  # remind on the due day itself
ESCALATED_KINDS = frozenset({"report", "answer", "hearing", "performance", "suggestion_reply"})
DEFAULT_ESCALATION = ("agency_head", "bureau")
AGENCY = "agency"  # the actor of a duty the defendant agency performs
CASE_API = "case-api"


@dataclass(frozen=True)
class CaseInfo:
    case_id: str
    case_number: str
    pack: str
    agencies: tuple[str, ...]
    bureaus: tuple[str, ...]  # the jurisdiction of each agency, in the same order
    subject_matter: str = ""


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
    documents: Mapping[str, Document] | None = None,
) -> list[Planned]:
    """``documents`` (the case's packs' documents by id) word the rules' clauses."""
    planned: list[Planned] = []
    for deadline in deadlines:
        basis = cite(deadline.source, documents or {})
        planned += _reminders(case, deadline, calendar, policy, basis)
        planned += _escalations(case, deadline, policy, remediation_rules, basis)
    return planned


def _reminders(
    case: CaseInfo, deadline: Deadline, calendar: WorkCalendar, policy: Policy, basis: str
) -> list[Planned]:
    kind = deadline.kind if deadline.kind in DUE_DAY_KINDS else "reminder"
    if kind != "reminder":
        deadline = dataclasses.replace(deadline, reminders=(0,))
    settled = deadline.status != DeadlineStatus.OPEN
    found = []
    for reminder in reminder_dates(deadline, calendar, policy):
        nominal = deadline.due_date - timedelta(days=reminder.days_before)
        extra = {
            "days_before": reminder.days_before,
            "nominal_day": nominal.isoformat() if reminder.on < nominal else None,
            "provisional": reminder.provisional or deadline.provisional,
        }
        for recipient, agency in _reminder_recipients(case, deadline):
            key = f"{case.case_id}:{deadline.key}:{kind}:{reminder.days_before}:{recipient}"
            audience = recipient.partition(":")[0]
            facts = _facts(case, deadline, kind, audience, agency, basis, extra)
            message = _message(facts, reminder.on)
            found.append(
                Planned(key, kind, recipient, agency, deadline.key, reminder.at, settled, message)
            )
    return found


def _escalations(
    case: CaseInfo,
    deadline: Deadline,
    policy: Policy,
    remediation_rules: frozenset[str],
    basis: str,
) -> list[Planned]:
    if deadline.kind not in ESCALATED_KINDS:
        return []
    settled = deadline.status in (DeadlineStatus.MET, DeadlineStatus.WAIVED)
    settled = settled or deadline.ended_by_position is not None
    day = deadline.due_date + timedelta(days=1)
    at = day_at(day, policy.reminder_hour)
    extra = {"provisional": deadline.provisional}
    found = []
    for recipient, agency in _escalation_recipients(case, deadline):
        key = f"{case.case_id}:{deadline.key}:escalation:{recipient}"
        audience = recipient.partition(":")[0]
        facts = _facts(case, deadline, "escalation", audience, agency, basis, extra)
        message = _message(facts, day)
        found.append(
            Planned(key, "escalation", recipient, agency, deadline.key, at, settled, message)
        )
    if deadline.rule_id in remediation_rules:
        values = {
            "title_zh": deadline.title_zh,
            "due_date": long_date(deadline.due_date),
            "basis": basis or deadline.source,
        }
        reason = messages.render("remediation", "reason", values)
        payload = {"case_id": case.case_id, "deadline": deadline.key, "reason": reason}
        key = f"{case.case_id}:{deadline.key}:remediation:{CASE_API}"
        agency = case.agencies[0] if case.agencies else None
        found.append(
            Planned(key, "remediation", CASE_API, agency, deadline.key, at, settled, payload)
        )
    return found


def _reminder_recipients(case: CaseInfo, deadline: Deadline) -> list[tuple[str, str]]:
    """Whoever must act is reminded: each defendant agency's contact for an agency's duty;
    for a duty of the bureau or of the organ that decides accountability (the meeting office's
    papers, a forwarding, a decision's report to the committee), the bureaus that follow the
    case, never an agency clerk who can do nothing about it."""
    if deadline.actor == AGENCY:
        return [(f"contact:{agency}", agency) for agency in case.agencies]
    return _bureaus(case)


def _escalation_recipients(case: CaseInfo, deadline: Deadline) -> list[tuple[str, str]]:
    if deadline.actor != AGENCY:
        # No agency head can make another body meet its own duty: the bureau is told.
        return _bureaus(case) if "bureau" in (deadline.escalation or DEFAULT_ESCALATION) else []
    roles = deadline.escalation or DEFAULT_ESCALATION
    found: dict[str, str] = {}
    for agency, bureau in zip(case.agencies, case.bureaus, strict=True):
        if "agency_head" in roles:
            found.setdefault(f"head:{agency}", agency)
        if "bureau" in roles:
            found.setdefault(f"bureau:{bureau}", agency)
    return list(found.items())


def _bureaus(case: CaseInfo) -> list[tuple[str, str]]:
    found: dict[str, str] = {}
    for agency, bureau in zip(case.agencies, case.bureaus, strict=True):
        found.setdefault(f"bureau:{bureau}", agency)
    return list(found.items())


def _facts(
    case: CaseInfo,
    deadline: Deadline,
    message: str,
    audience: str,
    agency: str,
    basis: str,
    extra: dict[str, Any],
) -> dict[str, Any]:
    """What a message says, as data: texts.compose words it when it is sent."""
    return {
        "message": message,
        "audience": audience,
        "agency": agency,
        "defendants": list(case.agencies),
        "case_id": case.case_id,
        "case_number": case.case_number,
        "subject_matter": case.subject_matter,
        "deadline_kind": deadline.kind,
        "actor": deadline.actor,
        "title_zh": deadline.title_zh,
        "due_date": deadline.due_date.isoformat(),
        "basis": basis,
        **extra,
    }


def _message(facts: dict[str, Any], send_day: date) -> dict[str, Any]:
    """The stored payload: the facts (texts.compose words them when the message is sent, the
    operator API when it shows the row) and the fields operators filter on."""
    return {
        "case_number": facts["case_number"],
        "due_date": facts["due_date"],
        "deadline_kind": facts["deadline_kind"],
        "provisional": bool(facts["provisional"]),
        "planned_day": send_day.isoformat(),
        "facts": facts,
    }


def day_at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=SHANGHAI)
