"""Abuse limits: per-client request budgets, body size, page sizes and cursors."""

from __future__ import annotations

import asyncio
import base64
import os
import uuid
from collections.abc import AsyncIterator

import httpx
import pytest

from case_api.feed.routes import resume_point
from case_api.main import create_app
from case_api.platform.http.paging import POSITION_MAX
from case_api.platform.settings import Settings
from scripts.export_openapi import documents
from tests.api_client import GZ_CASE, open_api

REDIS_URL = os.environ.get("CASE_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
OPENAPI = documents()["case-api.json"]
PROBLEM = "application/problem+json"


def limited(settings: Settings, **fields: object) -> Settings:
    return settings.model_copy(update=fields)


def client_at(app: object, address: str) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app, client=(address, 40000))  # type: ignore[arg-type]
    return httpx.AsyncClient(transport=transport, base_url="http://case-api")


def assert_refused(response: httpx.Response) -> int:
    assert response.status_code == 429, response.text
    assert response.headers["content-type"] == PROBLEM
    assert response.json()["code"] == "rate-limited"
    assert response.headers["RateLimit-Remaining"] == "0"
    retry_after = int(response.headers["Retry-After"])
    assert retry_after == int(response.headers["RateLimit-Reset"])
    return retry_after


# --- rate limits ---------------------------------------------------------------------------


async def test_a_client_over_its_read_budget_gets_429_while_another_is_served(case_settings):
    async with open_api(limited(case_settings, rate_limit_reads="3/minute")) as api:
        alice = api.token("admin", subject="alice")
        bob = api.token("admin", subject="bob")
        for remaining in (2, 1, 0):
            r = await api.client.get("/v1/cases", headers=alice)
            assert r.status_code == 200, r.text
            assert r.headers["RateLimit-Limit"] == "3"
            assert r.headers["RateLimit-Remaining"] == str(remaining)
            assert 1 <= int(r.headers["RateLimit-Reset"]) <= 60
        refused = await api.client.get("/v1/cases", headers=alice)
        assert 1 <= assert_refused(refused) <= 60
        assert refused.headers["RateLimit-Limit"] == "3"
        zh = await api.client.get("/v1/cases", headers={**alice, "Accept-Language": "zh-CN"})
        assert "请求过于频繁" in zh.json()["detail"]
        assert (await api.client.get("/v1/cases", headers=bob)).status_code == 200


async def test_tokens_naming_the_same_subject_share_one_budget(case_settings):
    async with open_api(limited(case_settings, rate_limit_reads="2/minute")) as api:
        as_admin = api.token("admin", subject="court-gateway")
        as_court = api.token("court_system", subject="court-gateway", court="gz-tianhe-court")
        assert (await api.client.get("/v1/cases", headers=as_admin)).status_code == 200
        assert (await api.client.get("/v1/cases", headers=as_court)).status_code == 200
        assert_refused(await api.client.get("/v1/cases", headers=as_admin))


async def test_a_remembered_token_is_still_refused_once_expired_and_still_counted(
    case_settings,
):
    async with open_api(limited(case_settings, rate_limit_reads="5/minute")) as api:
        alice = api.token("admin", subject="alice")
        assert (await api.client.get("/v1/cases", headers=alice)).status_code == 200
        case_settings.clock_file.write_text("2099-01-01T09:00:00+08:00")
        expired = await api.client.get("/v1/cases", headers=alice)
        assert expired.status_code == 401
        assert expired.headers["RateLimit-Remaining"] == "3"


async def test_the_window_restarts_after_retry_after(case_settings):
    async with open_api(limited(case_settings, rate_limit_reads="2/second")) as api:
        alice = api.token("admin", subject="alice")
        for _ in range(2):
            assert (await api.client.get("/v1/cases", headers=alice)).status_code == 200
        retry_after = assert_refused(await api.client.get("/v1/cases", headers=alice))
        assert retry_after == 1
        await asyncio.sleep(retry_after + 0.05)
        again = await api.client.get("/v1/cases", headers=alice)
        assert again.status_code == 200
        assert again.headers["RateLimit-Remaining"] == "1"


