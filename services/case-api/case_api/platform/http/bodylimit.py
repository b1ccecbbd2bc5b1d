"""Request bodies over ``max_request_bytes`` are refused with 413 before they are read.

A declared ``Content-Length`` is checked first; a chunked body is counted as it streams and
cut off at the first byte over the limit. Upload routes that enforce their own, larger limit
are exempt.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request

from case_api.platform.errors import RequestTooLarge
from case_api.platform.http.openapi_docs import PROBLEM_SCHEMA
from case_api.platform.http.problems import problem_body
from case_api.platform.settings import Settings

# POST /v1/documents streams its raw body up to max_document_bytes itself.
EXEMPT = frozenset({("POST", "/v1/documents")})


class _Exceeded(Exception):
    """Raised into the app from ``receive``; the app's own answer to it is replaced by a 413."""


class BodyLimitMiddleware:
    def __init__(self, app: Any, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or (scope["method"], scope["path"]) in EXEMPT:
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_bytes:
            await self._refuse(scope, receive, send)
            return
        received = 0
        exceeded = started = False

        async def counting_receive() -> dict:
            nonlocal received, exceeded
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    exceeded = True
                    raise _Exceeded
            return message

        async def send_unless_exceeded(message: dict) -> None:
            nonlocal started
            if not exceeded:
                started = True
                await send(message)

        try:
            await self.app(scope, counting_receive, send_unless_exceeded)
        except Exception:
            if not exceeded:
                raise
        if exceeded and not started:
            await self._refuse(scope, receive, send)

    async def _refuse(self, scope: dict, receive: Any, send: Any) -> None:
        request = Request(scope)
        error = RequestTooLarge(
            f"Request bodies may be at most {self.max_bytes} bytes.",
            f"请求体不得超过 {self.max_bytes} 字节。",
            max_bytes=self.max_bytes,
        )
        await problem_body(error, request)(scope, receive, send)


def _content_length(scope: dict) -> int | None:
    for name, value in scope["headers"]:
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


RESPONSES: dict[int | str, dict[str, Any]] = {
    413: {
        "description": "The body is over max_request_bytes (problem+json `request-too-large`)",
        "content": {"application/problem+json": {"schema": PROBLEM_SCHEMA}},
    }
}


def install(app: FastAPI, settings: Settings) -> None:
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_request_bytes)
