"""A query parameter the API does not document is refused, never silently ignored."""

from __future__ import annotations

from tests.api_client import GZ_CASE, Api


async def test_a_misspelt_filter_is_refused_instead_of_listing_every_case(api: Api):
    await api.register_guangzhou()
    filed = await api.file_case()
    await api.summary(filed["case_id"], filed["position"])
    typo = await api.client.get("/v1/cases", params={"agnecy": "th-gov"}, headers=api.admin)
    assert typo.status_code == 422
    assert typo.headers["content-type"].startswith("application/problem+json")
    assert typo.json()["code"] == "unknown-query-parameter"
    assert typo.json()["parameter"] == "agnecy"
    right = await api.client.get("/v1/cases", params={"agency": "th-gov"}, headers=api.admin)
    assert right.status_code == 200 and right.json()["items"] == []


async def test_a_write_with_an_unknown_parameter_appends_nothing(api: Api):
    await api.register_guangzhou()
    before = api.runtime.store.max_position()

    r = await api.client.post("/v1/cases", params={"dry_run": "1"}, json=GZ_CASE, headers=api.court)
    assert r.status_code == 422 and r.json()["code"] == "unknown-query-parameter"
    assert api.runtime.store.max_position() == before


async def test_documented_query_credentials_still_work(api: Api):
    await api.register_guangzhou()
    token = api.agency["Authorization"].removeprefix("Bearer ")
    r = await api.client.get("/v1/agencies/gz-hrss/deadlines.ics", params={"token": token})
    assert r.status_code == 200, r.text


async def test_every_operation_documents_the_422(api: Api):
    document = api.app.openapi()
    missing = [
        f"{method.upper()} {path}"
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if "application/problem+json"
        not in operation["responses"].get("422", {}).get("content", {})
    ]
    assert missing == []