async def test_writes_and_reads_spend_separate_budgets_and_a_refused_write_changes_nothing(
    case_settings,
):
    fields = {"rate_limit_reads": "3/minute", "rate_limit_writes": "2/minute"}
    async with open_api(limited(case_settings, **fields)) as api:
        positions = []
        for code in ("gz", "sz", "fs"):
            body = {"code": code, "name": code, "level": "city", "pack": "guangzhou"}
            r = await api.client.post("/v1/jurisdictions", json=body, headers=api.admin)
            positions.append(r)
        assert [r.status_code for r in positions[:2]] == [201, 201]
        assert_refused(positions[2])
        assert positions[1].headers["RateLimit-Limit"] == "2"
        listed = await api.client.get(
            "/v1/jurisdictions",
            params={"min_position": positions[1].json()["position"]},
            headers=api.admin,
        )
        assert listed.status_code == 200
        assert listed.headers["RateLimit-Limit"] == "3"
        assert [j["code"] for j in listed.json()] == ["gz", "sz"]
        for _ in range(2):
            assert (await api.client.get("/v1/agencies", headers=api.admin)).status_code == 200
        assert_refused(await api.client.get("/v1/agencies", headers=api.admin))
        body = {"code": "fs", "name": "fs", "level": "city", "pack": "guangzhou"}
        still = await api.client.post("/v1/jurisdictions", json=body, headers=api.admin)
        assert_refused(still)


async def test_without_a_valid_token_the_client_is_its_address(case_settings):
    async with open_api(limited(case_settings, rate_limit_reads="2/minute")) as api:
        preview = {"trigger_date": "2025-09-01", "offset": 15, "unit": "days"}
        async with client_at(api.app, "10.0.0.1") as first, client_at(api.app, "10.0.0.2") as other:
            forged = {"Authorization": "Bearer not-a-token"}
            assert (await first.get("/v1/cases", headers=forged)).status_code == 401
            assert (await first.get("/v1/deadlines/preview", params=preview)).status_code == 200
            assert_refused(await first.get("/v1/deadlines/preview", params=preview))
            assert (await other.get("/v1/deadlines/preview", params=preview)).status_code == 200
            signed_in = await first.get("/v1/cases", headers=api.admin)
            assert signed_in.status_code == 200


async def test_health_readiness_and_metrics_are_never_limited(case_settings):
    async with open_api(limited(case_settings, rate_limit_reads="1/minute")) as api:
        assert (await api.client.get("/v1/cases", headers=api.admin)).status_code == 200
        assert_refused(await api.client.get("/v1/cases", headers=api.admin))
        for path in ("/healthz", "/readyz", "/metrics"):
            for _ in range(3):
                r = await api.client.get(path, headers=api.admin)
                assert r.status_code == 200, path
                assert "RateLimit-Remaining" not in r.headers


async def test_a_long_poll_on_the_feed_costs_one_request(case_settings):
    async with open_api(limited(case_settings, rate_limit_reads="3/minute")) as api:
        polled = await api.client.get("/v1/events", params={"wait": 0.3}, headers=api.admin)
        assert polled.status_code == 200
        assert polled.json()["events"] == []
        assert polled.headers["RateLimit-Remaining"] == "2"


@pytest.mark.parametrize(
    "field", ["rate_limit_reads", "rate_limit_writes", "rate_limit_unverified"]
)
def test_a_budget_that_is_not_limits_notation_stops_the_app_at_startup(field):
    with pytest.raises(ValueError):
        create_app(Settings(**{field: "plenty"}))


async def test_replicas_sharing_a_redis_storage_share_the_counts(case_settings):
    reason = await _redis_unavailable()
    if reason:
        pytest.skip(reason)
    shared = limited(case_settings, rate_limit_storage=REDIS_URL, rate_limit_reads="3/minute")
    async with open_api(shared) as first, open_api(shared) as second:
        client = first.token("admin", subject=f"client-{uuid.uuid4().hex}")
        other = first.token("admin", subject=f"client-{uuid.uuid4().hex}")
        remaining = []
        for replica in (first, second, first):
            r = await replica.client.get("/v1/cases", headers=client)
            assert r.status_code == 200, r.text
            remaining.append(r.headers["RateLimit-Remaining"])
        assert remaining == ["2", "1", "0"]
        assert_refused(await second.client.get("/v1/cases", headers=client))
        assert (await second.client.get("/v1/cases", headers=other)).status_code == 200


async def _redis_unavailable() -> str | None:
    try:
        import redis.asyncio
    except ImportError:
        return (
            "the redis client package (limits[redis]) is not installed: shared-storage test not run"
        )
    connection = redis.asyncio.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5)
    try:
        await connection.ping()
    except redis.RedisError as error:
        return f"Redis at {REDIS_URL} does not answer ({error}): shared-storage test not run"
    finally:
        await connection.aclose()
    return None


async def test_an_unreachable_counter_store_lets_requests_through_uncounted(case_settings):
    try:
        import redis  # noqa: F401
    except ImportError:
        pytest.skip("the redis client package (limits[redis]) is not installed: test not run")
    nowhere = limited(case_settings, rate_limit_storage="redis://127.0.0.1:9/0")
    async with open_api(nowhere) as api:
        for _ in range(3):
            r = await api.client.get("/v1/cases", headers=api.admin)
            assert r.status_code == 200, r.text
            assert "RateLimit-Remaining" not in r.headers


