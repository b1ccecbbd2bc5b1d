"""Tamper evidence: recompute a case's hash chain from the event store."""

from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter

from case_api.chain.schemas import ChainCheck
from case_api.chain.verify import timeline_positions, verify_aggregate
from case_api.platform.http.consistency import Consistent
from case_api.platform.http.deps import PrincipalDep, RuntimeDep
from case_api.platform.http.openapi_docs import errors

router = APIRouter(prefix="/v1/cases", tags=["cases"])


@router.get(
    "/{case_id}/verify",
    response_model=ChainCheck,
    summary="Check that a case's recorded events are unaltered (hash chain)",
    dependencies=[Consistent],
    responses=errors(401, 404, 422, 503),
)
def verify_case(case_id: UUID, runtime: RuntimeDep, principal: PrincipalDep) -> ChainCheck:
    # Visibility comes from the read model: a damaged event must not stop the check.
    runtime.queries.case(principal, str(case_id))
    positions = timeline_positions(runtime.engine, case_id)
    return ChainCheck.of(verify_aggregate(runtime.store, case_id, positions))
