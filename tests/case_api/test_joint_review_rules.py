"""The joint review (会同联合审核) on the aggregate alone [000 二(五)2]: random sequences of
designation, positions, reviews, opinions and resubmissions against a plain model of who has
spoken on the report now under review."""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from case_api.accountability.domain import UnitPosition
from case_api.accountability.policy import PackPolicies
from case_api.cases.aggregate import Case
from case_api.platform.domain_errors import RuleViolation
from shared import eventtypes
from tests.case_api.test_case_properties import META, new_case

POLICY = PackPolicies()("wenzhou")
DAY = date(2026, 3, 2)
UNITS = [
    {"unit_id": "c1", "name": "法院", "kind": "court"},
    {"unit_id": "o1", "name": "组织部", "kind": "organisation_department"},
    {"unit_id": "x1", "name": "检察院", "kind": "other"},
]
REQUIRED = {"c1", "o1"}


def reported_case() -> Case:
    """A lost case whose report awaits review; the wenzhou policy is passed to each command."""
    case = new_case()
    judgment = {"instance": "first", "kind": "judgment", "outcome": "lost", "loss_type": "revoked"}
    case.serve_judgment(judgment=judgment, served_date=date(2026, 1, 20), meta=META)
    case.make_effective(effective_date=date(2026, 2, 1), meta=META)
    case.submit_loss_report(submitted_date=date(2026, 2, 13), summary="", meta=META)
    return case


def run(case: Case, step: tuple[Any, ...]) -> None:
    name, *args = step
    if name == "designate":
        case.designate_joint_review(
            grounds=["major_case"],
            units=UNITS,
            reason="",
            designated_date=DAY,
            meta=META,
            policy=POLICY,
        )
    elif name == "position":
        case.record_joint_review_position(
            unit_id=args[0],
            position=args[1],
            opinion="意见",
            recorded_date=DAY,
            meta=META,
            policy=POLICY,
        )
    elif name == "review":
        case.review_report(result=args[0], opinion="", reviewed_date=DAY, meta=META, policy=POLICY)
    elif name == "opinion":
        case.issue_review_opinion(issued_date=DAY, opinion="", meta=META, policy=POLICY)
    else:
        case.submit_loss_report(submitted_date=DAY, summary="", meta=META)


steps = st.one_of(
    st.just(("designate",)),
    st.tuples(
        st.just("position"),
        st.sampled_from(["c1", "o1", "x1", "ghost"]),
        st.sampled_from([p.value for p in UnitPosition]),
    ),
    st.tuples(st.just("review"), st.sampled_from(["approved", "returned"])),
    st.just(("opinion",)),
    st.just(("resubmit",)),
)


@settings(max_examples=400)
@given(st.lists(steps, max_size=30))
def test_a_review_of_a_designated_case_waits_for_every_required_unit_each_round(sequence):
    case = reported_case()
    designated, stated = False, set()  # units that spoke on the report now under review
    for step in sequence:
        under_review = case.report_state == "submitted"
        try:
            run(case, step)
        except RuleViolation as refused:
            if refused.code == "joint-review-positions-missing":
                assert designated and under_review
                assert set(str(refused.params["missing"]).split(", ")) == REQUIRED - stated
            if refused.code == "position-already-recorded":
                assert step[1] in stated
            if refused.code == "joint-review-already-designated":
                assert designated
            continue
        if step[0] == "designate":
            assert not designated and under_review
            designated = True
        elif step[0] == "position":
            assert designated and under_review and step[1] not in stated
            stated.add(step[1])
        elif step[0] == "review":
            assert not designated or stated >= REQUIRED
            stated = set()


def test_a_case_not_designated_is_reviewed_by_the_legal_office_alone():
    case = reported_case()
    run(case, ("review", "approved"))
    assert case.report_state == "approved"


def test_the_positions_vocabulary_is_the_catalogues():
    assert set(eventtypes.UNIT_POSITIONS) == {p.value for p in UnitPosition}
