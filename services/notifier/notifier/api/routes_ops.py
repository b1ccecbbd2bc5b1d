"""Follower position and lag, bulletins, health, readiness and metrics."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response
from sqlalchemy import select, text
from starlette.concurrency import run_in_threadpool

from notifier.api.deps import (
    DOWNLOAD_RESPONSES,
    METRICS_RESPONSES,
    OPERATOR_RESPONSES,
    MetricsDep,
    OperatorDep,
    OperatorOrLinkDep,
    RuntimeDep,
)
from notifier.api.problems import Problem
from notifier.api.schemas import BulletinInfo, FollowerStatus
from notifier.bulletin.links import FORMATS, bulletin_path, file_stem, report_of, stored_key
from notifier.platform.db import from_db
from notifier.platform.tables import bulletins
from notifier.sending import queries as repo
from shared.reporting_periods import period_kind

router = APIRouter()
MEDIA = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


@router.get(
    "/v1/follower",
    response_model=FollowerStatus,
    tags=["follower"],
    dependencies=[OperatorDep],
    responses=OPERATOR_RESPONSES,
)
async def follower(runtime: RuntimeDep) -> FollowerStatus:
    position, head = await run_in_threadpool(runtime.follower.position)
    return FollowerStatus(
        name=runtime.follower.name,
        position=position,
        head=head,
        lag_events=max(head - position, 0),
    )


@router.get(
    "/v1/bulletins",
    response_model=list[BulletinInfo],
    tags=["bulletins"],
    summary="Stored bulletins, in the order they were built",
    dependencies=[OperatorDep],
    responses=OPERATOR_RESPONSES,
)
async def list_bulletins(runtime: RuntimeDep) -> list[dict[str, Any]]:
    def query() -> list[dict[str, Any]]:
        columns = (
            bulletins.c.key,
            bulletins.c.jurisdiction,
            bulletins.c.period,
            bulletins.c.created_at,
        )
        with runtime.engine.connect() as conn:
            rows = conn.execute(select(*columns).order_by(bulletins.c.id)).mappings()
            return [dict(r) for r in rows]

    found = await run_in_threadpool(query)
    for row in found:
        code, period, report = row["jurisdiction"], row["period"], report_of(row.pop("key"))
        row.update(
            report=report,
            created_at=from_db(row["created_at"]),
            every=period_kind(period),
            html_url=bulletin_path(code, period, "html", report),
            xlsx_url=bulletin_path(code, period, "xlsx", report),
            pdf_url=bulletin_path(code, period, "pdf", report),
        )
    return found


@router.get(
    "/v1/bulletins/{jurisdiction}/{period}.{fmt}",
    tags=["bulletins"],
    summary="One bulletin as HTML, XLSX or PDF (operator token, or a message's signed link)",
    description="period: 2025-09 (month), 2025-Q3 (quarter), 2025-H1 (half-year), 2025 (year)",
    dependencies=[OperatorOrLinkDep],
    responses=DOWNLOAD_RESPONSES,
)
async def bulletin_file(jurisdiction: str, period: str, fmt: str, runtime: RuntimeDep) -> Response:
    return await _stored_file(runtime, stored_key(jurisdiction, period), fmt)


@router.get(
    "/v1/bulletins/{jurisdiction}/{period}/{report}.{fmt}",
    tags=["bulletins"],
    summary="One report as HTML, XLSX or PDF (operator token, or a message's signed link)",
    description="A report keyed by its pack entry (a further entry of its kind for the period,"
    " e.g. Guangzhou's half-year head-appearance report beside its half-year loss bulletin)",
    dependencies=[OperatorOrLinkDep],
    responses=DOWNLOAD_RESPONSES,
)
async def report_file(
    jurisdiction: str, period: str, report: str, fmt: str, runtime: RuntimeDep
) -> Response:
    return await _stored_file(runtime, stored_key(jurisdiction, period, report), fmt)


async def _stored_file(runtime: Any, key: str, fmt: str) -> Response:
    if fmt not in FORMATS:
        raise Problem(404, "bulletin-format-unknown", "Not found", "formats: html, xlsx, pdf")

    def query() -> Any:
        with runtime.engine.connect() as conn:
            return conn.execute(
                select(bulletins.c.id, bulletins.c[fmt].label("content")).where(
                    bulletins.c.key == key
                )
            ).one_or_none()

    found = await run_in_threadpool(query)
    shown = key.replace(":", " ")
    if found is None:
        raise Problem(404, "bulletin-not-found", "Not found", f"no bulletin for {shown}")
    if found.content is None:  # built before PDFs were kept
        raise Problem(
            404,
            "bulletin-format-unavailable",
            "Not found",
            f"the bulletin for {shown} was built before {fmt} files were kept",
        )
    content = found.content
    if fmt == "html":
        return Response(content, media_type="text/html; charset=utf-8")
    name = f"{file_stem(key)}.{fmt}"
    return Response(
        content,
        media_type=MEDIA[fmt],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.get("/healthz", tags=["ops"])
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz", tags=["ops"])
async def readyz(runtime: RuntimeDep) -> dict[str, str]:
    def check() -> None:
        with runtime.engine.connect() as conn:
            conn.execute(text("SELECT 1 FROM follower_positions WHERE 1 = 0"))

    try:
        await run_in_threadpool(check)
    except Exception as error:  # noqa: BLE001 - any database failure means "not ready"
        raise Problem(503, "database-unavailable", "Not ready", str(error)[:300]) from None
    return {"status": "ready"}


@router.get(
    "/metrics",
    tags=["ops"],
    summary="Prometheus metrics",
    description="Open to anyone unless NOTIFIER_METRICS_TOKEN is set; then only with"
    " `Authorization: Bearer <that token>`.",
    dependencies=[MetricsDep],
    responses=METRICS_RESPONSES,
)
async def metrics(runtime: RuntimeDep) -> Response:
    def collect() -> bytes:
        position, head = runtime.follower.position()
        return runtime.metrics.render(repo.count_by_state(runtime.engine), position, head)

    body = await run_in_threadpool(collect)
    return Response(body, media_type="text/plain; version=0.0.4")
