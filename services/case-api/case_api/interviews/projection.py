"""How an interview event becomes its row; the row carries the agency's jurisdiction path
so a bureau sees the interviews below it."""

from __future__ import annotations

from case_api.interviews.domain import Interview
from case_api.interviews.tables import interviews
from case_api.readmodel.batch import Batch
from case_api.readmodel.dispatch import apply_event


@apply_event.register
def _(event: Interview.InterviewHeld, batch: Batch) -> None:
    agency = batch.agency(event.agency)
    path = batch.jurisdiction_path(agency["jurisdiction"]) if agency else None
    batch.put(
        interviews,
        {
            "interview_id": str(event.originator_id),
            "agency": event.agency,
            "jurisdiction_path": path or "/",
            "reference": event.reference,
            "interview_date": event.interview_date,
            "interviewee_name": event.interviewee["name"],
            "interviewee_post": event.interviewee["post"],
            "interviewer": event.interviewer,
            "reason": event.reason,
            "outcome": event.outcome,
            "position": batch.position,
        },
    )


def is_interview_event(event: object) -> bool:
    """Who was interviewed and why is the overseers' and the agency's, not every client's."""
    return isinstance(event, Interview.Event)
