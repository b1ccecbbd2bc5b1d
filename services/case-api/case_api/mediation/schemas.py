"""Bodies and views of the mediation register and its figures (行政争议调解 [004 5-③])."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, Field

from case_api.platform.http.bodies import RequestBody

Code = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


class RegisterCentre(RequestBody):
    """A 调解中心, or with ``station_of`` a 工作站 of one. ``pack_entry`` names the centre or
    station of the jurisdiction's rule pack this is (its clause is kept); a station of a
    centre lies in the centre's jurisdiction or below."""

    code: str = Code
    name: str = Field(min_length=1, max_length=200)
    jurisdiction: str = Field(min_length=1, max_length=64)
    station_of: str | None = Field(None, min_length=1, max_length=64)
    pack_entry: str | None = Field(None, min_length=1, max_length=64, pattern=r"^[a-z][a-z0-9_]*$")


class EnrolMediator(RequestBody):
    """A mediator selected onto the roster (选聘调解员 [004 5-③五]) of a centre or station,
    serving from ``active_from`` to ``active_to`` (inclusive; omitted: still serving)."""

    centre: str = Field(min_length=1, max_length=64, description="Code of the centre or station")
    roster_number: str = Field(min_length=1, max_length=64, description="名册编号")
    name: str = Field(min_length=1, max_length=100)
    speciality: str = Field(min_length=1, max_length=500, description="专长领域")
    active_from: date
    active_to: date | None = None


class EndTerm(RequestBody):
    active_to: date = Field(description="The last day the mediator serves")


class Written(BaseModel):
    id: str
    position: int = Field(description="Position of the write in the event feed")


class CentreView(BaseModel):
    code: str
    centre_id: str
    name: str
    jurisdiction: str
    station_of: str | None
    pack_entry: str | None
    source: str | None = Field(
        description="The clause that set the centre up, if the pack names it"
    )
    position: int


class CentrePage(BaseModel):
    items: list[CentreView]
    next_cursor: str | None


class MediatorView(BaseModel):
    mediator_id: str
    centre: str
    station_of: str | None = Field(description="The centre of the mediator's station, if any")
    roster_number: str
    name: str
    speciality: str
    active_from: date
    active_to: date | None
    position: int


class MediatorPage(BaseModel):
    items: list[MediatorView]
    next_cursor: str | None


class RateValue(BaseModel):
    value: float | None = Field(description="numerator ÷ denominator; null when nothing ended")
    numerator: int
    denominator: int


class Counts(BaseModel):
    mediation_attempts: int
    mediations_settled: int
    mediations_failed: int
    mediations_concluded: int
    mediation_settlement_rate: RateValue


class MediatorFigures(Counts):
    mediator_id: str
    name: str | None
    centre: str | None


class CentreFigures(Counts):
    centre: str | None
    name: str | None
    station_of: str | None


class MediationStatistics(BaseModel):
    scope: dict[str, Any]
    definitions: dict[str, Any] = Field(description="Names, formulas and clauses of the figures")
    totals: Counts
    by_mediator: list[MediatorFigures]
    by_centre: list[CentreFigures]


CENTRE_EXAMPLE = {
    "code": "gz-mediation-centre",
    "name": "广州行政争议调解中心",
    "jurisdiction": "gz",
    "pack_entry": "gz_dispute_mediation_centre",
}
MEDIATOR_EXAMPLE = {
    "centre": "gz-mediation-centre",
    "roster_number": "GZ-2026-001",
    "name": "调解员甲",
    "speciality": "城市规划与土地征收",
    "active_from": "2026-01-01",
}