# --- request size --------------------------------------------------------------------------


class Chunks:
    """A request body streamed in chunks, remembering how many the server pulled."""

    def __init__(self, total: int, size: int = 64 * 1024) -> None:
        self.total, self.size, self.sent = total, size, 0

    async def __aiter__(self) -> AsyncIterator[bytes]:
        while self.sent * self.size < self.total:
            self.sent += 1
            yield b" " * min(self.size, self.total - (self.sent - 1) * self.size)


async def test_a_declared_content_length_over_the_limit_is_refused_unread(case_settings):
    async with open_api(case_settings) as api:
        body = Chunks(2 * 1024 * 1024)
        headers = {
            **api.court,
            "Content-Type": "application/json",
            "Content-Length": str(body.total),
        }
        r = await api.client.post("/v1/cases", content=body, headers=headers)
        assert r.status_code == 413, r.text
        assert r.headers["content-type"] == PROBLEM
        assert r.json()["code"] == "request-too-large"
        assert r.json()["max_bytes"] == 1024 * 1024
        assert body.sent == 0
        assert (await api.client.get("/v1/cases", headers=api.admin)).json()["items"] == []


async def test_a_chunked_body_is_cut_off_at_the_first_byte_over_the_limit(case_settings):
    async with open_api(case_settings) as api:
        body = Chunks(8 * 1024 * 1024)
        headers = {**api.court, "Content-Type": "application/json"}
        r = await api.client.post("/v1/cases", content=body, headers=headers)
        assert r.status_code == 413, r.text
        assert r.json()["code"] == "request-too-large"
        assert body.sent == 1024 * 1024 // body.size + 1
        assert (await api.client.get("/v1/cases", headers=api.admin)).json()["items"] == []


@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
async def test_a_body_of_exactly_max_request_bytes_is_read(case_settings, chunked):
    async with open_api(limited(case_settings, max_request_bytes=400)) as api:
        await api.register_guangzhou()
        raw = httpx.Request("POST", "/", json=GZ_CASE).content
        padded = raw + b" " * (400 - len(raw))

        async def stream(data: bytes) -> AsyncIterator[bytes]:
            yield data

        headers = {**api.court, "Content-Type": "application/json"}
        for body, status in ((padded, 201), (padded + b" ", 413)):
            content = stream(body) if chunked else body
            r = await api.client.post("/v1/cases", content=content, headers=headers)
            assert r.status_code == status, r.text


async def test_only_the_document_upload_is_exempt_from_the_body_limit(case_settings, tmp_path):
    blobs = {"document_store_url": f"file:{tmp_path}/blobs", "max_request_bytes": 100}
    async with open_api(limited(case_settings, **blobs)) as api:
        pdf = b"%PDF-1.7\n" + b"0" * 500 + b"\n%%EOF\n"
        pdf_headers = {**api.court, "Content-Type": "application/pdf"}
        upload = await api.client.post("/v1/documents", content=pdf, headers=pdf_headers)
        assert upload.status_code in (200, 201), upload.text
        for method, path in (("POST", "/v1/documents/x"), ("PUT", "/v1/documents")):
            r = await api.client.request(method, path, content=pdf, headers=pdf_headers)
            assert r.status_code == 413, (method, path)
            assert r.json()["code"] == "request-too-large"


def test_every_limited_operation_documents_413_and_429_with_its_headers():
    for path, item in OPENAPI["paths"].items():
        for method, operation in item.items():
            responses = operation["responses"]
            if path in ("/healthz", "/readyz", "/metrics"):
                assert "429" not in responses, path
                continue
            assert "Retry-After" in responses["429"]["headers"], (method, path)
            assert "413" in responses, (method, path)


# --- page sizes and cursors ----------------------------------------------------------------


def _operations(predicate) -> list[tuple[str, dict]]:  # type: ignore[no-untyped-def]
    found = []
    for path, item in sorted(OPENAPI["paths"].items()):
        operation = item.get("get")
        if operation and predicate(operation):
            found.append((path, operation))
    return found


def _param(operation: dict, name: str) -> dict | None:
    return next((p for p in operation.get("parameters", []) if p["name"] == name), None)


