"""How a registration event becomes its row; the row carries the unit's jurisdiction path
so a bureau sees the registrations below it."""

from __future__ import annotations

from case_api.readmodel.batch import Batch
from case_api.readmodel.dispatch import apply_event
from case_api.risks.domain import RiskRegistration
from case_api.risks.tables import risk_registrations


@apply_event.register
def _(event: RiskRegistration.RiskRegistered, batch: Batch) -> None:
    agency = batch.agency(event.agency)
    path = batch.jurisdiction_path(agency["jurisdiction"]) if agency else None
    batch.put(
        risk_registrations,
        {
            "registration_id": str(event.originator_id),
            "agency": event.agency,
            "jurisdiction_path": path or "/",
            "reference": event.reference,
            "decision": event.decision,
            "decision_date": event.decision_date,
            "risk": event.risk,
            "measures": event.measures,
            "registered_date": event.registered_date,
            "position": batch.position,
        },
    )


def is_registration_event(event: object) -> bool:
    """Risk descriptions are the unit's and its overseers', not every client's feed."""
    return isinstance(event, RiskRegistration.Event)
