"""RFC 9457 problem+json: the one place errors become HTTP responses.

Every problem has a stable machine ``code`` (also the last segment of ``type``) and a human
``detail``, in Chinese when the client asks for ``Accept-Language: zh-CN``.
"""

from __future__ import annotations

import logging
import sqlite3
from typing import Any

import psycopg
from eventsourcing.persistence import PersistenceError
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import SQLAlchemyError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import compile_path

from case_api.platform.domain_errors import DomainError
from case_api.platform.http import openapi_docs
from shared.outage import StorageUnavailable, storage_unavailable

log = logging.getLogger(__name__)

MEDIA_TYPE = "application/problem+json"
TYPE_PREFIX = "tag:yingsu,2026:problem/"

TITLES = {
    400: ("Bad request", "请求错误"),
    401: ("Not authenticated", "未认证"),
    403: ("Forbidden", "无权操作"),
    404: ("Not found", "未找到"),
    405: ("Method not allowed", "不支持该方法"),
    409: ("Conflict with the case's rules", "违反案件规则"),
    412: ("Precondition failed", "前置条件不满足"),
    413: ("Request too large", "请求过大"),
    415: ("Unsupported media type", "不支持的媒体类型"),
    422: ("Invalid request", "请求内容无效"),
    428: ("Precondition required", "缺少前置条件"),
    429: ("Too many requests", "请求过多"),
    500: ("Internal error", "内部错误"),
    503: ("Service unavailable", "服务暂不可用"),
}


def wants_chinese(request: Request) -> bool:
    return request.headers.get("accept-language", "").lower().startswith("zh")


