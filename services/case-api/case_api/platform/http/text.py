"""422 ``invalid-text`` for requests carrying text that is not valid Unicode (``shared.text_guard``)."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from starlette.requests import Request

from case_api.platform.http.problems import problem
from shared.text_guard import TextGuard

CODE = "invalid-text"


async def refusal(scope: dict, where: str) -> Any:
    return problem(
        Request(scope),
        422,
        CODE,
        f"The request's {where} carries text that is not valid Unicode (invalid UTF-8, a lone"
        " surrogate) or a NUL character.",
        f"请求的 {where} 含有无效的 Unicode 文本（无效的 UTF-8 字节或孤立代理项）或 NUL 字符。",
        location=where,
    )


NO_NUL = "^[^\\u0000]*$"
"""The pattern every free-text string of the OpenAPI document carries: what the guard refuses
beside invalid UTF-8 and lone surrogates (which JSON text cannot carry as I-JSON, RFC 7493)."""
HEADER_TEXT = "^[\\x20-\\x7e]*$"
"""Header values in the document: visible ASCII and spaces (RFC 9110 leaves other bytes to no
charset, and the guard refuses those that are not UTF-8)."""
DATA_KEYS = frozenset({"example", "examples", "default", "const", "enum"})
CONSTRAINED = ("format", "enum", "const", "pattern", "contentMediaType")


def install(app: FastAPI) -> None:
    """Inside the body limit: a body is read whole only once its size is known to be allowed."""
    app.add_middleware(TextGuard, refuse=refusal)
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        document = build()
        for item in document.get("paths", {}).values():
            for operation in item.values():
                for parameter in operation.get("parameters", []):
                    schema = parameter.get("schema", {})
                    if parameter["in"] == "header" and not _constrained(schema):
                        schema["pattern"] = HEADER_TEXT
        _state_no_nul(document)
        return document

    app.openapi = openapi  # type: ignore[method-assign]


def _constrained(schema: dict[str, Any]) -> bool:
    """Not a free string: another type, or a format, vocabulary or pattern of its own."""
    return schema.get("type") != "string" or any(key in schema for key in CONSTRAINED)


def _state_no_nul(node: Any) -> None:
    """Give every string schema without a format, enum or pattern of its own ``NO_NUL``."""
    if isinstance(node, list):
        for item in node:
            _state_no_nul(item)
        return
    if not isinstance(node, dict):
        return
    if not _constrained(node):
        node["pattern"] = NO_NUL
    for key, value in node.items():
        if key not in DATA_KEYS:
            _state_no_nul(value)
