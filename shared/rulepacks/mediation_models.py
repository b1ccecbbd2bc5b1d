"""行政争议调解: the mediation centres and stations a jurisdiction's regulation sets up, and the
roster (调解员库) their mediators are chosen from.

The pack names each centre and station with its clause; which people serve on the roster is
data the bureau enters through the API, never part of the pack.
"""

from __future__ import annotations

from pydantic import BaseModel, Field, model_validator

from shared.rulepacks.rule_models import STRICT, Ident, Text


class MediationStation(BaseModel):
    """A 工作站 of a centre, e.g. a district's station of the city centre."""

    model_config = STRICT
    id: Ident
    title: Text
    title_zh: Text
    source: Text


class MediationCentre(BaseModel):
    model_config = STRICT
    id: Ident
    title: Text
    title_zh: Text
    source: Text
    stations: tuple[MediationStation, ...] = ()


class MediationRoster(BaseModel):
    """The roster mediators are selected onto (选聘调解员), by the clause that asks for it."""

    model_config = STRICT
    title: Text
    title_zh: Text
    source: Text


class Mediation(BaseModel):
    model_config = STRICT
    centres: tuple[MediationCentre, ...] = Field(min_length=1)
    roster: MediationRoster | None = None

    @model_validator(mode="after")
    def _unique_ids(self) -> Mediation:
        ids = [c.id for c in self.centres] + [s.id for c in self.centres for s in c.stations]
        if len(ids) != len(set(ids)):
            raise ValueError("mediation centre and station ids repeat")
        return self

    def entry(self, entry_id: str) -> tuple[MediationCentre, MediationStation | None] | None:
        """The centre ``entry_id`` names, or the station and its centre; None if neither."""
        for centre in self.centres:
            if centre.id == entry_id:
                return centre, None
            for station in centre.stations:
                if station.id == entry_id:
                    return centre, station
        return None
