"""Text that is not valid Unicode (invalid UTF-8, lone surrogates) or carries NUL is refused
with 422 ``invalid-text`` wherever it comes: JSON bodies of every route, query strings,
headers, paths, forms and the signed court delivery body. Nothing is stored."""

from __future__ import annotations

import json

import pytest

from case_api.courts.keys import CourtKeys
from tests.api_client import GZ_CASE, Api
from tests.case_api.test_court_deliveries import COURT, FILING, NOW, SECRET, URL, signed
from tests.security.spec_requests import operations

LONE_SURROGATE = '"\\ud800"'
NUL = '"a\\u0000b"'


def json_with(value: str, field: str = "subject_matter") -> bytes:
    """GZ_CASE with ``field`` set to the raw JSON ``value`` (escapes kept as written)."""
    return json.dumps({**GZ_CASE, field: "§"}, ensure_ascii=False).replace('"§"', value).encode()


def assert_invalid_text(r, where: str) -> None:  # type: ignore[no-untyped-def]
    assert r.status_code == 422, r.text
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["code"] == "invalid-text" and r.json()["location"] == where


async def test_a_lone_surrogate_in_a_json_body_is_refused_on_every_route_with_a_body(api: Api):
    await api.register_guangzhou()
    before = api.runtime.store.max_position()
    with_body = [
        op
        for op in operations(api.app.openapi())
        if op.body_media and op.body_media.endswith("json")
    ]
    assert len(with_body) >= 40
    for op in with_body:
        path = op.path.replace("{case_id}", "00000000-0000-4000-8000-000000000000")
        path = path.replace("{", "").replace("}", "")
        r = await api.client.request(
            op.method,
            path,
            content=json_with(LONE_SURROGATE),
            headers={**api.admin, "content-type": "application/json"},
        )
        assert_invalid_text(r, "body")
    assert api.runtime.store.max_position() == before


@pytest.mark.parametrize(
    "raw",
    [
        json_with(LONE_SURROGATE),
        json_with('"\\udfff tail"'),
        json_with(NUL),
        json_with('{"\\ud800": 1}', field="agencies"),  # in a key
        json.dumps(GZ_CASE, ensure_ascii=False).encode().replace("工伤".encode(), b"\xe5\xb7"),
        json.dumps(GZ_CASE, ensure_ascii=False).encode().replace("工伤".encode(), b"\xed\xa0\x80"),
    ],
    ids=["lone-high", "lone-low", "nul", "in-a-key", "truncated-utf8", "cesu-surrogate"],
)
async def test_invalid_text_in_a_filing_is_refused_and_nothing_is_stored(api: Api, raw: bytes):
    await api.register_guangzhou()
    before = api.runtime.store.max_position()
    headers = {**api.court, "content-type": "application/json"}
    assert_invalid_text(await api.client.post("/v1/cases", content=raw, headers=headers), "body")
    assert api.runtime.store.max_position() == before


async def test_escapes_that_spell_valid_text_are_accepted(api: Api):
    await api.register_guangzhou()
    headers = {**api.court, "content-type": "application/json"}
    emoji = await api.client.post(
        "/v1/cases", content=json_with('"\\ud83d\\ude00"'), headers=headers
    )
    assert emoji.status_code == 201, emoji.text
    literal = json_with('"\\\\ud800 \\\\u0000"', field="case_number")  # backslashes, no escape
    assert (await api.client.post("/v1/cases", content=literal, headers=headers)).status_code == 201


@pytest.mark.parametrize("query", ["court=%ED%A0%80", "court=%FF", "court=a%00b", "%FF=x"])
async def test_invalid_text_in_a_query_string_is_refused(api: Api, query: str):
    r = await api.client.get(f"/v1/cases?{query}", headers=api.admin)
    assert_invalid_text(r, "query")


async def test_invalid_text_in_a_header_or_the_path_is_refused(api: Api):
    await api.register_guangzhou()
    filed = await api.file_case()
    key = {**api.court, "Idempotency-Key": b"\xed\xa0\x80"}
    r = await api.client.post(
        f"/v1/cases/{filed['case_id']}/documents",
        json={"kind": "complaint_copy", "served_date": "2025-09-22"},
        headers=key,
    )
    assert_invalid_text(r, "header idempotency-key")
    assert_invalid_text(await api.client.get("/v1/agencies/%FF", headers=api.admin), "path")


async def test_invalid_text_in_a_token_request_form_is_refused(api: Api):
    r = await api.client.post(
        "/v1/oauth/token",
        content=b"grant_type=client_credentials&client_id=%ED%A0%80&client_secret=x",
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert_invalid_text(r, "body")


async def test_a_signed_delivery_with_a_lone_surrogate_is_refused_before_it_runs(api: Api):
    await api.register_guangzhou()
    CourtKeys(api.runtime.engine).add(COURT, SECRET, NOW)
    text = json.dumps(FILING).replace('"\\u5de5\\u4f24\\u8ba4\\u5b9a"', LONE_SURROGATE)
    assert LONE_SURROGATE in text
    raw, headers = signed(text.encode(), "gz-2025-bad-text")
    before = api.runtime.store.max_position()
    assert_invalid_text(await api.client.post(URL, content=raw, headers=headers), "body")
    assert api.runtime.store.max_position() == before
