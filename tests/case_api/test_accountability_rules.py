"""The accountability invariants on the aggregate itself, without HTTP (milliseconds)."""

from __future__ import annotations

from datetime import date

import pytest

from case_api.platform.domain_errors import RuleViolation
from tests.case_api.test_case_properties import META
from tests.case_api.test_event_storage import POLICY, every_event_case

DAY = date(2026, 3, 2)


def test_a_pack_without_accountability_rules_refuses_every_step():
    case = every_event_case()
    with pytest.raises(RuleViolation) as refused:
        case.report_decision_to_committee(reported_date=DAY, meta=META, policy=None)
    assert refused.value.code == "no-accountability-rules"


def test_a_revoked_sanction_can_no_longer_be_appealed():
    case = every_event_case()  # ends with p1's sanction changed on appeal
    case.appeal_sanction(party_id="p1", kind="appeal", appealed_date=DAY, meta=META)
    case.decide_sanction_appeal(
        party_id="p1",
        outcome="revoked",
        sanctions=[],
        decided_date=DAY,
        meta=META,
        policy=POLICY,
    )
    with pytest.raises(RuleViolation) as refused:
        case.appeal_sanction(party_id="p1", kind="appeal", appealed_date=DAY, meta=META)
    assert refused.value.code == "appeal-requires-sanction"


def test_a_reopened_decision_is_decided_again_and_not_appealed():
    case = every_event_case()  # p1's decision was corrected once, decided again, appealed
    opinion = {
        "issued_by": "联席会议",
        "meeting_date": DAY,
        "issued_date": DAY,
        "improper": "不当",
        "required_action": "重新处理",
    }
    case.issue_corrective_opinion(party_id="p1", **opinion, meta=META, policy=POLICY)
    with pytest.raises(RuleViolation) as refused:
        case.issue_corrective_opinion(party_id="p1", **opinion, meta=META, policy=POLICY)
    assert refused.value.code == "correction-pending"
    with pytest.raises(RuleViolation) as refused:
        case.appeal_sanction(party_id="p1", kind="appeal", appealed_date=DAY, meta=META)
    assert refused.value.code == "correction-pending"
    with pytest.raises(RuleViolation) as refused:
        case.issue_corrective_opinion(party_id="p9", **opinion, meta=META, policy=POLICY)
    assert refused.value.code == "corrective-opinion-requires-decision"
