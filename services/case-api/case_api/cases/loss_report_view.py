"""A case's loss analysis report as the bureau reads it: every version with its content, the
agency's steps on it (审核, 集体讨论, 审批, with the reasons of a return), its submission and
the bureau's review; and what the pack still requires of the current version.

Built from the case's facts as corrected, so a report submitted before reports had sections
(a summary only) shows as one version without sections.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from case_api.cases import history
from case_api.cases import loss_report_rules as rules

if TYPE_CHECKING:
    from case_api.cases.aggregate import Case

Version = dict[str, Any]


def report_of(case: Case, requirements: rules.Requirements) -> dict[str, Any]:
    versions: list[Version] = []
    for fact in history.corrected_facts(case.history):
        _apply(versions, type(fact).__name__, vars(fact))
    major = rules.is_major(requirements, case.flags, case.loss_report["major"])
    steps = rules.required_steps(requirements, major)
    current = case.loss_report
    pending = (
        [s for s in steps if s not in current["approved"]] if current["state"] == "draft" else []
    )
    return {
        "case_id": str(case.id),
        "pack": case.pack,
        "state": _state(case),
        "major_case": major,
        "required_sections": _sections(requirements, case.performance_due),
        "required_steps": [_described(s) for s in requirements.steps if s.id in steps]
        if requirements
        else [],
        "pending_steps": pending,
        "versions": versions,
    }


def _apply(versions: list[Version], kind: str, data: dict[str, Any]) -> None:
    last = versions[-1] if versions else None
    if kind == "LossReportDrafted":
        versions.append(_version(len(versions) + 1, data, "draft"))
        versions[-1].update(drafted_date=data["drafted_date"], major_case=data["major_case"])
    elif kind == "LossReportStepRecorded" and last is not None:
        last["steps"].append(
            {k: data[k] for k in ("step", "result", "step_date", "opinion")}
            | {"by": data["meta"].get("principal_id")}
        )
        if data["result"] == "returned":
            last["state"] = "returned"
    elif kind == "LossReportSubmitted":
        if last is None or last["state"] != "draft":
            versions.append(_version(len(versions) + 1, data, "submitted"))
            last = versions[-1]
        last.update(
            state="submitted", submitted_date=data["submitted_date"], summary=data["summary"]
        )
    elif kind == "ReportReviewed" and last is not None and last["state"] == "submitted":
        last["bureau_review"] = {k: data[k] for k in ("result", "opinion", "reviewed_date")}
        last["state"] = "approved" if data["result"] == "approved" else "returned_by_bureau"


def _version(number: int, data: dict[str, Any], state: str) -> Version:
    return {
        "version": number,
        "state": state,
        "sections": data.get("sections") or {},
        "drafted_date": None,
        "major_case": False,
        "steps": [],
        "submitted_date": None,
        "summary": None,
        "bureau_review": None,
    }


def _state(case: Case) -> str:
    """none / draft / returned (by a step) / submitted / approved / returned_by_bureau."""
    if case.report_state in ("approved", "returned") and case.loss_report["state"] in (
        "submitted",
        "none",
    ):
        return "approved" if case.report_state == "approved" else "returned_by_bureau"
    return case.loss_report["state"]


def _sections(requirements: rules.Requirements, performance_due: bool) -> list[dict[str, Any]]:
    if requirements is None:
        return []
    required = set(rules.required_sections(requirements, performance_due))
    return [_described(s) | {"required": s.id in required} for s in requirements.sections]


def _described(item: Any) -> dict[str, Any]:
    return {k: getattr(item, k) for k in ("id", "title", "title_zh", "source")}
