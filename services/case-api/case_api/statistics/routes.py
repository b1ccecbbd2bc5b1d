"""Oversight statistics for bulletins and dashboards (DOMAIN.md §7)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from case_api.platform.domain_errors import InvalidValue
from case_api.platform.http.consistency import Consistent
from case_api.platform.http.deps import PrincipalDep, RuntimeDep
from case_api.platform.http.openapi_docs import errors
from case_api.platform.http.query_types import QueryDate
from case_api.statistics.queries import Scope, figures

router = APIRouter(prefix="/v1", tags=["statistics"])


class Rate(BaseModel):
    name: str
    value: float | None = Field(description="numerator ÷ denominator; null when nothing to divide")
    numerator: int
    denominator: int
    formula: str


class Statistics(BaseModel):
    scope: dict[str, Any]
    counts: dict[str, int]
    rates: list[Rate]
    deadlines: list[dict[str, Any]]
    four_failures: dict[str, int] = Field(description="不答辩、不举证、不出庭、不履行")
    repeated_losses: list[dict[str, Any]] = Field(description="一败再败")
    suggestions: dict[str, int] = Field(
        description="司法建议、检察建议 served in the period: received, answered_on_time,"
        " answered_late, unanswered (as of today)"
    )
    by_agency: list[dict[str, Any]]


@router.get(
    "/statistics",
    response_model=Statistics,
    summary="Cases, losses, rates and deadline figures for a period (通报 figures)",
    dependencies=[Consistent],
    responses=errors(401, 422, 503),
)
def statistics(
    runtime: RuntimeDep,
    principal: PrincipalDep,
    start: Annotated[QueryDate, Query(alias="from")],
    end: Annotated[QueryDate, Query(alias="to")],
    jurisdiction: str | None = None,
    agency: str | None = None,
) -> dict:
    if end < start or (end - start).days > 366 * 5:
        raise InvalidValue(
            "invalid-period",
            "'to' must not precede 'from', and a period spans ≤ 5 years.",
            "统计期间无效。",
        )
    scope = Scope(start, end, jurisdiction, agency)
    paths = runtime.queries.paths
    return figures(runtime.engine, paths, principal, scope, runtime.clock.today())
