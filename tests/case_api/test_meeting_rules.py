"""The joint meeting's opinion on the aggregate, without storage [001 八、十]: whatever the
order of countersignatures, repeats and strangers, each member signs once, and the opinion
is archived exactly when every member has signed; a decision waits for the archiving."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import pytest
from hypothesis import given
from hypothesis import strategies as st

from case_api.accountability.domain import AccountabilityPolicy, MeetingPolicy
from case_api.cases.aggregate import Case
from case_api.platform.domain_errors import RuleViolation
from tests.case_api.test_case_properties import META

MEMBERS = ("supervision_bureau", "legal_office", "court", "procuratorate")
POLICY = AccountabilityPolicy(
    pack="jinzhai",
    steps=frozenset({"joint_meeting"}),
    grounds={"sanction": frozenset({"unclear_facts"})},
    mitigation=frozenset(),
    aggravation=frozenset(),
    sanctions={"admonishment": frozenset({"person"})},
    joint_meeting=MeetingPolicy(members=frozenset(MEMBERS), decides=True),
)
MEETING = date(2026, 4, 23)


def case_with_opinion() -> Case:
    case = Case(
        id=uuid4(),
        court="c",
        case_number="n",
        jurisdiction="jz",
        pack="jinzhai",
        agencies=[{"agency_id": "a", "role": "implementing"}],
        subject_matter="s",
        plaintiff_count=1,
        filed_date=date(2025, 9, 20),
        flags=[],
        meta=META,
    )
    judgment = {"instance": "first", "kind": "judgment", "outcome": "lost", "loss_type": "revoked"}
    case.serve_judgment(judgment=judgment, served_date=date(2026, 3, 2), meta=META)
    case.make_effective(effective_date=date(2026, 3, 18), meta=META)
    party = {
        "party_id": "p1",
        "kind": "person",
        "name": "张三",
        "agency": "a",
        "post": "科员",
        "role": "handler",
        "person_id": "r-1",
        "fault_kind": "unclear_facts",
        "fault_date": date(2025, 3, 1),
    }
    case.name_responsible_party(party=party, named_date=MEETING, meta=META, policy=POLICY)
    case.schedule_joint_meeting(meeting_date=MEETING, agenda="", meta=META, policy=POLICY)
    case.record_meeting_opinion(
        meeting_date=MEETING,
        established=True,
        party_ids=["p1"],
        reasons="事实不清",
        recorded_date=MEETING,
        meta=META,
        policy=POLICY,
    )
    return case


@given(st.lists(st.sampled_from([*MEMBERS, "county_committee"]), max_size=10))
def test_each_member_signs_once_and_the_opinion_is_archived_when_all_have(draws: list[str]):
    case = case_with_opinion()
    signed: set[str] = set()
    for member in draws:
        try:
            case.countersign_meeting_opinion(
                member=member, signed_date=MEETING, meta=META, policy=POLICY
            )
        except RuleViolation as refused:
            expected = "opinion-already-countersigned" if member in signed else "member-not-in-pack"
            assert refused.code == expected
        else:
            assert member in MEMBERS and member not in signed
            signed.add(member)
    if signed == set(MEMBERS):
        case.archive_meeting_opinion(archived_date=MEETING, meta=META, policy=POLICY)
        assert case.accountability["opinion"]["archived"]
    else:
        with pytest.raises(RuleViolation) as refused:
            case.archive_meeting_opinion(archived_date=MEETING, meta=META, policy=POLICY)
        assert refused.value.code == "opinion-not-countersigned"
