"""Channels: "sent" only when the platform's own answer says so (httpx.MockTransport fakes).

WeCom, DingTalk and Feishu answer HTTP 200 with the error in the body; a timeout is unknown.
"""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from notifier.channels.book import ChannelBook
from notifier.channels.bots import send_bot
from notifier.channels.dispatch import Dispatcher
from notifier.channels.generic import send_apprise, with_key
from tests.notifier.sink import start_sink


def client(answer: dict | Exception, status: int = 200, seen: list | None = None) -> httpx.Client:
    def handle(request: httpx.Request) -> httpx.Response:
        if seen is not None:
            seen.append(request)
        if isinstance(answer, Exception):
            raise answer
        return httpx.Response(status, json=answer)

    return httpx.Client(transport=httpx.MockTransport(handle))


@pytest.mark.parametrize(
    ("url", "body", "ok"),
    [
        ("wecombot://KEY", {"errcode": 0, "errmsg": "ok"}, True),
        ("wecombot://KEY", {"errcode": 93000, "errmsg": "invalid webhook url"}, False),
        ("dingtalk://TOKEN", {"errcode": 0, "errmsg": "ok"}, True),
        ("dingtalk://TOKEN", {"errcode": 310000, "errmsg": "sign not match"}, False),
        ("feishu://TOKEN", {"code": 0, "msg": "success"}, True),
        ("feishu://TOKEN", {"code": 19021, "msg": "sign match fail"}, False),
        ("lark://TOKEN", {"StatusCode": 0, "StatusMessage": "success"}, True),
    ],
)
def test_bot_success_is_read_from_the_body(url: str, body: dict, ok: bool) -> None:
    answer = send_bot(client(body), url, "标题", "正文", "k1")
    assert answer.ok is ok
    assert not answer.unknown


def test_bot_http_error_fails() -> None:
    assert not send_bot(client({"errcode": 0}, status=502), "wecombot://K", "t", "b", "k").ok


def test_bot_timeout_is_unknown_not_failed_for_good() -> None:
    answer = send_bot(client(httpx.ReadTimeout("slow")), "wecombot://K", "t", "b", "k")
    assert not answer.ok and answer.unknown


def test_bot_requests_go_to_the_platform_with_the_text() -> None:
    seen: list[httpx.Request] = []
    send_bot(client({"errcode": 0}, seen=seen), "wecombot://KEY1", "标题", "正文", "k")
    assert str(seen[0].url) == "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=KEY1"
    assert json.loads(seen[0].content)["text"]["content"] == "标题\n正文"
    assert seen[0].headers["Idempotency-Key"] == "k"


def test_signed_dingtalk_url_carries_timestamp_and_signature() -> None:
    seen: list[httpx.Request] = []
    send_bot(
        client({"errcode": 0}, seen=seen),
        "dingtalk://SEC@TOK",
        "t",
        "b",
        "k",
        now_ms=lambda: 1700000000000,
    )
    query = parse_qs(urlsplit(str(seen[0].url)).query)
    assert query["access_token"] == ["TOK"] and query["timestamp"] == ["1700000000000"]
    assert query["sign"] == ["r+2we0q01lkZqz38LA5IPNbHN81U1leRf3Au4PSQb6Q="]


def test_generic_webhook_url_gets_the_idempotency_header() -> None:
    assert with_key("json://h/x", "a:b") == "json://h/x?+Idempotency-Key=a%3Ab"
    assert with_key("json://h/x?method=POST", "k") == "json://h/x?method=POST&+Idempotency-Key=k"
    assert with_key("mailtos://u:p@h", "k") == "mailtos://u:p@h"


def test_apprise_json_webhook_delivers_with_the_key() -> None:
    sink = start_sink()
    try:
        answer = send_apprise(sink.webhook("x"), "标题", "正文", "case:answer@2:reminder", 5)
        assert answer.ok, answer.detail
        assert sink.seen_keys() == ["case:answer@2:reminder"]
        assert sink.received[0].body["message"] == "正文"
    finally:
        sink.close()


def test_apprise_answer_for_a_refused_webhook_is_a_failure() -> None:
    sink = start_sink()
    sink.fail_first = 1
    try:
        assert not send_apprise(sink.webhook("x"), "t", "b", "k", 5).ok
        assert send_apprise(sink.webhook("x"), "t", "b", "k", 5).ok
    finally:
        sink.close()


def test_no_channel_is_a_final_failure() -> None:
    answer = Dispatcher().send([], "t", "b", "k")
    assert not answer.ok and answer.final


def test_all_urls_must_take_the_message() -> None:
    transport = httpx.MockTransport(
        lambda r: httpx.Response(200, json={"errcode": 0 if "GOOD" in str(r.url) else 93000})
    )
    dispatcher = Dispatcher(transport=transport)
    assert dispatcher.send(["wecombot://GOOD"], "t", "b", "k").ok
    assert not dispatcher.send(["wecombot://GOOD", "wecombot://BAD"], "t", "b", "k").ok


def test_book_resolves_roles_and_falls_back_to_the_parent_bureau() -> None:
    book = ChannelBook(
        {
            "agencies": {"a": {"contact": ["json://c"], "head": ["json://h"]}},
            "bureaus": {"gz": ["json://b"]},
            "bulletins": {"gz": ["json://n"]},
        }
    )
    assert book.urls("contact:a") == ["json://c"]
    assert book.urls("head:a") == ["json://h"]
    assert book.urls("bureau:tianhe", {"tianhe": "gz", "gz": None}) == ["json://b"]
    assert book.urls("bulletin:gz") == ["json://n"]
    assert book.urls("contact:unknown") == []


def test_json_webhook_posts_apprise_shaped_body_with_key_and_extra_headers() -> None:
    seen: list[httpx.Request] = []
    dispatcher = Dispatcher(
        transport=httpx.MockTransport(lambda r: seen.append(r) or httpx.Response(204))
    )
    answer = dispatcher.send(
        ["jsons://hooks.example/x?+X-Token=abc&method=POST"],
        "标题",
        "正文",
        "case:answer@2:reminder:7:contact:a",
    )
    assert answer.ok
    assert str(seen[0].url) == "https://hooks.example/x"
    assert seen[0].headers["Idempotency-Key"] == "case:answer@2:reminder:7:contact:a"
    assert seen[0].headers["X-Token"] == "abc"
    body = json.loads(seen[0].content)
    assert (body["title"], body["message"], body["attachments"]) == ("标题", "正文", [])


def test_json_webhook_refusal_fails_and_timeout_is_unknown() -> None:
    refused = Dispatcher(transport=httpx.MockTransport(lambda r: httpx.Response(503)))
    assert not refused.send(["json://h/x"], "t", "b", "k").ok

    def slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("slow", request=request)

    answer = Dispatcher(transport=httpx.MockTransport(slow)).send(["json://h/x"], "t", "b", "k")
    assert not answer.ok and answer.unknown


def test_json_webhook_carries_attachments_as_base64(tmp_path) -> None:  # type: ignore[no-untyped-def]
    seen: list[httpx.Request] = []
    dispatcher = Dispatcher(
        transport=httpx.MockTransport(lambda r: seen.append(r) or httpx.Response(200))
    )
    report = tmp_path / "bulletin.html"
    report.write_text("<h1>通报</h1>", encoding="utf-8")
    dispatcher.send(["json://h/x"], "t", "b", "k", [str(report)])
    attachment = json.loads(seen[0].content)["attachments"][0]
    assert attachment["filename"] == "bulletin.html"
    assert attachment["mimetype"] == "text/html"
