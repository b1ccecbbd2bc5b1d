"""Reading registrations: an agency its own, a bureau those below its jurisdiction."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Engine, select

from case_api.cases.visibility import visible_agency_records
from case_api.platform.access import Principal
from case_api.platform.domain_errors import NotFound
from case_api.registry.paths import JurisdictionPaths
from case_api.risks.tables import risk_registrations

T = risk_registrations.c


def _visible(principal: Principal, paths: JurisdictionPaths) -> ColumnElement[bool]:
    return visible_agency_records(principal, T.agency, T.jurisdiction_path, paths)


def _public(row: Any) -> dict[str, Any]:
    found = dict(row)
    found.pop("jurisdiction_path")
    return found


class RiskRegistrationQueries:
    def __init__(self, engine: Engine, paths: JurisdictionPaths):
        self.engine = engine
        self.paths = paths

    def list(
        self,
        principal: Principal,
        agency: str | None,
        registered_from: date | None,
        registered_to: date | None,
        limit: int,
    ) -> list[dict[str, Any]]:
        query = select(risk_registrations).where(_visible(principal, self.paths))
        if agency is not None:
            query = query.where(T.agency == agency)
        if registered_from is not None:
            query = query.where(T.registered_date >= registered_from)
        if registered_to is not None:
            query = query.where(T.registered_date <= registered_to)
        query = query.order_by(T.registered_date.desc(), T.registration_id).limit(limit)
        with self.engine.connect() as conn:
            return [_public(r) for r in conn.execute(query).mappings()]

    def get(self, principal: Principal, registration_id: str) -> dict[str, Any]:
        query = select(risk_registrations).where(
            T.registration_id == registration_id, _visible(principal, self.paths)
        )
        with self.engine.connect() as conn:
            row = conn.execute(query).mappings().first()
        if row is None:
            raise NotFound(
                "risk-registration-not-found",
                f"Risk registration {registration_id} not found.",
                f"容错风险报备 {registration_id} 不存在。",
            )
        return _public(row)
