"""Accountability commands on a case (DOMAIN.md §6), made from a table like the others.

(No ``from __future__ import annotations``: FastAPI must see each body's real type.)
"""

from fastapi import APIRouter
from pydantic import BaseModel

from case_api.accountability import schemas as s
from case_api.cases.command_table import add_command_routes

router = APIRouter(prefix="/v1/cases/{case_id}/accountability", tags=["accountability"])

COMMANDS: list[tuple[str, type[BaseModel], str, str]] = [
    ("/investigation", s.CompleteInvestigation, "complete_investigation", "Investigation done"),
    ("/review-opinions", s.IssueReviewOpinion, "issue_review_opinion", "Review opinion (审核意见)"),
    (
        "/joint-review",
        s.DesignateJointReview,
        "designate_joint_review",
        "Designate for joint review (会同联合审核)",
    ),
    (
        "/joint-review/positions",
        s.RecordJointReviewPosition,
        "record_joint_review_position",
        "A participating unit's position in the joint review",
    ),
    ("/city-filings", s.CompleteCityFiling, "complete_city_filing", "Filed with the city (备案)"),
    ("/meetings", s.ScheduleJointMeeting, "schedule_joint_meeting", "Joint meeting (联席会议)"),
    ("/meeting-papers", s.SendMeetingPapers, "send_meeting_papers", "Meeting papers sent"),
    (
        "/meeting-opinions",
        s.RecordMeetingOpinion,
        "record_meeting_opinion",
        "The joint meeting's written opinion (认定意见)",
    ),
    (
        "/meeting-opinions/countersignatures",
        s.CountersignMeetingOpinion,
        "countersign_meeting_opinion",
        "A member unit countersigns the opinion (会签)",
    ),
    (
        "/meeting-opinions/archive",
        s.ArchiveMeetingOpinion,
        "archive_meeting_opinion",
        "The countersigned opinion is archived (归档)",
    ),
    ("/parties", s.NameResponsibleParty, "name_responsible_party", "Name a responsible party"),
    ("/decisions", s.DecideAccountability, "decide_accountability", "Decide (处理决定)"),
    (
        "/city-handovers",
        s.HandOverCityManagedCadre,
        "hand_over_city_managed_cadre",
        "Hand a city-managed cadre to the city (市管干部移交)",
    ),
    (
        "/committee-reports",
        s.ReportDecisionToCommittee,
        "report_decision_to_committee",
        "Report the decision to the county committee (向县委报告)",
    ),
    ("/appeals", s.AppealSanction, "appeal_sanction", "Review or appeal (复核/申诉)"),
    ("/appeal-decisions", s.DecideSanctionAppeal, "decide_sanction_appeal", "Appeal decided"),
    (
        "/corrective-opinions",
        s.IssueCorrectiveOpinion,
        "issue_corrective_opinion",
        "Corrective opinion of the joint meeting (纠正意见), reopening a decision",
    ),
    ("/recoveries", s.RecoverCompensation, "recover_compensation", "Compensation recovered"),
    (
        "/transfer",
        s.TransferToDisciplineOrgan,
        "transfer_to_discipline_organ",
        "Transfer to the discipline organ (移送纪委监委)",
    ),
]


add_command_routes(router, COMMANDS, s.example_of)
