"""Computing a due date without a case, for agency staff planning their work."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from case_api.platform.domain_errors import InvalidValue
from shared.calendar import CalendarYearNotLoaded, WorkCalendar
from shared.periods import Direction, PeriodResult, Unit, compute_period
from shared.rulepacks import PackLibrary, PackNotFound, PackNotInEffect


@dataclass(frozen=True)
class PreviewRequest:
    trigger_date: date
    offset: int | None = None
    unit: Unit | None = None
    direction: Direction = Direction.AFTER
    pack: str | None = None
    rule: str | None = None
    provisional: bool = False


def preview(
    calendar: WorkCalendar, library: PackLibrary, request: PreviewRequest
) -> tuple[PeriodResult, dict[str, Any] | None]:
    offset, unit, direction = request.offset, request.unit, request.direction
    makeup_is_working, rule_info = True, None
    if request.pack or request.rule:
        rule, policy = _rule(library, request)
        offset, unit, direction = rule.offset, rule.unit, rule.direction
        makeup_is_working = policy.makeup_day_is_working_day
        rule_info = {
            "pack": request.pack,
            "rule": rule.id,
            "title_zh": rule.title_zh,
            "source": rule.source,
        }
    if offset is None or unit is None:
        raise InvalidValue(
            "preview-needs-period",
            "Give offset and unit, or a pack and one of its rules.",
            "请提供期间（offset 和 unit），或规则包及其规则。",
        )
    try:
        result = compute_period(
            calendar,
            request.trigger_date,
            offset,
            Unit(unit),
            Direction(direction),
            allow_provisional=request.provisional,
            makeup_day_is_working_day=makeup_is_working,
        )
    except CalendarYearNotLoaded as error:
        raise InvalidValue(
            "calendar-year-not-loaded",
            f"The holiday schedule for {error.year} is not loaded; ask for a provisional date "
            "(provisional=true) or load the schedule.",
            f"{error.year} 年节假日安排尚未载入；可请求临时日期（provisional=true）或先载入安排。",
            year=error.year,
        ) from None
    return result, rule_info


def _rule(library: PackLibrary, request: PreviewRequest) -> tuple[Any, Any]:
    if not (request.pack and request.rule):
        raise InvalidValue(
            "preview-needs-pack-and-rule", "Give both pack and rule.", "请同时提供规则包和规则。"
        )
    try:
        ruleset = library.ruleset(request.pack, request.trigger_date)
    except (PackNotFound, PackNotInEffect) as error:
        raise InvalidValue("unknown-rule-pack", str(error), "规则包不存在或未生效。") from None
    found = [r for r in ruleset.rules if r.id == request.rule]
    if not found:
        raise InvalidValue(
            "unknown-rule",
            f"Pack {request.pack} has no rule {request.rule}.",
            "规则包中没有该规则。",
        )
    return found[0].rule, ruleset.policy
