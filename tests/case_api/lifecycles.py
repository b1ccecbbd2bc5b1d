"""Random case lifecycles that end in each kind of conclusion, as steps both the aggregate and
the HTTP API can run: (day, command, arguments, role). Facts are dated in order; the gaps
are random, so the conclusion falls before some deadlines and after others."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from hypothesis import strategies as st

from shared.rulepacks import shipped_library

ENDINGS = (
    "withdrawn",
    "mediated",
    "effective_won",
    "closed_withdrawn",
    "closed_won",
    "closed_lost",
)
"""How the suit ends: withdrawal or mediation, an effective judgment the agency won (the case
then open or closed), or a loss closed after its report was approved."""

PACKS = ("statutory", "guangzhou", "xiangshan", "xiuyan", "wenzhou", "jinzhai")
STEPS = (
    "complaint",
    "notice",
    "briefing",
    "file_complaint",
    "forwarding",
    "summons",
    "appearing_heads",
    "risk",
    "risk_report",
    "answer",
    "answer_feedback",
    "appearance",
    "hearing_feedback",
)
"""Steps before the end, in the order they may happen (each needs those before it it names)."""

NEEDS = {
    "briefing": "complaint",
    "file_complaint": "complaint",
    "forwarding": "file_complaint",
    "appearing_heads": "summons",
    "risk_report": "risk",
    "answer": "complaint",
    "answer_feedback": "answer",
    "appearance": "summons",
    "hearing_feedback": "appearance",
}
START = date(2025, 3, 3)


@dataclass(frozen=True)
class Step:
    day: date
    command: str
    args: dict[str, Any]
    role: str  # court, agency, bureau


@dataclass(frozen=True)
class Lifecycle:
    pack: str
    ending: str
    steps: tuple[Step, ...]

    @property
    def concluded_on(self) -> date:
        """The day the suit ended: the withdrawal, mediation or effective judgment."""
        ends = ("conclude_without_judgment", "make_effective")
        return next(s.day for s in self.steps if s.command in ends)

    @property
    def closed(self) -> bool:
        return self.ending.startswith("closed")


@st.composite
def lifecycles(
    draw: st.DrawFn, endings: tuple[str, ...] = ENDINGS, packs: tuple[str, ...] = PACKS
) -> Lifecycle:
    pack = draw(st.sampled_from(packs))
    ending = draw(st.sampled_from(endings))
    chosen = draw(st.sets(st.sampled_from(STEPS)))
    gap = st.integers(min_value=0, max_value=12)
    day, hearing, steps, taken = START, None, [], set()
    for name in STEPS:
        if name not in chosen or (NEEDS.get(name) and NEEDS[name] not in taken):
            continue
        taken.add(name)
        day += timedelta(days=draw(gap))
        if name == "summons":
            hearing = day + timedelta(days=draw(st.integers(min_value=5, max_value=40)))
        if name == "appearance":
            day = max(day, hearing)  # type: ignore[type-var]
        steps.append(_step(name, day, hearing))
    for name, role, args in _ending(ending, draw(st.booleans()), pack):
        day += timedelta(days=draw(st.integers(min_value=0, max_value=30)))
        steps.append(Step(day, name, _dated(name, args, day), role))
    return Lifecycle(pack, ending, tuple(steps))


def _step(name: str, day: date, hearing: date | None) -> Step:
    agency = {
        "briefing": ("brief_leadership", {"briefed_date": day, "leader": "副县长", "note": ""}),
        "file_complaint": ("report_to_bureau", {"subject": "complaint_copy", "reported_date": day}),
        "appearing_heads": (
            "report_to_bureau",
            {"subject": "appearing_heads", "reported_date": day},
        ),
        "risk": ("flag_risk", {"level": "high", "description": "风险", "found_date": day}),
        "risk_report": ("report_to_bureau", {"subject": "risk_report", "reported_date": day}),
        "answer": ("submit_answer", {"submitted_date": day, "evidence_submitted": True}),
        "answer_feedback": (
            "submit_feedback",
            {"subject": "answer", "feedback_date": day, "note": ""},
        ),
        "appearance": (
            "record_appearance",
            {
                "hearing_date": hearing,
                "appearances": [
                    {"name": "局长", "role": "principal_head", "title": "", "spoke_in_court": True}
                ],
            },
        ),
        "hearing_feedback": (
            "submit_feedback",
            {"subject": "hearing", "feedback_date": day, "note": ""},
        ),
    }
    if name in agency:
        command, args = agency[name]
        return Step(day, command, args, "agency")
    if name == "forwarding":
        args = {"forwarded_date": day, "leader": "副县长", "note": ""}
        return Step(day, "forward_to_leader", args, "bureau")
    kind = {"complaint": "complaint_copy", "notice": "notice_to_respond", "summons": "summons"}
    args = {"kind": kind[name], "served_date": day, "hearing_date": hearing, "document_number": ""}
    if name != "summons":
        args["hearing_date"] = None
    return Step(day, "serve_document", args, "court")


def _ending(ending: str, duty: bool, pack: str) -> list[tuple[str, str, dict[str, Any]]]:
    """The closing steps, their dates still to be set (``_dated``). A loss report is drafted
    with every section its pack names and passes every step (the pack's, and the others
    voluntarily) before it is submitted."""
    if ending in ("withdrawn", "mediated", "closed_withdrawn"):
        conclusion = "mediated" if ending == "mediated" else "withdrawn"
        steps = [("conclude_without_judgment", "court", {"conclusion": conclusion})]
        return steps + ([("close", "bureau", {})] if ending == "closed_withdrawn" else [])
    lost = ending == "closed_lost"
    judgment = {
        "instance": "first",
        "kind": "judgment",
        "outcome": "lost" if lost else "won",
        "loss_type": "revoked" if lost else None,
        "performance_duty": lost and duty,
        "performance_due_date": None,
        "document_number": "",
    }
    steps = [
        ("serve_judgment", "court", {"judgment": judgment}),
        ("make_effective", "court", {}),
    ]
    if lost and duty:
        steps.append(("complete_performance", "agency", {"note": ""}))
    if lost:
        steps += _loss_report(pack)
        steps.append(("review_report", "bureau", {"result": "approved", "opinion": ""}))
    if ending.startswith("closed"):
        steps.append(("close", "bureau", {}))
    return steps


def _loss_report(pack: str) -> list[tuple[str, str, dict[str, Any]]]:
    needed = shipped_library().pack(pack).loss_report
    sections = {s.id: "内容" for s in needed.sections} if needed else {}
    draft = {"sections": sections, "major_case": False}
    steps = [("draft_loss_report", "agency", draft)]
    for name in ("legal_office_review", "collective_discussion", "principal_approval"):
        step = {"step": name, "result": "approved", "opinion": ""}
        steps.append(("record_loss_report_step", "agency", step))
    return [*steps, ("submit_loss_report", "agency", {"summary": "分析"})]


DATE_FIELD = {
    "draft_loss_report": "drafted_date",
    "record_loss_report_step": "step_date",
    "conclude_without_judgment": "concluded_date",
    "serve_judgment": "served_date",
    "make_effective": "effective_date",
    "complete_performance": "completed_date",
    "submit_loss_report": "submitted_date",
    "review_report": "reviewed_date",
    "close": "closed_date",
}


def _dated(command: str, args: dict[str, Any], day: date) -> dict[str, Any]:
    """``args`` with the step's date field set to its day; a performance duty falls due a
    month after the judgment."""
    found = {**args, DATE_FIELD[command]: day}
    judgment = found.get("judgment")
    if judgment and judgment["performance_duty"]:
        found["judgment"] = {**judgment, "performance_due_date": day + timedelta(days=30)}
    return found
