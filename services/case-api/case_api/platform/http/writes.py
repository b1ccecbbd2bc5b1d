"""Running a write under its Idempotency-Key and answering with where it landed.

A replay (the key's stored answer, or the case recognising the request id after the record
was lost or taken over) answers what the first answer said: 201, the same version, ETag,
position, status and ``chain_head``, with ``replayed: true`` and ``Idempotent-Replayed``.
"""

from __future__ import annotations

from collections.abc import Callable

from fastapi.responses import JSONResponse

from case_api.platform.commands import Written
from case_api.platform.http.deps import WriteContext
from case_api.platform.http.schemas import CommandResult
from case_api.runtime import Runtime
from shared.outage import storage_unavailable

CREATED = 201


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
            _release(runtime, client, ctx.key)
        raise
    body = CommandResult(**{**written.__dict__, "replayed": False}).model_dump(mode="json")
    if ctx.key:
        store.complete(client, ctx.key, CREATED, body)
    return _response(CREATED, body, replayed=written.replayed)


def _release(runtime: Runtime, client: str, key: str) -> None:
    """Free the key for a resend. When the database is what failed, the record stays running
    and a resend takes it over after ``idempotency_stale_seconds`` (409 until then)."""
    try:
        runtime.idempotency.abandon(client, key)
    except Exception as error:
        if not storage_unavailable(error):
            raise


def _response(status: int, body: dict, *, replayed: bool) -> JSONResponse:
    body = {**body, "replayed": replayed}
    headers = {
        "ETag": f'"{body["version"]}"',
        "Location": f"/v1/cases/{body['case_id']}",
    }
    if replayed:
        headers["Idempotent-Replayed"] = "true"
    return JSONResponse(body, status_code=status, headers=headers)
