"""Running a write under its Idempotency-Key and answering with where it landed."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.responses import JSONResponse

from case_api.platform.commands import Written
from case_api.platform.http.deps import WriteContext
from case_api.platform.http.schemas import CommandResult
from case_api.runtime import Runtime


def perform(runtime: Runtime, ctx: WriteContext, action: Callable[[], Written]) -> JSONResponse:
    store = runtime.idempotency
    client = ctx.principal.subject
    if ctx.key:
        stored = store.begin(client, ctx.key, ctx.request_hash)
        if stored is not None:
            return _response(stored.status_code, stored.body, replayed=True)
    try:
        written = action()
    except BaseException:
        if ctx.key:
            store.abandon(client, ctx.key)
        raise
    status = 200 if written.replayed else 201
    body = CommandResult(**written.__dict__).model_dump(mode="json")
    if ctx.key:
        store.complete(client, ctx.key, status, body)
    return _response(status, body, replayed=written.replayed)


def _response(status: int, body: dict, *, replayed: bool) -> JSONResponse:
    headers = {
        "ETag": f'"{body["version"]}"',
        "Location": f"/v1/cases/{body['case_id']}",
    }
    if replayed:
        headers["Idempotent-Replayed"] = "true"
    return JSONResponse(body, status_code=status, headers=headers)
