"""Kinds of proceeding (DOMAIN.md §2): what a case number says a case is, and which commands
each kind has no use for.

A court case number (案号) carries its type code (案件类型代字): 行初, 行终, 行再 … for
administrative cases, 民初, 民终 … for civil ones. A reconsideration decision (行政复议决定)
has no court case number: the case carries the decision's own number (金政复决〔2026〕3号).
"""

from __future__ import annotations

import re

from case_api.cases.values import ProceedingKind
from case_api.platform.domain_errors import InvalidValue, RuleViolation

ADMINISTRATIVE, CIVIL = "administrative", "civil"

_COURT_TYPE = re.compile(r"(行|民)赔?(初|终|再|申|审|辖|监|他|特|撤|催|督|保)\d")
"""The type code before the serial number: （2025）粤0106行初123号 → 行初, 行赔初 for state
compensation, 民终 for a civil appeal."""

EXPECTED: dict[str, str | None] = {
    ProceedingKind.ADMINISTRATIVE_SUIT: ADMINISTRATIVE,
    # A government body sued, or suing, in its civil capacity (contracts, property): 民事案件.
    ProceedingKind.CIVIL_SUIT: CIVIL,
    ProceedingKind.AGENCY_PLAINTIFF: CIVIL,
    ProceedingKind.RECONSIDERATION: None,
}
"""The class of court case number each kind takes; None: no court case number at all."""

KIND_ZH = {
    ProceedingKind.ADMINISTRATIVE_SUIT: "行政诉讼",
    ProceedingKind.RECONSIDERATION: "行政复议",
    ProceedingKind.CIVIL_SUIT: "民事诉讼",
    ProceedingKind.AGENCY_PLAINTIFF: "本单位作为原告提起的诉讼",
}


def number_class(case_number: str) -> str | None:
    """``administrative`` or ``civil`` for a court case number with a type code, else None
    (a reconsideration decision's number, or a number the court wrote otherwise)."""
    found = _COURT_TYPE.search(case_number.replace(" ", ""))
    if found is None:
        return None
    return ADMINISTRATIVE if found.group(1) == "行" else CIVIL


def check_number(case_number: str, kind: str) -> None:
    """Refuse a case number whose type code belongs to another kind of proceeding: a 民初
    number filed as an administrative suit is most likely a civil suit filed without its kind."""
    found, expected = number_class(case_number), EXPECTED[ProceedingKind(kind)]
    if found is None or found == expected:
        return
    zh = KIND_ZH[ProceedingKind(kind)]
    said = "行政案件" if found == ADMINISTRATIVE else "民事案件"
    raise InvalidValue(
        "proceeding-kind-mismatch",
        f"Case number {case_number} is a court's {found} case number, which a case of "
        f"kind {kind} does not have: state the case's proceeding_kind.",
        f"案号 {case_number} 是法院{said}案号，与案件类型（{zh}）不符，请填写正确的 proceeding_kind。",
        field="proceeding_kind",
        number_class=found,
    )


NOT_FOR: dict[str, frozenset[str]] = {
    # 行政复议 is decided on the papers, and its decision is effective once served: no hearing,
    # no court judgment, no appeal (the applicant may sue instead, which is a new case).
    ProceedingKind.RECONSIDERATION: frozenset(
        {
            "schedule_hearing",
            "record_appearance",
            "serve_judgment",
            "file_appeal",
            "make_effective",
            "report_before_suing",
            "record_response_plan",
        }
    ),
    ProceedingKind.ADMINISTRATIVE_SUIT: frozenset(
        {"decide_reconsideration", "report_before_suing"}
    ),
    ProceedingKind.CIVIL_SUIT: frozenset({"decide_reconsideration", "report_before_suing"}),
    ProceedingKind.AGENCY_PLAINTIFF: frozenset({"decide_reconsideration"}),
}
"""Commands that make no sense for a kind of proceeding."""

NOT_SERVED: dict[str, frozenset[str]] = {
    ProceedingKind.RECONSIDERATION: frozenset({"summons", "appeal_petition"}),
}
"""Court papers a kind of proceeding never receives."""


def check_command(kind: str, command: str, document_kind: str | None = None) -> None:
    """Refuse a command the case's kind of proceeding has no use for (409)."""
    unfit = command in NOT_FOR.get(kind, frozenset())
    unfit = unfit or document_kind in NOT_SERVED.get(kind, frozenset())
    if not unfit:
        return
    what = document_kind or command
    raise RuleViolation(
        "not-for-proceeding-kind",
        f"{what} does not apply to a case of kind {kind}.",
        f"该事项不适用于{KIND_ZH[ProceedingKind(kind)]}案件。",
        proceeding_kind=kind,
    )
