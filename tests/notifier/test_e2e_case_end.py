"""Once a case has ended, the notifier sends nothing about what the end made moot — two real
processes (case-api, notifier) on a shared fake clock, random lifecycles in one pack ending in
every kind of conclusion, and a notifier restart after they ended.

Each day the clock stops at 09:30 until every delivery due by then went out; the day's facts
are posted then, and the clock moves to 10:00 once the notifier has caught up with them: a
delivery sent after the moment the end was posted went out knowing the case had ended. The clock then runs three months on, across the restart.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from case_api.cases.routes_commands import COMMANDS
from case_api.readmodel.events_json import to_json
from shared.rulepacks import PackLibrary
from tests.case_api.lifecycles import ENDINGS, PACKS, Lifecycle, lifecycles
from tests.notifier.processes import OPERATOR, wait_until
from tests.notifier.sink import start_sink
from tests.notifier.walk import Stack, open_stack

pytestmark = pytest.mark.integration

PATHS = {command: path for path, _schema, command, _summary in COMMANDS}
LIB = PackLibrary.load()
LAPSES_AT = {"conclusion": "concluded", "closure": "closed"}


def at(day: date, clock: str) -> str:
    return f"{day.isoformat()}T{clock}:00+08:00"


@st.composite
def one_per_ending(draw: st.DrawFn) -> tuple[str, list[Lifecycle]]:
    pack = draw(st.sampled_from(PACKS))
    return pack, [draw(lifecycles(endings=(ending,), packs=(pack,))) for ending in ENDINGS]


@settings(
    max_examples=3,
    deadline=None,
    database=None,
    phases=(Phase.explicit, Phase.generate),  # each example runs processes: no shrinking
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(drawn=one_per_ending())
def test_nothing_is_sent_about_a_moot_deadline_after_the_case_ended(
    tmp_path_factory: pytest.TempPathFactory, drawn: tuple[str, list[Lifecycle]]
) -> None:
    pack, cycles = drawn
    sink = start_sink()
    directory = tmp_path_factory.mktemp("case-end")
    stack = open_stack(directory, sink, at(date(2025, 2, 21), "09:00"))
    try:
        _walk(stack, pack, cycles)
    finally:
        stack.close()


def _walk(stack: Stack, pack: str, cycles: list[Lifecycle]) -> None:
    notifier = stack.start_notifier()
    _register(stack, pack)
    cases = [stack.file_case(f"（2025）粤0106行初{n}号", "2025-02-20") for n in range(len(cycles))]
    ends: dict[str, dict[str, str]] = defaultdict(dict)
    days = sorted({step.day for cycle in cycles for step in cycle.steps})
    for day in days:
        _quiet(stack, notifier.url, at(day, "09:30"))
        for case, cycle in zip(cases, cycles, strict=True):
            for step in (s for s in cycle.steps if s.day == day):
                if step.command == "close":
                    _remedy(stack, case)
                stack.post(f"/v1/cases/{case}{PATHS[step.command]}", to_json(step.args))
                if step.command in ("conclude_without_judgment", "make_effective"):
                    ends[case]["concluded"] = at(day, "09:30")
                if step.command == "close":
                    ends[case]["closed"] = at(day, "09:30")
        stack.caught_up(notifier)
        # The clock moves on only once the notifier knows the day's facts: what goes out
        # after the end was posted went out knowing of it.
        stack.set_clock(at(day, "10:00"))
    notifier.stop()  # a restart after every case ended
    notifier = stack.start_notifier("notifier-2")
    stack.caught_up(notifier)
    for week in range(1, 14):
        _quiet(stack, notifier.url, at(days[-1] + timedelta(days=7 * week), "09:30"))
    _check(notifier.url, pack, dict(ends))
    for case in cases:
        _no_moot_deadline_open(stack, pack, case, ends[case])


def _remedy(stack: Stack, case: str) -> None:
    """The agency records the remedies the notifier asked for: a case closes only then."""
    summary = stack.get(f"/v1/cases/{case}?min_position={stack.head()}")
    for deadline in summary["remediation_required"]:
        body = {"deadline": deadline, "measures": "已补正"}
        stack.post(f"/v1/cases/{case}/remediations", body)


def _register(stack: Stack, pack: str) -> None:
    body = {"code": "gz", "name": "广州市", "level": "city", "parent": None, "pack": pack}
    stack.post("/v1/jurisdictions", body)
    agency = {"code": "gz-hrss", "name": "市局", "jurisdiction": "gz", "level": "department"}
    stack.post("/v1/agencies", agency)


def _deliveries(url: str) -> list[dict[str, Any]]:
    found, after = [], 0
    while True:
        params = {"after_id": after, "limit": 1000}
        page = httpx.get(f"{url}/v1/deliveries", params=params, headers=OPERATOR).json()
        found += page
        if len(page) < 1000:
            return found
        after = page[-1]["id"]


def _quiet(stack: Stack, url: str, instant: str) -> None:
    """Move the clock to ``instant`` and wait until everything due by then went out."""
    stack.set_clock(instant)
    now = datetime.fromisoformat(instant)

    def nothing_due() -> bool:
        pending = ("scheduled", "failed", "sending")
        return not any(
            d["state"] in pending and datetime.fromisoformat(d["next_attempt_at"]) <= now
            for d in _deliveries(url)
        )

    wait_until(nothing_due, 180)


def _no_moot_deadline_open(stack: Stack, pack: str, case: str, ended: dict[str, str]) -> None:
    rules = {r.id: str(r.rule.lapses_on) for r in LIB.rules(pack)}
    deadlines = stack.get(f"/v1/cases/{case}/deadlines")["deadlines"]
    still = [
        d["key"]
        for d in deadlines
        if d["status"] == "open" and LAPSES_AT.get(rules[d["rule_id"]]) in ended
    ]
    assert still == []


def _check(url: str, pack: str, ends: dict[str, dict[str, str]]) -> None:
    rules = {r.id: str(r.rule.lapses_on) for r in LIB.rules(pack)}
    late, pending = [], []
    for row in _deliveries(url):
        moment = ends.get(row["case_id"] or "", {}).get(
            LAPSES_AT.get(rules.get((row["deadline_key"] or "").split("@")[0], ""), ""), ""
        )
        if not moment:
            continue  # a deadline its case's end left standing, or not about a case
        if row["state"] == "sent" and datetime.fromisoformat(
            row["sent_at"]
        ) > datetime.fromisoformat(moment):
            late.append(row["key"])
        if row["state"] in ("scheduled", "failed", "sending"):
            pending.append(row["key"])
    assert late == [] and pending == []
    ended = {case for case, found in ends.items() if found}
    assert len(ended) == len(ENDINGS)
