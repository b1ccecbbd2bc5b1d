"""Entry point of the servers the benchmark starts: ``serve.py case|bare PORT``.

``case`` serves ``case_api.main.create_app`` with ``Settings()`` read from ``CASE_API_*``;
``bare`` serves a FastAPI app with the same request schemas whose routes do nothing (the
framework's floor). Both run on uvicorn with one worker, no access log, sync ``def`` routes
(case-api's routes are sync, so both go through the same thread pool).
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any

import uvicorn
from fastapi import FastAPI
from fastapi.responses import JSONResponse

from case_api.cases.schemas_commands import FileCase, FlagRisk, ReportToBureau, ServeDocument

DEFAULT_DOC: dict[str, Any] = {
    "case_id": "00000000-0000-4000-8000-000000000000",
    "case_number": "（2025）粤0106行初1号",
    "court": "gz-tianhe-court",
    "status": "responding",
    "agency": "gz-hrss",
    "agencies": [{"agency_id": "gz-hrss", "role": "implementing"}],
    "jurisdiction": "gz",
    "jurisdiction_path": "/gz/",
    "pack": "statutory",
    "subject_matter": "工伤认定",
    "plaintiff_count": 1,
    "flags": [],
    "filed_date": "2025-09-20",
    "instance": "first",
    "outcome": None,
    "loss_type": None,
    "effective_date": None,
    "closed_date": None,
    "conclusion": None,
    "hearing_date": None,
    "next_deadline_date": None,
    "next_deadline_rule": None,
    "overdue": False,
    "remediation_required": [],
    "report_state": "none",
    "version": 12,
    "last_position": 1234,
    "updated_at": "2025-09-20T01:00:00Z",
}


def bare_app(doc: dict[str, Any]) -> FastAPI:
    app = FastAPI()
    result = {"case_id": doc["case_id"], "version": 2, "position": 10, "status": "filed"}

    def answer(_: Any) -> JSONResponse:
        return JSONResponse(result, status_code=201)

    @app.get("/readyz")
    def readyz() -> dict[str, str]:
        return {"status": "ok"}

    @app.post("/v1/cases", status_code=201)
    def file_case(body: FileCase) -> JSONResponse:
        return answer(body)

    @app.post("/v1/cases/{case_id}/documents", status_code=201)
    def documents(case_id: str, body: ServeDocument) -> JSONResponse:
        return answer(body)

    @app.post("/v1/cases/{case_id}/reports", status_code=201)
    def reports(case_id: str, body: ReportToBureau) -> JSONResponse:
        return answer(body)

    @app.post("/v1/cases/{case_id}/risks", status_code=201)
    def risks(case_id: str, body: FlagRisk) -> JSONResponse:
        return answer(body)

    @app.get("/v1/cases/{case_id}")
    def get_case(case_id: str) -> JSONResponse:
        return JSONResponse(doc)

    return app


def _diagnostic_knobs() -> None:
    """Benchmark-only variations of the server, for the diagnostic rows (never the figures).

    BENCH_SWITCH_INTERVAL: ``sys.setswitchinterval`` (seconds; CPython's default is 0.005).
    BENCH_READMODEL_POOL: pool size of the read-model engine (case-api hard-codes 10).
    """
    if interval := os.environ.get("BENCH_SWITCH_INTERVAL"):
        sys.setswitchinterval(float(interval))
    if pool := os.environ.get("BENCH_READMODEL_POOL"):
        import functools

        import case_api.platform.db
        import case_api.runtime

        case_api.runtime.make_engine = functools.partial(
            case_api.platform.db.make_engine, pool_size=int(pool)
        )


def main(kind: str, port: int) -> None:
    if kind == "case":
        from case_api.main import create_app
        from case_api.platform.settings import Settings

        _diagnostic_knobs()
        app = create_app(Settings())
    else:
        raw = os.environ.get("BENCH_BARE_DOC")
        app = bare_app(json.loads(raw) if raw else DEFAULT_DOC)
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
