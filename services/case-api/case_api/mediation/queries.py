"""Reading the mediation register: centres and stations, and mediators on the roster.

A bureau sees the register of its jurisdiction, of the places below it and of those above it
(a district uses the city's centre); an agency those serving its own place and above; a
court all of them. Lists are keyset-paged.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Engine, and_, false, or_, select, true

from case_api.mediation.tables import mediation_centres, mediators
from case_api.platform.access import Principal, Role
from case_api.platform.cursors import decode_cursor, encode_cursor
from case_api.registry.paths import JurisdictionPaths
from case_api.registry.tables import agencies

c, m = mediation_centres.c, mediators.c


def ancestors(path: str) -> list[str]:
    """``/gd/gz/th/`` → ``/gd/``, ``/gd/gz/``, ``/gd/gz/th/``."""
    parts = [p for p in path.split("/") if p]
    return ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


@dataclass(frozen=True)
class Scope:
    engine: Engine
    paths: JurisdictionPaths

    def visible(self, principal: Principal, column: Any) -> ColumnElement[bool]:
        role = principal.role
        if role in (Role.ADMIN, Role.COURT_SYSTEM):
            return true()
        if role is Role.AGENCY_USER and principal.agency:
            return column.in_(ancestors(self._agency_path(principal.agency)))
        if role not in (Role.BUREAU_OFFICER, Role.DISCIPLINE_OFFICER):
            return false()
        if principal.jurisdiction is None:
            return true() if role is Role.DISCIPLINE_OFFICER else false()
        own = principal.jurisdiction
        return or_(self.paths.below(column, own), column.in_(ancestors(self.paths.of(own))))

    def _agency_path(self, agency: str) -> str:
        with self.engine.connect() as conn:
            code = conn.execute(
                select(agencies.c.jurisdiction).where(agencies.c.code == agency)
            ).scalar_one_or_none()
        return self.paths.of(code) if code else "/"


def centre_list(
    scope: Scope, principal: Principal, jurisdiction: str | None, limit: int, cursor: str | None
) -> tuple[list[dict[str, Any]], str | None]:
    query = (
        select(mediation_centres)
        .where(scope.visible(principal, c.jurisdiction_path))
        .order_by(c.code)
        .limit(limit + 1)
    )
    if jurisdiction:
        query = query.where(scope.paths.below(c.jurisdiction_path, jurisdiction))
    if cursor:
        (after,) = decode_cursor(cursor, centre=str)
        query = query.where(c.code > after)
    with scope.engine.connect() as conn:
        rows = [_public(r) for r in conn.execute(query).mappings()]
    if len(rows) <= limit:
        return rows, None
    return rows[:limit], encode_cursor(centre=rows[limit - 1]["code"])


@dataclass(frozen=True)
class MediatorFilter:
    centre: str | None
    active_on: date | None
    limit: int
    cursor: str | None


def mediator_list(
    scope: Scope, principal: Principal, asked: MediatorFilter
) -> tuple[list[dict[str, Any]], str | None]:
    """By name, then id; ``active_on``: only those serving on that day."""
    query = (
        select(mediators, c.station_of)
        .select_from(mediators.join(mediation_centres, c.code == m.centre))
        .where(scope.visible(principal, m.jurisdiction_path))
        .order_by(m.name, m.mediator_id)
        .limit(asked.limit + 1)
    )
    if asked.centre:
        query = query.where(m.centre == asked.centre)
    if asked.active_on:
        day = asked.active_on
        query = query.where(m.active_from <= day, or_(m.active_to.is_(None), m.active_to >= day))
    if asked.cursor:
        name, after = decode_cursor(asked.cursor, name=str, mediator_id=str)
        query = query.where(or_(m.name > name, and_(m.name == name, m.mediator_id > after)))
    with scope.engine.connect() as conn:
        rows = [_public(r) for r in conn.execute(query).mappings()]
    if len(rows) <= asked.limit:
        return rows, None
    last = rows[asked.limit - 1]
    return rows[: asked.limit], encode_cursor(name=last["name"], mediator_id=last["mediator_id"])


def _public(row: Any) -> dict[str, Any]:
    found = dict(row)
    found.pop("jurisdiction_path", None)
    return found
