"""The event feed: every event a client may see, in order, resumable by position.

``GET /v1/events?after=N&wait=S`` long-polls: it answers as soon as anything after N is
visible, or after S seconds with an empty page. ``GET /v1/events/stream`` is the same feed
as Server-Sent Events, resumed with ``Last-Event-ID``. Rows come from the timeline, which
the projector writes in notification order, so a late commit can never be skipped.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import APIRouter, Header, Query
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from case_api.cases.schemas import TimelineEvent
from case_api.feed.schemas import FeedPage
from case_api.platform.http.deps import PrincipalDep, RuntimeDep
from case_api.platform.http.openapi_docs import errors
from case_api.platform.http.paging import POSITION_MAX, page_limit

router = APIRouter(prefix="/v1/events", tags=["feed"])


@router.get(
    "",
    response_model=FeedPage,
    summary="The ordered feed of events you may see (long-poll with wait)",
    responses=errors(401, 422),
)
async def feed(
    runtime: RuntimeDep,
    principal: PrincipalDep,
    after: Annotated[
        int, Query(ge=0, le=POSITION_MAX, description="Last position you have seen")
    ] = 0,
    limit: Annotated[int, page_limit(1000)] = 200,
    wait: Annotated[float, Query(ge=0, le=60, description="Seconds to wait for news")] = 0,
) -> FeedPage:
    wait = min(wait, runtime.settings.feed_max_wait_seconds)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + wait
    while True:
        head = runtime.watch.position
        rows = await run_in_threadpool(runtime.queries.feed, principal, after, limit)
        remaining = deadline - loop.time()
        if rows or remaining <= 0:
            break
        # Another principal's events may have moved the head; wait for anything newer.
        await runtime.watch.wait_async(max(head, after) + 1, remaining)
    # Everything up to ``head`` was committed before the query ran: on a short page the client
    # may skip there instead of scanning other agencies' events again.
    last = rows[-1]["position"] if rows else after
    if len(rows) < limit:
        last = max(last, head)
    return FeedPage(events=rows, last_position=last, head=runtime.watch.position)


@router.get(
    "/stream",
    summary="The same feed as Server-Sent Events",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/event-stream": {}}}, **errors(401)},
)
async def stream(
    runtime: RuntimeDep,
    principal: PrincipalDep,
    after: Annotated[int, Query(ge=0, le=POSITION_MAX)] = 0,
    last_event_id: Annotated[str | None, Header()] = None,
    # Browser EventSource polyfills that send a bearer token cannot set Last-Event-ID on
    # reconnect and append it to the query instead (event-source-polyfill: lastEventId).
    last_event_id_query: Annotated[
        str | None,
        Query(alias="lastEventId", description="Last-Event-ID, for clients that cannot send it"),
    ] = None,
) -> StreamingResponse:
    start = resume_point(last_event_id or last_event_id_query, after)
    return StreamingResponse(_events(runtime, principal, start), media_type="text/event-stream")


def resume_point(last_event_id: str | None, after: int) -> int:
    """``Last-Event-ID`` when it is a position; anything else resumes from ``after``."""
    if last_event_id and last_event_id.isascii() and last_event_id.isdigit():
        position = int(last_event_id)
        if position <= POSITION_MAX:
            return position
    return after


async def _events(runtime, principal, after: int) -> AsyncIterator[str]:  # type: ignore[no-untyped-def]
    yield "retry: 1000\n\n"
    while True:
        head = runtime.watch.position
        rows = await run_in_threadpool(runtime.queries.feed, principal, after, 500)
        for row in rows:
            data = TimelineEvent(**row).model_dump_json()
            yield f"id: {row['position']}\nevent: {row['type']}\ndata: {data}\n\n"
            after = row["position"]
        if not rows and not await runtime.watch.wait_async(max(head, after) + 1, 15):
            yield ": keep-alive\n\n"
