"""Cases: filing, reading one, listing with filters, and a case's timeline."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal
from uuid import UUID

from fastapi import APIRouter, Body, Header, Query, Response
from fastapi.responses import JSONResponse

from case_api.cases.loss_report_view import report_of
from case_api.cases.queries import CaseFilters
from case_api.cases.refusals import examples_for
from case_api.cases.schemas import (
    CaseDetail,
    CaseList,
    CaseSummary,
    Suggestion,
    Suggestions,
    Timeline,
)
from case_api.cases.schemas_commands import FileCase, example_of
from case_api.cases.schemas_loss_report import LossReport
from case_api.chain.verify import chain_head
from case_api.platform.access import may
from case_api.platform.errors import Forbidden
from case_api.platform.http.consistency import Consistent
from case_api.platform.http.deps import PrincipalDep, RuntimeDep, WriteDep
from case_api.platform.http.openapi_docs import errors
from case_api.platform.http.paging import page_limit
from case_api.platform.http.query_types import QueryDate
from case_api.platform.http.schemas import CommandResult
from case_api.platform.http.writes import perform

router = APIRouter(prefix="/v1/cases", tags=["cases"])


@router.post(
    "",
    status_code=201,
    response_model=CommandResult,
    summary="File a case (立案登记)",
    responses=errors(401, 403, 409, 412, 422, examples=examples_for("file_case")),
)
def file_case(
    body: Annotated[FileCase, Body(openapi_examples=example_of(FileCase))],
    runtime: RuntimeDep,
    ctx: WriteDep,
) -> JSONResponse:
    facts = body.model_dump()
    return perform(runtime, ctx, lambda: runtime.commands.file_case(ctx.command_request(), **facts))


@router.get(
    "",
    response_model=CaseList,
    summary="List the cases you may see",
    dependencies=[Consistent],
    responses=errors(401, 422, 503),
)
def list_cases(
    runtime: RuntimeDep,
    principal: PrincipalDep,
    case_number: Annotated[
        str | None,
        Query(
            max_length=128,
            description="案号, whatever its spelling: full- or half-width brackets and digits, "
            "spaces",
        ),
    ] = None,
    agency: str | None = None,
    jurisdiction: Annotated[str | None, Query(description="Includes sub-jurisdictions")] = None,
    status: str | None = None,
    court: str | None = None,
    filed_from: QueryDate | None = None,
    filed_to: QueryDate | None = None,
    overdue: bool | None = None,
    proceeding_kind: Annotated[
        Literal["administrative_suit", "reconsideration", "civil_suit", "agency_plaintiff"] | None,
        Query(description="行政诉讼 / 行政复议 / 民事诉讼 / 本单位起诉"),
    ] = None,
    cursor: Annotated[str | None, Query(max_length=512)] = None,
    limit: Annotated[int, page_limit(200)] = 50,
) -> CaseList:
    today = runtime.clock.today()
    filters = CaseFilters(
        case_number,
        agency,
        jurisdiction,
        status,
        court,
        filed_from,
        filed_to,
        overdue,
        today,
        proceeding_kind,
    )
    rows, next_cursor = runtime.queries.cases(principal, filters, cursor, limit)
    return CaseList(items=[_summary(r, today) for r in rows], next_cursor=next_cursor)


@router.get(
    "/{case_id}",
    response_model=CaseDetail,
    summary="A case's current state",
    dependencies=[Consistent],
    responses={304: {"description": "Not modified since the ETag"}, **errors(401, 404, 503)},
)
def get_case(
    case_id: UUID,
    runtime: RuntimeDep,
    principal: PrincipalDep,
    if_none_match: Annotated[str | None, Header()] = None,
) -> Any:
    row = runtime.queries.case(principal, str(case_id))
    etag = f'"{row["version"]}"'
    if if_none_match == etag:
        return Response(status_code=304, headers={"ETag": etag})
    # Events from before the chain have no stored hash: only they cost a store read.
    head = row["chain_head"] or chain_head(runtime.store, case_id, row["version"])
    detail = CaseDetail(**_summary(row, runtime.clock.today()).model_dump(), chain_head=head)
    return JSONResponse(detail.model_dump(mode="json"), headers={"ETag": etag})


@router.get(
    "/{case_id}/events",
    response_model=Timeline,
    summary="A case's timeline: every event, oldest first",
    dependencies=[Consistent],
    responses=errors(401, 404, 503),
)
def case_timeline(case_id: UUID, runtime: RuntimeDep, principal: PrincipalDep) -> Timeline:
    events = runtime.queries.timeline(principal, str(case_id))
    return Timeline(case_id=str(case_id), events=events)


@router.get(
    "/{case_id}/suggestions",
    response_model=Suggestions,
    summary="A case's judicial and procuratorial suggestions and their replies (司法建议/检察建议)",
    dependencies=[Consistent],
    responses=errors(401, 404, 503),
)
def case_suggestions(case_id: UUID, runtime: RuntimeDep, principal: PrincipalDep) -> Suggestions:
    today = runtime.clock.today()
    rows = runtime.queries.suggestions(principal, str(case_id))
    return Suggestions(case_id=str(case_id), suggestions=[_suggestion(r, today) for r in rows])


@router.get(
    "/{case_id}/loss-reports",
    response_model=LossReport,
    summary="A case's loss analysis report: versions, the agency's steps, what is pending",
    responses=errors(401, 403, 404),
)
def case_loss_report(case_id: UUID, runtime: RuntimeDep, principal: PrincipalDep) -> LossReport:
    if not may(principal, "read_loss_report"):
        raise Forbidden("Your role may not read loss reports.", "您的角色无权查看败诉分析报告。")
    case = runtime.commands.load_visible(principal, case_id)
    requirements = runtime.commands.loss_report_requirements(case.pack)
    return LossReport.model_validate(report_of(case, requirements))


def _suggestion(row: dict[str, Any], today: date) -> Suggestion:
    status = row["status"]
    if status == "open" and row["due_date"] < today:
        status = "missed"
    return Suggestion(**row, deadline_key=row["key"], deadline_status=status)


def _summary(row: dict[str, Any], today: date) -> CaseSummary:
    due = row["next_deadline_date"]
    return CaseSummary(**row, overdue=due is not None and due < today)
