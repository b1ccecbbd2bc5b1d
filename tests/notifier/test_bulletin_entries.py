"""Bulletins for each entry a rule pack names (month, half-year …), through the real planner,
sender and operator API, on each storage backend."""

from __future__ import annotations

from datetime import datetime

import httpx
from sqlalchemy import select

from notifier.bulletin.schedule import plan_bulletins
from notifier.main import create_app
from notifier.platform.config import Settings
from notifier.platform.db import from_db
from notifier.platform.tables import bulletins, deliveries
from notifier.reminders.calendars import CalendarSource
from notifier.runtime import build_runtime
from notifier.sending.sender import Sender
from shared.clock import FixedClock
from shared.rulepacks import shipped_library
from tests.notifier.cases import feed_event, registry
from tests.notifier.fakes import FakeCaseApi, ScriptedDispatcher
from tests.notifier.processes import OPERATOR, OPERATOR_TOKEN
from tests.notifier.test_bulletin_and_caseapi import OLD_STATS as STATS
from tests.notifier.test_follower import follower
from tests.notifier.test_sender import add, make_sender

XIANGSHAN = feed_event(
    1,
    "JurisdictionRegistered",
    {"code": "xs", "name": "象山县", "level": "county", "parent": None, "pack": "xiangshan"},
    "j-xs",
    "jurisdiction",
)
H2_TITLE = "象山县行政应诉工作半年度统计分析报告（2025年下半年）"


def at(text: str) -> FixedClock:
    return FixedClock(datetime.fromisoformat(text))


def plan(sender: Sender, clock: FixedClock) -> None:
    with sender.engine.begin() as conn:
        plan_bulletins(conn, shipped_library(), CalendarSource().current(conn), clock.now(), 9)


def builds(sender: Sender) -> dict[str, tuple[str, str]]:
    query = select(deliveries.c.key, deliveries.c.state, deliveries.c.due_at).where(
        deliveries.c.kind == "bulletin_build"
    )
    with sender.engine.connect() as conn:
        return {
            key: (state, from_db(due).isoformat())  # type: ignore[union-attr]
            for key, state, due in conn.execute(query)
        }


def test_half_year_bulletin_waits_out_new_year_and_goes_out_on_the_make_up_sunday(
    notifier_url: str,
) -> None:
    """Xiangshan's half-year report [003 二(五)2]: the county seen in September 2025 gets one
    for 2025-H2, due on the first working day after Dec 31 — Sunday 2026-01-04, after the
    New Year holiday of Jan 1-3 — built from the figures of Jul 1 to Dec 31."""
    follower(notifier_url, FakeCaseApi([XIANGSHAN])).step()
    api = FakeCaseApi(statistics_body=STATS)
    clock, dispatcher = at("2025-12-31T18:00:00+08:00"), ScriptedDispatcher()
    sender = make_sender(notifier_url, dispatcher, clock, api)
    plan(sender, clock)
    drop_quarterly(sender)  # the quarterly briefing [003 二(四)3]: tests/notifier/test_reports.py
    assert builds(sender) == {
        "bulletin:xs:2025-H2:build": ("scheduled", "2026-01-04T01:00:00+00:00")
    }
    for moment in ("2026-01-01T09:00:00+08:00", "2026-01-02T09:00:00+08:00", "2026-01-04T08:59"):
        clock.set(datetime.fromisoformat(moment))
        plan(sender, clock)
        drop_quarterly(sender)
        assert sender.run_once() == 0, moment
    clock.set(datetime.fromisoformat("2026-01-04T09:00:00+08:00"))
    assert sender.run_once() == 1  # build
    assert sender.run_once() == 2  # send: the bureau's channel, the county government
    assert api.statistics_asked == [("xs", "2025-07-01", "2025-12-31")]
    # The bureau's bulletin channel, and the county government the pack names [003 二(五)2].
    assert sorted(dispatcher.sent) == [
        "bulletin:xs:2025-H2:bulletin:xs",
        "bulletin:xs:2025-H2:report:xs:government",
    ]
    with sender.engine.connect() as conn:
        stored = conn.execute(select(bulletins)).mappings().one()
        message = conn.execute(
            select(deliveries.c.payload).where(deliveries.c.recipient == "bulletin:xs")
        ).scalar_one()
    assert (stored["key"], stored["period"]) == ("xs:2025-H2", "2025-H2")
    assert f"<h1>{H2_TITLE}</h1>" in stored["html"]
    assert message["title"] == "【象山县行政应诉工作半年度统计分析报告】2025年下半年"
    assert message["body"].startswith("象山县2025年下半年行政应诉情况：收案12件")
    assert "（依据：003 二(五)2）" in message["body"]
    assert "下载" not in message["body"]  # no public URL, no link secret


