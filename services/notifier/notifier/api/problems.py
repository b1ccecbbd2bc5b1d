"""RFC 9457 problem+json with a stable ``code``: the one place errors become responses."""

from __future__ import annotations

import logging
import sqlite3

import psycopg
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import SQLAlchemyError
from starlette.exceptions import HTTPException as StarletteHTTPException

from shared.outage import storage_unavailable
from shared.text_guard import TextGuard

log = logging.getLogger(__name__)

MEDIA_TYPE = "application/problem+json"
TYPE_PREFIX = "tag:yingsu,2026:notifier/problem/"


class Problem(Exception):
    def __init__(self, status: int, code: str, title: str, detail: str) -> None:
        super().__init__(detail)
        self.status, self.code, self.title, self.detail = status, code, title, detail


STORAGE_ERRORS = (SQLAlchemyError, psycopg.Error, sqlite3.Error)
"""Where the database's outage shows up; ``shared.outage`` tells it from a bug."""


def problem_response(  # type: ignore[no-untyped-def]
    status: int, code: str, title: str, detail: str, headers=None, **extra
) -> JSONResponse:
    body = {
        "type": TYPE_PREFIX + code,
        "title": title,
        "status": status,
        "detail": detail,
        "code": code,
        **extra,
    }
    return JSONResponse(body, status_code=status, media_type=MEDIA_TYPE, headers=headers)


async def _invalid_text(_scope: dict, where: str) -> JSONResponse:
    return problem_response(
        422,
        "invalid-text",
        "Invalid request",
        f"请求的 {where} 含有无效的 Unicode 文本或 NUL 字符 (text that is not valid Unicode).",
        location=where,
    )


def install(app: FastAPI) -> None:
    app.add_middleware(TextGuard, refuse=_invalid_text)

    @app.exception_handler(Problem)
    async def _problem(_request: Request, error: Problem) -> JSONResponse:
        return problem_response(error.status, error.code, error.title, error.detail)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, error: RequestValidationError) -> JSONResponse:
        errors = [{"loc": list(e["loc"]), "msg": e["msg"]} for e in error.errors()]
        return problem_response(
            422, "invalid-request", "Invalid request", "请求参数无效", errors=errors
        )

    async def _storage(request: Request, error: Exception) -> JSONResponse:
        if not storage_unavailable(error):
            raise error
        log.warning("database unavailable on %s: %s", request.url.path, error)
        seconds = request.app.state.runtime.settings.storage_retry_after_seconds
        return problem_response(
            503,
            "storage-unavailable",
            "Service unavailable",
            f"数据库暂时无法访问，请 {seconds} 秒后重试 (the database does not answer).",
            {"Retry-After": str(seconds)},
            retry_after=seconds,
        )

    for kind in STORAGE_ERRORS:
        app.add_exception_handler(kind, _storage)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, error: StarletteHTTPException) -> JSONResponse:
        code = {404: "not-found", 405: "method-not-allowed"}.get(error.status_code, "http-error")
        return problem_response(error.status_code, code, str(error.detail), str(error.detail))
