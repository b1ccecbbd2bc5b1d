"""WeCom, DingTalk and Feishu/Lark group bots, posted directly with httpx.

These platforms answer HTTP 200 with the error in the body (``{"errcode": 93000}``,
``{"code": 19021}``) and Apprise reports such answers as success
(shared/notes/integration.md), so the body is checked here. URLs keep Apprise's forms:
``wecombot://KEY``, ``dingtalk://[SECRET@]TOKEN``, ``feishu://TOKEN``, ``lark://TOKEN``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import quote, urlsplit

import httpx

from notifier.sending.answer import Answer

SCHEMES = frozenset({"wecombot", "dingtalk", "feishu", "lark"})


def send_bot(
    client: httpx.Client,
    url: str,
    title: str,
    body: str,
    key: str,
    now_ms: Callable[[], int] = lambda: int(time.time() * 1000),
) -> Answer:
    scheme, endpoint, payload = _request(url, f"{title}\n{body}", now_ms)
    try:
        response = client.post(endpoint, json=payload, headers={"Idempotency-Key": key})
    except httpx.TimeoutException as error:
        return Answer(False, f"{scheme}: timeout ({error})", unknown=True)
    except httpx.HTTPError as error:
        return Answer(False, f"{scheme}: {type(error).__name__}: {error}")
    detail = f"{scheme}: HTTP {response.status_code} {response.text[:300]}"
    if not response.is_success:
        return Answer(False, detail)
    try:
        answer = response.json()
    except ValueError:
        return Answer(False, detail + " (no JSON body)")
    return Answer(_body_ok(scheme, answer), detail)


def _body_ok(scheme: str, answer: Any) -> bool:
    if not isinstance(answer, dict):
        return False
    if scheme in ("wecombot", "dingtalk"):
        return answer.get("errcode") == 0
    # Feishu/Lark: {"code": 0, "msg": "success"}; older bots answer {"StatusCode": 0}.
    code = answer.get("code", answer.get("StatusCode"))
    return code == 0


def _request(url: str, text: str, now_ms: Callable[[], int]) -> tuple[str, str, dict[str, Any]]:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    # Tokens are case-sensitive: read them from netloc, not the lower-cased ``hostname``.
    secret, _, token = parts.netloc.rpartition("@")
    if scheme == "wecombot":
        endpoint = f"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key={token}"
        return scheme, endpoint, {"msgtype": "text", "text": {"content": text}}
    if scheme == "dingtalk":
        endpoint = f"https://oapi.dingtalk.com/robot/send?access_token={token}"
        if secret:
            stamp = now_ms()
            endpoint += f"&timestamp={stamp}&sign={_dingtalk_sign(secret, stamp)}"
        return scheme, endpoint, {"msgtype": "text", "text": {"content": text}}
    host = "open.feishu.cn" if scheme == "feishu" else "open.larksuite.com"
    endpoint = f"https://{host}/open-apis/bot/v2/hook/{token}"
    return scheme, endpoint, {"msg_type": "text", "content": {"text": text}}


def _dingtalk_sign(secret: str, stamp: int) -> str:
    """DingTalk's signature: base64(HMAC-SHA256(secret, "timestamp\\nsecret")), URL-quoted."""
    digest = hmac.new(secret.encode(), f"{stamp}\n{secret}".encode(), hashlib.sha256).digest()
    return quote(base64.b64encode(digest).decode(), safe="")
