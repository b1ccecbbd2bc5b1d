"""The accountability sections of the packs (DOMAIN.md §6): lists as data with sources."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from pydantic import ValidationError

from case_api.accountability.domain import Decision
from case_api.accountability.policy import policy_of
from shared import eventtypes
from shared.rulepacks import PackLibrary
from shared.rulepacks.accountability_models import Accountability

LIBRARY = PackLibrary.load()


def section(pack: str) -> Accountability:
    found = LIBRARY.pack(pack, date(2026, 1, 1)).accountability
    assert found is not None
    return found


def test_jinzhai_units_get_only_the_first_three_sanctions_of_its_list():
    units = [s.id for s in section("jinzhai").sanctions if "unit" in s.parties]
    assert units == ["written_self_criticism", "circulated_criticism", "public_apology"]
    assert all(s.source.startswith("001 十三") for s in section("jinzhai").sanctions)


def test_xiuyan_transfers_above_300000_yuan_and_wenzhou_starts_in_2013():
    assert (section("xiuyan").transfer_threshold_yuan, section("xiuyan").transfer_source) == (
        300000,
        "002 第六条",
    )
    assert (section("wenzhou").scope_from, section("wenzhou").scope_source) == (
        date(2013, 2, 1),
        "000 一(一)",
    )


@pytest.mark.parametrize("pack", ["wenzhou", "jinzhai", "xiuyan", "xiangshan"])
def test_every_item_cites_its_own_document(pack: str):
    prefix = {"wenzhou": "000 ", "jinzhai": "001 ", "xiuyan": "002 ", "xiangshan": "003 "}[pack]
    policy = policy_of(section(pack), pack)
    assert policy is not None and policy.sources
    assert all(source.startswith(prefix) for source in policy.sources.values())
    assert policy.grounds[Decision.SANCTION]


def test_decisions_vocabulary_matches_the_domain():
    assert set(eventtypes.DECISIONS) == {d.value for d in Decision}


def _raw(**changes: Any) -> dict[str, Any]:
    item = {"id": "a", "title": "t", "title_zh": "t", "source": "s"}
    raw: dict[str, Any] = {
        "grounds": [item],
        "sanctions": [{**item, "id": "b", "parties": ["unit"]}],
    }
    return {**raw, **changes}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"exemptions": [{"id": "a", "title": "t", "title_zh": "t", "source": "s"}]}, "repeat"),
        ({"transfer_threshold_yuan": 1}, "go together"),
        ({"scope_from": "2013-02-01"}, "go together"),
        (
            {
                "sanctions": [
                    {"id": "b", "title": "t", "title_zh": "t", "source": "s", "parties": ["person"]}
                ]
            },
            "apply to units",
        ),
        ({"sanctions": []}, "refers its cases to an organ"),
        (
            {
                "grounds": [
                    {
                        "id": "a",
                        "title": "t",
                        "title_zh": "t",
                        "source": "s",
                        "requires_risk_registration": True,
                    }
                ]
            },
            "only fault-tolerance grounds rest on a registration",
        ),
    ],
)
def test_an_inconsistent_section_is_rejected(changes: dict[str, Any], message: str):
    with pytest.raises(ValidationError, match=message):
        Accountability.model_validate(_raw(**changes))


def test_only_wenzhou_reviews_major_cases_jointly_with_the_court_and_organisation_department():
    joint = section("wenzhou").joint_review
    assert joint is not None
    assert [g.id for g in joint.grounds] == [
        "major_case",
        "difficult_case",
        "complex_case",
        "disputed_case",
    ]
    assert {u.kind for u in joint.units if u.required} == {"court", "organisation_department"}
    assert {g.source for g in joint.grounds} | {u.source for u in joint.units} == {"000 二(五)2"}
    assert section("jinzhai").joint_review is None and section("xiuyan").joint_review is None


def _joint(**changes: Any) -> dict[str, Any]:
    ground = {"id": "major_case", "title": "t", "title_zh": "t", "source": "s"}
    unit = {"kind": "court", "title": "t", "title_zh": "t", "required": True, "source": "s"}
    return {"grounds": [ground], "units": [unit], **changes}


@pytest.mark.parametrize(
    ("joint", "message"),
    [
        (_joint(units=[_joint()["units"][0]] * 2), "unit kinds repeat"),
        (_joint(units=[{**_joint()["units"][0], "required": False}]), "at least one required"),
        (_joint(grounds=[{**_joint()["grounds"][0], "id": "a"}]), "ids repeat: a"),
        (_joint(grounds=[]), "at least 1 item"),
        (_joint(units=[{**_joint()["units"][0], "kind": "Court"}]), "pattern"),
        (_joint(deadline_days=30), "Extra inputs"),
    ],
)
def test_an_inconsistent_joint_review_is_rejected(joint: dict[str, Any], message: str):
    with pytest.raises(ValidationError, match=message):
        Accountability.model_validate(_raw(joint_review=joint))


def test_a_consistent_joint_review_is_accepted():
    assert Accountability.model_validate(_raw(joint_review=_joint())).joint_review is not None


def test_xiangshan_only_refers_and_wenzhou_tolerates_on_registered_risks():
    xiangshan = policy_of(section("xiangshan"), "xiangshan")
    assert xiangshan is not None and not xiangshan.sanctions
    assert (xiangshan.referral_organ, xiangshan.transfer_cites_ground) == ("纪检监察机关", True)
    assert xiangshan.steps == {"transfer_to_discipline"}
    assert all(s.startswith("003 二(四)3") for s in xiangshan.sources.values())
    proposed = {g.id: g.proposed_when for g in section("xiangshan").grounds}
    assert proposed == {
        "major_fault": None,
        "unfiled_loss": "unfiled_loss",
        "refused_or_left_court": "court_conduct",
        "head_absent": "head_absent",
        "judgment_unperformed": "judgment_unperformed",
    }
    wenzhou = policy_of(section("wenzhou"), "wenzhou")
    assert wenzhou is not None and wenzhou.registration_grounds == {"pre_registered_risk"}
    assert wenzhou.referral_organ is None and not wenzhou.transfer_cites_ground
