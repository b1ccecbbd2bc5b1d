"""A 容错风险报备 [000 四(二)]: a unit registers a risky decision before it acts, so a later
loss on that act may be tolerated (the fault-tolerance ground ``pre_registered_risk``).

One registration is one aggregate; its id derives from the unit and the unit's own
reference (报备编号), so a resend lands on the registration already made.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import event

from case_api.chain.domain import ChainedAggregate

Meta = dict[str, Any]


def registration_id(agency: str, reference: str) -> UUID:
    return uuid5(NAMESPACE_URL, f"yingsu:risk-registration:{agency}:{reference}")


class RiskRegistration(ChainedAggregate):
    @event("RiskRegistered")
    def __init__(
        self,
        *,
        agency: str,
        reference: str,
        decision: str,
        decision_date: date,
        risk: str,
        measures: str,
        registered_date: date,
        meta: Meta,
    ) -> None:
        self.agency = agency
        self.reference = reference
        self.registered_date = registered_date

    @staticmethod
    def create_id(agency: str, reference: str, **_: Any) -> UUID:
        return registration_id(agency, reference)

    def cited_facts(self) -> dict[str, Any]:
        """What a fault-tolerance decision checks and keeps of the registration."""
        return {
            "registration_id": str(self.id),
            "agency": self.agency,
            "registered_date": self.registered_date,
        }
