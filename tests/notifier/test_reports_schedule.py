"""When each report a pack names goes out, and to whom: Guangzhou's annual report [004 5-④二]
and half-year head-appearance report [004 5-②三], Xiangshan's quarterly loss briefing
[003 二(四)3] and half-year report [003 二(五)2], Jinzhai's loss and accountability bulletin
[001 九(四)] — each on the first working day after its period, never on a holiday."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from io import BytesIO

import httpx
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from notifier.bulletin.schedule import bulletin_due
from notifier.main import create_app
from notifier.platform.config import Settings
from notifier.runtime import build_runtime
from shared.calendar import WorkCalendar
from shared.clock import FixedClock
from shared.reporting_periods import MONTHS, period_bounds, period_of
from tests.notifier.fakes import FixedBook
from tests.notifier.processes import OPERATOR, OPERATOR_TOKEN
from tests.notifier.report_steps import (
    PeriodCaseApi,
    jurisdiction,
    notifier_at,
    plan,
    planned,
    seen,
    sends,
    sent_payload,
)
from tests.notifier.test_bulletin_and_caseapi import OLD_STATS

PLACES = [
    jurisdiction(1, "gz", "广州市", "city", "guangzhou"),
    jurisdiction(2, "xs", "象山县", "county", "xiangshan"),
    jurisdiction(3, "jz", "金寨县", "county", "jinzhai"),
]
CALENDAR = WorkCalendar.official()
ISSUED = "2026-01-04T09:00:00+08:00"


def test_each_report_is_planned_for_the_first_working_day_after_its_period(
    notifier_url: str,
) -> None:
    seen(notifier_url, PLACES, "2025-09-19T10:00:00+08:00")
    sender, clock = notifier_at(notifier_url, "2026-01-02T10:00:00+08:00")
    plan(sender, clock)
    due = planned(sender)
    # New Year: Jan 1-3 2026 off, Sunday Jan 4 worked. National Day: Oct 1-8 2025 off.
    make_up_sunday, after_national_day = "2026-01-04T09:00:00+08:00", "2025-10-09T09:00:00+08:00"
    assert due["bulletin:gz:2025:build"] == make_up_sunday  # 年度统计分析报告
    assert due["bulletin:gz:2025-H2:head_appearance_half_year_report:build"] == make_up_sunday
    assert due["bulletin:xs:2025-Q3:build"] == after_national_day  # 季度败诉案件汇报
    assert due["bulletin:xs:2025-Q4:build"] == make_up_sunday
    assert due["bulletin:xs:2025-H2:build"] == make_up_sunday  # 半年度书面报告
    assert due["bulletin:jz:2025:build"] == make_up_sunday  # 败诉和责任追究情况通报
    assert not any(k.startswith("bulletin:jz:2025-") for k in due)  # Jinzhai: yearly only


@settings(max_examples=200, deadline=None)
@given(
    day=st.dates(min_value=date(2020, 1, 1), max_value=date(2026, 11, 30)),
    every=st.sampled_from(sorted(MONTHS)),
)
def test_a_report_is_never_due_on_a_rest_day_nor_later_than_the_first_working_day(
    day: date, every: str
) -> None:
    period = period_of(day, every)
    due = bulletin_due(period, CALENDAR, 9).date()
    end = period_bounds(period)[1]
    assert due > end and CALENDAR.is_working_day(due, provisional=True)
    between = [end + timedelta(days=n) for n in range(1, (due - end).days)]
    assert not any(CALENDAR.is_working_day(d, provisional=True) for d in between)


def test_a_report_goes_to_the_bureau_and_to_each_recipient_its_pack_names(
    notifier_url: str,
) -> None:
    """Xiangshan's quarterly briefing goes to the county government's executive meeting and
    to the county discipline commission attending it [003 二(四)3]; a recipient without a
    channel of its own falls back to its parent jurisdiction's, like bureaus."""
    seen(notifier_url, PLACES[1:2], "2025-10-01T10:00:00+08:00")
    answers = {
        ("xs", "2025-10-01", "2025-12-31"): OLD_STATS,
        ("xs", "2025-07-01", "2025-12-31"): OLD_STATS,
    }
    sender, clock = notifier_at(
        notifier_url, "2026-01-04T09:00:00+08:00", PeriodCaseApi(answers=answers)
    )
    channels = {
        "bulletins": {"xs": ["json://bureau"]},
        "reports": {"xs": {"government": ["json://gov"], "discipline": ["json://jw"]}},
    }
    sender.channels = FixedBook(channels)  # type: ignore[assignment]
    plan(sender, clock)
    assert sender.run_once() == 2  # the quarterly briefing and the half-year report
    assert sends(sender, "bulletin:xs:2025-Q4:build") == [
        "bulletin:xs",
        "report:xs:discipline",
        "report:xs:government",
    ]
    assert sends(sender, "bulletin:xs:2025-H2:build") == ["bulletin:xs", "report:xs:government"]
    assert sender.run_once() == 5
    discipline = sent_payload(sender, "bulletin:xs:2025-Q4:report:xs:discipline")["body"]
    bureau = sent_payload(sender, "bulletin:xs:2025-Q4:bulletin:xs")["body"]
    assert discipline == bureau + "\n报送：县纪委县监委（依据：003 二(四)3）"
    assert sorted(sender.dispatcher.sent) == [  # type: ignore[attr-defined]
        "bulletin:xs:2025-H2:bulletin:xs",
        "bulletin:xs:2025-H2:report:xs:government",
        "bulletin:xs:2025-Q4:bulletin:xs",
        "bulletin:xs:2025-Q4:report:xs:discipline",
        "bulletin:xs:2025-Q4:report:xs:government",
    ]
    book = FixedBook({"reports": {"gz": {"agencies": ["json://all"]}}}).book()
    assert book.urls("report:gz-hp:agencies", {"gz-hp": "gz"}) == ["json://all"]
    assert book.urls("report:gz:government", {}) == []


