"""The joint meeting's read model (联席会议 [001 八-十]): one row per case and meeting.

Mirrors the aggregate: papers go to the case's earliest-scheduled meeting still without
them; a new opinion replaces the case's opinion not yet archived, wherever it was recorded.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, func, select, update

from case_api.accountability.tables import accountability_meetings
from case_api.cases.aggregate import Case
from case_api.readmodel.batch import Batch
from case_api.readmodel.dispatch import apply_event

OPINION_CLEARED = {
    "opinion_recorded_date": None,
    "established": None,
    "party_ids": None,
    "reasons": None,
    "signatures": None,
}

m = accountability_meetings.c


def meeting_scheduled(event: Any, batch: Batch) -> None:
    case_id = str(event.originator_id)
    summary = batch.summary(case_id)
    seq = batch.conn.execute(select(func.count()).where(m.case_id == case_id)).scalar_one()
    batch.conn.execute(
        accountability_meetings.insert().values(
            case_id=case_id,
            meeting_date=event.meeting_date,
            seq=int(seq) + 1,
            pack=summary["pack"],
            agency=summary["agency"],
            jurisdiction_path=summary["jurisdiction_path"],
            agenda=event.agenda,
        )
    )


def papers_sent(event: Any, batch: Batch) -> None:
    case_id = str(event.originator_id)
    first = batch.conn.execute(
        select(m.meeting_date)
        .where(m.case_id == case_id, m.papers_sent_date.is_(None))
        .order_by(m.seq)
        .limit(1)
    ).scalar()
    if first is not None:
        batch.conn.execute(
            update(accountability_meetings)
            .where(_row(case_id, first))
            .values(papers_sent_date=event.sent_date)
        )


def _row(case_id: str, meeting_date: Any) -> Any:
    return and_(m.case_id == case_id, m.meeting_date == meeting_date)


@apply_event.register
def _(event: Case.MeetingOpinionRecorded, batch: Batch) -> None:
    case_id = str(event.originator_id)
    batch.conn.execute(
        update(accountability_meetings)
        .where(m.case_id == case_id, m.archived_date.is_(None))
        .values(OPINION_CLEARED)
    )
    batch.conn.execute(
        update(accountability_meetings)
        .where(_row(case_id, event.meeting_date))
        .values(
            opinion_recorded_date=event.recorded_date,
            established=event.established,
            party_ids=list(event.party_ids),
            reasons=event.reasons,
            signatures={},
        )
    )


@apply_event.register
def _(event: Case.MeetingOpinionCountersigned, batch: Batch) -> None:
    where = _row(str(event.originator_id), event.meeting_date)
    signatures = batch.conn.execute(select(m.signatures).where(where)).scalar_one()
    signed = {**(signatures or {}), event.member: event.signed_date.isoformat()}
    batch.conn.execute(update(accountability_meetings).where(where).values(signatures=signed))


@apply_event.register
def _(event: Case.MeetingOpinionArchived, batch: Batch) -> None:
    where = _row(str(event.originator_id), event.meeting_date)
    batch.conn.execute(
        update(accountability_meetings).where(where).values(archived_date=event.archived_date)
    )
