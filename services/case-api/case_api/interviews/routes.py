"""约谈: the bureau records interviews of agency heads and reads proposals of whom to
interview from the period's figures; the agency reads its own, the discipline organ those of
its jurisdiction."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Query

from case_api.interviews.queries import InterviewQueries
from case_api.interviews.schemas import EXAMPLE, InterviewList, Proposals, Recorded, RecordInterview
from case_api.interviews.service import Interviews
from case_api.platform.domain_errors import InvalidValue
from case_api.platform.errors import require
from case_api.platform.http.consistency import Consistent
from case_api.platform.http.deps import PrincipalDep, RuntimeDep
from case_api.platform.http.openapi_docs import errors
from case_api.platform.http.query_types import QueryDate
from case_api.statistics.queries import Scope

router = APIRouter(prefix="/v1/interviews", tags=["accountability"])

RecordBody = Annotated[
    RecordInterview, Body(openapi_examples={"default": {"summary": "约谈", "value": EXAMPLE}})
]


def _queries(runtime: Any) -> InterviewQueries:
    return InterviewQueries(runtime.engine, runtime.queries.paths, runtime.library)


@router.post(
    "",
    status_code=201,
    response_model=Recorded,
    summary="Record an interview of an agency's head (约谈)",
    responses=errors(401, 403, 409, 422),
)
def record_interview(body: RecordBody, runtime: RuntimeDep, principal: PrincipalDep) -> Recorded:
    require(principal, "record_interview")
    service = Interviews(runtime.store, runtime.committer, runtime.registry)
    found, position = service.record(principal, runtime.clock.today(), body.model_dump())
    return Recorded(interview_id=found, position=position)


@router.get(
    "",
    response_model=InterviewList,
    summary="Interviews held: an agency's own, a bureau's jurisdiction (newest first)",
    dependencies=[Consistent],
    responses=errors(401, 403, 422, 503),
)
def list_interviews(
    runtime: RuntimeDep,
    principal: PrincipalDep,
    agency: str | None = Query(None, max_length=64),
    held_from: QueryDate | None = None,
    held_to: QueryDate | None = None,
    cursor: Annotated[str | None, Query(max_length=512)] = None,
    limit: int = Query(50, ge=1, le=500),
) -> dict:
    require(principal, "read_interviews")
    rows, next_cursor = _queries(runtime).list(principal, agency, held_from, held_to, cursor, limit)
    return {"items": rows, "next_cursor": next_cursor}


@router.get(
    "/proposals",
    response_model=Proposals,
    summary="Agencies to interview in a period, from their figures and the pack's triggers",
    description="Each proposal names the figures that triggered it, the clause and whether the"
    " clause or the bureau set the threshold. 'to' may not precede 'from'; a period spans at"
    " most five years.",
    dependencies=[Consistent],
    responses=errors(401, 403, 422, 503),
)
def propose_interviews(
    runtime: RuntimeDep,
    principal: PrincipalDep,
    start: Annotated[QueryDate, Query(alias="from")],
    end: Annotated[QueryDate, Query(alias="to")],
    jurisdiction: str | None = Query(None, max_length=64),
) -> dict:
    require(principal, "propose_interviews")
    if end < start or (end - start).days > 366 * 5:
        raise InvalidValue(
            "invalid-period",
            "'to' must not precede 'from', and a period spans ≤ 5 years.",
            "统计期间无效。",
        )
    scope = Scope(start, end, jurisdiction)
    found = _queries(runtime).proposals(principal, scope, runtime.clock.today())
    return {"scope": {"from": start, "to": end, "jurisdiction": jurisdiction}, "proposals": found}