async def test_a_report_keyed_by_its_entry_is_listed_and_downloaded(notifier_url: str) -> None:
    """Guangzhou's two half-year entries: the loss bulletin keeps the bulletins' path, the
    head-appearance report [004 5-②三] has its own; its XLSX has the report's sections."""
    settings = Settings(database_url=notifier_url, operator_token=OPERATOR_TOKEN)
    runtime = build_runtime(settings, clock=FixedClock(datetime.fromisoformat(ISSUED)))
    h2, year = ("gz", "2025-07-01", "2025-12-31"), ("gz", "2025-01-01", "2025-12-31")
    api = PeriodCaseApi(PLACES[:1], answers={h2: OLD_STATS, year: OLD_STATS})
    runtime.follower.client = runtime.sender.bulletins.client = api  # type: ignore[assignment]
    runtime.follower.clock = FixedClock(datetime.fromisoformat("2025-07-01T10:00:00+08:00"))
    runtime.follower.step(wait=0)
    runtime.plan_bulletins()
    runtime.sender.run_once()
    transport = httpx.ASGITransport(app=create_app(runtime=runtime))
    try:
        async with httpx.AsyncClient(
            transport=transport, base_url="http://ops", headers=OPERATOR
        ) as client:
            listed = {
                (b["period"], b["report"]): b for b in (await client.get("/v1/bulletins")).json()
            }
            report = listed[("2025-H2", "head_appearance_half_year_report")]
            xlsx = await client.get(report["xlsx_url"])
            html = await client.get(report["html_url"])
            missing = await client.get("/v1/bulletins/gz/2025-H2/no_such_report.html")
    finally:
        runtime.close()
    assert listed[("2025-H2", None)]["html_url"] == "/v1/bulletins/gz/2025-H2.html"
    assert report["html_url"] == "/v1/bulletins/gz/2025-H2/head_appearance_half_year_report.html"
    assert "行政机关负责人出庭应诉半年报告通报（2025年下半年）" in html.text
    assert xlsx.headers["content-disposition"] == (
        'attachment; filename="bulletin-gz-2025-H2-head_appearance_half_year_report.xlsx"'
    )
    sheet = load_workbook(BytesIO(xlsx.content))["概况"]
    titles = [row[0].value for row in sheet.iter_rows() if row[0].value]
    assert "一、行政机关负责人出庭应诉情况" in titles and "三、“四不”问题" in titles
    assert missing.status_code == 404 and missing.json()["code"] == "bulletin-not-found"
