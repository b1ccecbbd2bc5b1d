"""Commands on a case, one POST per sub-resource; each appends exactly one event.

The routes are made from a table: a path, its body schema, the ``Case`` method it runs.
(No ``from __future__ import annotations``: FastAPI must see each body's real type.)
"""

from fastapi import APIRouter
from pydantic import BaseModel

from case_api.cases import schemas_commands as s
from case_api.cases import schemas_plans as plans
from case_api.cases.command_table import ACCESS, add_command_routes

router = APIRouter(prefix="/v1/cases/{case_id}", tags=["case commands"])

COMMANDS: list[tuple[str, type[BaseModel], str, str]] = [
    ("/documents", s.ServeDocument, "serve_document", "Record a document the court served (送达)"),
    ("/reports", s.ReportToBureau, "report_to_bureau", "Report to the judicial bureau (报备)"),
    ("/answer", s.SubmitAnswer, "submit_answer", "Record the answer and evidence (答辩举证)"),
    ("/hearings", s.ScheduleHearing, "schedule_hearing", "Schedule a hearing (开庭排期)"),
    ("/appearances", s.RecordAppearance, "record_appearance", "Record who appeared (出庭)"),
    ("/feedback", s.SubmitFeedback, "submit_feedback", "Feed back to the bureau (反馈)"),
    ("/risks", s.FlagRisk, "flag_risk", "Flag a risk (风险研判)"),
    ("/mediation-attempts", s.AttemptMediation, "attempt_mediation", "Record mediation (调解)"),
    (
        "/mediation-failures",
        s.RecordMediationFailure,
        "record_mediation_failure",
        "A mediation attempt failed (调解不成)",
    ),
    ("/conclusion", s.Conclude, "conclude_without_judgment", "Withdrawal or mediation (撤诉/调解)"),
    ("/judgments", s.ServeJudgment, "serve_judgment", "Record a served judgment (裁判送达)"),
    ("/appeals", s.FileAppeal, "file_appeal", "Record an appeal (上诉)"),
    ("/effective", s.MakeEffective, "make_effective", "The judgment became effective (生效)"),
    ("/performance", s.CompletePerformance, "complete_performance", "Performance done (履行)"),
    (
        "/remediation-requirements",
        s.RequireRemediation,
        "require_remediation",
        "Require remediation of a missed deadline (补救)",
    ),
    ("/remediations", s.RecordRemediation, "record_remediation", "Record remediation (补救)"),
    (
        "/loss-report-drafts",
        s.DraftLossReport,
        "draft_loss_report",
        "Draft or revise the loss analysis report (起草/修改败诉分析报告)",
    ),
    (
        "/loss-report-steps",
        s.RecordLossReportStep,
        "record_loss_report_step",
        "Record the agency's review, discussion or approval of the draft (审核/集体讨论/审批)",
    ),
    ("/loss-reports", s.SubmitLossReport, "submit_loss_report", "Submit the loss report"),
    ("/reviews", s.ReviewReport, "review_report", "Review the loss report (审核)"),
    ("/closure", s.CloseCase, "close", "Close the case (结案)"),
    (
        "/leadership-briefings",
        s.BriefLeadership,
        "brief_leadership",
        "The principal head briefed the leader in charge (向分管领导报告)",
    ),
    (
        "/bureau-forwardings",
        s.ForwardToLeader,
        "forward_to_leader",
        "The bureau forwarded the filing to the county leader (转报)",
    ),
    (
        "/suggestions",
        s.RecordSuggestion,
        "record_suggestion",
        "Record a judicial or procuratorial suggestion (司法建议/检察建议)",
    ),
    (
        "/suggestion-replies",
        s.AnswerSuggestion,
        "answer_suggestion",
        "Record the agency's reply to a suggestion (建议回复)",
    ),
    (
        "/pre-suit-reports",
        s.ReportBeforeSuing,
        "report_before_suing",
        "Before suing, the principal head reported to the leader in charge (起诉前请示报告)",
    ),
    (
        "/reconsideration-decisions",
        s.DecideReconsideration,
        "decide_reconsideration",
        "Record a served reconsideration decision (行政复议决定)",
    ),
    ("/corrections", s.CorrectFact, "correct_fact", "Correct a recorded fact (更正)"),
    ("/retractions", s.RetractFact, "retract_fact", "Retract a fact recorded on the wrong case"),
]

PLANS: list[tuple[str, type[BaseModel], str, str]] = [
    (
        "/response-plans",
        plans.RecordResponsePlan,
        "record_response_plan",
        "Record the response plan and who leads it (应诉方案)",
    ),
]

add_command_routes(router, COMMANDS, s.example_of, ACCESS)
add_command_routes(router, PLANS, plans.example_of)
