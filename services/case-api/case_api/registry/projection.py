"""How registry events change the jurisdiction and agency tables."""

from __future__ import annotations

from case_api.readmodel.batch import Batch
from case_api.readmodel.dispatch import apply_event
from case_api.registry.domain import Agency, Jurisdiction
from case_api.registry.tables import administrative_acts


@apply_event.register
def _(event: Jurisdiction.JurisdictionRegistered, batch: Batch) -> None:
    parent = batch.jurisdiction(event.parent) if event.parent else None
    path = f"{parent['path']}{event.code}/" if parent else f"/{event.code}/"
    batch.jurisdictions[event.code] = {
        "code": event.code,
        "name": event.name,
        "level": event.level,
        "parent": event.parent,
        "path": path,
        "pack": event.pack,
    }


@apply_event.register
def _(event: Jurisdiction.JurisdictionPackChanged, batch: Batch) -> None:
    row = batch.jurisdiction(event.code)
    if row is not None:
        batch.jurisdictions[event.code] = {**row, "pack": event.pack}


@apply_event.register
def _(event: Agency.AgencyRegistered, batch: Batch) -> None:
    batch.agencies[event.code] = {
        "code": event.code,
        "name": event.name,
        "jurisdiction": event.jurisdiction,
        "level": event.level,
    }


@apply_event.register
def _(event: Agency.AgencyRenamed, batch: Batch) -> None:
    row = batch.agency(event.code)
    if row is not None:
        batch.agencies[event.code] = {**row, "name": event.name}


@apply_event.register
def _(event: Agency.AdministrativeActsRecorded, batch: Batch) -> None:
    batch.put(
        administrative_acts,
        {
            "agency": event.code,
            "period": event.period,
            "period_start": event.start,
            "period_end": event.end,
            "acts": event.acts,
            "position": batch.position,
        },
    )
