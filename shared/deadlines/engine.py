"""Deriving a case's deadlines from its events under its rule pack (DOMAIN.md §4).

Pure and deterministic: the same events give the same deadlines whatever order they are
passed in, so a projection can rebuild them on every event. Each trigger occurrence yields
one deadline keyed ``rule@position``, computed under the pack version in effect when the
trigger event was recorded. Due dates are derived here, never stored in events.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from shared.calendar import WorkCalendar
from shared.deadlines.model import CaseEvent, Deadline, DeadlineStatus
from shared.deadlines.timeline import Timeline, matches, read_date
from shared.periods import Direction, PeriodResult, Unit, compute_period
from shared.rulepacks import PackLibrary, Policy, ResolvedRule, Rule, RuleSet, shanghai_date


@dataclass(frozen=True)
class _Context:
    timeline: Timeline
    calendar: WorkCalendar
    policy: Policy


def derive_deadlines(
    events: Sequence[CaseEvent],
    library: PackLibrary,
    calendar: WorkCalendar,
    *,
    pack_id: str,
) -> list[Deadline]:
    """Every deadline the case's events trigger, ordered by due date, then key.

    Years without a loaded holiday schedule give provisional deadlines (statutory holidays
    and weekends),
    marked with the reason; they are recomputed once the schedule is loaded. Event types no
    rule reads are ignored. Raises PackNotFound / PackNotInEffect when ``pack_id`` has no
    version in effect at an event's ``recorded_at``.
    """
    timeline = Timeline.of(events)
    derived: list[Deadline] = []
    fired: set[str] = set()
    for event in timeline.events:
        rules = library.ruleset(pack_id, event.recorded_at)
        context = _Context(timeline, calendar, rules.policy)
        for resolved in rules.by_event.get(event.type, ()):
            if resolved.rule.once and resolved.id in fired:
                continue
            start = _trigger_date(resolved.rule, event)
            if start is None:
                continue
            fired.add(resolved.id)
            deadline = _derive(context, resolved, event.position, start, event.data)
            derived.append(deadline)
            derived.extend(_anchored(context, rules, deadline))
    return sorted(derived, key=lambda d: (d.due_date, d.key))


def next_open(deadlines: Iterable[Deadline], today: date) -> Deadline | None:
    """The earliest deadline still open and not yet past due on ``today``."""
    upcoming = [d for d in deadlines if d.status_on(today) == DeadlineStatus.OPEN]
    return min(upcoming, key=lambda d: (d.due_date, d.key), default=None)


def _trigger_date(rule: Rule, event: CaseEvent) -> date | None:
    for clause in rule.trigger:
        if clause.event == event.type and matches(clause, event.data, None):
            return read_date(event.data, clause.date_field or "")
    return None


def _anchored(context: _Context, rules: RuleSet, anchor: Deadline) -> list[Deadline]:
    """Deadlines counted from ``anchor`` (e.g. 5 working days before the answer is due)."""
    found: list[Deadline] = []
    for resolved in rules.anchored.get(anchor.rule_id, ()):
        use = resolved.rule.anchor.use if resolved.rule.anchor else "due"
        start = anchor.due_date
        if use == "satisfied_or_due" and anchor.satisfied_date is not None:
            start = anchor.satisfied_date
        waived = anchor.status == DeadlineStatus.WAIVED
        deadline = _derive(context, resolved, anchor.trigger_position, start, None, waived)
        found.append(deadline)
        found.extend(_anchored(context, rules, deadline))
    return found


def _derive(
    context: _Context,
    resolved: ResolvedRule,
    position: int,
    start: date,
    trigger: Mapping[str, Any] | None,
    waived: bool = False,
) -> Deadline:
    rule = resolved.rule
    period = _period(context, rule, start)
    status, done_at, done_on = _settle(context.timeline, rule, position, trigger, period.due_date)
    if waived:
        status, done_at, done_on = DeadlineStatus.WAIVED.value, None, None
    return Deadline(
        key=f"{rule.id}@{position}",
        rule_id=rule.id,
        kind=rule.kind.value,
        title=rule.title,
        title_zh=rule.title_zh,
        source=rule.source,
        pack=resolved.pack,
        pack_version=resolved.pack_version,
        actor=rule.actor.value,
        trigger_position=position,
        trigger_date=start,
        due_date=period.due_date,
        explanation=period,
        provisional=period.provisional,
        provisional_reason=period.provisional_reason,
        status=status,
        satisfied_position=done_at,
        satisfied_date=done_on,
        reminders=rule.reminders,
        escalation=tuple(e.value for e in rule.escalation),
    )


def _period(context: _Context, rule: Rule, start: date) -> PeriodResult:
    if rule.fixed_date:
        return _fixed(start)
    return compute_period(
        context.calendar,
        start,
        rule.offset,
        rule.unit,
        rule.direction,
        allow_provisional=True,
        makeup_day_is_working_day=context.policy.makeup_day_is_working_day,
    )


def _fixed(day: date) -> PeriodResult:
    """A date the court sets (a hearing) is kept as it is: no period, no rest-day rule."""
    return PeriodResult(
        due_date=day,
        start=day,
        raw_end=day,
        skipped_rest_days=(),
        offset=0,
        unit=Unit.DAYS,
        direction=Direction.AFTER,
        provisional=False,
        provisional_reason=None,
        steps=(f"{day.isoformat()} is fixed by the court; due that day (no rest-day rule)",),
    )


def _settle(
    timeline: Timeline,
    rule: Rule,
    position: int,
    trigger: Mapping[str, Any] | None,
    due: date,
) -> tuple[str, int | None, date | None]:
    """Status from the first satisfying or cancelling event after the trigger."""
    done = timeline.first_after(position, rule.satisfied_by, trigger)
    cancel = timeline.first_after(position, rule.cancelled_by, trigger)
    if cancel is not None and (done is None or cancel[0].position < done[0].position):
        return DeadlineStatus.WAIVED.value, None, None
    if done is None:
        return DeadlineStatus.OPEN.value, None, None
    event, clause = done
    day = read_date(event.data, clause.date_field or "") or shanghai_date(event.recorded_at)
    late = DeadlineStatus.MET_LATE if day > due else DeadlineStatus.MET
    return late.value, event.position, day
