"""An 约谈 held with an agency's head [000 五(二)] [004 5-⑤三]: one record per agency and
interview, not per case, since it answers the agency's figures over a period.

The id derives from the agency and the bureau's own reference for the interview (约谈编号),
so a resend lands on the record already made.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import event

from case_api.chain.domain import ChainedAggregate

Meta = dict[str, Any]


def interview_id(agency: str, reference: str) -> UUID:
    return uuid5(NAMESPACE_URL, f"yingsu:interview:{agency}:{reference}")


class Interview(ChainedAggregate):
    @event("InterviewHeld")
    def __init__(
        self,
        *,
        agency: str,
        reference: str,
        interview_date: date,
        interviewee: dict[str, str],
        interviewer: str,
        reason: str,
        outcome: str,
        meta: Meta,
    ) -> None:
        """``interviewee``: {name, post} of the head interviewed; ``interviewer``: who held
        the interview for the bureau or the joint meeting."""
        self.agency = agency
        self.reference = reference
        self.interview_date = interview_date

    @staticmethod
    def create_id(agency: str, reference: str, **_: Any) -> UUID:
        return interview_id(agency, reference)
