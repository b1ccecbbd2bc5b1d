"""Which agencies to interview (约谈) over a period, from their figures and their pack's
triggers [000 五(二)] [004 5-⑤三]. Pure: the figures come from the statistics, the triggers
from the pack; each proposal names the figure that triggered it and who set its number."""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from typing import Any

from shared.rulepacks.interview_models import Interviews, InterviewTrigger

OPS: dict[str, Callable[[float, float], bool]] = {"gt": operator.gt, "ge": operator.ge}


def figure(row: Mapping[str, Any], metric: str) -> tuple[float | None, int | None]:
    """The agency's value of ``metric`` and, for a rate, its denominator."""
    if metric in row["rates"]:
        rate = row["rates"][metric]
        return rate["value"], rate["denominator"]
    if metric in row["four_failures"]:
        return row["four_failures"][metric], None
    return row.get(metric), None


def triggered(row: Mapping[str, Any], trigger: InterviewTrigger) -> dict[str, Any] | None:
    value, denominator = figure(row, trigger.metric)
    if value is None or not OPS[trigger.op](value, trigger.threshold):
        return None
    if trigger.min_denominator is not None and (denominator or 0) < trigger.min_denominator:
        return None
    return {
        "metric": trigger.metric,
        "name_zh": trigger.name_zh,
        "value": value,
        "denominator": denominator,
        "op": trigger.op,
        "threshold": trigger.threshold,
        "min_denominator": trigger.min_denominator,
        "source": trigger.source,
        "configured_by": trigger.configured_by,
        "note_zh": trigger.note_zh,
    }


def propose(
    rows: list[Mapping[str, Any]],
    sections: Mapping[str, Interviews | None],
    held: Mapping[str, int],
) -> list[dict[str, Any]]:
    """One proposal per agency with at least one trigger met; ``sections`` maps each agency
    to its pack's interview section, ``held`` to the interviews it already had in the
    period."""
    found = []
    for row in rows:
        section = sections.get(row["agency"])
        if section is None:
            continue
        reasons = [t for t in (triggered(row, x) for x in section.triggers) if t is not None]
        if reasons:
            found.append(
                {
                    "agency": row["agency"],
                    "agency_name": row["agency_name"],
                    "source": section.source,
                    "interviewees_zh": section.interviewees_zh,
                    "triggers": reasons,
                    "interviews_held": held.get(row["agency"], 0),
                }
            )
    return sorted(found, key=lambda p: p["agency"])