def problem(
    request: Request,
    status: int,
    code: str,
    detail: str,
    detail_zh: str | None = None,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> JSONResponse:
    zh = wants_chinese(request)
    title_en, title_zh = TITLES.get(status, ("Error", "错误"))
    body = {
        "type": TYPE_PREFIX + code,
        "title": title_zh if zh else title_en,
        "status": status,
        "detail": (detail_zh or detail) if zh else detail,
        "code": code,
        "instance": request.url.path,
        **extra,
    }
    return JSONResponse(body, status_code=status, media_type=MEDIA_TYPE, headers=headers)


def problem_body(error: DomainError, request: Request) -> JSONResponse:
    params = {k: v for k, v in error.params.items() if _plain(v)}
    headers = error.headers or None
    return problem(
        request, error.status, error.code, error.message, error.message_zh, headers, **params
    )


def _plain(value: object) -> bool:
    """A scalar, or a list of names (the sections or steps a refusal names)."""
    if isinstance(value, list):
        return all(isinstance(v, str) for v in value)
    return isinstance(value, str | int | float | bool)


STORAGE_ERRORS = (
    PersistenceError,
    SQLAlchemyError,
    psycopg.Error,
    sqlite3.Error,
    StorageUnavailable,
)
"""Where an outage shows up: the event store's, SQLAlchemy's and the drivers' errors (and
a pool's wait running out); ``shared.outage`` tells an outage from a bug among them."""
DEFAULT_RETRY_AFTER = 5


def storage_unavailable_response(request: Request) -> JSONResponse:
    runtime = getattr(request.app.state, "runtime", None)
    seconds = runtime.settings.storage_retry_after_seconds if runtime else DEFAULT_RETRY_AFTER
    return problem(
        request,
        503,
        "storage-unavailable",
        f"The database does not answer; retry in {seconds} s. Nothing was lost: a write"
        " resent with the same Idempotency-Key is recorded at most once.",
        f"数据库暂时无法访问，请 {seconds} 秒后重试；携带相同幂等键重发的写入最多记录一次。",
        {"Retry-After": str(seconds)},
        retry_after=seconds,
    )


UNREADABLE_BODY = {
    "description": "The body is not UTF-8 JSON (problem+json `http-error`)",
    "content": {MEDIA_TYPE: {"schema": openapi_docs.PROBLEM_SCHEMA}},
}


NEVER_STORAGE = frozenset({"/healthz"})
"""Operations that answer without the database (the others may answer storage-unavailable)."""


def document_framework_problems(app: FastAPI) -> None:
    """Document what is answered before a route runs, or by this module whatever the route:
    FastAPI's 422 (documented by FastAPI as ``HTTPValidationError``), the 422 for an unknown
    query parameter or invalid text, the 400 for an unreadable body, and the 503 for a
    database that does not answer."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        document = build()
        for path, item in document.get("paths", {}).items():
            for operation in item.values():
                for parameter in operation.get("parameters", []):
                    _sent_or_absent(parameter)
                responses = operation.get("responses", {})
                invalid = responses.get("422")
                # FastAPI's own 422 is rendered as problem+json; every operation may answer
                # 422 `unknown-query-parameter` (query_strict), documented or not by FastAPI.
                if invalid is None or "application/json" in invalid.get("content", {}):
                    responses["422"] = openapi_docs.errors(422)[422]
                body = operation.get("requestBody", {}).get("content", {})
                if "application/json" in body:
                    responses.setdefault("400", UNREADABLE_BODY)
                if path not in NEVER_STORAGE and "application/json" not in responses.get(
                    "503", {}
                ).get("content", {}):
                    responses["503"] = openapi_docs.storage_unavailable(responses.get("503"))
        return document

    app.openapi = openapi  # type: ignore[method-assign]


def _sent_or_absent(parameter: dict[str, Any]) -> None:
    """An optional parameter is either sent or not: FastAPI's ``anyOf [..., null]`` would
    have clients send the text ``null``, which the parameter's type refuses."""
    schema = parameter.get("schema", {})
    kinds = [k for k in schema.get("anyOf", []) if k.get("type") != "null"]
    if len(kinds) == 1 and len(schema["anyOf"]) == 2:
        del schema["anyOf"]
        schema.update(kinds[0])


def install(app: FastAPI) -> None:
    document_framework_problems(app)

    @app.exception_handler(DomainError)
    async def _domain(request: Request, error: DomainError) -> JSONResponse:
        return problem_body(error, request)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, error: RequestValidationError) -> JSONResponse:
        errors = [
            {"location": list(e["loc"]), "message": e["msg"], "type": e["type"]}
            for e in error.errors()
        ]
        fields = ", ".join(".".join(str(p) for p in e["location"]) for e in errors)
        return problem(
            request,
            422,
            "invalid-request",
            f"The request does not match the schema: {fields}",
            f"请求内容不符合格式要求：{fields}",
            errors=errors,
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, error: StarletteHTTPException) -> JSONResponse:
        code = {404: "not-found", 405: "method-not-allowed"}.get(error.status_code, "http-error")
        headers = dict(error.headers or {})
        if error.status_code == 405:
            headers["Allow"] = ", ".join(_allowed_methods(request))
        return problem(request, error.status_code, code, str(error.detail), headers=headers or None)

    async def _storage(request: Request, error: Exception) -> JSONResponse:
        if not storage_unavailable(error):
            raise error  # a bug, answered by _crash below
        log.warning("storage unavailable on %s: %s", request.url.path, error)
        return storage_unavailable_response(request)

    for kind in STORAGE_ERRORS:
        app.add_exception_handler(kind, _storage)

    @app.exception_handler(Exception)
    async def _crash(request: Request, error: Exception) -> JSONResponse:
        log.exception("unhandled error on %s", request.url.path)
        return problem(
            request, 500, "internal-error", "An unexpected error occurred.", "发生内部错误。"
        )


def _allowed_methods(request: Request) -> list[str]:
    """Every method the API serves at this path: Starlette's own 405 names only the first
    route that matched the path, though several routes may share it (GET and POST). The
    OpenAPI document lists them all; its path templates are compiled once per app."""
    app = request.app
    templates = getattr(app.state, "method_templates", None)
    if templates is None:
        templates = [
            (compile_path(path)[0], {method.upper() for method in item})
            for path, item in app.openapi()["paths"].items()
        ]
        app.state.method_templates = templates
    path = request.url.path
    return sorted({m for regex, methods in templates if regex.match(path) for m in methods})
