"""The shipped rule packs: every row of DOMAIN.md §4 is a rule with its source clause."""

from __future__ import annotations

import pytest

from shared.rulepacks import PackLibrary, ResolvedRule

LIB = PackLibrary.load()
LOCAL_PACKS = ("guangzhou", "wenzhou", "jinzhai", "xiuyan", "xiangshan")
ANCHOR = "anchor:"

# DOMAIN.md §4, one row per rule: pack | rule id | period | source | trigger → satisfied by
SECTION_4_TABLE = """
statutory | answer                    | 15 days after         | 行政诉讼法 §67; 003 二(一)1
          | DocumentServed → AnswerSubmitted
guangzhou | report_notice             | 2 days after          | 004 5-①
          | DocumentServed → ReportedToBureau
guangzhou | report_appeal_petition    | 2 days after          | 004 5-①
          | DocumentServed → ReportedToBureau
guangzhou | report_summons            | 2 days after          | 004 5-①
          | DocumentServed → ReportedToBureau
guangzhou | report_effective_judgment | 2 days after          | 004 5-①
          | JudgmentEffective → ReportedToBureau
guangzhou | answer_feedback           | 1 days after          | 004 5-①
          | AnswerSubmitted → FeedbackSubmitted
guangzhou | hearing_feedback          | 1 days after          | 004 5-①
          | AppearanceRecorded → FeedbackSubmitted
guangzhou | performance_feedback      | 1 days after          | 004 5-①
          | PerformanceCompleted → FeedbackSubmitted
xiangshan | bureau_filing             | 5 working_days before | 003 二(一)3
          | anchor:answer → ReportedToBureau
xiangshan | bureau_forwarding         | 3 working_days after  | 003 二(一)3
          | ReportedToBureau → BureauForwarded
xiangshan | appearing_heads           | 3 working_days after  | 003 二(二)2
          | DocumentServed → ReportedToBureau
xiangshan | risk_report               | 10 days after         | 003 二(三)2
          | RiskFlagged → ReportedToBureau
xiangshan | judgment_filing           | 5 working_days after  | 003 二(四)1
          | JudgmentServed → ReportedToBureau
xiangshan | loss_report               | 20 days after         | 003 二(四)2
          | JudgmentEffective → LossReportSubmitted
xiuyan    | leadership_briefing       | 2 working_days after  | 002 第七条
          | DocumentServed → LeadershipBriefed
xiuyan    | response_plan             | 3 working_days after  | 002 第七条
          | anchor:leadership_briefing → ReportedToBureau
xiuyan    | judgment_report           | 5 working_days after  | 002 第七条
          | JudgmentServed → ReportedToBureau
xiuyan    | rectification_report      | 2 months after        | 002 第十五条
          | JudgmentEffective → LossReportSubmitted
xiuyan    | decision_report           | 10 working_days after | 002 第十五条
          | AccountabilityDecided → DecisionReportedToCommittee
jinzhai   | loss_filing               | 10 days after         | 001 十八
          | JudgmentEffective → LossReportSubmitted
jinzhai   | meeting_papers            | 3 days before         | 001 十
          | JointMeetingScheduled → MeetingPapersSent
wenzhou   | investigation             | 30 working_days after | 000 二(五)1
          | JudgmentEffective → InvestigationCompleted
wenzhou   | review_submission         | 5 working_days after  | 000 二(五)2
          | anchor:investigation → LossReportSubmitted
wenzhou   | review                    | 30 working_days after | 000 二(五)2
          | LossReportSubmitted → ReportReviewed
wenzhou   | review_opinion            | 5 working_days after  | 000 二(五)2
          | ReportReviewed → ReviewOpinionIssued
wenzhou   | city_filing               | 5 working_days after  | 000 二(五)2
          | ReportReviewed → CityFilingCompleted
wenzhou   | handling                  | 30 working_days after | 000 二(五)3
          | anchor:review_opinion → AccountabilityDecided
"""


def _section_4_rows() -> list[tuple[str, ...]]:
    lines = SECTION_4_TABLE.strip().splitlines()
    rows: list[tuple[str, ...]] = []
    for head, tail in zip(lines[::2], lines[1::2], strict=True):
        pack_id, rule_id, period, source = (cell.strip() for cell in head.split("|"))
        trigger, satisfied_by = (part.strip() for part in tail.split("|")[1].split("→"))
        rows.append((pack_id, rule_id, period, source, trigger, satisfied_by))
    return rows


