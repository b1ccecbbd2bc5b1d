"""Every event type survives the store (transcodings), and stored topics stay stable."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from uuid import uuid4

import pytest

from case_api.accountability.domain import AccountabilityPolicy, JointReviewPolicy, MeetingPolicy
from case_api.cases.aggregate import Case
from case_api.cases.pack_loss_report import LossReportRequirementsOf
from case_api.cases.response_plan_rules import LeadPolicy
from case_api.interviews.domain import Interview, interview_id
from case_api.platform.eventstore import CaseStore, store_env
from case_api.platform.settings import Settings
from tests.backends import BACKENDS, storage
from tests.case_api.test_case_properties import META

# Stored with every event: renaming or moving a class needs a registered alias first.
PINNED_TOPICS = {
    "case_api.cases.aggregate:Case.CaseFiled",
    "case_api.cases.aggregate:Case.DocumentServed",
    "case_api.cases.aggregate:Case.ReportedToBureau",
    "case_api.cases.aggregate:Case.AnswerSubmitted",
    "case_api.cases.aggregate:Case.HearingScheduled",
    "case_api.cases.aggregate:Case.AppearanceRecorded",
    "case_api.cases.aggregate:Case.FeedbackSubmitted",
    "case_api.cases.aggregate:Case.RiskFlagged",
    "case_api.cases.aggregate:Case.MediationAttempted",
    "case_api.cases.aggregate:Case.MediationFailed",
    "case_api.cases.aggregate:Case.JudgmentServed",
    "case_api.cases.aggregate:Case.AppealFiled",
    "case_api.cases.aggregate:Case.JudgmentEffective",
    "case_api.cases.aggregate:Case.PerformanceCompleted",
    "case_api.cases.aggregate:Case.RemediationRequired",
    "case_api.cases.aggregate:Case.RemediationRecorded",
    "case_api.cases.aggregate:Case.LossReportDrafted",
    "case_api.cases.aggregate:Case.LossReportStepRecorded",
    "case_api.cases.aggregate:Case.LossReportSubmitted",
    "case_api.cases.aggregate:Case.ReportReviewed",
    "case_api.cases.aggregate:Case.CaseClosed",
    "case_api.cases.aggregate:Case.CaseConcluded",
    "case_api.cases.aggregate:Case.InvestigationCompleted",
    "case_api.cases.aggregate:Case.ReviewOpinionIssued",
    "case_api.cases.aggregate:Case.CityFilingCompleted",
    "case_api.cases.aggregate:Case.JointMeetingScheduled",
    "case_api.cases.aggregate:Case.MeetingPapersSent",
    "case_api.cases.aggregate:Case.MeetingOpinionRecorded",
    "case_api.cases.aggregate:Case.MeetingOpinionCountersigned",
    "case_api.cases.aggregate:Case.MeetingOpinionArchived",
    "case_api.cases.aggregate:Case.ResponsiblePartyNamed",
    "case_api.cases.aggregate:Case.AccountabilityDecided",
    "case_api.cases.aggregate:Case.DecisionReportedToCommittee",
    "case_api.cases.aggregate:Case.SanctionAppealed",
    "case_api.cases.aggregate:Case.SanctionAppealDecided",
    "case_api.cases.aggregate:Case.CorrectiveOpinionIssued",
    "case_api.cases.aggregate:Case.CompensationRecovered",
    "case_api.cases.aggregate:Case.TransferredToDisciplineOrgan",
    "case_api.cases.aggregate:Case.JointReviewDesignated",
    "case_api.cases.aggregate:Case.JointReviewPositionRecorded",
    "case_api.cases.aggregate:Case.LeadershipBriefed",
    "case_api.cases.aggregate:Case.BureauForwarded",
    "case_api.cases.aggregate:Case.SuggestionReceived",
    "case_api.cases.aggregate:Case.SuggestionAnswered",
    "case_api.cases.aggregate:Case.TypicalCasePublished",
    "case_api.cases.aggregate:Case.TypicalCaseWithdrawn",
    "case_api.cases.aggregate:Case.PreSuitReported",
    "case_api.cases.aggregate:Case.ResponsePlanRecorded",
    "case_api.cases.aggregate:Case.CityManagedCadreHandedOver",
    "case_api.cases.aggregate:Case.ReconsiderationDecided",
    "case_api.cases.aggregate:Case.FactCorrected",
    "case_api.cases.aggregate:Case.FactRetracted",
}


def every_event_case() -> Case:
    d = date(2025, 9, 22)
    case = Case(
        id=uuid4(),
        court="c",
        case_number="n",
        jurisdiction="gz",
        pack="guangzhou",
        agencies=[{"agency_id": "a", "role": "implementing"}],
        subject_matter="s",
        plaintiff_count=60,
        filed_date=date(2025, 9, 20),
        flags=["mass_incident_risk"],
        meta=META,
    )
    case.serve_document(
        kind="complaint_copy", served_date=d, hearing_date=None, document_number="", meta=META
    )
    case.serve_document(
        kind="summons",
        served_date=d,
        hearing_date=date(2025, 10, 20),
        document_number="",
        meta=META,
    )
    case.report_to_bureau(subject="summons", reported_date=d, meta=META)
    case.brief_leadership(briefed_date=d, leader="王副县长", note="", meta=META)
    case.record_response_plan(
        lead={"name": "王某", "post": "deputy_county_head"},
        circumstances=["major_case"],
        agents=[{"name": "李某", "kind": "lawyer", "unit": "某律师事务所"}],
        strategy="程序合法",
        evidence_summary="12项",
        plan_date=d,
        meta=META,
        lead_policy=LEAD_POLICY,
    )
    case.report_to_bureau(subject="complaint_copy", reported_date=d, meta=META)
    case.forward_to_leader(forwarded_date=d, leader="王副县长", note="", meta=META)
    case.submit_answer(submitted_date=d, evidence_submitted=True, meta=META)
    case.schedule_hearing(hearing_date=date(2025, 11, 3), location="一庭", meta=META)
    case.record_appearance(
        hearing_date=date(2025, 10, 20),
        appearances=[{"name": "王", "role": "principal_head"}],
        meta=META,
    )
    case.submit_feedback(subject="hearing", feedback_date=date(2025, 10, 21), note="", meta=META)
    case.flag_risk(level="high", description="群体性", found_date=d, meta=META)
    case.attempt_mediation(attempted_date=d, note="", meta=META)
    mediator = {
        "mediator_id": "7d0c2f0e-0000-4000-8000-000000000001",
        "name": "调解员甲",
        "centre": "gz-centre",
        "active_from": date(2025, 1, 1),
        "active_to": None,
    }
    case.attempt_mediation(
        attempted_date=d, note="", meta=META, mediator_id=mediator["mediator_id"], mediator=mediator
    )
    case.record_mediation_failure(attempt=2, failed_date=d, note="分歧较大", meta=META)
    case.serve_judgment(
        judgment={
            "instance": "first",
            "kind": "judgment",
            "outcome": "lost",
            "loss_type": "ordered_to_perform",
            "performance_duty": True,
            "performance_due_date": date(2026, 1, 30),
        },
        served_date=date(2025, 12, 1),
        party_service=[{"party": "原告", "served_date": date(2025, 12, 3)}],
        meta=META,
    )
    case.make_effective(effective_date=date(2025, 12, 17), meta=META)
    case.record_suggestion(
        issuer="court",
        issuer_name="中级人民法院",
        number="司建1号",
        content="建议规范程序",
        served_date=date(2025, 12, 20),
        reply_due_date=None,
        meta=META,
    )
    case.complete_performance(completed_date=date(2026, 1, 20), note="", meta=META)
    case.require_remediation(deadline="answer", reason="逾期", meta=META)
    case.record_remediation(deadline="answer", measures="补正", meta=META)
    add_loss_report_events(case)
    add_joint_review_events(case)
    case.review_report(
        result="approved", opinion="", reviewed_date=date(2026, 1, 10), meta=META, policy=POLICY
    )
    case.close(closed_date=date(2026, 1, 25), meta=META)
    # A suggestion is answered after the case is closed as before.
    case.answer_suggestion(
        number="司建1号", answered_date=date(2026, 2, 2), reply="已整改", meta=META
    )
    add_accountability_events(case)
    feedback = next(e for e in case.history if type(e).__name__ == "FeedbackSubmitted")
    case.correct_fact(
        event_version=feedback.originator_version,
        corrections={"feedback_date": date(2025, 10, 22)},
        reason="录入错误",
        meta=META,
        policy=POLICY,
    )
    risk = next(e for e in case.history if type(e).__name__ == "RiskFlagged")
    case.retract_fact(
        event_version=risk.originator_version, reason="误录", meta=META, policy=POLICY
    )
    return case


POLICY = AccountabilityPolicy(
    pack="test",
    steps=frozenset(
        {
            "investigation",
            "review_opinion",
            "city_filing",
            "joint_meeting",
            "committee_report",
            "compensation_recovery",
            "transfer_to_discipline",
        }
    ),
    grounds={"sanction": frozenset({"unclear_facts"})},
    mitigation=frozenset({"self_corrected"}),
    aggravation=frozenset(),
    sanctions={"admonishment": frozenset({"person"})},
    sources={"unclear_facts": "001 五(一)"},
    corrective_opinion_source="000 五(二)",
    joint_review=JointReviewPolicy(
        grounds=frozenset({"major_case"}), kinds=frozenset({"court"}), required=frozenset({"court"})
    ),
    joint_meeting=MeetingPolicy(members=frozenset({"court", "legal_office"}), decides=True),
    city_managed_organs={"city_discipline_commission": "市纪委监委"},
    city_managed_source="002 第六条",
)


LEAD_POLICY = LeadPolicy(
    pack="test",
    posts={"deputy_county_head": "分管副县长"},
    default_posts=frozenset({"deputy_county_head"}),
    default_source="002 第九条",
    circumstances=(("major_case", frozenset({"deputy_county_head"}), "002 第九条"),),
)


def add_loss_report_events(case: Case) -> None:
    """Drafted, returned, revised, reviewed and approved inside the agency, then submitted."""
    d, req = date(2026, 1, 4), LossReportRequirementsOf()("guangzhou")
    sections = {"loss_analysis": "分析", "performance_plan": "履行"}
    for result in ("returned", "approved"):
        case.draft_loss_report(
            drafted_date=d, sections=sections, major_case=False, meta=META, requirements=req
        )
        case.record_loss_report_step(
            step="legal_office_review",
            result=result,
            step_date=d,
            opinion="补充",
            meta=META,
            requirements=req,
        )
    for step in ("collective_discussion", "principal_approval"):  # filed as a major case
        case.record_loss_report_step(
            step=step, result="approved", step_date=d, opinion="", meta=META, requirements=req
        )
    case.submit_loss_report(
        submitted_date=date(2026, 1, 5), summary="分析", meta=META, requirements=req
    )


def add_joint_review_events(case: Case) -> None:
    d, p = date(2026, 1, 6), POLICY
    court = {"unit_id": "court", "name": "法院", "kind": "court"}
    case.designate_joint_review(
        grounds=["major_case"], units=[court], reason="", designated_date=d, meta=META, policy=p
    )
    case.record_joint_review_position(
        unit_id="court", position="concur", opinion="同意", recorded_date=d, meta=META, policy=p
    )


def add_accountability_events(case: Case) -> None:
    """Accountability goes on after the suit is closed (DOMAIN.md §6)."""
    d, p = date(2026, 2, 2), POLICY
    case.complete_investigation(
        completed_date=d,
        findings="",
        act_date=date(2025, 3, 1),
        direct_loss_yuan=1000,
        dereliction=False,
        meta=META,
        policy=p,
    )
    case.issue_review_opinion(issued_date=d, opinion="", meta=META, policy=p)
    case.complete_city_filing(filed_date=d, meta=META, policy=p)
    case.schedule_joint_meeting(meeting_date=d, agenda="", meta=META, policy=p)
    case.send_meeting_papers(sent_date=d, meta=META, policy=p)
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
    case.name_responsible_party(party=party, named_date=d, meta=META, policy=p)
    cadre = {**party, "party_id": "p2", "person_id": "r-2", "city_managed": True}
    case.name_responsible_party(party=cadre, named_date=d, meta=META, policy=p)
    case.hand_over_city_managed_cadre(
        party_id="p2",
        organ="city_discipline_commission",
        reason="市管干部",
        handed_date=d,
        meta=META,
        policy=p,
    )
    case.record_meeting_opinion(
        meeting_date=d,
        established=True,
        party_ids=["p1"],
        reasons="",
        recorded_date=d,
        meta=META,
        policy=p,
    )
    for member in ("court", "legal_office"):
        case.countersign_meeting_opinion(member=member, signed_date=d, meta=META, policy=p)
    case.archive_meeting_opinion(archived_date=d, meta=META, policy=p)
    case.decide_accountability(
        party_id="p1",
        decision="sanction",
        ground="unclear_facts",
        sanctions=["admonishment"],
        mitigation=["self_corrected"],
        aggravation=[],
        deciding_organ="监察局",
        reason="",
        decided_date=d,
        meta=META,
        policy=p,
        deciding_agency="a-gov",
        decider={
            "agency": "a-gov",
            "level": "government",
            "jurisdiction": "x",
            "unit_superior": None,
        },
    )
    case.issue_corrective_opinion(
        party_id="p1",
        issued_by="联席会议",
        meeting_date=d,
        issued_date=d,
        improper="问责过重",
        required_action="重新作出处理",
        meta=META,
        policy=p,
    )
    case.decide_accountability(
        party_id="p1",
        decision="sanction",
        ground="unclear_facts",
        sanctions=["admonishment"],
        mitigation=[],
        aggravation=[],
        deciding_organ="监察局",
        reason="",
        decided_date=d,
        meta=META,
        policy=p,
    )
    case.report_decision_to_committee(reported_date=d, meta=META, policy=p)
    case.appeal_sanction(party_id="p1", kind="review", appealed_date=d, meta=META)
    case.decide_sanction_appeal(
        party_id="p1",
        outcome="changed",
        sanctions=["admonishment"],
        decided_date=d,
        meta=META,
        policy=p,
    )
    case.recover_compensation(party_id="p1", amount_yuan=500, recovered_date=d, meta=META, policy=p)
    case.transfer_to_discipline_organ(
        transferred_date=d, organ="纪委监委", reason="", meta=META, policy=p
    )


@pytest.mark.parametrize("backend", BACKENDS)
def test_every_event_round_trips_through_the_store(backend, tmp_path: Path):
    with storage(backend, tmp_path) as fields:
        store = CaseStore(env=store_env(Settings(**fields)))
        case = every_event_case()
        pending = list(case.pending_events)
        store.save(case)
        loaded = store.repository.get(case.id)
        stored = list(store.events.get(case.id))
        store.close()
    assert vars(loaded) == vars(case)
    assert [vars(e) for e in stored] == [vars(e) for e in pending]
    judgment = next(e for e in stored if type(e).__name__ == "JudgmentServed").judgment
    assert isinstance(judgment["performance_due_date"], date)
    correction = next(e for e in stored if type(e).__name__ == "FactCorrected")
    assert correction.corrections == {"feedback_date": date(2025, 10, 22)}


def test_stored_topics_resolve_and_every_event_class_is_pinned():
    from eventsourcing.utils import get_topic, resolve_topic

    for topic in PINNED_TOPICS:
        assert get_topic(resolve_topic(topic)) == topic
    defined = {
        get_topic(value)
        for value in vars(Case).values()
        if isinstance(value, type)
        and issubclass(value, Case.Event)
        and value not in (Case.Event, Case.Created)
    }
    assert defined == PINNED_TOPICS


@pytest.mark.parametrize("backend", BACKENDS)
def test_an_interview_round_trips_through_the_store(backend, tmp_path: Path):
    with storage(backend, tmp_path) as fields:
        store = CaseStore(env=store_env(Settings(**fields)))
        interview = Interview(
            agency="wz-nrb",
            reference="约谈1号",
            interview_date=date(2026, 7, 15),
            interviewee={"name": "王五", "post": "局长"},
            interviewer="司法局",
            reason="败诉多",
            outcome="整改",
            meta=META,
        )
        store.save(interview)
        loaded = store.repository.get(interview.id)
        store.close()
    assert vars(loaded) == vars(interview)
    assert loaded.id == interview_id("wz-nrb", "约谈1号")
