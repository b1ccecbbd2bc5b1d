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


def install(app: FastAPI) -> None:
    """Inside the body limit: a body is read whole only once its size is known to be allowed."""
    app.add_middleware(TextGuard, refuse=refusal)
