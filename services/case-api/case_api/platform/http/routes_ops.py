"""Liveness, readiness and Prometheus metrics."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy import text

from case_api.platform.http.deps import RuntimeDep
from case_api.platform.http.metrics_access import METRICS_UNAUTHENTICATED, require_metrics_token
from case_api.platform.http.schemas import Health
from case_api.platform.metrics import PROJECTION_LAG, PROJECTION_POSITION

router = APIRouter(tags=["operations"])


@router.get("/healthz", response_model=Health, summary="The process is alive")
def healthz() -> Health:
    return Health(status="ok")


@router.get(
    "/readyz",
    response_model=Health,
    summary="Both databases answer",
    responses={503: {"description": "A database does not answer", "model": Health}},
)
def readyz(runtime: RuntimeDep) -> JSONResponse:
    checks: dict[str, str] = {}
    try:
        with runtime.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        checks["readmodel"] = "ok"
    except Exception as error:  # noqa: BLE001 - reported, not raised
        checks["readmodel"] = f"error: {type(error).__name__}"
    try:
        runtime.store.max_position()
        checks["event_store"] = "ok"
    except Exception as error:  # noqa: BLE001
        checks["event_store"] = f"error: {type(error).__name__}"
    ok = all(v == "ok" for v in checks.values())
    body = Health(status="ok" if ok else "unavailable", checks=checks)
    return JSONResponse(body.model_dump(), status_code=200 if ok else 503)


@router.get(
    "/metrics",
    summary="Prometheus metrics",
    description="Open to anyone unless CASE_API_METRICS_TOKEN is set; then only with"
    " `Authorization: Bearer <that token>`.",
    response_class=Response,
    dependencies=[Depends(require_metrics_token)],
    responses={401: METRICS_UNAUTHENTICATED},
)
def metrics(runtime: RuntimeDep) -> Response:
    PROJECTION_POSITION.set(runtime.watch.position)
    PROJECTION_LAG.set(max(0, runtime.store.max_position() - runtime.watch.position))
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)
