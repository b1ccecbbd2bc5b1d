"""When a judgment takes effect, derived from its service on each party (DOMAIN.md §4).

A first-instance judgment (ruling) that nobody appeals takes effect the day after the appeal
period — 15 (10) days from each party's own service, counted with the rest-day rule — has
ended for the last party served [行政诉讼法 §85]. A second-instance judgment is final
(终审) and takes effect once served on every party. The court posts its effective date; a
date other than the derived one is flagged, never refused (the court may know of a service
the system does not).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from shared.calendar import WorkCalendar
from shared.deadlines.corrections import effective_events
from shared.deadlines.model import CaseEvent
from shared.deadlines.timeline import read_date
from shared.periods import Direction, PeriodResult, Unit, compute_period
from shared.rulepacks import PackLibrary

AGENCY = "被诉行政机关"


@dataclass(frozen=True)
class PartyAppeal:
    party: str
    served_date: date
    appeal_deadline: date | None  # None for a final (second-instance) judgment
    explanation: PeriodResult | None


@dataclass(frozen=True)
class JudgmentEffect:
    judgment_position: int
    kind: str  # judgment / ruling
    instance: str
    parties: tuple[PartyAppeal, ...]
    appealed: bool
    derived_date: date | None  # None when appealed, or when no period applies
    steps: tuple[str, ...]
    source: str
    posted_date: date | None
    mismatch: bool  # posted and derived both known, and different


def judgment_effects(
    events: Sequence[CaseEvent], library: PackLibrary, calendar: WorkCalendar, *, pack_id: str
) -> list[JudgmentEffect]:
    """One entry per served judgment or ruling of the case, oldest first."""
    facts = effective_events(events)
    served = [e for e in facts if e.type == "JudgmentServed"]
    found = []
    for index, judgment in enumerate(served):
        until = served[index + 1].position if index + 1 < len(served) else None
        later = [
            e
            for e in facts
            if e.position > judgment.position and (until is None or e.position < until)
        ]
        found.append(_effect(judgment, later, library, calendar, pack_id))
    return found


def _effect(
    judgment: CaseEvent,
    later: Sequence[CaseEvent],
    library: PackLibrary,
    calendar: WorkCalendar,
    pack_id: str,
) -> JudgmentEffect:
    rules = library.ruleset(pack_id, judgment.recorded_at)
    section = rules.appeal()
    data = judgment.data["judgment"]
    kind, instance = data.get("kind") or "judgment", data.get("instance") or "first"
    served = _served(judgment)
    appealed = any(e.type == "AppealFiled" for e in later)
    posted = next(
        (read_date(e.data, "effective_date") for e in later if e.type == "JudgmentEffective"), None
    )
    if instance == "second":
        last = max(day for _, day in served)
        parties = tuple(PartyAppeal(name, day, None, None) for name, day in served)
        final = (f"二审裁判为终审裁判，送达即生效；最后一方于{last}送达 (final once served)",)
        return _result(judgment, kind, instance, parties, False, last, final, "", posted)
    if instance != "first" or section is None:
        return _result(judgment, kind, instance, (), appealed, None, (), "", posted)
    days = section.ruling_days if kind == "ruling" else section.judgment_days
    policy = rules.policy
    parties = tuple(
        PartyAppeal(name, day, period.due_date, period)
        for name, day in served
        for period in [
            compute_period(
                calendar,
                day,
                days,
                Unit.DAYS,
                Direction.AFTER,
                allow_provisional=True,
                makeup_day_is_working_day=policy.makeup_day_is_working_day,
            )
        ]
    )
    steps: tuple[str, ...] = tuple(
        f"{p.party}：{p.served_date}送达，上诉期{days}日至{p.appeal_deadline}届满" for p in parties
    )
    latest = max(p.appeal_deadline for p in parties if p.appeal_deadline)
    if appealed:
        steps += ("已提起上诉：一审裁判不因上诉期届满而生效 (appealed: not effective on expiry)",)
        return _result(judgment, kind, instance, parties, True, None, steps, section.source, posted)
    derived = latest + timedelta(days=1)
    steps += (f"各方上诉期最迟于{latest}届满，次日{derived}生效 (effective the day after)",)
    return _result(judgment, kind, instance, parties, False, derived, steps, section.source, posted)


def _served(judgment: CaseEvent) -> list[tuple[str, date]]:
    """The agency's own service, then each other party's recorded with the judgment."""
    own = read_date(judgment.data, "served_date")
    found = [(AGENCY, own)] if own else []
    for item in judgment.data.get("party_service") or ():
        day = read_date(item, "served_date")
        if day is not None:
            found.append((str(item.get("party") or "?"), day))
    return found


def _result(
    judgment: CaseEvent,
    kind: str,
    instance: str,
    parties: tuple[PartyAppeal, ...],
    appealed: bool,
    derived: date | None,
    steps: tuple[str, ...],
    source: str,
    posted: date | None,
) -> JudgmentEffect:
    mismatch = derived is not None and posted is not None and posted != derived
    return JudgmentEffect(
        judgment.position,
        kind,
        instance,
        parties,
        appealed,
        derived,
        steps,
        source,
        posted,
        mismatch,
    )
