"""Invariants of the structured loss analysis report (败诉分析报告) and of the steps it goes
through inside the losing agency before it reaches the bureau (DOMAIN.md §3).

The pack says what a report must contain and which steps it needs (Guangzhou [004 5-④]:
法制机构审核, 主要领导批准, 集体讨论 for a major case; Jinzhai [001 十八]: the content). A
revision after a return is a new version, and its steps start again. The report counts as
submitted to the bureau (``LossReportSubmitted``, which meets the pack's deadline) only once
the version sent has passed every step the pack requires.

``requirements`` None: the pack requires neither sections nor steps.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from case_api.cases import rules as case_rules
from case_api.platform.domain_errors import InvalidValue, RuleViolation
from shared.rulepacks.loss_report_models import LossReportRequirements

if TYPE_CHECKING:
    from case_api.cases.aggregate import Case

Requirements = LossReportRequirements | None


def new_report() -> dict[str, Any]:
    """The current version of the report inside the agency: ``state`` none (no draft),
    draft (in its steps), returned (sent back by a step) or submitted (sent to the bureau);
    ``major``: the agency declared the case major when drafting."""
    return {"version": 0, "state": "none", "major": False, "approved": []}


def is_major(requirements: Requirements, flags: list[str], declared: bool) -> bool:
    """重大案件: declared so by the agency, or filed with a flag the pack counts as major."""
    marked = requirements is not None and bool(set(flags) & set(requirements.major_flags))
    return declared or marked


def required_sections(requirements: Requirements, performance_due: bool) -> list[str]:
    if requirements is None:
        return []
    return [s.id for s in requirements.sections if performance_due or not s.with_performance_duty]


def required_steps(requirements: Requirements, major: bool) -> list[str]:
    if requirements is None:
        return []
    return [s.id for s in requirements.steps if major or not s.major_cases_only]


def check_sections(
    requirements: Requirements, sections: Mapping[str, str], performance_due: bool
) -> None:
    known = {s.id for s in requirements.sections} if requirements else set()
    unknown = sorted(set(sections) - known) if requirements and requirements.sections else []
    if unknown:
        raise InvalidValue(
            "loss-report-section-unknown",
            "The pack names no such report sections: " + ", ".join(unknown),
            "报告包含规定以外的部分：" + "、".join(unknown),
            unknown=unknown,
        )
    wanted = required_sections(requirements, performance_due)
    missing = [s for s in wanted if not sections.get(s, "").strip()]
    if missing:
        raise InvalidValue(
            "loss-report-sections-missing",
            "The loss analysis report lacks required sections: " + ", ".join(missing),
            "败诉分析报告缺少规定内容：" + "、".join(missing),
            missing=missing,
        )


def check_draft(case: Case, requirements: Requirements, sections: Mapping[str, str]) -> None:
    """A draft, or a revision of one not yet submitted (the new version's steps start over)."""
    case_rules.check_loss_report(case)
    check_sections(requirements, sections, case.performance_due)


def check_step(
    case: Case, requirements: Requirements, step: str, result: str, opinion: str
) -> None:
    """A step the pack requires comes after the required steps listed before it; a step it
    does not require (an agency's own review, say) may be recorded too, and gates nothing."""
    case_rules.require_open(case)
    report = case.loss_report
    if report["state"] != "draft":
        raise RuleViolation(
            "loss-report-no-draft",
            "There is no draft loss report awaiting its steps; draft or revise it first.",
            "没有待审核审批的败诉分析报告草稿，请先起草或修改。",
        )
    if step in report["approved"]:
        raise RuleViolation(
            "loss-report-step-already-done",
            f"This version has already passed {step}.",
            f"该版本已通过 {step} 环节。",
        )
    steps = _steps_of(case, requirements)
    earlier = steps[: steps.index(step)] if step in steps else []
    before = [s for s in earlier if s not in report["approved"]]
    if before:
        raise RuleViolation(
            "loss-report-step-out-of-order",
            f"{step} comes after: " + ", ".join(before),
            f"{step} 须在以下环节之后：" + "、".join(before),
            pending=before,
        )
    if result == "returned" and not opinion:
        raise InvalidValue(
            "loss-report-return-needs-reasons",
            "A report sent back must say why.",
            "退回报告须说明理由。",
        )


def check_submission(
    case: Case, requirements: Requirements, sections: Mapping[str, str] | None
) -> None:
    """Sent to the bureau: the current draft once its steps are done, or (no draft pending)
    a report given whole, where the pack requires no steps."""
    report = case.loss_report
    if report["state"] == "returned":
        raise RuleViolation(
            "loss-report-returned",
            "The draft was sent back: revise it (a new draft) before submitting.",
            "报告已被退回，请修改后重新起草再报送。",
        )
    if report["state"] == "draft":
        if sections:
            raise InvalidValue(
                "loss-report-draft-pending",
                "A draft is in its steps: submit it, or revise the draft, not a new text.",
                "已有草稿在审核审批中：请报送该草稿或修改草稿。",
            )
        steps = _steps_of(case, requirements)
        pending = [s for s in steps if s not in report["approved"]]
        if pending:
            raise _steps_incomplete(pending)
        return
    steps = required_steps(requirements, is_major(requirements, case.flags, False))
    if steps:
        raise _steps_incomplete(steps)
    check_sections(requirements, sections or {}, case.performance_due)


def _steps_of(case: Case, requirements: Requirements) -> list[str]:
    major = is_major(requirements, case.flags, case.loss_report["major"])
    return required_steps(requirements, major)


def _steps_incomplete(pending: list[str]) -> RuleViolation:
    return RuleViolation(
        "loss-report-steps-incomplete",
        "The report reaches the bureau only after: " + ", ".join(pending),
        "败诉分析报告须经以下环节后方可报送：" + "、".join(pending),
        pending=pending,
    )
