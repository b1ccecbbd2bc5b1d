"""Commands on a case, one POST per sub-resource; each appends exactly one event.

The routes are made from a table: a path, its body schema, the ``Case`` method it runs.
(No ``from __future__ import annotations`` here: FastAPI must see each endpoint's real
body type, which is a closure variable.)
"""

from collections.abc import Callable, Mapping
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Body
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from case_api.api import schemas_commands as s
from case_api.api.deps import RuntimeDep, WriteDep
from case_api.api.openapi_docs import errors
from case_api.api.schemas_views import CommandResult
from case_api.api.writes import perform

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
    ("/loss-reports", s.SubmitLossReport, "submit_loss_report", "Submit the loss report"),
    ("/reviews", s.ReviewReport, "review_report", "Review the loss report (审核)"),
    ("/closure", s.CloseCase, "close", "Close the case (结案)"),
]

ACCESS = {"conclude_without_judgment": "conclude"}


def _endpoint(
    command: str,
    schema: type[BaseModel],
    examples: dict[str, Any],
    access: str | None,
) -> Callable[..., JSONResponse]:
    BodyIn = Annotated[schema, Body(openapi_examples=examples)]  # noqa: N806

    def endpoint(case_id: UUID, body: BodyIn, runtime: RuntimeDep, ctx: WriteDep) -> JSONResponse:  # type: ignore[valid-type]
        args: dict[str, Any] = body.model_dump()
        return perform(
            runtime,
            ctx,
            lambda: runtime.commands.execute(
                ctx.command_request(), case_id, command, access=access, **args
            ),
        )

    endpoint.__name__ = command
    return endpoint


def add_command_routes(
    router: APIRouter,
    commands: list[tuple[str, type[BaseModel], str, str]],
    example_of: Callable[[type[BaseModel]], dict[str, Any]],
    access: Mapping[str, str] | None = None,
) -> None:
    """One POST per row: the path, its body schema, the ``Case`` method, the summary."""
    for path, schema, command, summary in commands:
        router.add_api_route(
            path,
            _endpoint(command, schema, example_of(schema), (access or {}).get(command)),
            methods=["POST"],
            status_code=201,
            response_model=CommandResult,
            summary=summary,
            description=(schema.__doc__ or summary).strip(),
            responses=errors(401, 403, 404, 409, 412, 422),
            operation_id=command,
        )


add_command_routes(router, COMMANDS, s.example_of, ACCESS)
