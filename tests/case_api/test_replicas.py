"""Several case-api processes on one store: projections stay exactly-once, SSE follows."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, date, datetime, timedelta
from uuid import UUID

import pytest

from case_api.feed.routes import _events, stream
from case_api.platform.access import Principal, Role
from case_api.platform.commands import Request, Written
from case_api.platform.errors import IdempotencyInFlight
from case_api.platform.idempotency import STALE_SECONDS
from case_api.runtime import build_runtime
from tests.api_client import ADMIN, GZ_CASE, Api, register_guangzhou


def test_two_replicas_project_every_event_exactly_once(case_settings):
    replicas = [build_runtime(case_settings) for _ in range(2)]
    try:
        first = replicas[0]
        register_guangzhou(first.registry, pack="guangzhou")
        for n in range(40):
            runtime = replicas[n % 2]
            facts = {**GZ_CASE, "case_number": f"R{n}", "filed_date": date(2025, 9, 1), "flags": []}
            written = runtime.commands.file_case(Request(ADMIN), **facts)
            runtime.commands.execute(
                Request(ADMIN),
                UUID(written.case_id),
                "serve_document",
                kind="complaint_copy",
                served_date=date(2025, 9, 2),
                hearing_date=None,
                document_number="",
            )
        head = first.store.max_position()
        deadline = time.monotonic() + 20
        while min(r.projector.position() for r in replicas) < head:
            assert time.monotonic() < deadline, "projection did not catch up"
            time.sleep(0.05)
        from sqlalchemy import func, select

        from case_api.cases.tables import case_timeline
        from case_api.deadlines.tables import deadlines

        with first.engine.connect() as conn:
            assert conn.execute(select(func.count()).select_from(case_timeline)).scalar() == head
            answers = conn.execute(
                select(func.count()).select_from(deadlines).where(deadlines.c.rule_id == "answer")
            ).scalar()
        assert answers == 40
    finally:
        for runtime in replicas:
            runtime.close()


def test_a_filing_resent_while_its_first_copy_commits_is_a_replay(case_settings):
    """Two replicas receive one court filing at once; the first commits just after the second
    found no case. The second must answer as a replay, not as a refiling of the number."""
    replicas = [build_runtime(case_settings) for _ in range(2)]
    try:
        first, second = replicas
        register_guangzhou(first.registry)
        facts = {**GZ_CASE, "filed_date": date(2025, 9, 20), "flags": []}
        court = Principal("court:gz-tianhe-court", Role.COURT_SYSTEM, court="gz-tianhe-court")
        request = Request(court, "delivery-1", "sha-of-body")
        written: list[Written] = []
        lookup = second.store.repository.get

        def get_then_let_the_first_copy_commit(*args, **kwargs):
            try:
                return lookup(*args, **kwargs)
            finally:
                if not written:
                    written.append(first.commands.file_case(request, **facts))

        second.store.repository.get = get_then_let_the_first_copy_commit  # type: ignore[method-assign]
        again = second.commands.file_case(request, **facts)
        assert again.replayed and not written[0].replayed
        assert again.case_id == written[0].case_id and again.version == written[0].version
        assert first.store.max_position() == written[0].position
    finally:
        for runtime in replicas:
            runtime.close()


async def test_sse_stream_resumes_after_the_given_position(api: Api):
    await api.register_guangzhou()
    filed = await api.file_case()
    stream = _events(api.runtime, ADMIN, filed["position"] - 1)
    assert await anext(stream) == "retry: 1000\n\n"
    message = await asyncio.wait_for(anext(stream), 5)
    assert message.startswith(f"id: {filed['position']}\nevent: CaseFiled\n")
    pending = asyncio.ensure_future(anext(stream))
    await asyncio.sleep(0.1)
    written = await api.command(
        filed["case_id"],
        "documents",
        {"kind": "complaint_copy", "served_date": "2025-09-22"},
        api.court,
    )
    message = await asyncio.wait_for(pending, 5)
    assert message.startswith(f"id: {written['position']}\nevent: DocumentServed\n")
    await stream.aclose()


def test_a_key_still_in_flight_is_409_until_it_goes_stale(case_settings):
    runtime = build_runtime(case_settings.model_copy(update={"run_projector": False}))
    try:
        store = runtime.idempotency
        assert store.begin("client", "k", "hash") is None
        with pytest.raises(IdempotencyInFlight) as held:
            store.begin("client", "k", "hash")
        assert 1 <= int(held.value.headers["Retry-After"]) <= STALE_SECONDS
        from sqlalchemy import update

        from case_api.platform.tables import idempotency_keys

        stale = datetime.now(UTC) - timedelta(seconds=STALE_SECONDS + 1)
        with runtime.engine.begin() as conn:
            conn.execute(update(idempotency_keys).values(created_at=stale))
        assert store.begin("client", "k", "hash") is None  # taken over after a crash
        store.complete("client", "k", 201, {"case_id": "x", "version": 1})
        assert store.begin("client", "k", "hash").status_code == 201
        with runtime.engine.begin() as conn:
            conn.execute(update(idempotency_keys).values(created_at=stale - timedelta(days=10)))
        assert store.purge_expired(datetime.now(UTC)) == 1
    finally:
        runtime.close()


async def test_sse_resumes_from_a_last_event_id_sent_in_the_query(api: Api):
    """Browser polyfills that send a bearer token put Last-Event-ID in the query."""
    await api.register_guangzhou()
    first = await api.file_case()
    second = await api.file_case(case_number="（2025）粤0106行初124号")
    response = await stream(
        api.runtime, ADMIN, after=0, last_event_id=None, last_event_id_query=str(first["position"])
    )
    events = response.body_iterator
    assert await anext(events) == "retry: 1000\n\n"
    message = await asyncio.wait_for(anext(events), 5)
    assert message.startswith(f"id: {second['position']}\n"), message
    await events.aclose()
    operation = api.app.openapi()["paths"]["/v1/events/stream"]["get"]
    assert "lastEventId" in {p["name"] for p in operation["parameters"]}
