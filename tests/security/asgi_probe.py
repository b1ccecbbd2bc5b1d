"""One request straight to the ASGI app, for endpoints that never finish (Server-Sent Events):
the status, and whatever the body carried within a short time, then a client disconnect."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any
from urllib.parse import urlencode


async def probe(
    app: Any, method: str, path: str, params: dict[str, Any], headers: dict[str, str]
) -> tuple[int, str]:
    started: asyncio.Future[int] = asyncio.get_running_loop().create_future()
    chunks: list[bytes] = []
    done = asyncio.Event()
    sent_request = False

    async def receive() -> dict[str, Any]:
        nonlocal sent_request
        if not sent_request:
            sent_request = True
            return {"type": "http.request", "body": b"", "more_body": False}
        await done.wait()
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start" and not started.done():
            started.set_result(message["status"])
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                done.set()

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": urlencode(params).encode(),
        "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
        "client": ("127.0.0.1", 50000),
        "server": ("case-api", 80),
    }
    task = asyncio.create_task(app(scope, receive, send))
    try:
        status = await asyncio.wait_for(asyncio.shield(started), timeout=10)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(done.wait(), timeout=0.3)
    finally:
        done.set()
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
    return status, b"".join(chunks).decode("utf-8", "replace")
