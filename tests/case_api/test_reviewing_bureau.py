"""Which legal office reviews a losing agency's report follows the agency's level
[000 二(五)2]: a department at its own jurisdiction, a government one level up."""

from __future__ import annotations

import pytest

from case_api.registry.domain import Agency, Jurisdiction, reviewing_jurisdiction
from tests.api_client import Api

META = {"principal_id": "admin", "role": "admin", "agency": None, "source": "admin"}


@pytest.mark.parametrize(
    ("agency_level", "home", "parent", "reviewer"),
    [
        ("department", "wz", None, "wz"),  # 市属单位 → city legal office
        ("government", "wz-lc", "wz", "wz"),  # 县级政府 → city legal office
        ("government", "wz-lc-xj", "wz-lc", "wz-lc"),  # 乡镇政府 → county legal office
        ("department", "wz-lc", "wz", "wz-lc"),  # 县属单位 → county legal office
    ],
)
def test_the_reviewer_follows_the_losing_agencys_level(agency_level, home, parent, reviewer):
    jurisdiction = Jurisdiction(
        code=home, name=home, level="county", parent=parent, pack="wenzhou", meta=META
    )
    agency = Agency(code="a", name="a", jurisdiction=home, level=agency_level, meta=META)
    assert reviewing_jurisdiction(agency, jurisdiction) == reviewer


async def test_a_district_government_is_reviewed_by_the_city_not_the_district(api: Api):
    await api.register_guangzhou()
    filed = await api.file_case(agencies=[{"agency_id": "th-gov", "role": "implementing"}])
    case_id = filed["case_id"]
    district = api.token("agency_user", agency="th-gov")
    for path, body, who in (
        (
            "judgments",
            {
                "judgment": {"instance": "first", "outcome": "lost", "loss_type": "revoked"},
                "served_date": "2025-12-01",
            },
            api.court,
        ),
        ("effective", {"effective_date": "2025-12-17"}, api.court),
    ):
        await api.command(case_id, path, body, who)
    written = await api.loss_report(case_id, "2025-12-20", district, "程序违法")
    review = {"result": "approved", "opinion": "同意", "reviewed_date": "2025-12-25"}
    district_bureau = api.token("bureau_officer", jurisdiction="gz-th")
    refused = await api.command(case_id, "reviews", review, district_bureau, 403)
    assert refused["code"] == "not-reviewing-bureau"
    assert refused["reviewer"] == "gz"
    assert api.runtime.store.max_position() == written["position"]
    await api.command(case_id, "reviews", review, api.bureau)  # the city legal office