PAGED = _operations(lambda op: _param(op, "limit") is not None)
CURSORED = _operations(lambda op: _param(op, "cursor") is not None)
# Lists without ``limit``: each is bounded by what it lists, not by the callers.
BOUNDED = {
    "/v1/jurisdictions": "the registry: a province has a few hundred jurisdictions",
    "/v1/agencies": "the registry: a few thousand agencies, written by administrators only",
    "/v1/cases/{case_id}/events": "one case's timeline",
    "/v1/cases/{case_id}/deadlines": "one case's deadlines",
    "/v1/calendar/{year}": "one year's holidays",
    "/v1/calendar/changes/list": "deadlines moved by holiday-schedule corrections (rare)",
    "/v1/clients": "machine clients, registered by administrators only",
    "/v1/clients/{client_id}/changes": "one client's registrations, rotations and revocation",
    "/v1/accounts": "people's accounts, created by administrators only",
    "/v1/courts/{court}/deliveries/{delivery_id}": "one receipt",
}


def _schema(ref_or_schema: dict) -> dict:
    ref = ref_or_schema.get("$ref")
    if ref is None:
        return ref_or_schema
    return OPENAPI["components"]["schemas"][ref.rsplit("/", 1)[-1]]


def _lists_rows(operation: dict) -> bool:
    content = operation["responses"].get("200", {}).get("content", {})
    schema = _schema(content.get("application/json", {}).get("schema", {}))
    if schema.get("type") == "array":
        return True
    return any(
        _schema(p).get("type") == "array" and name in ("items", "events")
        for name, p in schema.get("properties", {}).items()
    )


def test_every_list_either_pages_or_is_bounded_by_nature():
    unpaged = [path for path, op in _operations(_lists_rows) if _param(op, "limit") is None]
    assert set(unpaged) <= set(BOUNDED), "a new list needs `limit` (page_limit) or a reason"
    assert len(PAGED) >= 3


def _url(path: str, operation: dict) -> tuple[str, dict[str, str]]:
    params = {}
    for p in operation.get("parameters", []):
        if p["in"] == "path":
            path = path.replace("{" + p["name"] + "}", str(uuid.uuid4()))
        elif p["in"] == "query" and p.get("required"):
            fmt = p["schema"].get("format")
            params[p["name"]] = "2025-01-01" if fmt == "date" else "1"
    return path, params


@pytest.mark.parametrize("path,operation", PAGED, ids=[p for p, _ in PAGED])
async def test_a_limit_over_the_documented_maximum_is_refused_not_clamped(api, path, operation):
    maximum = _param(operation, "limit")["schema"]["maximum"]
    url, params = _url(path, operation)
    at_most = await api.client.get(url, params={**params, "limit": maximum}, headers=api.admin)
    assert at_most.status_code == 200, at_most.text
    for too_many in (maximum + 1, 10**9, 0):
        r = await api.client.get(url, params={**params, "limit": too_many}, headers=api.admin)
        assert r.status_code == 422, (too_many, r.text)
        assert r.headers["content-type"] == PROBLEM
        assert r.json()["code"] == "invalid-request"
        assert ["query", "limit"] in [e["location"] for e in r.json()["errors"]]


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


GARBAGE_CURSORS = [
    "garbage",
    "!!!",
    "%00",
    "案件",
    "a" * 600,
    _b64(b"\xff\xfe\x00"),
    _b64(b'"a string"'),
    _b64(b"[1, 2]"),
    _b64(b'["2025-13-01", "x"]'),
    _b64(b'[null, "x"]'),
    _b64(b'{"filed": "2025-01-01"}'),
    _b64(b'["2025-01-01", "x", "y"]'),
]


@pytest.mark.parametrize("path,operation", CURSORED, ids=[p for p, _ in CURSORED])
async def test_a_cursor_this_api_did_not_issue_is_a_4xx_problem(api, path, operation):
    url, params = _url(path, operation)
    for cursor in GARBAGE_CURSORS:
        r = await api.client.get(url, params={**params, "cursor": cursor}, headers=api.admin)
        assert 400 <= r.status_code < 500, (cursor, r.text)
        assert r.headers["content-type"] == PROBLEM
        assert r.json()["code"] in ("invalid-cursor", "invalid-request")


async def test_a_feed_position_that_cannot_be_one_is_a_422_problem(api):
    for after in ("-1", "abc", "1.5", str(POSITION_MAX + 1), "9" * 40):
        r = await api.client.get("/v1/events", params={"after": after}, headers=api.admin)
        assert r.status_code == 422, (after, r.text)
        assert r.json()["code"] == "invalid-request"


def test_the_stream_resumes_from_last_event_id_only_when_it_is_a_position():
    assert resume_point("42", 7) == 42
    for garbage in (None, "", "abc", "-3", "²", str(POSITION_MAX + 1), "1e3"):
        assert resume_point(garbage, 7) == 7, garbage
