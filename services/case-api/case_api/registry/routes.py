"""The agency and jurisdiction registry (administrators register; everyone signed in reads)."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter
from pydantic import Field
from sqlalchemy import select

from case_api.platform.access import may
from case_api.platform.errors import Forbidden
from case_api.platform.http.bodies import RequestBody
from case_api.platform.http.consistency import Consistent
from case_api.platform.http.deps import PrincipalDep, RuntimeDep
from case_api.platform.http.openapi_docs import errors
from case_api.platform.http.schemas import RegistryResult
from case_api.registry.schemas import Agency, Jurisdiction
from case_api.registry.tables import agencies, jurisdictions
from shared.rulepacks import shipped_library

router = APIRouter(prefix="/v1", tags=["registry"])

Code = Field(min_length=1, max_length=64, pattern=r"^[a-z0-9][a-z0-9-]*$")


class RegisterJurisdiction(RequestBody):
    code: str = Code
    name: str = Field(min_length=1, max_length=128, examples=["广州市天河区"])
    level: Literal["province", "city", "county", "township"]
    parent: str | None = None
    pack: str = Field(
        description="Rule pack of the jurisdiction, e.g. guangzhou",
        json_schema_extra=lambda schema: schema.update(enum=sorted(shipped_library().pack_ids())),
    )


class RegisterAgency(RequestBody):
    code: str = Code
    name: str = Field(min_length=1, max_length=128, examples=["广州市人力资源和社会保障局"])
    jurisdiction: str
    level: Literal["government", "department", "township"]


def _admin_only(principal) -> None:  # type: ignore[no-untyped-def]
    if not may(principal, "manage_registry"):
        raise Forbidden("Only administrators manage the registry.", "仅管理员可维护单位与辖区。")


@router.post(
    "/jurisdictions",
    status_code=201,
    response_model=RegistryResult,
    summary="Register a jurisdiction",
    tags=["registry"],
    responses=errors(401, 403, 409, 422),
)
def register_jurisdiction(
    body: RegisterJurisdiction, runtime: RuntimeDep, principal: PrincipalDep
) -> RegistryResult:
    _admin_only(principal)
    position = runtime.registry.register_jurisdiction(meta=principal.meta(), **body.model_dump())
    return RegistryResult(code=body.code, position=position)


@router.post(
    "/agencies",
    status_code=201,
    response_model=RegistryResult,
    summary="Register an agency",
    responses=errors(401, 403, 409, 422),
)
def register_agency(
    body: RegisterAgency, runtime: RuntimeDep, principal: PrincipalDep
) -> RegistryResult:
    _admin_only(principal)
    position = runtime.registry.register_agency(meta=principal.meta(), **body.model_dump())
    return RegistryResult(code=body.code, position=position)


@router.get(
    "/jurisdictions",
    response_model=list[Jurisdiction],
    summary="All jurisdictions",
    dependencies=[Consistent],
    responses=errors(401, 503),
)
def list_jurisdictions(runtime: RuntimeDep, _: PrincipalDep) -> list[dict]:
    with runtime.engine.connect() as conn:
        rows = conn.execute(select(jurisdictions).order_by(jurisdictions.c.path))
        return [dict(r) for r in rows.mappings()]


@router.get(
    "/agencies",
    response_model=list[Agency],
    summary="All agencies",
    dependencies=[Consistent],
    responses=errors(401, 503),
)
def list_agencies(runtime: RuntimeDep, _: PrincipalDep) -> list[dict]:
    with runtime.engine.connect() as conn:
        rows = conn.execute(select(agencies).order_by(agencies.c.code))
        return [dict(r) for r in rows.mappings()]
