"""Who may see and do what: foreign cases look missing; roles limit commands."""

from __future__ import annotations

import pytest

from tests.api_client import Api


async def test_a_foreign_agency_gets_404_exactly_as_for_a_missing_case(api: Api):
    await api.register_guangzhou()
    filed = await api.file_case()
    await api.summary(filed["case_id"], filed["position"])
    foreign = api.token("agency_user", agency="th-gov")
    seen = await api.client.get(f"/v1/cases/{filed['case_id']}", headers=foreign)
    missing = await api.client.get(
        "/v1/cases/00000000-0000-0000-0000-000000000000", headers=foreign
    )
    assert seen.status_code == missing.status_code == 404
    assert seen.json()["code"] == missing.json()["code"] == "case-not-found"
    write = await api.client.post(
        f"/v1/cases/{filed['case_id']}/reports",
        json={"subject": "complaint_copy", "reported_date": "2025-09-23"},
        headers=foreign,
    )
    assert write.status_code == 404


async def test_bureau_sees_its_jurisdiction_and_below_only(api: Api):
    await api.register_guangzhou()
    city_case = await api.file_case()
    district_case = await api.file_case(
        case_number="D-1", agencies=[{"agency_id": "th-gov", "role": "implementing"}]
    )
    await api.summary(district_case["case_id"], district_case["position"])
    city = await api.client.get("/v1/cases", headers=api.token("bureau_officer", jurisdiction="gz"))
    district = await api.client.get(
        "/v1/cases", headers=api.token("bureau_officer", jurisdiction="gz-th")
    )
    assert {c["case_id"] for c in city.json()["items"]} == {
        city_case["case_id"],
        district_case["case_id"],
    }
    assert [c["case_id"] for c in district.json()["items"]] == [district_case["case_id"]]


@pytest.mark.parametrize(
    ("role", "scope", "path", "body"),
    [
        (
            "agency_user",
            {"agency": "gz-hrss"},
            "documents",
            {"kind": "summons", "served_date": "2025-09-22", "hearing_date": "2025-10-20"},
        ),
        (
            "mobile_reader",
            {"agency": "gz-hrss"},
            "reports",
            {"subject": "complaint_copy", "reported_date": "2025-09-23"},
        ),
        ("court_system", {"court": "gz-tianhe-court"}, "closure", {"closed_date": "2025-09-30"}),
    ],
)
async def test_roles_may_not_run_commands_outside_their_part(api: Api, role, scope, path, body):
    await api.register_guangzhou()
    filed = await api.file_case()
    r = await api.client.post(
        f"/v1/cases/{filed['case_id']}/{path}", json=body, headers=api.token(role, **scope)
    )
    assert r.status_code == 403
    assert r.json()["code"] == "forbidden"


async def test_requests_without_a_valid_token_are_401(api: Api):
    none = await api.client.get("/v1/cases")
    forged = await api.client.get("/v1/cases", headers={"Authorization": "Bearer abc.def.ghi"})
    assert none.status_code == forged.status_code == 401
    assert none.json()["code"] == "unauthenticated"


async def test_agency_user_may_not_file_a_case_for_another_agency(api: Api):
    await api.register_guangzhou()
    r = await api.client.post(
        "/v1/cases",
        json={
            "court": "c",
            "case_number": "n",
            "subject_matter": "s",
            "filed_date": "2025-09-20",
            "agencies": [{"agency_id": "th-gov", "role": "implementing"}],
        },
        headers=api.agency,
    )
    assert r.status_code == 403


async def test_list_filters_and_cursor_pagination(api: Api):
    await api.register_guangzhou()
    ids = []
    for day in range(1, 6):
        filed = await api.file_case(case_number=f"N{day}", filed_date=f"2025-09-0{day}")
        ids.append(filed["case_id"])
    await api.summary(ids[-1], filed["position"])
    pages, cursor = [], None
    while True:
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = (await api.client.get("/v1/cases", params=params, headers=api.admin)).json()
        pages.append([c["case_number"] for c in page["items"]])
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert pages == [["N5", "N4"], ["N3", "N2"], ["N1"]]
    ranged = await api.client.get(
        "/v1/cases",
        params={"filed_from": "2025-09-02", "filed_to": "2025-09-03"},
        headers=api.admin,
    )
    assert [c["case_number"] for c in ranged.json()["items"]] == ["N3", "N2"]
    bad = await api.client.get("/v1/cases", params={"cursor": "!!"}, headers=api.admin)
    assert bad.status_code == 422 and bad.json()["code"] == "invalid-cursor"


@pytest.mark.parametrize(
    "role", ["agency_user", "mobile_reader", "court_system", "bureau_officer", "discipline_officer"]
)
async def test_a_scoped_role_without_its_scope_is_refused(api: Api, role: str):
    r = await api.client.get("/v1/cases", headers=api.token(role))
    assert (r.status_code, r.json()["code"]) == (401, "unauthenticated")
