"""A month's bulletin for Guangzhou's three agencies as its readers get it: downloaded through
the message's signed links as HTML (rendered in Debian's chromium), XLSX and PDF (its first
page drawn to PNG), and sent to group bots with those links instead of attachments.

The screenshots stay in the test's tmp folder (pytest's ``--basetemp`` keeps them where asked).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import select

from notifier.channels.dispatch import Dispatcher
from notifier.channels.outbox import Outbox
from notifier.main import create_app
from notifier.platform.config import Settings
from notifier.platform.tables import bulletins, deliveries
from notifier.runtime import Runtime, build_runtime
from shared.clock import FixedClock
from tests.notifier.bulletin_stats import STATS
from tests.notifier.cases import registry
from tests.notifier.fakes import FakeCaseApi, FixedBook
from tests.notifier.processes import OPERATOR_TOKEN
from tests.notifier.test_bulletin_and_caseapi import OLD_STATS

CHROMIUM = Path("/usr/bin/chromium")
SECRET = "link-secret-for-tests-0123456789abcdef"
PUBLIC = "https://notifier.example.gov.cn/ops"
BUILT = datetime.fromisoformat("2025-10-09T09:00:00+08:00")
RANKED = ["广州市市场监督管理局", "广州市规划和自然资源局", "广州市人力资源和社会保障局"]
ENGLISH_KEYS = ("loss_rate", "head_appearance_rate", "mediated_or_withdrawn", "gz-hrss", "gz-nr")


@dataclass
class Built:
    runtime: Runtime
    http: TestClient

    def message(self) -> dict:
        with self.runtime.engine.connect() as conn:
            row = conn.execute(select(deliveries).where(deliveries.c.kind == "bulletin")).one()
        return row.payload

    def links(self) -> dict[str, str]:
        found = re.findall(r"https://\S+", self.message()["body"])
        return {re.search(r"\.(html|xlsx|pdf)\?", url).group(1): url for url in found}  # type: ignore[union-attr]

    def download(self, fmt: str) -> httpx.Response:
        got = self.http.get(self.links()[fmt].removeprefix(PUBLIC))
        assert got.status_code == 200, got.text
        return got


def build(url: str, statistics: dict) -> Iterator[Built]:
    settings = Settings(
        database_url=url, operator_token=OPERATOR_TOKEN, public_url=PUBLIC, link_secret=SECRET
    )
    runtime = build_runtime(settings, clock=FixedClock(BUILT))
    api = FakeCaseApi(registry(), statistics_body=statistics)
    runtime.follower.client = runtime.sender.bulletins.client = api  # type: ignore[assignment]
    runtime.follower.clock = FixedClock(datetime.fromisoformat("2025-09-19T10:00:00+08:00"))
    runtime.follower.step(wait=0)
    runtime.plan_bulletins()
    runtime.sender.run_once()  # builds September's bulletin and plans its message
    try:
        yield Built(runtime, TestClient(create_app(runtime=runtime)))
    finally:
        runtime.close()


@pytest.fixture
def built(notifier_url: str) -> Iterator[Built]:
    yield from build(notifier_url, STATS)


def test_the_html_in_chromium_names_agencies_ranked_with_their_flags(
    built: Built, tmp_path: Path
) -> None:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: `make browser-deps` installs it (not rendered)")
    from playwright.sync_api import sync_playwright

    html = built.download("html").text
    outside: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1000, "height": 1400}, locale="zh-CN")
        page.route("**/*", lambda route: outside.append(route.request.url) or route.abort())
        page.set_content(html, wait_until="load")
        page.screenshot(path=str(tmp_path / "bulletin-html.png"), full_page=True)
        text = page.inner_text("body")
        ranking = page.inner_text("section:nth-of-type(3) table")
        legends = page.locator("svg g.legend").count()
        browser.close()
    assert outside == []  # every asset is in the page
    assert (tmp_path / "bulletin-html.png").stat().st_size > 20_000
    assert legends == 2  # each chart has its legend
    _reads_like_the_notice(text)
    rows = ranking.splitlines()[1:]
    assert [next(n for n in RANKED if n in r) for r in rows] == RANKED
    assert "达标" in rows[0] and "未达标" not in rows[0]
    assert rows[2].count("未达标") == 2  # 16.7% losses, 77.8% of hearings with the head


def test_the_pdf_prints_the_notice_and_its_first_page_draws(built: Built, tmp_path: Path) -> None:
    import pypdfium2

    got = built.download("pdf")
    assert got.headers["content-type"] == "application/pdf"
    pdf = pypdfium2.PdfDocument(got.content)
    pages = [re.sub(r"\s+", "", pdf[i].get_textpage().get_text_range()) for i in range(len(pdf))]
    text = "".join(pages)
    first = pdf[0].render(scale=100 / 72).to_pil()
    first.save(tmp_path / "bulletin-pdf-page1.png")
    assert first.size == (827, 1170)  # A4 at 100 dpi
    _reads_like_the_notice(text)
    assert text.index("广州市司法局") < text.index("〔2025〕第9期") < text.index("每月通报")
    # The issuer and the date close the notice, on the page of its last section.
    last = pages[-1]
    assert last.index("司法建议、检察建议办理情况") < last.index("广州市司法局2025年10月9日")


def test_the_xlsx_ranks_agencies_by_name_with_their_flags(built: Built) -> None:
    book = load_workbook(BytesIO(built.download("xlsx").content))
    sheet = book["单位排名"]
    head = [c.value for c in sheet[1]]
    assert head[-2:] == ["败诉率低于8%", "负责人出庭率不低于90%"]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2, max_row=4)]
    assert [r[1] for r in rows] == RANKED
    assert [r[-2:] for r in rows] == [["达标", "达标"], ["未达标", "达标"], ["未达标", "未达标"]]
    assert rows[2][5] == pytest.approx(0.1667) and sheet["F4"].number_format == "0.0%"
    assert rows[0][5] == 0 and sheet["F2"].number_format == "0.0%"  # shown as 0.0%, not 0
    assert book["概况"]["A4"].value == "统计期间：2025年9月1日至2025年9月30日"
    summary = {row[0].value: row[1].value for row in book["概况"].iter_rows() if row[0].value}
    assert summary["发案率"] == "—"  # no denominator: a dash, never 0%


def test_bots_get_the_three_links_and_attachments_go_where_files_travel(
    built: Built, tmp_path: Path
) -> None:
    posted: list[dict] = []

    def bot(request: httpx.Request) -> httpx.Response:
        posted.append(json.loads(request.content))
        return httpx.Response(200, json={"errcode": 0, "code": 0})

    outbox = Outbox(tmp_path / "outbox.jsonl")
    sender = built.runtime.sender
    sender.dispatcher = Dispatcher(transport=httpx.MockTransport(bot), outbox=outbox)
    urls = ["wecombot://KEY", "dingtalk://SECRET@TOKEN", "feishu://TOKEN", "outbox://bureau"]
    sender.channels = FixedBook({"bulletins": {"gz": urls}})  # type: ignore[assignment]
    assert sender.run_once() == 1
    texts = [p["text"]["content"] for p in posted[:2]] + [posted[2]["content"]["text"]]
    links = built.links()
    assert sorted(links) == ["html", "pdf", "xlsx"]
    for text in texts:
        assert all(url in text for url in links.values())
        assert "附件" not in text and "attach" not in text.lower()
        assert (
            "未达到“败诉率低于8%”的单位：广州市规划和自然资源局、广州市人力资源和社会保障局" in text
        )
        assert len(text.encode()) <= 2048  # WeCom's limit for a text message
    (line,) = outbox.latest(1)
    assert line["attachments"] == [f"bulletin-gz-2025-09.{f}" for f in ("html", "xlsx", "pdf")]


def test_an_older_answer_names_agencies_from_the_registry(notifier_url: str) -> None:
    for done in build(notifier_url, OLD_STATS):
        with done.runtime.engine.connect() as conn:
            html = conn.execute(select(bulletins.c.html)).scalar_one()
        assert "广州市人社局" in html  # the name followed on the feed, not the code
        assert not any(key in html for key in ENGLISH_KEYS)
        assert "调解、撤诉合计" in html and "败诉数 ÷ 结案数 × 100%" in html


def _reads_like_the_notice(text: str) -> None:
    for expected in (
        "广州市司法局",
        "〔2025〕第9期",
        "广州市全市联动每月通报（2025年9月）",  # the pack entry's title
        *RANKED,
        "败诉率低于8%",
        "达标",
        "未达标",
        "败诉数 ÷ 结案数 × 100%",
        "行政行为总数未报送，无法计算",
        "2025年10月9日",
    ):
        assert re.sub(r"\s+", "", expected) in re.sub(r"\s+", "", text), expected
    assert not any(key in text for key in ENGLISH_KEYS)
    assert not re.search(r"发案率\s*0\.0%", text)
