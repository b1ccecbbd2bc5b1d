"""When a case may be published as a typical case, or withdrawn from the list.

A typical case teaches from a decided case (败诉典型案例 [000 五(一)], 典型的行政诉讼案例
[003 二(五)1]): it is published once the case has ended, once per case, and a withdrawal
keeps the record of what was published.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from case_api.cases.values import Status
from case_api.platform.domain_errors import RuleViolation

if TYPE_CHECKING:
    from case_api.cases.aggregate import Case


def check_publish(case: Case) -> None:
    if not (case.concluded or case.status == Status.CLOSED):
        raise RuleViolation(
            "case-not-concluded",
            "Only a concluded case (effective judgment, withdrawal, mediation) can be published"
            " as a typical case.",
            "仅已生效裁判、撤诉或调解结案的案件可作为典型案例发布。",
        )
    if case.typical_case:
        raise RuleViolation(
            "typical-case-already-published",
            "The case is already published as a typical case; withdraw it first to republish.",
            "该案件已作为典型案例发布；如需重新发布，请先撤回。",
        )


def check_withdraw(case: Case) -> None:
    if not case.typical_case:
        raise RuleViolation(
            "typical-case-not-published",
            "The case is not published as a typical case.",
            "该案件未作为典型案例发布。",
        )
