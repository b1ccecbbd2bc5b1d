"""容错风险报备: an agency registers a risky decision; agencies, bureaus and discipline
organs read the registrations they oversee."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Body, Query

from case_api.platform.errors import require
from case_api.platform.http.consistency import Consistent
from case_api.platform.http.deps import PrincipalDep, RuntimeDep
from case_api.platform.http.openapi_docs import errors
from case_api.platform.http.query_types import QueryDate
from case_api.risks.queries import RiskRegistrationQueries
from case_api.risks.schemas import EXAMPLE, Registered, RegisterRisk, RiskRegistrationView
from case_api.risks.service import RiskRegistrations

router = APIRouter(prefix="/v1/risk-registrations", tags=["accountability"])

RegisterBody = Annotated[
    RegisterRisk, Body(openapi_examples={"default": {"summary": "报备", "value": EXAMPLE}})
]


def _queries(runtime: Any) -> RiskRegistrationQueries:
    return RiskRegistrationQueries(runtime.engine, runtime.queries.paths)


@router.post(
    "",
    status_code=201,
    response_model=Registered,
    summary="Register a risky decision in advance (容错风险报备)",
    responses=errors(401, 403, 409, 422),
)
def register_risk(body: RegisterBody, runtime: RuntimeDep, principal: PrincipalDep) -> Registered:
    require(principal, "register_risk")
    service = RiskRegistrations(runtime.store, runtime.committer, runtime.registry)
    found, position = service.register(principal, runtime.clock.today(), body.model_dump())
    return Registered(registration_id=found, position=position)


@router.get(
    "",
    response_model=list[RiskRegistrationView],
    summary="Risk registrations: an agency's own, a bureau's jurisdiction",
    dependencies=[Consistent],
    responses=errors(401, 403, 503),
)
def list_risk_registrations(
    runtime: RuntimeDep,
    principal: PrincipalDep,
    agency: str | None = Query(None, max_length=64),
    registered_from: QueryDate | None = None,
    registered_to: QueryDate | None = None,
    limit: int = Query(100, ge=1, le=500),
) -> list[dict]:
    require(principal, "read_risk_registrations")
    return _queries(runtime).list(principal, agency, registered_from, registered_to, limit)


@router.get(
    "/{registration_id}",
    response_model=RiskRegistrationView,
    summary="One risk registration",
    dependencies=[Consistent],
    responses=errors(401, 403, 404, 503),
)
def get_risk_registration(
    registration_id: UUID, runtime: RuntimeDep, principal: PrincipalDep
) -> dict:
    require(principal, "read_risk_registrations")
    return _queries(runtime).get(principal, str(registration_id))
