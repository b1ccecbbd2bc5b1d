"""How register events become rows; each row carries its jurisdiction's path so lists are
scoped by place without a join."""

from __future__ import annotations

from case_api.mediation.domain import MediationCentre, Mediator
from case_api.mediation.tables import mediation_centres, mediators
from case_api.readmodel.batch import Batch
from case_api.readmodel.dispatch import apply_event


@apply_event.register
def _(event: MediationCentre.MediationCentreRegistered, batch: Batch) -> None:
    path = batch.jurisdiction_path(event.jurisdiction) or f"/{event.jurisdiction}/"
    batch.put(
        mediation_centres,
        {
            "code": event.code,
            "centre_id": str(event.originator_id),
            "name": event.name,
            "jurisdiction": event.jurisdiction,
            "jurisdiction_path": path,
            "station_of": event.station_of,
            "pack_entry": event.pack_entry,
            "source": event.source,
            "position": batch.position,
        },
    )


@apply_event.register
def _(event: Mediator.MediatorEnrolled, batch: Batch) -> None:
    centre = batch.row(mediation_centres, event.centre)
    batch.put(
        mediators,
        {
            "mediator_id": str(event.originator_id),
            "centre": event.centre,
            "jurisdiction_path": centre["jurisdiction_path"] if centre else "/",
            "roster_number": event.roster_number,
            "name": event.name,
            "speciality": event.speciality,
            "active_from": event.active_from,
            "active_to": event.active_to,
            "position": batch.position,
        },
    )


@apply_event.register
def _(event: Mediator.MediatorTermEnded, batch: Batch) -> None:
    row = batch.row(mediators, str(event.originator_id))
    if row is not None:
        row.update(active_to=event.active_to, position=batch.position)
        batch.put(mediators, row)


def is_register_event(event: object) -> bool:
    return isinstance(event, (MediationCentre.Event, Mediator.Event))
