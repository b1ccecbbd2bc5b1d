"""Bulletin rendering from an older statistics answer (English keys, agency codes), its build-and-send
through the sender, and the case-api client's answers (httpx.MockTransport)."""

from __future__ import annotations

import re
from datetime import date, datetime
from io import BytesIO

import httpx
from openpyxl import load_workbook
from sqlalchemy import select

from notifier.bulletin.figures import Figures, read_figures
from notifier.bulletin.heading import Heading, make_heading
from notifier.bulletin.render_html import render_html
from notifier.bulletin.render_xlsx import render_xlsx
from notifier.bulletin.schedule import plan_bulletins
from notifier.feed.caseapi import CaseApiClient
from notifier.platform.tables import bulletins, deliveries
from shared.clock import FixedClock
from tests.notifier.cases import registry
from tests.notifier.fakes import FakeCaseApi, ScriptedDispatcher
from tests.notifier.test_follower import follower
from tests.notifier.test_sender import make_sender

OLD_STATS = {  # an answer from a case-api without Chinese names, targets or flags
    "scope": {"jurisdiction": "gz", "from": "2025-09-01", "to": "2025-09-30"},
    "counts": {
        "received": 12,
        "concluded": 8,
        "judgments": 5,
        "losses": 1,
        "hearings_held": 6,
        "hearings_with_head": 5,
        "principal_head_appearances": 2,
        "mediated": 2,
        "withdrawn": 1,
        "mediated_or_withdrawn": 3,
    },
    "rates": [
        {
            "name": "loss_rate",
            "value": 0.125,
            "numerator": 1,
            "denominator": 8,
            "formula": "losses / concluded",
        },
        {
            "name": "head_appearance_rate",
            "value": 5 / 6,
            "numerator": 5,
            "denominator": 6,
            "formula": "hearings_with_head / hearings_held",
        },
        {
            "name": "mediation_withdrawal_rate",
            "value": None,
            "numerator": 0,
            "denominator": 0,
            "formula": "(mediated + withdrawn) / concluded",
        },
    ],
    "deadlines": [
        {"kind": "answer", "met": 7, "met_late": 1, "missed": 2, "open": 3},
        {"kind": "hearing", "met": 5, "met_late": 0, "missed": 1, "open": 2},
    ],
    "four_failures": {"no_answer": 2, "no_evidence": 1, "no_appearance": 1, "no_performance": 0},
    "repeated_losses": [{"agency": "gz-hrss", "subject_matter": "工伤认定", "losses": 2}],
    "suggestions": {"received": 4, "answered_on_time": 1, "answered_late": 1, "unanswered": 2},
    "by_agency": [{"agency": "gz-hrss", "received": 12, "concluded": 8, "losses": 1}],
}


def _old_shape() -> tuple[Heading, Figures]:
    figures = read_figures(OLD_STATS, {"gz": "广州市", "gz-hrss": "广州市人力资源和社会保障局"})
    return make_heading("广州市", "行政应诉工作月度通报", "2025-09", date(2025, 10, 9)), figures


def test_an_older_answer_still_renders_every_figure_in_chinese() -> None:
    html = render_html(*_old_shape())
    for text in (
        "<svg",
        "败诉率",
        "12.5%",
        "83.3%",
        "败诉数 ÷ 结案数 × 100%",
        "调解、撤诉合计",
        "不答辩",
        "一败再败",
        "工伤认定",
        "答辩举证",
        "广州市人力资源和社会保障局",
        "司法建议、检察建议办理情况",
        "尚未回复",
    ):
        assert text in html
    for english in ("mediated_or_withdrawn", "losses / concluded", "gz-hrss", "loss_rate"):
        assert english not in html
    # 调撤率 with nothing concluded is not computable: a dash and why, never 0%.
    assert re.search(r"调撤率</td><td class='num'>—</td>.*分母为0，无法计算", html)


def test_an_older_answer_makes_an_xlsx_with_its_sheets_and_a_labelled_chart() -> None:
    book = load_workbook(BytesIO(render_xlsx(*_old_shape())))
    assert book.sheetnames == [
        "概况",
        "单位排名",
        "期限执行",
        "四不问题",
        "一败再败",
        "司法建议检察建议",
    ]
    rows = list(book["司法建议检察建议"].iter_rows(values_only=True))
    assert rows[1:] == [("收到建议书", 4), ("按期回复", 1), ("逾期回复", 1), ("尚未回复", 2)]
    chart = book["期限执行"]._charts[0]
    assert chart.dataLabels.showVal and chart.legend is not None
    assert book["期限执行"]["D2"].value == 2  # answer deadlines missed
    assert book["单位排名"]["B2"].value == "广州市人力资源和社会保障局"
    texts = {c.value for row in book["概况"].iter_rows() for c in row if isinstance(c.value, str)}
    assert "调解、撤诉合计" in texts and "mediated_or_withdrawn" not in texts


def test_bulletin_is_built_stored_and_sent_on_its_day(notifier_url: str) -> None:
    f = follower(notifier_url, FakeCaseApi(registry()))
    f.step()
    clock = FixedClock(datetime.fromisoformat("2025-10-09T09:00:00+08:00"))
    dispatcher = ScriptedDispatcher()
    sender = make_sender(notifier_url, dispatcher, clock, FakeCaseApi(statistics_body=OLD_STATS))
    with sender.engine.begin() as conn:
        plan_bulletins(conn, f.library, f.calendars.current(conn), clock.now(), 9)
    sender.run_once()  # build
    sender.run_once()  # send
    assert dispatcher.sent == ["bulletin:gz:2025-09:bulletin:gz"]
    with sender.engine.connect() as conn:
        stored = conn.execute(select(bulletins.c.key, bulletins.c.period)).all()
        states = dict(conn.execute(select(deliveries.c.key, deliveries.c.state)).all())
    assert stored == [("gz:2025-09", "2025-09")]
    assert states == {
        "bulletin:gz:2025-09:build": "sent",
        "bulletin:gz:2025-09:bulletin:gz": "sent",
        "bulletin:gz:2025-10:build": "scheduled",  # due on the first working day of November
        "bulletin:gz:2025-H2:build": "scheduled",  # 败诉案件半年报告通报 [004 5-④]
        # 负责人出庭应诉半年报告 [004 5-②三], the second half-year entry: keyed by its id
        "bulletin:gz:2025-H2:head_appearance_half_year_report:build": "scheduled",
        "bulletin:gz:2025:build": "scheduled",  # 年度统计分析报告 [004 5-④二]
    }


def client(status: int, body: dict) -> CaseApiClient:
    transport = httpx.MockTransport(lambda r: httpx.Response(status, json=body))
    return CaseApiClient("http://case-api", "token", transport=transport)


def test_remediation_already_required_counts_as_done() -> None:
    answer = client(409, {"code": "remediation-already-required"}).require_remediation(
        "c1", "answer@2", "逾期", "k"
    )
    assert answer.ok


def test_other_conflicts_are_failures() -> None:
    answer = client(409, {"code": "case-closed"}).require_remediation("c1", "a", "r", "k")
    assert not answer.ok


def test_remediation_post_carries_the_idempotency_key() -> None:
    seen: list[httpx.Request] = []

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(201, json={})

    api = CaseApiClient("http://case-api", "tok", transport=httpx.MockTransport(handle))
    assert api.require_remediation("c1", "answer@2", "r", "c1:answer@2:remediation").ok
    assert seen[0].headers["Idempotency-Key"] == "c1:answer@2:remediation"
    assert seen[0].headers["Authorization"] == "Bearer tok"
    assert seen[0].url.path == "/v1/cases/c1/remediation-requirements"
