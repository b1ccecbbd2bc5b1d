"""The local channel: ``outbox://`` writes each message to a JSON Lines file that the operator
reads back (``GET /v1/outbox``) as a recipient would have received it."""

from __future__ import annotations

from pathlib import Path

import httpx

from notifier.channels.dispatch import Dispatcher
from notifier.channels.outbox import Outbox
from notifier.main import create_app
from notifier.platform.config import Settings
from notifier.runtime import build_runtime
from tests.notifier.processes import OPERATOR, OPERATOR_TOKEN


def test_a_message_to_an_outbox_url_is_written_and_counts_as_sent(tmp_path: Path) -> None:
    outbox = Outbox(tmp_path / "outbox.jsonl")
    dispatcher = Dispatcher(outbox=outbox)
    answer = dispatcher.send(["outbox://gz-hrss-contact"], "【提醒】答辩期限", "还剩 7 天", "k-1")
    dispatcher.close()
    assert answer.ok
    (message,) = outbox.latest(10)
    assert message["title"] == "【提醒】答辩期限" and message["key"] == "k-1"
    assert message["recipient"] == "outbox://gz-hrss-contact"


def test_the_outbox_lists_the_newest_messages_first(tmp_path: Path) -> None:
    outbox = Outbox(tmp_path / "outbox.jsonl")
    for n in range(5):
        outbox.send("outbox://x", f"t{n}", "b", f"k{n}", [])
    assert [m["title"] for m in outbox.latest(3)] == ["t4", "t3", "t2"]


async def test_the_operator_reads_the_outbox_with_the_operator_token_only(
    tmp_path: Path, notifier_url: str
) -> None:
    settings = Settings(
        database_url=notifier_url,
        operator_token=OPERATOR_TOKEN,
        outbox_file=tmp_path / "outbox.jsonl",
    )
    Outbox(settings.outbox_file).send("outbox://gz-bureau", "【逾期】", "已逾期", "k", [])
    runtime = build_runtime(settings)
    transport = httpx.ASGITransport(app=create_app(runtime=runtime))
    async with httpx.AsyncClient(transport=transport, base_url="http://ops") as client:
        assert (await client.get("/v1/outbox")).status_code == 401
        listed = await client.get("/v1/outbox", headers=OPERATOR)
        page = await client.get("/console")
    runtime.close()
    assert listed.status_code == 200 and listed.json()[0]["title"] == "【逾期】"
    assert (
        page.status_code == 200 and "default-src 'self'" in page.headers["content-security-policy"]
    )
