"""The holiday calendar: load or correct a year's schedule; review the deadlines it moved."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from sqlalchemy import select

from case_api.deadlines.calendar_admin import load_schedule
from case_api.deadlines.schemas import DeadlineChange, LoadSchedule, Schedule
from case_api.deadlines.tables import calendar_overrides
from case_api.platform.access import Role
from case_api.platform.domain_errors import NotFound
from case_api.platform.errors import Forbidden
from case_api.platform.http.consistency import Consistent
from case_api.platform.http.deps import PrincipalDep, RuntimeDep
from case_api.platform.http.openapi_docs import errors
from case_api.platform.http.schemas import RegistryResult

router = APIRouter(prefix="/v1/calendar", tags=["calendar"])
Year = Annotated[int, Path(ge=2000, le=2100)]


@router.put(
    "/{year}",
    status_code=201,
    response_model=RegistryResult,
    summary="Load or correct a year's holiday schedule (recomputes open deadlines)",
    responses=errors(401, 403, 422),
)
def put_schedule(
    year: Year, body: LoadSchedule, runtime: RuntimeDep, principal: PrincipalDep
) -> RegistryResult:
    if principal.role != Role.ADMIN:
        raise Forbidden("Only administrators load holiday schedules.", "仅管理员可载入节假日安排。")
    position = load_schedule(
        runtime.committer, year=year, meta=principal.meta(), **body.model_dump()
    )
    return RegistryResult(code=str(year), position=position)


@router.get(
    "/{year}",
    response_model=Schedule,
    summary="The schedule in force for a year",
    dependencies=[Consistent],
    responses=errors(401, 404, 503),
)
def get_schedule(year: Year, runtime: RuntimeDep, _: PrincipalDep) -> Schedule:
    with runtime.engine.connect() as conn:
        override = (
            conn.execute(select(calendar_overrides).where(calendar_overrides.c.year == year))
            .mappings()
            .first()
        )
        calendar = runtime.deadlines.calendar(conn)
    if not calendar.is_loaded(year):
        raise NotFound(
            "calendar-year-not-loaded",
            f"No holiday schedule is loaded for {year}.",
            f"{year} 年节假日安排尚未载入。",
            year=year,
        )
    schedule = calendar.schedule(year)
    return Schedule(
        year=year,
        holidays=sorted(schedule.holidays),
        makeup_workdays=sorted(schedule.makeup_workdays),
        source=schedule.source,
        loaded="administrator" if override else "shipped",
        reason=override["reason"] if override else None,
        loaded_at=override["loaded_at"] if override else None,
    )


@router.get(
    "/changes/list",
    response_model=list[DeadlineChange],
    summary="Deadlines moved by schedule loads, for the bureau to review",
    dependencies=[Consistent],
    responses=errors(401, 503),
)
def list_changes(
    runtime: RuntimeDep,
    principal: PrincipalDep,
    year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
) -> list[dict]:
    return runtime.deadline_queries.changes(principal, year)
