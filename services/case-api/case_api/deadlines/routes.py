"""Deadlines: a case's with explanations, upcoming and overdue across cases, a preview, and an
iCalendar feed of an agency's open deadlines."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Literal
from uuid import UUID

from fastapi import APIRouter, Query
from fastapi.responses import Response

from case_api.deadlines.icsfeed import agency_calendar
from case_api.deadlines.preview import PreviewRequest, preview
from case_api.deadlines.queries import DeadlineFilters
from case_api.deadlines.schemas import CaseDeadlines, DeadlineList, Preview
from case_api.platform.http.consistency import Consistent
from case_api.platform.http.deps import PrincipalDep, RuntimeDep, SubscriberDep
from case_api.platform.http.openapi_docs import errors
from case_api.platform.http.paging import page_limit
from case_api.platform.http.query_types import QueryDate
from shared.periods import Direction, Unit

router = APIRouter(prefix="/v1", tags=["deadlines"])


@router.get(
    "/cases/{case_id}/deadlines",
    response_model=CaseDeadlines,
    summary="A case's deadlines, each explaining how its date was reached",
    dependencies=[Consistent],
    responses=errors(401, 404, 503),
)
def case_deadlines(case_id: UUID, runtime: RuntimeDep, principal: PrincipalDep) -> dict:
    return runtime.deadline_queries.of_case(principal, str(case_id), runtime.clock.today())


@router.get(
    "/deadlines",
    response_model=DeadlineList,
    summary="Upcoming and overdue deadlines across the cases you may see, earliest due first",
    description="Paged: while `next_cursor` is not null, pass it as `cursor` for the next page.",
    dependencies=[Consistent],
    responses=errors(401, 422, 503),
)
def list_deadlines(
    runtime: RuntimeDep,
    principal: PrincipalDep,
    agency: str | None = None,
    jurisdiction: str | None = None,
    kind: str | None = None,
    status: Literal["open", "missed", "pending", "met", "met_late", "waived"] | None = "pending",
    due_from: QueryDate | None = None,
    due_to: QueryDate | None = None,
    cursor: Annotated[
        str | None, Query(max_length=512, description="next_cursor of the previous page")
    ] = None,
    limit: Annotated[int, page_limit(500)] = 100,
) -> DeadlineList:
    filters = DeadlineFilters(agency, jurisdiction, kind, status, due_from, due_to)
    today = runtime.clock.today()
    rows, next_cursor = runtime.deadline_queries.across_cases(
        principal, filters, today, limit, cursor
    )
    numbers = runtime.queries.case_numbers({r["case_id"] for r in rows})
    items = [{**r, "case_number": numbers.get(r["case_id"])} for r in rows]
    return DeadlineList(items=items, next_cursor=next_cursor)


@router.get(
    "/deadlines/preview",
    response_model=Preview,
    summary="Compute a due date from a trigger date and a period or a pack rule (public)",
    responses=errors(422),
)
def deadline_preview(
    runtime: RuntimeDep,
    trigger_date: QueryDate,
    offset: Annotated[int | None, Query(ge=0, le=3650)] = None,
    unit: Unit | None = None,
    direction: Direction = Direction.AFTER,
    pack: str | None = None,
    rule: str | None = None,
    provisional: Annotated[
        bool, Query(description="Answer for years without a schedule, marked provisional")
    ] = False,
) -> Preview:
    request = PreviewRequest(trigger_date, offset, unit, direction, pack, rule, provisional)
    with runtime.engine.connect() as conn:
        calendar = runtime.deadlines.calendar(conn)
    result, rule_info = preview(calendar, runtime.library, request)
    return Preview(
        due_date=result.due_date,
        provisional=result.provisional,
        provisional_reason=result.provisional_reason,
        rule=rule_info,
        explanation=asdict(result),
    )


@router.get(
    "/agencies/{code}/deadlines.ics",
    summary="iCalendar feed of an agency's open deadlines (subscribe from a phone)",
    description="Every upcoming deadline; of the overdue ones the 50 most recently due, and one "
    "event dated today with their number (counted up to 1,000). The headers give the counts.",
    response_class=Response,
    responses={
        200: {
            "content": {"text/calendar": {}},
            "headers": {
                "X-Upcoming-Deadlines": {"description": "Upcoming deadlines (all in the feed)"},
                "X-Overdue-Deadlines": {
                    "description": "Overdue open deadlines, counted up to 1000 ('1000+' beyond)"
                },
                "X-Overdue-Deadlines-Listed": {"description": "Of those, how many are events"},
            },
        },
        **errors(401, 404),
    },
)
def agency_ics(
    code: str,
    runtime: RuntimeDep,
    principal: SubscriberDep,
    token: Annotated[str | None, Query(description="Bearer token, for calendar apps")] = None,
) -> Response:
    feed = agency_calendar(runtime, principal, code)
    return Response(feed.body, media_type="text/calendar; charset=utf-8", headers=feed.headers)
