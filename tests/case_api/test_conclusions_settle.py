"""When a case ends, what it made moot is settled and nobody is chased about it (DOMAIN.md §3-4).

Random lifecycles in every pack end in each kind of conclusion (withdrawal, mediation, an
effective judgment won, closing after a win, a withdrawal or an approved loss report). The
case's own aggregate records them; the deadline engine and the notifier's planner then read
them as the projection and the notifier do.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any
from uuid import uuid4

from hypothesis import given

from case_api.cases.aggregate import Case
from case_api.readmodel.events_json import event_data
from notifier.reminders.plan import CaseInfo, plan_case
from shared.calendar import WorkCalendar
from shared.deadlines import CaseEvent, Deadline, derive_deadlines
from shared.rulepacks import PackLibrary
from shared.rulepacks.library import SHANGHAI
from tests.case_api.lifecycles import Lifecycle, lifecycles

LIB = PackLibrary.load()
CAL = WorkCalendar.official()
META = {"principal_id": "p", "role": "admin", "agency": None, "source": "admin", "request_id": None}


def run(lifecycle: Lifecycle) -> list[CaseEvent]:
    """The lifecycle through the aggregate (every rule checked), as the feed gives it."""
    case = Case(
        id=uuid4(),
        court="c",
        case_number="（2025）行初1号",
        agencies=[{"agency_id": "a", "role": "implementing"}],
        jurisdiction="j",
        pack=lifecycle.pack,
        subject_matter="s",
        plaintiff_count=1,
        filed_date=date(2025, 2, 20),
        flags=[],
        meta=META,
    )
    for step in lifecycle.steps:
        getattr(case, step.command)(meta=META, **step.args)
    return [
        CaseEvent(e.originator_version, type(e).__name__, event_data(e), e.timestamp)
        for e in case.collect_events()
    ]


def ends(lifecycle: Lifecycle) -> dict[str, date]:
    """The day each kind of end happened: the suit's conclusion, and the closing."""
    found = {"conclusion": lifecycle.concluded_on}
    if lifecycle.closed:
        found["closure"] = lifecycle.steps[-1].day
    return found


def lapses(lifecycle: Lifecycle, deadline: Deadline) -> date | None:
    """The day the case ended this deadline's duty, if it did."""
    rule = {r.id: r.rule for r in LIB.rules(lifecycle.pack)}[deadline.rule_id]
    return ends(lifecycle).get(str(rule.lapses_on))


@given(lifecycles())
def test_no_deadline_the_end_of_the_case_made_moot_stays_open(lifecycle: Lifecycle) -> None:
    for deadline in derive_deadlines(run(lifecycle), LIB, CAL, pack_id=lifecycle.pack):
        ended_on = lapses(lifecycle, deadline)
        if ended_on is None or deadline.satisfied_position is not None:
            continue
        assert deadline.status != "open", deadline.key
        assert deadline.ended_by_position is not None and deadline.status_reason
        # Not yet due when the case ended: waived; already overdue: it stays missed.
        expected = "waived" if deadline.due_date >= ended_on else "missed"
        assert deadline.status == expected, deadline.key


@given(lifecycles())
def test_the_notifier_plans_nothing_about_a_moot_deadline_after_the_case_ended(
    lifecycle: Lifecycle,
) -> None:
    events = run(lifecycle)
    deadlines = {d.key: d for d in derive_deadlines(events, LIB, CAL, pack_id=lifecycle.pack)}
    for item in _plan(lifecycle, events, list(deadlines.values())):
        ended_on = lapses(lifecycle, deadlines[item.deadline_key])
        if ended_on is not None and not item.settled:
            assert item.due_at < _end_of(ended_on), item.key


@given(lifecycles(endings=("withdrawn", "mediated", "closed_withdrawn", "closed_won")))
def test_a_suit_that_ended_without_a_loss_leaves_nothing_to_chase(lifecycle: Lifecycle) -> None:
    events = run(lifecycle)
    deadlines = derive_deadlines(events, LIB, CAL, pack_id=lifecycle.pack)
    assert [d.key for d in deadlines if d.status == "open"] == []
    end = _end_of(lifecycle.steps[-1].day)
    unsettled = [p for p in _plan(lifecycle, events, deadlines) if not p.settled]
    assert [p.key for p in unsettled if p.due_at >= end] == []


def _plan(lifecycle: Lifecycle, events: list[CaseEvent], deadlines: list[Deadline]) -> list[Any]:
    rules = LIB.ruleset(lifecycle.pack, events[0].recorded_at)
    remediation = frozenset(rules.pack.remediation.after_missed if rules.pack.remediation else ())
    info = CaseInfo("case", "（2025）行初1号", lifecycle.pack, ("a",), ("j",))
    return plan_case(info, deadlines, CAL, rules.policy, remediation)


def _end_of(day: date) -> datetime:
    return datetime.combine(day, time(23, 59), tzinfo=SHANGHAI)
