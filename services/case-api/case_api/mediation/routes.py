"""行政争议调解: the bureau keeps the register of mediation centres, stations and mediators
[004 5-③三、五]; those who record mediations read it, and the figures per mediator and centre.
"""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Body, Query

from case_api.mediation.figures import Period, mediation_figures
from case_api.mediation.queries import MediatorFilter, Scope, centre_list, mediator_list
from case_api.mediation.schemas import (
    CENTRE_EXAMPLE,
    MEDIATOR_EXAMPLE,
    CentrePage,
    EndTerm,
    EnrolMediator,
    MediationStatistics,
    MediatorPage,
    RegisterCentre,
    Written,
)
from case_api.mediation.service import MediationRegister
from case_api.platform.domain_errors import InvalidValue
from case_api.platform.errors import require
from case_api.platform.http.consistency import Consistent
from case_api.platform.http.deps import PrincipalDep, RuntimeDep
from case_api.platform.http.openapi_docs import errors
from case_api.platform.http.paging import page_limit
from case_api.platform.http.query_types import QueryDate

router = APIRouter(prefix="/v1/mediation", tags=["mediation"])
Cursor = Annotated[
    str | None, Query(max_length=512, description="next_cursor of the previous page")
]
CentreBody = Annotated[
    RegisterCentre, Body(openapi_examples={"default": {"summary": "登记", "value": CENTRE_EXAMPLE}})
]
MediatorBody = Annotated[
    EnrolMediator,
    Body(openapi_examples={"default": {"summary": "入库", "value": MEDIATOR_EXAMPLE}}),
]


def _register(runtime: Any) -> MediationRegister:
    return MediationRegister(runtime.store, runtime.committer, runtime.registry, runtime.library)


def _scope(runtime: Any) -> Scope:
    return Scope(runtime.engine, runtime.queries.paths)


@router.post(
    "/centres",
    status_code=201,
    response_model=Written,
    summary="Register a mediation centre or station (调解中心/工作站)",
    responses=errors(401, 403, 409, 422),
)
def register_mediation_centre(
    body: CentreBody, runtime: RuntimeDep, principal: PrincipalDep
) -> Written:
    require(principal, "manage_mediation_register")
    today = runtime.clock.today()
    found, position = _register(runtime).register_centre(principal, today, body.model_dump())
    return Written(id=found, position=position)


@router.get(
    "/centres",
    response_model=CentrePage,
    summary="Mediation centres and stations of the places one serves",
    description="Paged: while `next_cursor` is not null, pass it as `cursor` for the next page.",
    dependencies=[Consistent],
    responses=errors(401, 403, 422, 503),
)
def list_mediation_centres(
    runtime: RuntimeDep,
    principal: PrincipalDep,
    jurisdiction: str | None = Query(None, max_length=64),
    limit: Annotated[int, page_limit(200)] = 50,
    cursor: Cursor = None,
) -> dict:
    require(principal, "read_mediation_register")
    items, next_cursor = centre_list(_scope(runtime), principal, jurisdiction, limit, cursor)
    return {"items": items, "next_cursor": next_cursor}


@router.post(
    "/mediators",
    status_code=201,
    response_model=Written,
    summary="Enrol a mediator on the roster (调解员库)",
    responses=errors(401, 403, 409, 422),
)
def enrol_mediator(body: MediatorBody, runtime: RuntimeDep, principal: PrincipalDep) -> Written:
    require(principal, "manage_mediation_register")
    found, position = _register(runtime).enrol(principal, body.model_dump())
    return Written(id=found, position=position)


@router.get(
    "/mediators",
    response_model=MediatorPage,
    summary="Mediators on the roster",
    description="Paged: while `next_cursor` is not null, pass it as `cursor` for the next page.",
    dependencies=[Consistent],
    responses=errors(401, 403, 422, 503),
)
def list_mediators(
    runtime: RuntimeDep,
    principal: PrincipalDep,
    centre: str | None = Query(None, max_length=64),
    active_on: QueryDate | None = None,
    limit: Annotated[int, page_limit(200)] = 50,
    cursor: Cursor = None,
) -> dict:
    require(principal, "read_mediation_register")
    asked = MediatorFilter(centre, active_on, limit, cursor)
    items, next_cursor = mediator_list(_scope(runtime), principal, asked)
    return {"items": items, "next_cursor": next_cursor}


@router.post(
    "/mediators/{mediator_id}/term-end",
    status_code=201,
    response_model=Written,
    summary="End a mediator's term on the roster",
    responses=errors(401, 403, 404, 409, 422),
)
def end_mediator_term(
    mediator_id: UUID, body: EndTerm, runtime: RuntimeDep, principal: PrincipalDep
) -> Written:
    require(principal, "manage_mediation_register")
    position = _register(runtime).end_term(principal, str(mediator_id), body.active_to)
    return Written(id=str(mediator_id), position=position)


@router.get(
    "/statistics",
    response_model=MediationStatistics,
    summary="Mediations per mediator and per centre for a period (调解成功率)",
    description="Attempts count by their date; settled and failed by the outcome's date."
    " 'to' must not precede 'from', and a period spans at most five years.",
    dependencies=[Consistent],
    responses=errors(401, 403, 422, 503),
)
def mediation_statistics(
    runtime: RuntimeDep,
    principal: PrincipalDep,
    start: Annotated[QueryDate, Query(alias="from")],
    end: Annotated[QueryDate, Query(alias="to")],
    jurisdiction: str | None = Query(None, max_length=64),
    centre: str | None = Query(None, max_length=64),
) -> dict:
    require(principal, "read_mediation_register")
    if end < start or (end - start).days > 366 * 5:
        raise InvalidValue(
            "invalid-period",
            "'to' must not precede 'from', and a period spans ≤ 5 years.",
            "统计期间无效。",
        )
    period = Period(start, end, jurisdiction, centre)
    return mediation_figures(runtime.engine, runtime.queries.paths, principal, period)
