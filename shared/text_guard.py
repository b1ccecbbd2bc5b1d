"""Requests carrying text that is not valid Unicode are refused before anything parses them.

Invalid UTF-8 bytes (in the path, the query string, a header, a JSON or form body) and lone
surrogates (``"\\ud800"`` is valid JSON syntax but no character: it cannot be encoded, hashed
or stored) are refused, and so is NUL (U+0000): PostgreSQL text cannot hold it, so a stored
event carrying one would stop every projection of it. One ASGI middleware does it for every
route, so no route meets such text, and the answer is always the same 422.
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import unquote_to_bytes

Refusal = Callable[[dict, str], Awaitable[Any]]
"""(scope, where) → the ASGI response refusing the request; ``where`` names the part."""

CHECKED_BODIES = re.compile(
    r"^(application/(json|[\w.+-]+\+json|x-www-form-urlencoded)|text/[\w.+-]+)\s*(;|$)"
)
SUSPECT_ESCAPE = re.compile(rb"\\u(?:[dD][89a-fA-F][0-9a-fA-F]{2}|0000)")
"""Only an escape can put a surrogate or NUL into JSON that is valid UTF-8."""


class TextGuard:
    def __init__(self, app: Any, refuse: Refusal) -> None:
        self.app = app
        self.refuse = refuse

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        where = bad_part_of_head(scope)
        media = _header(scope, b"content-type").lower()
        if where is None and CHECKED_BODIES.match(media):
            body, receive = await _buffered(receive)
            where = "body" if not valid_body(body, media) else None
        if where is not None:
            await (await self.refuse(scope, where))(scope, receive, send)
            return
        await self.app(scope, receive, send)


def valid_text(raw: bytes) -> bool:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return "\x00" not in text


def valid_string(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return "\x00" not in text


def bad_part_of_head(scope: dict) -> str | None:
    """``path``, ``query`` or ``header <name>`` when it carries invalid text, else None."""
    if not valid_text(unquote_to_bytes(scope.get("raw_path") or b"")):
        return "path"
    if not valid_form(scope.get("query_string") or b""):
        return "query"
    for name, value in scope["headers"]:
        if not valid_text(value):
            return f"header {name.decode('latin-1')}"
    return None


def valid_form(raw: bytes) -> bool:
    """A query string or form body: every name and value, percent-decoded, is valid text."""
    return all(
        valid_text(unquote_to_bytes(part.replace(b"+", b" ")))
        for pair in raw.split(b"&")
        for part in pair.split(b"=")
    )


def valid_body(body: bytes, media: str) -> bool:
    if media.startswith("application/x-www-form-urlencoded"):
        return valid_form(body)
    if not valid_text(body):
        return False
    if not SUSPECT_ESCAPE.search(body):
        return True
    try:
        document = json.loads(body)
    except ValueError:
        return True  # not JSON at all: the route's own parsing says so
    return _valid_json(document)


def _valid_json(value: Any) -> bool:
    if isinstance(value, str):
        return valid_string(value)
    if isinstance(value, list):
        return all(_valid_json(v) for v in value)
    if isinstance(value, dict):
        return all(valid_string(k) and _valid_json(v) for k, v in value.items())
    return True


def _header(scope: dict, name: bytes) -> str:
    for key, value in scope["headers"]:
        if key == name:
            return value.decode("latin-1")
    return ""


async def _buffered(receive: Any) -> tuple[bytes, Any]:
    """Read the whole body (its size is bounded by the body limit outside) and hand it on."""
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return b"", receive
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    body = b"".join(chunks)
    delivered = False

    async def replay() -> dict:
        nonlocal delivered
        if delivered:
            return await receive()
        delivered = True
        return {"type": "http.request", "body": body, "more_body": False}

    return body, replay
