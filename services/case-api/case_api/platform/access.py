"""Who may see and do what (basics; DOMAIN.md §1).

An agency user sees only cases its agency is a defendant in; a bureau officer those in its
jurisdiction or below; a court system those of its court. A case a principal may not see is
reported exactly like a missing one.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Role(StrEnum):
    COURT_SYSTEM = "court_system"
    AGENCY_USER = "agency_user"
    BUREAU_OFFICER = "bureau_officer"
    DISCIPLINE_OFFICER = "discipline_officer"
    ADMIN = "admin"
    MOBILE_READER = "mobile_reader"
    NOTIFIER = "notifier"


SOURCES = {
    Role.COURT_SYSTEM: "court_system",
    Role.AGENCY_USER: "agency_system",
    Role.MOBILE_READER: "mobile",
    Role.BUREAU_OFFICER: "bureau",
    Role.DISCIPLINE_OFFICER: "discipline_organ",
    Role.ADMIN: "admin",
    Role.NOTIFIER: "notifier",
}


@dataclass(frozen=True)
class Principal:
    subject: str
    role: Role
    agency: str | None = None
    jurisdiction: str | None = None
    court: str | None = None
    client_id: str | None = None
    actions: frozenset[str] | None = None
    """A machine client's granted actions (``client_actions``); None for people."""

    @property
    def source(self) -> str:
        return SOURCES[self.role]

    def meta(self, request_id: str | None = None, request_hash: str = "") -> dict[str, Any]:
        """What every event records about who acted and from where."""
        return {
            "principal_id": self.subject,
            "role": self.role.value,
            "agency": self.agency,
            "source": self.source,
            "request_id": request_id,
            "request_hash": request_hash,
        }


A, B, C, N, D = (
    Role.AGENCY_USER,
    Role.BUREAU_OFFICER,
    Role.COURT_SYSTEM,
    Role.NOTIFIER,
    Role.DISCIPLINE_OFFICER,
)

COMMAND_ROLES: dict[str, frozenset[Role]] = {
    "file_case": frozenset({C, A, B}),
    "upload_document": frozenset({C, A}),
    "serve_document": frozenset({C}),
    "schedule_hearing": frozenset({C}),
    "serve_judgment": frozenset({C}),
    "make_effective": frozenset({C}),
    "conclude": frozenset({C}),
    "report_to_bureau": frozenset({A}),
    "brief_leadership": frozenset({A}),
    # 应诉方案: the agency records the plan its lead drew up with it [002 第七条、第九条].
    "record_response_plan": frozenset({A}),
    "forward_to_leader": frozenset({B}),
    # 司法建议 / 检察建议: the court records its own; the agency any it received, and replies.
    "record_suggestion": frozenset({A, C}),
    "answer_suggestion": frozenset({A}),
    "report_before_suing": frozenset({A}),
    # The decision is served on the agency; the legal office often serves as the organ.
    "decide_reconsideration": frozenset({A, B}),
    "submit_answer": frozenset({A}),
    "record_appearance": frozenset({A, C}),
    "submit_feedback": frozenset({A}),
    "flag_risk": frozenset({A, B}),
    "attempt_mediation": frozenset({A, B, C}),
    "record_mediation_failure": frozenset({A, B, C}),
    "file_appeal": frozenset({A, C}),
    "complete_performance": frozenset({A}),
    "record_remediation": frozenset({A}),
    "require_remediation": frozenset({B, N}),
    # 败诉分析报告: the losing agency drafts it, and its legal office, leadership and principal
    # leader review, discuss and approve it before it is submitted [004 5-④].
    "draft_loss_report": frozenset({A}),
    "record_loss_report_step": frozenset({A}),
    "submit_loss_report": frozenset({A}),
    # The bureau and the organs that decide accountability read it; the court does not.
    "read_loss_report": frozenset({A, B, D}),
    "review_report": frozenset({B}),
    "close": frozenset({B}),
    # Who recorded a fact (or the bureau) corrects it; the aggregate checks which fact.
    "correct_fact": frozenset({A, B, C}),
    "retract_fact": frozenset({A, B, C}),
    "manage_registry": frozenset(),
    # 行政行为数量 for 发案率: the agency itself, or its bureau [004 5-③二].
    "record_administrative_acts": frozenset({A, B}),
    # Accountability (DOMAIN.md §6): only discipline/organisation officers and the reviewing
    # bureau decide; the agency investigates, names parties and records recoveries.
    "complete_investigation": frozenset({A, B, D}),
    "issue_review_opinion": frozenset({B}),
    # 会同联合审核: the reviewing legal office records the units' positions on their behalf.
    "designate_joint_review": frozenset({B}),
    "record_joint_review_position": frozenset({B}),
    "complete_city_filing": frozenset({B}),
    "schedule_joint_meeting": frozenset({B}),
    "send_meeting_papers": frozenset({B}),
    # The meeting office, at the legal office, records the joint meeting's written opinion,
    # the member units' countersignatures it collects, and the archiving [001 八、十].
    "record_meeting_opinion": frozenset({B}),
    "countersign_meeting_opinion": frozenset({B}),
    "archive_meeting_opinion": frozenset({B}),
    "name_responsible_party": frozenset({A, B, D}),
    "decide_accountability": frozenset({B, D}),
    # 市管干部: handed to the city by the county side that would otherwise decide [002 第六条].
    "hand_over_city_managed_cadre": frozenset({B, D}),
    "report_decision_to_committee": frozenset({B, D}),
    "appeal_sanction": frozenset({A, D}),
    "decide_sanction_appeal": frozenset({B, D}),
    # 纠正意见 of the joint meeting the legal office convenes [000 五(二)].
    "issue_corrective_opinion": frozenset({B}),
    "recover_compensation": frozenset({A, D}),
    # 无权处理的，移送有权机关 [000 二(五)3]: the losing agency transfers, or the bureau.
    "transfer_to_discipline_organ": frozenset({A, B}),
    # 典型案例: the bureau publishes decided cases for every agency to learn from [000 五(一)].
    "publish_typical_case": frozenset({B}),
    "withdraw_typical_case": frozenset({B}),
    # 容错风险报备 [000 四(二)]: the unit registers its own decisions; those who decide fault
    # tolerance (bureau, discipline organ) read them.
    # 行政争议调解 [004 5-③三、五]: the bureau keeps the register of centres, stations and
    # mediators; those who record mediations, and the discipline organ, read it.
    "manage_mediation_register": frozenset({B}),
    "read_mediation_register": frozenset({A, B, C, D}),
    "register_risk": frozenset({A}),
    "read_risk_registrations": frozenset({A, B, D}),
    # 约谈 [000 五(二)] [004 5-⑤三]: the bureau records interviews and reads the proposals;
    # the discipline organ (a joint-meeting member) and the agency its own read them.
    "record_interview": frozenset({B}),
    "propose_interviews": frozenset({B, D}),
    "read_interviews": frozenset({A, B, D}),
}
"""Roles allowed each command, besides the administrator, who may do everything."""


def may(principal: Principal, command: str) -> bool:
    return principal.role == Role.ADMIN or principal.role in COMMAND_ROLES[command]


def can_see_case(principal: Principal, agencies: list[str], path: str, court: str) -> bool:
    role = principal.role
    if role in (Role.ADMIN, Role.NOTIFIER):
        return True
    if role in (Role.AGENCY_USER, Role.MOBILE_READER):
        return principal.agency in agencies
    if role == Role.COURT_SYSTEM:
        return principal.court == court
    if principal.jurisdiction is None:
        return role == Role.DISCIPLINE_OFFICER
    return f"/{principal.jurisdiction}/" in path
