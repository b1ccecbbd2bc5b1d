"""The local outbox (``outbox://`` channel) and the operator's page in a browser."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool

from notifier.api.deps import OPERATOR_RESPONSES, OperatorDep, RuntimeDep
from notifier.api.schemas import OutboxMessage
from notifier.channels.outbox import Outbox

PAGE = Path(__file__).parent / "console"
router = APIRouter()


@router.get(
    "/v1/outbox",
    response_model=list[OutboxMessage],
    tags=["deliveries"],
    summary="Messages the local channel (outbox://) wrote, newest first",
    dependencies=[OperatorDep],
    responses=OPERATOR_RESPONSES,
)
async def outbox(
    runtime: RuntimeDep, limit: Annotated[int, Query(ge=1, le=500)] = 50
) -> list[dict[str, Any]]:
    return await run_in_threadpool(Outbox(runtime.settings.outbox_file).latest, limit)


# The page holds no data: it asks for the operator token and calls the API above with it.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'"
)


@router.get("/console", include_in_schema=False)
@router.get("/", include_in_schema=False)
async def operator_page() -> HTMLResponse:
    page = (PAGE / "operator.html").read_text(encoding="utf-8")
    return HTMLResponse(page, headers={"Content-Security-Policy": CSP, "Cache-Control": "no-store"})


def mount_assets(app: Any) -> None:
    app.mount("/console/assets", StaticFiles(directory=PAGE), name="operator-assets")
