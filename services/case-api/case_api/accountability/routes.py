"""Accountability queries: a case's procedure, a person's record, statistics (DOMAIN.md §6)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from fastapi import APIRouter

from case_api.accountability import meeting_queries
from case_api.accountability.queries import AccountabilityQueries
from case_api.platform.domain_errors import NotFound
from case_api.platform.http.consistency import Consistent
from case_api.platform.http.deps import PrincipalDep, RuntimeDep
from case_api.platform.http.openapi_docs import errors
from case_api.platform.http.query_types import QueryDate

router = APIRouter(prefix="/v1", tags=["accountability"])


def _queries(runtime: Any) -> AccountabilityQueries:
    return AccountabilityQueries(runtime.engine, runtime.library, runtime.queries)


@router.get(
    "/accountability/packs/{pack}",
    summary="A pack's accountability lists: grounds, exemptions, factors, sanctions, sources",
    responses=errors(401, 404),
)
def pack_lists(pack: str, runtime: RuntimeDep, principal: PrincipalDep) -> dict:
    section = (
        runtime.library.pack(pack).accountability if pack in runtime.library.pack_ids() else None
    )
    if section is None:
        raise NotFound(
            "no-accountability-rules", f"Pack {pack} has no accountability lists.", "无追责清单。"
        )
    return {"pack": pack, **section.model_dump(mode="json")}


@router.get(
    "/cases/{case_id}/accountability",
    summary="A case's accountability procedure: parties, decisions, appeals, flags, and the "
    "grounds its recorded facts point to (proposed_grounds)",
    dependencies=[Consistent],
    responses=errors(401, 404, 503),
)
def case_accountability(case_id: UUID, runtime: RuntimeDep, principal: PrincipalDep) -> dict:
    return _queries(runtime).case(principal, str(case_id), runtime.clock.today())


@router.get(
    "/accountability/persons/{person_id}",
    summary="A person's record across cases and agencies: faults, decisions, appeals",
    dependencies=[Consistent],
    responses=errors(401, 404, 503),
)
def person_record(person_id: str, runtime: RuntimeDep, principal: PrincipalDep) -> dict:
    return _queries(runtime).person(principal, person_id)


@router.get(
    "/accountability/statistics",
    summary="Accountability figures per unit and jurisdiction (通报)",
    dependencies=[Consistent],
    responses=errors(401, 422, 503),
)
def accountability_statistics(
    runtime: RuntimeDep,
    principal: PrincipalDep,
    jurisdiction: str | None = None,
    agency: str | None = None,
) -> dict:
    return _queries(runtime).statistics(principal, jurisdiction, agency)


@router.get(
    "/accountability/meetings",
    summary="Joint meetings (联席会议) held in a period: members, the cases considered, each "
    "case's written opinion (认定意见) with its countersignatures (会签) and archiving, figures",
    dependencies=[Consistent],
    responses=errors(401, 422, 503),
)
def joint_meetings(
    runtime: RuntimeDep,
    principal: PrincipalDep,
    jurisdiction: str | None = None,
    from_date: QueryDate | None = None,
    to_date: QueryDate | None = None,
) -> dict:
    return meeting_queries.meetings(
        runtime.engine,
        runtime.library,
        runtime.queries,
        principal,
        jurisdiction,
        from_date,
        to_date,
    )