async def test_a_half_year_bulletin_is_retrieved_by_its_period(notifier_url: str) -> None:
    settings = Settings(database_url=notifier_url, operator_token=OPERATOR_TOKEN)
    runtime = build_runtime(settings, clock=at("2026-01-04T09:00:00+08:00"))
    api = FakeCaseApi([XIANGSHAN], statistics_body=STATS)
    runtime.follower.client = runtime.sender.bulletins.client = api  # type: ignore[assignment]
    runtime.follower.clock = at("2025-09-19T10:00:00+08:00")
    runtime.follower.step(wait=0)
    runtime.plan_bulletins()
    runtime.sender.run_once()
    transport = httpx.ASGITransport(app=create_app(runtime=runtime))
    try:
        async with httpx.AsyncClient(
            transport=transport, base_url="http://ops", headers=OPERATOR
        ) as client:
            listed = (await client.get("/v1/bulletins")).json()
            html = await client.get("/v1/bulletins/xs/2025-H2.html")
            half = next(b for b in listed if b["every"] == "half_year")
            xlsx = await client.get(half["xlsx_url"])
    finally:
        runtime.close()
    assert [(b["period"], b["every"]) for b in listed if b["every"] == "half_year"] == [
        ("2025-H2", "half_year")
    ]  # and the quarterly briefings of 2025-Q3 and Q4 [003 二(四)3]
    listed = [b for b in listed if b["every"] == "half_year"]
    assert listed[0]["html_url"] == "/v1/bulletins/xs/2025-H2.html"
    assert html.status_code == 200 and H2_TITLE in html.text
    assert xlsx.headers["content-disposition"] == 'attachment; filename="bulletin-xs-2025-H2.xlsx"'


def test_guangzhou_plans_its_monthly_and_its_half_year_bulletin(notifier_url: str) -> None:
    """Monthly rows keep the key they always had, so rows planned before stay the same rows;
    a second entry of a kind (the head-appearance half-year report) is keyed by its id."""
    follower(notifier_url, FakeCaseApi(registry())).step()
    clock = at("2025-12-01T10:00:00+08:00")
    sender = make_sender(notifier_url, ScriptedDispatcher(), clock)
    plan(sender, clock)
    planned = builds(sender)
    assert sorted(planned) == [
        "bulletin:gz:2025-09:build",
        "bulletin:gz:2025-10:build",
        "bulletin:gz:2025-11:build",
        "bulletin:gz:2025-12:build",
        "bulletin:gz:2025-H2:build",
        "bulletin:gz:2025-H2:head_appearance_half_year_report:build",
        "bulletin:gz:2025:build",
    ]
    assert planned["bulletin:gz:2025-H2:build"][1] == "2026-01-04T01:00:00+00:00"
    with sender.engine.connect() as conn:
        payload = conn.execute(
            select(deliveries.c.payload).where(deliveries.c.key == "bulletin:gz:2025-H2:build")
        ).scalar_one()
    assert payload["entry"] == "loss_half_year_bulletin"
    assert (payload["title_zh"], payload["source"]) == ("败诉案件半年报告通报", "004 5-④")


