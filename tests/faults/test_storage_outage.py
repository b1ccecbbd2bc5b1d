"""A database outage is 503 storage-unavailable with Retry-After on every route, and the
service resumes by itself when the database is back (PostgreSQL behind a TCP proxy)."""

from __future__ import annotations

import asyncio
import json
import logging
import threading
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import exc as sa

from case_api.platform.migrate import upgrade
from shared.outage import storage_unavailable
from tests.api_client import Api, open_api
from tests.backends import POSTGRES_URL, postgres_schema
from tests.faults.outage import api_behind_proxy, settings_through, target_of
from tests.faults.tcp_proxy import proxied
from tests.security.asgi_probe import probe
from tests.security.spec_requests import Operation, operations, prepare
from tests.security.world import Place, build, places, sender

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        not POSTGRES_URL, reason="CASE_TEST_POSTGRES_URL is not set: no PostgreSQL to cut"
    ),
]

SERVE = {"kind": "complaint_copy", "served_date": "2025-09-22"}


async def test_every_operation_answers_503_with_retry_after_while_the_database_is_cut(
    tmp_path: Path,
):
    async with api_behind_proxy(tmp_path) as (api, proxy):
        world = places()
        await build(world, sender(api.client), api.token, api.runtime)
        proxy.cut()
        # All at once: each waits for the connect timeout before it is answered.
        ops = operations(api.app.openapi())
        answers = dict(
            zip(
                [op.id for op in ops],
                await asyncio.gather(*(_call(api, op, world["own"]) for op in ops)),
                strict=True,
            )
        )
        crashes = {op: a[:2] for op, a in answers.items() if a[0] >= 500 and a[0] != 503}
        assert not crashes
        refused = {op: a for op, a in answers.items() if a[0] == 503 and op != "readyz_readyz_get"}
        for op, (_status, text, headers) in refused.items():
            assert json.loads(text)["code"] == "storage-unavailable", (op, text)
            assert int(headers.get("Retry-After", 0)) >= 1, op
        # Everything that reads or writes storage was refused; only pure computations answered.
        answered = sorted(op for op, a in answers.items() if a[0] < 500)
        assert len(refused) > 60, answered
        proxy.restore()


async def _call(api: Api, op: Operation, place: Place) -> tuple[int, str, Any]:
    request = prepare(op, place)
    if op.streams:
        status, text = await probe(api.app, op.method, request.url, request.params, api.admin)
        return status, text, {}
    kwargs = request.httpx_kwargs()
    kwargs["headers"] = {**kwargs.get("headers", {}), **api.admin}
    r = await api.client.request(request.method, request.url, params=request.params, **kwargs)
    return r.status_code, r.text, r.headers


async def test_writes_and_reads_resume_when_the_database_is_back(tmp_path: Path):
    async with api_behind_proxy(tmp_path) as (api, proxy):
        await api.register_guangzhou()
        filed = await api.file_case()
        proxy.cut()
        path = f"/v1/cases/{filed['case_id']}/documents"
        headers = {**api.court, "Idempotency-Key": "serve-during-outage"}
        refused = await api.client.post(path, json=SERVE, headers=headers)
        assert refused.status_code == 503, refused.text
        assert refused.json()["code"] == "storage-unavailable"
        assert refused.headers["Retry-After"] == "5"
        read = await api.client.get(f"/v1/cases/{filed['case_id']}", headers=api.admin)
        assert read.status_code == 503 and read.headers["Retry-After"] == "5"
        proxy.restore()
        written = await _eventually(lambda: api.client.post(path, json=SERVE, headers=headers))
        assert written.json()["version"] == 2
        summary = await api.summary(filed["case_id"], written.json()["position"])
        assert summary["version"] == 2


async def _eventually(call, attempts: int = 40):  # type: ignore[no-untyped-def]
    """The client's side of Retry-After, compressed: resend until the answer is not 503."""
    for _ in range(attempts):
        answer = await call()
        if answer.status_code != 503:
            assert answer.status_code in (200, 201), answer.text
            return answer
        await asyncio.sleep(0.25)
    raise AssertionError(f"still 503 after {attempts} tries: {answer.text}")


async def test_start_up_waits_for_the_database_within_its_limit(tmp_path: Path, caplog):  # type: ignore[no-untyped-def]
    assert POSTGRES_URL
    with postgres_schema() as (url, schema), proxied(*target_of(POSTGRES_URL)) as proxy:
        settings = settings_through(proxy, url, schema, tmp_path, storage_wait_seconds=60)
        upgrade(settings.readmodel_url)
        proxy.cut()
        threading.Timer(1.5, proxy.restore).start()
        with caplog.at_level(logging.WARNING):
            async with open_api(settings) as api:
                assert (await api.client.get("/readyz")).status_code == 200
        assert "the database does not answer" in caplog.text
        assert "the database answers again" in caplog.text


async def test_start_up_gives_up_when_the_database_stays_away(tmp_path: Path):
    assert POSTGRES_URL
    with postgres_schema() as (url, schema), proxied(*target_of(POSTGRES_URL)) as proxy:
        settings = settings_through(proxy, url, schema, tmp_path, storage_wait_seconds=2)
        proxy.cut()
        with pytest.raises(sa.OperationalError) as refused:
            async with open_api(settings):
                pass
        assert storage_unavailable(refused.value)
