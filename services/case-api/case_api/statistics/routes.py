"""Oversight statistics for bulletins and dashboards (DOMAIN.md §7)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel, Field

from case_api.platform.access import Principal, Role, may
from case_api.platform.domain_errors import InvalidValue
from case_api.platform.errors import Forbidden
from case_api.platform.http.bodies import RequestBody
from case_api.platform.http.consistency import Consistent
from case_api.platform.http.deps import PrincipalDep, RuntimeDep
from case_api.platform.http.openapi_docs import errors
from case_api.platform.http.query_types import QueryDate
from case_api.statistics.queries import SORT_KEYS, Scope, figures
from case_api.statistics.values import PERIOD_PATTERN, period_bounds

router = APIRouter(prefix="/v1", tags=["statistics"])
SORT_ORDERS = [order for key in sorted(SORT_KEYS) for order in (key, f"-{key}")]


class Rate(BaseModel):
    name: str
    value: float | None = Field(description="numerator ÷ denominator; null when not computable")
    numerator: int | None
    denominator: int | None = Field(
        description="null when the figure is not known (行政行为数量 not recorded)"
    )
    formula: str
    name_zh: str
    formula_zh: str = Field(examples=["败诉数 ÷ 审结数"])
    source: str = Field(description="the clause asking for the figure", examples=["004 5-⑤二"])
    note_zh: str | None = Field(description="why the value is null; null when it is not")


class Target(BaseModel):
    metric: str
    op: Literal["lt", "le", "gt", "ge"]
    threshold: float
    name_zh: str
    source: str


class AgencyRate(BaseModel):
    value: float | None
    numerator: int | None
    denominator: int | None


class Flag(BaseModel):
    metric: str
    met: bool | None = Field(description="null when the figure cannot be computed")
    value: float | None
    threshold: float
    op: Literal["lt", "le", "gt", "ge"]
    name_zh: str
    source: str


class AgencyFigures(BaseModel):
    """One agency's line: every count, every rate, the four failures and its targets."""

    model_config = {"extra": "allow"}
    agency: str
    agency_name: str | None
    rates: dict[str, AgencyRate]
    four_failures: dict[str, int]
    flags: list[Flag] = Field(description="how the agency stands against its pack's targets")


class Statistics(BaseModel):
    scope: dict[str, Any]
    counts: dict[str, int]
    rates: list[Rate]
    labels: dict[str, str] = Field(description="Chinese label of every count and four-failure key")
    targets: list[Target] = Field(description="the rule pack's targets for this jurisdiction")
    deadlines: list[dict[str, Any]]
    four_failures: dict[str, int] = Field(description="不答辩、不举证、不出庭、不履行")
    repeated_losses: list[dict[str, Any]] = Field(description="一败再败")
    suggestions: dict[str, int] = Field(
        description="司法建议、检察建议 served in the period: received, answered_on_time,"
        " answered_late, unanswered (as of today)"
    )
    risks: dict[str, int] = Field(
        description="risks of losing found in the period [003 二(三)2] and, as of today: flagged,"
        " reported_on_time, reported_late, resolved (mediated or withdrawn), lost, pending"
    )
    accountability: dict[str, int] = Field(
        description="accountability decisions taken in the period [001 九(四)]: decided,"
        " sanctioned, sanctioned_units, not_accountable, exempted, fault_tolerated"
    )
    by_agency: list[AgencyFigures]


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
    sort: Annotated[
        str,
        Query(
            max_length=64,
            description="Order of by_agency: a figure key (e.g. loss_rate), '-' for descending",
            examples=["-loss_rate"],
            json_schema_extra={"enum": SORT_ORDERS},
        ),
    ] = "agency",
) -> dict:
    if end < start or (end - start).days > 366 * 5:
        raise InvalidValue(
            "invalid-period",
            "'to' must not precede 'from', and a period spans ≤ 5 years.",
            "统计期间无效。",
        )
    if sort.removeprefix("-") not in SORT_KEYS:
        raise InvalidValue(
            "unknown-sort-key",
            f"by_agency cannot be sorted by {sort!r}; use one of {', '.join(sorted(SORT_KEYS))}.",
            "不支持按该项排序。",
        )
    scope = Scope(start, end, jurisdiction, agency)
    paths = runtime.queries.paths
    today = runtime.clock.today()
    return figures(runtime.engine, paths, principal, scope, today, runtime.library, sort)


class RecordActs(RequestBody):
    acts: int = Field(ge=0, le=10**12, description="行政行为数量 of the period")


class RecordedActs(BaseModel):
    agency: str
    period: str
    from_: date = Field(alias="from")
    to: date
    acts: int
    position: int


Period = Annotated[
    str,
    Path(
        pattern=PERIOD_PATTERN,
        description="2026 (year), 2026-H1 (half-year), 2026-Q3 (quarter) or 2026-11 (month)",
        examples=["2026-11"],
    ),
]


@router.put(
    "/statistics/administrative-acts/{agency}/{period}",
    response_model=RecordedActs,
    summary="Record an agency's number of administrative acts for a period (发案率 denominator)",
    responses=errors(401, 403, 409, 422),
)
def record_administrative_acts(
    agency: Annotated[str, Path(min_length=1, max_length=64)],
    period: Period,
    body: RecordActs,
    runtime: RuntimeDep,
    principal: PrincipalDep,
) -> dict:
    bounds = period_bounds(period)
    if bounds is None:
        raise InvalidValue("invalid-period", f"{period} names no period.", "统计期间无效。")
    if not may(principal, "record_administrative_acts"):
        raise Forbidden(
            "Only the agency or its judicial bureau records administrative acts.",
            "仅本单位或其所属司法局可登记行政行为数量。",
        )
    registered = runtime.registry.agency(agency)
    _may_record_for(principal, agency, runtime.registry.path_of(registered.jurisdiction))
    if bounds[0] > runtime.clock.today():
        raise InvalidValue(
            "period-not-begun",
            f"The period {period} has not begun.",
            "该期间尚未开始，不能登记行政行为数量。",
        )
    position = runtime.registry.record_administrative_acts(
        agency, period=period, start=bounds[0], end=bounds[1], acts=body.acts, meta=principal.meta()
    )
    return {
        "agency": agency,
        "period": period,
        "from": bounds[0],
        "to": bounds[1],
        "acts": body.acts,
        "position": position,
    }


def _may_record_for(principal: Principal, agency: str, path: str) -> None:
    """An agency records its own figure; a bureau those of the agencies in its jurisdiction."""
    if principal.role == Role.ADMIN:
        return
    if principal.role == Role.AGENCY_USER and principal.agency == agency:
        return
    bureau = principal.role == Role.BUREAU_OFFICER and principal.jurisdiction
    if bureau and f"/{principal.jurisdiction}/" in path:
        return
    raise Forbidden(
        f"{agency} is neither your agency nor in your jurisdiction.",
        "只能登记本单位或本辖区单位的行政行为数量。",
    )