def test_a_build_planned_before_pack_titles_keeps_the_monthly_title(notifier_url: str) -> None:
    clock = at("2025-10-09T09:00:00+08:00")
    api = FakeCaseApi(statistics_body=STATS)
    sender = make_sender(notifier_url, ScriptedDispatcher(), clock, api)
    legacy = {"jurisdiction": "gz", "name": "广州市", "period": "2025-09"}
    add(sender, "bulletin:gz:2025-09:build", "case-api", "bulletin_build", legacy)
    sender.run_once()
    with sender.engine.connect() as conn:
        html = conn.execute(select(bulletins.c.html)).scalar_one()
    assert "<h1>广州市行政应诉工作月度通报（2025年9月）</h1>" in html
    assert api.statistics_asked == [("gz", "2025-09-01", "2025-09-30")]


def test_no_shipped_pack_names_one_entry_twice() -> None:
    """A further entry of a kind is keyed by its id: ids are distinct within a pack."""
    library = shipped_library()
    for pack_id in library.pack_ids():
        for pack in library.versions(pack_id):
            ids = [b.id for b in pack.bulletins]
            assert len(ids) == len(set(ids)), (pack_id, pack.version)


def test_a_kind_of_bulletin_new_to_a_jurisdiction_starts_with_the_current_period(
    notifier_url: str,
) -> None:
    """A notifier that planned Guangzhou's monthly bulletins only, upgraded in August 2026:
    the half-year bulletins of 2025-H2 and 2026-H1 must not all go out, stale, that day."""
    follower(notifier_url, FakeCaseApi(registry())).step()  # Guangzhou seen in 2025-09
    clock = at("2026-08-03T10:00:00+08:00")
    sender = make_sender(notifier_url, ScriptedDispatcher(), clock)
    with sender.engine.begin() as conn:  # what the monthly-only planner had left
        conn.execute(deliveries.insert().values(**monthly_row("gz", "2025-09")))
    plan(sender, clock)
    planned = sorted(builds(sender))
    assert [k for k in planned if "-H" in k] == [
        "bulletin:gz:2026-H2:build",
        "bulletin:gz:2026-H2:head_appearance_half_year_report:build",
    ]
    assert [k for k in planned if "-H" not in k][0] == "bulletin:gz:2025-09:build"
    assert "bulletin:gz:2026:build" in planned  # the annual report: this year's, not 2025's
    assert len(planned) == 12 + 2 + 1  # 2025-09 … 2026-08, two for 2026-H2, and 2026


def test_a_jurisdiction_new_to_the_notifier_gets_every_kind_from_when_it_was_seen(
    notifier_url: str,
) -> None:
    follower(notifier_url, FakeCaseApi(registry())).step()  # Guangzhou seen in 2025-09
    clock = at("2026-08-03T10:00:00+08:00")
    sender = make_sender(notifier_url, ScriptedDispatcher(), clock)
    plan(sender, clock)
    planned = sorted(builds(sender))
    assert [k for k in planned if "-H" in k] == [
        "bulletin:gz:2025-H2:build",
        "bulletin:gz:2025-H2:head_appearance_half_year_report:build",
        "bulletin:gz:2026-H1:build",
        "bulletin:gz:2026-H1:head_appearance_half_year_report:build",
        "bulletin:gz:2026-H2:build",
        "bulletin:gz:2026-H2:head_appearance_half_year_report:build",
    ]


def drop_quarterly(sender: Sender) -> None:
    with sender.engine.begin() as conn:
        conn.execute(deliveries.delete().where(deliveries.c.key.like("bulletin:xs:%-Q_:build")))


def monthly_row(jurisdiction: str, period: str) -> dict:
    due = datetime(2025, 10, 9, 1)
    return {
        "key": f"bulletin:{jurisdiction}:{period}:build",
        "kind": "bulletin_build",
        "recipient": "case-api",
        "jurisdiction": jurisdiction,
        "due_at": due,
        "state": "sent",
        "attempts": 1,
        "next_attempt_at": due,
        "updated_at": due,
        "payload": {"jurisdiction": jurisdiction, "name": "广州市", "period": period},
    }
