"""The read side's form of ``access.can_see_case``: SQL conditions per principal."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, false, or_, select, true

from case_api.cases.tables import case_agencies, case_summaries, case_timeline
from case_api.platform.access import Principal, Role
from case_api.registry.paths import JurisdictionPaths


def visible_cases(principal: Principal, paths: JurisdictionPaths) -> ColumnElement[bool]:
    role = principal.role
    if role in (Role.ADMIN, Role.NOTIFIER):
        return true()
    if role in (Role.AGENCY_USER, Role.MOBILE_READER):
        own = select(case_agencies.c.case_id).where(case_agencies.c.agency == principal.agency)
        return case_summaries.c.case_id.in_(own)
    if role == Role.COURT_SYSTEM:
        return case_summaries.c.court == principal.court
    if principal.jurisdiction is None:
        return true() if role == Role.DISCIPLINE_OFFICER else false()
    return paths.below(case_summaries.c.jurisdiction_path, principal.jurisdiction)


def visible_rows(principal: Principal, table: Any, paths: JurisdictionPaths) -> ColumnElement[bool]:
    """Rows of a per-case table that carries its case's ``jurisdiction_path`` (deadlines,
    hearings, answers, changes): the same rules as ``visible_cases``, applied to the row
    itself, so a jurisdiction's or an agency's rows need no join with the summaries."""
    role = principal.role
    if role in (Role.ADMIN, Role.NOTIFIER):
        return true()
    if role in (Role.AGENCY_USER, Role.MOBILE_READER):
        own = select(case_agencies.c.case_id).where(case_agencies.c.agency == principal.agency)
        return table.c.case_id.in_(own)
    if role == Role.COURT_SYSTEM:
        court = select(case_summaries.c.case_id).where(case_summaries.c.court == principal.court)
        return table.c.case_id.in_(court)
    if principal.jurisdiction is None:
        return true() if role == Role.DISCIPLINE_OFFICER else false()
    return paths.below(table.c.jurisdiction_path, principal.jurisdiction)


def visible_events(principal: Principal, paths: JurisdictionPaths) -> ColumnElement[bool]:
    """Feed rows: registry events are public to every signed-in client; case events scoped."""
    role = principal.role
    registry = case_timeline.c.stream_type != "case"
    if role in (Role.ADMIN, Role.NOTIFIER):
        return true()
    if role in (Role.AGENCY_USER, Role.MOBILE_READER):
        return or_(registry, case_timeline.c.agencies.contains(f",{principal.agency},"))
    if role == Role.COURT_SYSTEM:
        return or_(registry, case_timeline.c.court == principal.court)
    if principal.jurisdiction is None:
        return true() if role == Role.DISCIPLINE_OFFICER else registry
    return or_(registry, paths.below(case_timeline.c.jurisdiction_path, principal.jurisdiction))


def visible_agency_records(
    principal: Principal, agency: Any, path: Any, paths: JurisdictionPaths
) -> ColumnElement[bool]:
    """Records that belong to one agency rather than a case (risk registrations, interviews),
    given their ``agency`` and ``jurisdiction_path`` columns: an agency sees its own, a bureau
    or discipline organ those at or below its jurisdiction (a discipline organ with none, all)."""
    role = principal.role
    if role is Role.ADMIN:
        return true()
    if role is Role.AGENCY_USER:
        return agency == principal.agency
    if role not in (Role.BUREAU_OFFICER, Role.DISCIPLINE_OFFICER):
        return false()
    if principal.jurisdiction is None:
        return true() if role is Role.DISCIPLINE_OFFICER else false()
    return paths.below(path, principal.jurisdiction)
