"""A body the OpenAPI document calls invalid is refused, naming the field: pydantic's lax
parsing would read 0 as 1970-01-01, 0 or "no" as false and "3" as 3."""

from __future__ import annotations

import pytest

from tests.api_client import GZ_CASE, Api


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("filed_date", 0),
        ("filed_date", "86400"),
        ("filed_date", "2025-09-20T00:00:00"),
        ("plaintiff_count", "3"),
        ("plaintiff_count", True),
    ],
)
async def test_a_value_in_another_json_type_is_refused_naming_the_field(
    api: Api, field: str, value: object
):
    await api.register_guangzhou()
    before = api.runtime.store.max_position()
    r = await api.client.post("/v1/cases", json={**GZ_CASE, field: value}, headers=api.court)
    assert r.status_code == 422 and r.json()["code"] == "invalid-request", r.text
    assert [e["location"] for e in r.json()["errors"]] == [["body", field]]
    assert api.runtime.store.max_position() == before


async def test_a_boolean_is_true_or_false_and_list_items_are_named_by_index(api: Api):
    await api.register_guangzhou()
    filed = await api.file_case()
    r = await api.client.post(
        f"/v1/cases/{filed['case_id']}/appearances",
        json={
            "hearing_date": "2025-11-05",
            "appearances": [{"name": "张三", "role": "staff", "spoke_in_court": 0}],
        },
        headers=api.agency,
    )
    assert r.status_code == 422, r.text
    assert [e["location"] for e in r.json()["errors"]] == [
        ["body", "appearances", 0, "spoke_in_court"]
    ]
    calendar = {"holidays": ["2027-01-01", 5], "makeup_workdays": [], "source": "x", "reason": "y"}
    r = await api.client.put("/v1/calendar/2027", json=calendar, headers=api.admin)
    assert [e["location"] for e in r.json()["errors"]] == [["body", "holidays", 1]]
