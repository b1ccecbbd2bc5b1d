"""Who must appear in court for the agency (DOMAIN.md §5), from the packs' appearance data."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from shared.deadlines import AppearanceDuty, appearance_duty, check_appearance
from shared.rulepacks import PackLibrary
from shared.rulepacks.loading import shipped_directory

AT = date(2025, 9, 1)


def filed(plaintiffs: int = 1, *flags: str) -> dict:
    return {"plaintiff_count": plaintiffs, "flags": list(flags), "filed_date": "2025-08-01"}


def test_xiangshan_always_needs_a_head_not_only_staff_or_lawyers() -> None:
    duty = appearance_duty(filed(), "xiangshan", at=AT)
    assert duty.required == "head"
    assert len(duty.reasons) == 1 and "[003 二(二)1]" in duty.reasons[0]


@pytest.mark.parametrize(
    "flag",
    [
        "major_public_interest",
        "high_attention",
        "mass_incident_risk",
        "high_loss_risk",
        "court_suggests_head",
        "bureau_suggests_head",
    ],
)
def test_xiangshan_needs_the_principal_head_for_each_listed_circumstance(flag: str) -> None:
    assert appearance_duty(filed(1, flag), "xiangshan", at=AT).required == "principal_head"


def test_xiangshan_principal_head_from_fifty_plaintiffs() -> None:
    assert appearance_duty(filed(49), "xiangshan", at=AT).required == "head"
    fifty = appearance_duty(filed(50), "xiangshan", at=AT)
    assert fifty.required == "principal_head"
    assert any("原告50人以上" in reason for reason in fifty.reasons)


def test_xiangshan_county_government_as_defendant_sends_the_deputy_county_head() -> None:
    duty = appearance_duty(filed(80, "county_government_defendant"), "xiangshan", at=AT)
    assert duty.required == "head"
    assert any("分管副县长" in reason for reason in duty.reasons)


def test_guangzhou_needs_a_head_only_in_its_listed_cases() -> None:
    assert appearance_duty(filed(), "guangzhou", at=AT).required == "none"
    assert appearance_duty(filed(80, "major_public_interest"), "guangzhou", at=AT).required == (
        "none"
    )
    first = appearance_duty(filed(), "guangzhou", first_hearing_of_year=True, at=AT)
    assert first.required == "head" and "[004 5-②]" in first.reasons[0]
    suggested = appearance_duty(filed(1, "court_suggests_head"), "guangzhou", at=AT)
    assert suggested.required == "head"


@pytest.mark.parametrize("pack_id", ["statutory", "wenzhou", "jinzhai", "xiuyan"])
def test_packs_without_appearance_rules_require_nothing(pack_id: str) -> None:
    assert appearance_duty(filed(99, "high_loss_risk"), pack_id, at=AT) == AppearanceDuty(
        "none", ()
    )


def test_the_threshold_is_pack_data_not_code(tmp_path: Path) -> None:
    shipped = Path(str(shipped_directory()))
    for pack_id in ("statutory", "xiangshan"):
        shutil.copytree(shipped / pack_id, tmp_path / pack_id)
    pack_file = tmp_path / "xiangshan" / "v1.yaml"
    text = pack_file.read_text(encoding="utf-8")
    pack_file.write_text(text.replace("min_plaintiffs: 50", "min_plaintiffs: 30"), "utf-8")
    library = PackLibrary.load(tmp_path)
    assert appearance_duty(filed(30), "xiangshan", library=library, at=AT).required == (
        "principal_head"
    )


HEAD = AppearanceDuty("head", ("head: …",))
PRINCIPAL = AppearanceDuty("principal_head", ("principal_head: …",))
DEPUTY = {"name": "李四", "role": "deputy_head"}
CHIEF = {"name": "王五", "role": "principal_head"}
LAWYER = {"name": "赵六", "role": "lawyer"}
STAFF = {"name": "张三", "role": "staff"}


@pytest.mark.parametrize(
    ("duty", "appearances", "met"),
    [
        (HEAD, [DEPUTY, LAWYER], True),
        (HEAD, [CHIEF], True),
        (HEAD, [STAFF, LAWYER], False),
        (HEAD, [], False),
        (PRINCIPAL, [CHIEF, LAWYER], True),
        (PRINCIPAL, [DEPUTY, STAFF], False),
        (AppearanceDuty("none", ()), [LAWYER], True),
    ],
)
def test_check_appearance(duty: AppearanceDuty, appearances: list, met: bool) -> None:
    ok, reason = check_appearance(duty, appearances)
    assert ok is met and reason


def test_a_missed_appearance_says_who_came_instead() -> None:
    ok, reason = check_appearance(PRINCIPAL, [DEPUTY, LAWYER])
    assert not ok
    assert "主要负责人" in reason and "李四 (deputy_head)" in reason and "赵六 (lawyer)" in reason
