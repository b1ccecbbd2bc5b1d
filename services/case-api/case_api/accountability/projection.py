"""Accountability read models (DOMAIN.md §6), written straight into the batch's transaction.

Accountability events are rare, so each handler writes its rows at once; a later handler in
the same batch then sees them. The system's own aggravation flag is raised here, across
cases: the same person with two or more faults of the same kind within one year
[001 十七(一)] marks every such fault.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import Table, and_, delete, select, update
from sqlalchemy.dialects import postgresql, sqlite

from case_api.accountability import meeting_projection as meetings
from case_api.accountability.tables import (
    accountability_cases,
    accountability_corrective_opinions,
    accountability_decisions,
    accountability_parties,
    accountability_recoveries,
)
from case_api.cases.aggregate import Case
from case_api.readmodel.batch import Batch
from case_api.readmodel.dispatch import apply_event
from case_api.readmodel.events_json import to_json

REPEAT_WINDOW = timedelta(days=365)


def _case_row(batch: Batch, event: Any, **values: Any) -> None:
    case_id = str(event.originator_id)
    found = (
        batch.conn.execute(
            select(accountability_cases).where(accountability_cases.c.case_id == case_id)
        )
        .mappings()
        .first()
    )
    if found is not None:
        row = dict(found)
    else:
        summary = batch.summary(case_id)
        row = {
            "case_id": case_id,
            "pack": summary["pack"],
            "agency": summary["agency"],
            "jurisdiction_path": summary["jurisdiction_path"],
            "direct_loss_yuan": 0,
            "dereliction": False,
        }
    _upsert(batch, accountability_cases, {**row, **values})


def _upsert(batch: Batch, table: Table, row: dict[str, Any]) -> None:
    dialect = postgresql if batch.conn.dialect.name == "postgresql" else sqlite
    stmt = dialect.insert(table).values(**row)
    keys = [c.name for c in table.primary_key.columns]
    stmt = stmt.on_conflict_do_update(
        index_elements=keys,
        set_={c.name: stmt.excluded[c.name] for c in table.columns if c.name not in keys},
    )
    batch.conn.execute(stmt)


def _decision_where(event: Any) -> Any:
    d = accountability_decisions.c
    return and_(d.case_id == str(event.originator_id), d.party_id == event.party_id)


@apply_event.register
def _(event: Case.InvestigationCompleted, batch: Batch) -> None:
    _case_row(
        batch,
        event,
        investigation_date=event.completed_date,
        act_date=event.act_date,
        direct_loss_yuan=event.direct_loss_yuan,
        dereliction=event.dereliction,
    )


@apply_event.register
def _(event: Case.ReviewOpinionIssued, batch: Batch) -> None:
    _case_row(batch, event, opinion_date=event.issued_date)


@apply_event.register
def _(event: Case.JointReviewDesignated, batch: Batch) -> None:
    designation = {
        "designated_date": to_json(event.designated_date),
        "grounds": list(event.grounds),
        "reason": event.reason,
        "units": to_json(event.units),
        "positions": [],
    }
    _case_row(batch, event, joint_review=designation)


@apply_event.register
def _(event: Case.JointReviewPositionRecorded, batch: Batch) -> None:
    c = accountability_cases.c
    where = c.case_id == str(event.originator_id)
    review = batch.conn.execute(select(c.joint_review).where(where)).scalar_one()
    fields = ("unit_id", "review_round", "position", "opinion", "recorded_date")
    position = {k: to_json(getattr(event, k)) for k in fields}
    review = {**review, "positions": [*review["positions"], position]}
    batch.conn.execute(update(accountability_cases).where(where).values(joint_review=review))


@apply_event.register
def _(event: Case.CityFilingCompleted, batch: Batch) -> None:
    _case_row(batch, event, city_filed_date=event.filed_date)


@apply_event.register
def _(event: Case.JointMeetingScheduled, batch: Batch) -> None:
    _case_row(batch, event, meeting_date=event.meeting_date)
    meetings.meeting_scheduled(event, batch)


@apply_event.register
def _(event: Case.MeetingPapersSent, batch: Batch) -> None:
    _case_row(batch, event, papers_sent_date=event.sent_date)
    meetings.papers_sent(event, batch)


@apply_event.register
def _(event: Case.DecisionReportedToCommittee, batch: Batch) -> None:
    _case_row(batch, event, committee_reported_date=event.reported_date)


@apply_event.register
def _(event: Case.TransferredToDisciplineOrgan, batch: Batch) -> None:
    _case_row(
        batch,
        event,
        transferred_date=event.transferred_date,
        transferred_to=event.organ,
        transfer_ground=getattr(event, "ground", None),  # absent from older transfers
        transfer_ground_source=getattr(event, "ground_source", None),
    )


@apply_event.register
def _(event: Case.ResponsiblePartyNamed, batch: Batch) -> None:
    case_id = str(event.originator_id)
    _case_row(batch, event)
    party = event.party
    summary = batch.summary(case_id)
    batch.conn.execute(
        accountability_parties.insert().values(
            case_id=case_id,
            party_id=party["party_id"],
            kind=party["kind"],
            person_id=party.get("person_id"),
            name=party["name"],
            agency=party["agency"],
            post=party.get("post", ""),
            role=party["role"],
            fault_kind=party["fault_kind"],
            fault_date=party["fault_date"],
            named_date=event.named_date,
            repeat_fault=False,
            city_managed=bool(party.get("city_managed")),  # absent before it was kept
            pack=summary["pack"],
            jurisdiction_path=summary["jurisdiction_path"],
        )
    )
    if party["kind"] == "person":
        _flag_repeats(batch, party["person_id"], party["fault_kind"])


def _flag_repeats(batch: Batch, person_id: str, fault_kind: str) -> None:
    """Flag each of the person's faults of this kind that has another within a year.

    A fault excused by fault tolerance (容错免责) counts for nothing: it is neither flagged nor
    a prior of another, since an excused fault must not weigh against the person [000 四(三)].
    Reads one person's faults of one kind, so the cost does not grow with the register.
    """
    p, d = accountability_parties.c, accountability_decisions.c
    faults = batch.conn.execute(
        select(p.case_id, p.party_id, p.fault_date, p.repeat_fault).where(
            p.person_id == person_id, p.fault_kind == fault_kind
        )
    ).all()
    excused = set(
        batch.conn.execute(
            select(d.case_id, d.party_id).where(
                d.person_id == person_id, d.decision == "fault_tolerance"
            )
        ).all()
    )
    counted = [f for f in faults if (f.case_id, f.party_id) not in excused]
    for fault in faults:
        repeat = (fault.case_id, fault.party_id) not in excused and any(
            other is not fault and abs(other.fault_date - fault.fault_date) <= REPEAT_WINDOW
            for other in counted
        )
        if repeat != fault.repeat_fault:
            batch.conn.execute(
                update(accountability_parties)
                .where(p.case_id == fault.case_id, p.party_id == fault.party_id)
                .values(repeat_fault=repeat)
            )


@apply_event.register
def _(event: Case.AccountabilityDecided, batch: Batch) -> None:
    case_id = str(event.originator_id)
    p = accountability_parties.c
    party = (
        batch.conn.execute(
            select(accountability_parties).where(p.case_id == case_id, p.party_id == event.party_id)
        )
        .mappings()
        .one()
    )
    superseded = _supersede(batch, event)
    batch.conn.execute(
        accountability_decisions.insert().values(
            case_id=case_id,
            party_id=event.party_id,
            kind=party["kind"],
            person_id=party["person_id"],
            agency=party["agency"],
            decision=event.decision,
            ground=event.ground,
            ground_source=event.ground_source,
            sanctions=list(event.sanctions),
            sanctions_in_force=list(event.sanctions),
            mitigation=list(event.mitigation),
            aggravation=list(event.aggravation),
            deciding_organ=event.deciding_organ,
            reason=event.reason,
            decided_date=event.decided_date,
            risk_registration_id=getattr(event, "risk_registration_id", None),
            opinion_meeting_date=getattr(event, "opinion_meeting_date", None),
            deciding_agency=getattr(event, "deciding_agency", None),
            pack=party["pack"],
            jurisdiction_path=party["jurisdiction_path"],
        )
    )
    tolerated = "fault_tolerance" in (event.decision, superseded)
    if party["kind"] == "person" and tolerated:
        _flag_repeats(batch, party["person_id"], party["fault_kind"])


def _supersede(batch: Batch, event: Any) -> str | None:
    """A decision made after a corrective opinion replaces the reopened one, which the
    opinion's row keeps: the decisions table holds each party's current decision only, so the
    statistics count it once. Returns the superseded decision, if any."""
    where = _decision_where(event)
    old = batch.conn.execute(select(accountability_decisions.c.decision).where(where)).first()
    if old is None:
        return None
    batch.conn.execute(delete(accountability_decisions).where(where))
    o = accountability_corrective_opinions.c
    batch.conn.execute(
        update(accountability_corrective_opinions)
        .where(
            o.case_id == str(event.originator_id),
            o.party_id == event.party_id,
            o.redecided_date.is_(None),
        )
        .values(redecided_date=event.decided_date)
    )
    return str(old.decision)


@apply_event.register
def _(event: Case.CorrectiveOpinionIssued, batch: Batch) -> None:
    reopened = (
        batch.conn.execute(select(accountability_decisions).where(_decision_where(event)))
        .mappings()
        .one()
    )
    batch.conn.execute(
        accountability_corrective_opinions.insert().values(
            position=batch.position,
            case_id=str(event.originator_id),
            party_id=event.party_id,
            issued_by=event.issued_by,
            meeting_date=event.meeting_date,
            issued_date=event.issued_date,
            improper=event.improper,
            required_action=event.required_action,
            source=event.source,
            reopened_decision=to_json(dict(reopened)),
            jurisdiction_path=reopened["jurisdiction_path"],
        )
    )


@apply_event.register
def _(event: Case.CityManagedCadreHandedOver, batch: Batch) -> None:
    p = accountability_parties.c
    batch.conn.execute(
        update(accountability_parties)
        .where(p.case_id == str(event.originator_id), p.party_id == event.party_id)
        .values(handed_to=event.organ, handed_date=event.handed_date)
    )


@apply_event.register
def _(event: Case.SanctionAppealed, batch: Batch) -> None:
    batch.conn.execute(
        update(accountability_decisions)
        .where(_decision_where(event))
        .values(appeal_kind=event.kind, appealed_date=event.appealed_date)
    )


@apply_event.register
def _(event: Case.SanctionAppealDecided, batch: Batch) -> None:
    values: dict[str, Any] = {
        "appeal_outcome": event.outcome,
        "appeal_decided_date": event.decided_date,
    }
    if event.outcome == "changed":
        values["sanctions_in_force"] = list(event.sanctions)
    elif event.outcome == "revoked":
        values["sanctions_in_force"] = []
    batch.conn.execute(
        update(accountability_decisions).where(_decision_where(event)).values(values)
    )


@apply_event.register
def _(event: Case.CompensationRecovered, batch: Batch) -> None:
    case_id = str(event.originator_id)
    p = accountability_parties.c
    person_id = batch.conn.execute(
        select(p.person_id).where(p.case_id == case_id, p.party_id == event.party_id)
    ).scalar_one()
    batch.conn.execute(
        accountability_recoveries.insert().values(
            position=batch.position,
            case_id=case_id,
            party_id=event.party_id,
            person_id=person_id,
            amount_yuan=event.amount_yuan,
            recovered_date=event.recovered_date,
            jurisdiction_path=batch.summary(case_id)["jurisdiction_path"],
        )
    )
