"""Accountability commands on a case (DOMAIN.md §6), made from a table like the others.

(No ``from __future__ import annotations``: FastAPI must see each body's real type.)
"""

from collections.abc import Callable
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Body
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from case_api.api import schemas_accountability as s
from case_api.api.deps import RuntimeDep, WriteDep
from case_api.api.openapi_docs import errors
from case_api.api.schemas_views import CommandResult
from case_api.api.writes import perform

router = APIRouter(prefix="/v1/cases/{case_id}/accountability", tags=["accountability"])

COMMANDS: list[tuple[str, type[BaseModel], str, str]] = [
    ("/investigation", s.CompleteInvestigation, "complete_investigation", "Investigation done"),
    ("/review-opinions", s.IssueReviewOpinion, "issue_review_opinion", "Review opinion (审核意见)"),
    ("/city-filings", s.CompleteCityFiling, "complete_city_filing", "Filed with the city (备案)"),
    ("/meetings", s.ScheduleJointMeeting, "schedule_joint_meeting", "Joint meeting (联席会议)"),
    ("/meeting-papers", s.SendMeetingPapers, "send_meeting_papers", "Meeting papers sent"),
    ("/parties", s.NameResponsibleParty, "name_responsible_party", "Name a responsible party"),
    ("/decisions", s.DecideAccountability, "decide_accountability", "Decide (处理决定)"),
    (
        "/committee-reports",
        s.ReportDecisionToCommittee,
        "report_decision_to_committee",
        "Report the decision to the county committee (向县委报告)",
    ),
    ("/appeals", s.AppealSanction, "appeal_sanction", "Review or appeal (复核/申诉)"),
    ("/appeal-decisions", s.DecideSanctionAppeal, "decide_sanction_appeal", "Appeal decided"),
    ("/recoveries", s.RecoverCompensation, "recover_compensation", "Compensation recovered"),
    (
        "/transfer",
        s.TransferToDisciplineOrgan,
        "transfer_to_discipline_organ",
        "Transfer to the discipline organ (移送纪委监委)",
    ),
]


def _endpoint(command: str, schema: type[BaseModel]) -> Callable[..., JSONResponse]:
    BodyIn = Annotated[schema, Body(openapi_examples=s.example_of(schema))]  # noqa: N806

    def endpoint(case_id: UUID, body: BodyIn, runtime: RuntimeDep, ctx: WriteDep) -> JSONResponse:  # type: ignore[valid-type]
        args: dict[str, Any] = body.model_dump()
        return perform(
            runtime,
            ctx,
            lambda: runtime.commands.execute(ctx.command_request(), case_id, command, **args),
        )

    endpoint.__name__ = command
    return endpoint


for path, schema, command, summary in COMMANDS:
    router.add_api_route(
        path,
        _endpoint(command, schema),
        methods=["POST"],
        status_code=201,
        response_model=CommandResult,
        summary=summary,
        description=(schema.__doc__ or summary).strip(),
        responses=errors(401, 403, 404, 409, 412, 422),
        operation_id=command,
    )
