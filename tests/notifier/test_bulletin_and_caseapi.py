"""Bulletin rendering (HTML with an SVG chart, XLSX with a native chart), its build-and-send
through the sender, and the case-api client's answers (httpx.MockTransport)."""

from __future__ import annotations

from datetime import datetime
from io import BytesIO

import httpx
from openpyxl import load_workbook
from sqlalchemy import select

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

STATS = {
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
        {"kind": "suggestion_reply", "met": 1, "met_late": 1, "missed": 1, "open": 0},
    ],
    "four_failures": {"no_answer": 2, "no_evidence": 1, "no_appearance": 1, "no_performance": 0},
    "repeated_losses": [{"agency": "gz-hrss", "subject_matter": "工伤认定", "losses": 2}],
    "suggestions": {"received": 4, "answered_on_time": 1, "answered_late": 1, "unanswered": 2},
    "by_agency": [{"agency": "gz-hrss", "received": 12, "concluded": 8, "losses": 1}],
}


def test_html_names_every_figure_with_its_formula_and_a_chart() -> None:
    html = render_html("广州市2025-09通报", STATS)
    for text in (
        "<svg",
        "败诉率",
        "12.5%",
        "83.3%",
        "losses / concluded",
        "不答辩",
        "一败再败",
        "工伤认定",
        "答辩举证",
        "司法建议、检察建议回复",
        "<td>逾期回复</td><td>1</td>",
        "<td>尚未回复</td><td>2</td>",
    ):
        assert text in html


def test_xlsx_has_the_sheets_and_a_native_bar_chart() -> None:
    book = load_workbook(BytesIO(render_xlsx("通报", STATS)))
    assert book.sheetnames == ["概况", "期限", "四不问题", "一败再败", "司法建议检察建议", "分单位"]
    rows = list(book["司法建议检察建议"].iter_rows(values_only=True))
    assert rows[1:] == [("收到建议书", 4), ("按期回复", 1), ("逾期回复", 1), ("尚未回复", 2)]
    assert len(book["期限"]._charts) == 1
    assert book["期限"]["D2"].value == 2  # answer deadlines missed


def test_bulletin_is_built_stored_and_sent_on_its_day(notifier_url: str) -> None:
    f = follower(notifier_url, FakeCaseApi(registry()))
    f.step()
    clock = FixedClock(datetime.fromisoformat("2025-10-09T09:00:00+08:00"))
    dispatcher = ScriptedDispatcher()
    sender = make_sender(notifier_url, dispatcher, clock, FakeCaseApi(statistics_body=STATS))
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
