"""Corrections and retractions as events, over HTTP (DOMAIN.md §3): a served date, a hearing
date and an appearance recorded on the wrong case. Deadlines, figures, the notifier's plan
and the timeline follow the corrected facts; the record keeps the original; the hash chain
stays intact."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select

from notifier.feed.follower import Follower
from notifier.platform.db import from_db, make_engine
from notifier.platform.migrate import upgrade
from notifier.platform.tables import deliveries
from notifier.reminders.texts import Context, compose
from shared.clock import SHANGHAI, FixedClock
from shared.rulepacks import shipped_library
from tests.api_client import Api
from tests.notifier.fakes import FakeCaseApi

PRINCIPAL = [{"name": "李明", "role": "principal_head", "spoke_in_court": True}]


async def _deadline(api: Api, case: str, rule: str, position: int) -> dict[str, Any]:
    r = await api.client.get(
        f"/v1/cases/{case}/deadlines", params={"min_position": position}, headers=api.bureau
    )
    return next(d for d in r.json()["deadlines"] if d["rule_id"] == rule)


async def _timeline(api: Api, case: str, position: int) -> dict[int, dict[str, Any]]:
    r = await api.client.get(
        f"/v1/cases/{case}/events", params={"min_position": position}, headers=api.bureau
    )
    return {e["version"]: e for e in r.json()["events"]}


async def _verified(api: Api, case: str) -> bool:
    r = await api.client.get(f"/v1/cases/{case}/verify", headers=api.admin)
    return r.json()["status"] == "intact" and r.json()["problems"] == []


async def _feed(api: Api) -> list[dict[str, Any]]:
    r = await api.client.get("/v1/events", params={"after": 0, "limit": 1000}, headers=api.admin)
    return list(r.json()["events"])


def _notifier(tmp_path: Path, api: FakeCaseApi, now: str) -> Follower:
    url = f"sqlite:///{tmp_path}/notifier.db"
    upgrade(url)
    clock = FixedClock(datetime.fromisoformat(now))
    return Follower(make_engine(url), api, shipped_library(), clock, wait_seconds=0)  # type: ignore[arg-type]


def _scheduled(follower: Follower, deadline: str) -> dict[str, dict[str, Any]]:
    with follower.engine.connect() as conn:
        rows = conn.execute(
            select(deliveries).where(
                deliveries.c.deadline_key == deadline, deliveries.c.state == "scheduled"
            )
        ).mappings()
        return {r["key"].split(":", 3)[3]: dict(r) for r in rows}


async def test_a_corrected_served_date_moves_the_answer_its_figures_and_its_reminders(
    api: Api, tmp_path: Path
):
    await api.register_guangzhou()
    api.set_today("2025-09-26")
    case = (await api.file_case(filed_date="2025-09-15"))["case_id"]
    # The court typed Sep 12 for a complaint copy it served on Sep 22.
    served = await api.command(
        case, "documents", {"kind": "complaint_copy", "served_date": "2025-09-12"}, api.court
    )
    answer = await _deadline(api, case, "answer", served["position"])
    # Sep 12 + 15 = Sat Sep 27 → Sun Sep 28, a make-up working day (调休).
    assert answer["due_date"] == "2025-09-28"
    feed = FakeCaseApi(await _feed(api))
    notifier = _notifier(tmp_path, feed, "2025-09-26T10:00:00+08:00")
    notifier.step()
    reminder = _scheduled(notifier, f"answer@{served['position']}")["1:contact:gz-hrss"]
    assert reminder["payload"]["due_date"] == "2025-09-28"

    # Only the court that served it, or the bureau, corrects a service.
    fix = {"event_version": 2, "corrections": {"served_date": "2025-09-22"}, "reason": "以回证为准"}
    refused = await api.command(case, "corrections", fix, api.agency, 409)
    assert refused["code"] == "correction-by-recorder-or-bureau"
    corrected = await api.command(case, "corrections", fix, api.court)

    answer = await _deadline(api, case, "answer", corrected["position"])
    # Sep 22 + 15 = Oct 7 in the National Day holiday → Thu Oct 9; its key is unchanged.
    assert (answer["key"], answer["due_date"]) == (f"answer@{served['position']}", "2025-10-09")
    assert answer["explanation"]["start"] == "2025-09-22"
    events = await _timeline(api, case, corrected["position"])
    assert events[2]["data"]["served_date"] == "2025-09-12"  # the record keeps the original
    assert events[2]["corrected_data"]["served_date"] == "2025-09-22"
    assert events[2]["corrected_by"] == [3]
    assert events[3]["type"] == "FactCorrected"
    assert events[3]["data"]["reason"] == "以回证为准"
    assert events[3]["meta"]["role"] == "court_system"
    assert await _verified(api, case)

    # The notifier re-plans: the reminder moves, and says the date moved.
    feed.events = await _feed(api)
    notifier.step()
    reminder = _scheduled(notifier, f"answer@{served['position']}")["1:contact:gz-hrss"]
    assert from_db(reminder["due_at"]).date().isoformat() == "2025-09-30"  # Oct 8 → Sep 30
    _, body = compose(reminder["payload"], Context(from_db(reminder["due_at"]).date(), {}))
    assert body.startswith("【期限变更】原答辩举证期限届满日2025年9月28日已变更为2025年10月9日。")

    # Answered on Oct 8: met under the corrected date (late under the typo).
    api.set_today("2025-10-08")
    written = await api.command(case, "answer", {"submitted_date": "2025-10-08"}, api.agency)
    api.set_today("2025-11-03")
    r = await api.client.get(
        "/v1/statistics",
        params={"from": "2025-10-01", "to": "2025-10-31", "min_position": written["position"]},
        headers=api.bureau,
    )
    answers = next(row for row in r.json()["deadlines"] if row["kind"] == "answer")
    assert (answers["met"], answers["met_late"]) == (1, 0)


async def test_a_corrected_hearing_date_moves_the_hearing_and_its_summary(api: Api):
    await api.register_guangzhou()
    api.set_today("2025-10-10")
    case = (await api.file_case(filed_date="2025-09-15"))["case_id"]
    summons = {"kind": "summons", "served_date": "2025-10-09", "hearing_date": "2025-11-05"}
    await api.command(case, "documents", summons, api.court)
    fix = {
        "event_version": 2,
        "corrections": {"hearing_date": "2025-11-12"},
        "reason": "传票开庭日期录入错误",
    }
    corrected = await api.command(case, "corrections", fix, api.bureau)
    hearing = await _deadline(api, case, "hearing", corrected["position"])
    assert (hearing["due_date"], hearing["status"]) == ("2025-11-12", "open")
    assert (await api.summary(case, corrected["position"]))["hearing_date"] == "2025-11-12"
    # The appearance is now owed at the corrected date, and only there.
    api.set_today("2025-11-12")
    wrong = {"hearing_date": "2025-11-05", "appearances": PRINCIPAL}
    refused = await api.command(case, "appearances", wrong, api.agency, 409)
    assert refused["code"] == "appearance-requires-hearing"
    await api.command(case, "appearances", {**wrong, "hearing_date": "2025-11-12"}, api.agency)
    assert await _verified(api, case)


async def test_an_appearance_on_the_wrong_case_is_retracted_and_recorded_on_the_right_one(
    api: Api,
):
    await api.register_guangzhou()
    api.set_today("2025-10-20")
    one = (await api.file_case(case_number="（2025）粤0106行初1号"))["case_id"]
    two = (await api.file_case(case_number="（2025）粤0106行初2号"))["case_id"]
    # Both are heard on Oct 20; the head appeared in case two, the clerk picked case one.
    for case in (one, two):
        summons = {"kind": "summons", "served_date": "2025-10-09", "hearing_date": "2025-10-20"}
        await api.command(case, "documents", summons, api.court)
    appeared = {"hearing_date": "2025-10-20", "appearances": PRINCIPAL}
    wrong = await api.command(one, "appearances", appeared, api.agency)
    assert (await api.summary(one, wrong["position"]))["status"] == "heard"

    body = {"event_version": 3, "reason": "误录入本案，应属（2025）粤0106行初2号"}
    retracted = await api.command(one, "retractions", body, api.agency)
    right = await api.command(two, "appearances", appeared, api.agency)
    assert (await api.summary(one, right["position"]))["status"] == "hearing_scheduled"
    hearing = await _deadline(api, one, "hearing", right["position"])
    assert hearing["due_date"] == "2025-10-20" and hearing["satisfied_date"] is None
    events = await _timeline(api, one, right["position"])
    assert events[3]["retracted_by"] == retracted["version"]
    assert events[retracted["version"]]["data"]["reason"].startswith("误录入本案")
    assert await _verified(api, one)
    # Figures count the appearance once, on the right case; both hearings were held.
    api.set_today("2025-11-03")
    r = await api.client.get(
        "/v1/statistics",
        params={"from": "2025-10-01", "to": "2025-10-31", "min_position": right["position"]},
        headers=api.bureau,
    )
    counts = r.json()["counts"]
    assert (counts["hearings_held"], counts["principal_head_appearances"]) == (2, 1)
    assert counts["hearings_with_head"] == 1


async def test_a_correction_that_would_break_the_record_is_refused_naming_the_fact(api: Api):
    await api.register_guangzhou()
    api.set_today("2025-10-20")
    case = (await api.file_case(filed_date="2025-09-15"))["case_id"]
    await api.command(
        case, "documents", {"kind": "complaint_copy", "served_date": "2025-09-22"}, api.court
    )
    await api.command(case, "answer", {"submitted_date": "2025-10-01"}, api.agency)
    late = {"event_version": 2, "corrections": {"served_date": "2025-10-05"}, "reason": "更正"}
    refused = await api.command(case, "corrections", late, api.court, 422)
    assert (refused["code"], refused["at_version"], refused["event_type"]) == (
        "answer-before-service",
        3,
        "AnswerSubmitted",
    )
    future = {"event_version": 2, "corrections": {"served_date": "2025-10-21"}, "reason": "更正"}
    assert (await api.command(case, "corrections", future, api.court, 422))["code"] == (
        "fact-dated-in-future"
    )
    wrong_field = {"event_version": 2, "corrections": {"kind": "summons"}, "reason": "更正"}
    assert (await api.command(case, "corrections", wrong_field, api.court, 422))["code"] == (
        "field-not-correctable"
    )
    nothing = {"event_version": 2, "corrections": {"served_date": "2025-09-22"}, "reason": "更正"}
    assert (await api.command(case, "corrections", nothing, api.court, 422))["code"] == (
        "correction-changes-nothing"
    )
    missing = {"event_version": 9, "corrections": {"served_date": "2025-09-23"}, "reason": "更正"}
    assert (await api.command(case, "corrections", missing, api.court, 422))["code"] == (
        "no-such-fact"
    )


async def test_the_recorder_corrects_within_30_days_then_only_the_bureau(api: Api):
    await api.register_guangzhou()
    api.set_today("2025-09-22")
    case = (await api.file_case(filed_date="2025-09-15"))["case_id"]
    await api.command(
        case, "documents", {"kind": "notice_to_respond", "served_date": "2025-09-22"}, api.court
    )
    await api.command(
        case, "reports", {"subject": "notice_to_respond", "reported_date": "2025-09-22"}, api.agency
    )
    fix = {"event_version": 3, "corrections": {"reported_date": "2025-09-21"}, "reason": "笔误"}
    # Events are stamped when recorded (the wall clock); move the test clock a month past it.
    recorded = datetime.now(SHANGHAI).date()
    api.set_today((recorded + timedelta(days=31)).isoformat())
    refused = await api.command(case, "corrections", fix, api.agency, 409)
    assert (refused["code"], refused["window_days"]) == ("correction-window-closed", 30)
    other_agency = api.token("agency_user", agency="th-gov")
    await api.command(case, "corrections", fix, other_agency, 404)  # not its case
    await api.command(case, "corrections", fix, api.bureau)