SECTION_4 = _section_4_rows()


def _rule(pack_id: str, rule_id: str) -> ResolvedRule:
    found = {r.id: r for r in LIB.rules(pack_id)}
    assert rule_id in found, f"{pack_id} has no rule {rule_id!r}"
    return found[rule_id]


def test_all_shipped_packs_load_and_validate() -> None:
    assert set(LIB.pack_ids()) == {"statutory", *LOCAL_PACKS}


@pytest.mark.parametrize(
    ("pack_id", "rule_id", "period", "source", "trigger", "satisfied_by"),
    SECTION_4,
    ids=[f"{row[0]}:{row[1]}" for row in SECTION_4],
)
def test_section_4_row_is_a_rule_of_its_pack(
    pack_id, rule_id, period, source, trigger, satisfied_by
) -> None:
    rule = _rule(pack_id, rule_id).rule
    assert f"{rule.offset} {rule.unit.value} {rule.direction.value}" == period
    assert source in rule.source
    if trigger.startswith(ANCHOR):
        assert rule.anchor is not None and rule.anchor.rule == trigger.removeprefix(ANCHOR)
    else:
        assert [m.event for m in rule.trigger] == [trigger]
    assert satisfied_by in [m.event for m in rule.satisfied_by]


@pytest.mark.parametrize("pack_id", LOCAL_PACKS)
def test_every_local_pack_includes_the_statutory_rules(pack_id: str) -> None:
    assert LIB.pack(pack_id).includes == ("statutory",)
    origins = {r.id: r.pack for r in LIB.rules(pack_id)}
    assert {"answer": "statutory", "hearing": "statutory", "performance": "statutory"}.items() <= (
        origins.items()
    )


@pytest.mark.parametrize("rule_id", ["answer", "hearing", "performance"])
def test_guangzhou_reminds_a_week_and_a_day_before_and_escalates(rule_id: str) -> None:
    rule = _rule("guangzhou", rule_id).rule
    assert rule.reminders == (7, 1)
    assert [e.value for e in rule.escalation] == ["agency_head", "bureau"]
    assert rule.source.endswith("004 5-①")
    assert _rule("statutory", rule_id).rule.reminders == ()  # the amendment stays local


def test_guangzhou_remediation_follows_missed_answer_hearing_performance() -> None:
    remediation = LIB.pack("guangzhou").remediation
    assert remediation is not None and remediation.source == "004 5-①"
    assert remediation.after_missed == ("answer", "hearing", "performance")


def test_guangzhou_bulletin_is_monthly_and_city_wide() -> None:
    monthly = [b for b in LIB.pack("guangzhou").bulletins if b.every == "month"]
    assert [(b.scope, b.source) for b in monthly] == [("city", "004 5-①")]


def test_guangzhou_reports_every_document_of_the_chain_within_two_days() -> None:
    kinds: set[object] = set()
    for rule_id in ("report_notice", "report_appeal_petition", "report_summons"):
        (trigger,) = _rule("guangzhou", rule_id).rule.trigger
        kinds.update(trigger.when["kind"])
    assert kinds == {"notice_to_respond", "appeal_petition", "summons"}
    (effective,) = _rule("guangzhou", "report_effective_judgment").rule.trigger
    assert effective.when == {"judgment.performance_duty": (True,)}


@pytest.mark.parametrize("pack_id", ["statutory", *LOCAL_PACKS])
def test_every_rule_names_its_source_and_both_titles(pack_id: str) -> None:
    for resolved in LIB.rules(pack_id):
        rule = resolved.rule
        assert rule.title and rule.title_zh
        assert "行政诉讼法" in rule.source or rule.source[:3] in {"000", "001", "002", "003", "004"}


@pytest.mark.parametrize("pack_id", ["statutory", *LOCAL_PACKS])
def test_policy_is_explicit_in_every_pack(pack_id: str) -> None:
    policy = LIB.pack(pack_id).policy
    assert policy.makeup_day_is_working_day is True
    assert (policy.reminder_hour, policy.reminders_on_rest_days) == (9, "earlier")


def test_hearing_is_fixed_by_the_court_and_performance_follows_the_judgment() -> None:
    hearing = _rule("statutory", "hearing").rule
    assert hearing.fixed_date and hearing.offset == 0
    assert {m.date_field for m in hearing.trigger} == {"hearing_date"}
    performance = _rule("statutory", "performance").rule
    assert performance.offset == 0
    assert performance.trigger[0].date_field == "judgment.performance_due_date"
