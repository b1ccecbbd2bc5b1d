"""Generic JSON webhooks (``json://`` / ``jsons://``), posted with the pooled httpx client.

Same body as Apprise's json plugin (``version``, ``title``, ``message``, ``type``,
``attachments`` as base64), so receivers set up for Apprise keep working; we post ourselves
to keep connections alive (Apprise opens one per message: ~250/s against ~1,400/s here) and to
carry the ``Idempotency-Key`` header. ``?+Header=value`` adds headers as in Apprise.
"""

from __future__ import annotations

import base64
import mimetypes
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import unquote, urlencode, urlsplit, urlunsplit

import httpx

from notifier.sending.answer import Answer

SCHEMES = {"json": "http", "jsons": "https"}
APPRISE_PARAMS = frozenset(
    {
        "method",
        "overflow",
        "format",
        "retry",
        "wait",
        "optional",
        "verify",
        "rto",
        "cto",
        "emojis",
        "tz",
        "store",
    }
)


def send_webhook(
    client: httpx.Client,
    url: str,
    title: str,
    body: str,
    key: str,
    attachments: Sequence[str] = (),
) -> Answer:
    target, headers = _target(url)
    payload = {
        "version": "1.0",
        "title": title,
        "message": body,
        "type": "info",
        "attachments": [_attachment(Path(p)) for p in attachments],
    }
    where = f"{urlsplit(target).scheme}://{urlsplit(target).netloc}"
    try:
        response = client.post(target, json=payload, headers={**headers, "Idempotency-Key": key})
    except httpx.TimeoutException as error:
        return Answer(False, f"webhook {where}: timeout ({error})", unknown=True)
    except httpx.HTTPError as error:
        return Answer(False, f"webhook {where}: {type(error).__name__}: {error}")
    detail = f"webhook {where}: HTTP {response.status_code} {response.text[:200]}"
    return Answer(response.is_success, detail)


def _target(url: str) -> tuple[str, dict[str, str]]:
    parts = urlsplit(url)
    headers: dict[str, str] = {}
    query = []
    for name, value in _pairs(parts.query):
        if name.startswith("+"):
            headers[name[1:]] = value
        elif name not in APPRISE_PARAMS and not name.startswith(("-", ":")):
            query.append((name, value))
    scheme = SCHEMES[parts.scheme.lower()]
    return urlunsplit((scheme, parts.netloc, parts.path, urlencode(query), "")), headers


def _pairs(query: str) -> list[tuple[str, str]]:
    """Query pairs without form decoding: Apprise's ``+Header`` must not become a space."""
    pairs = []
    for item in filter(None, query.split("&")):
        name, _, value = item.partition("=")
        pairs.append((unquote(name), unquote(value)))
    return pairs


def _attachment(path: Path) -> dict[str, str]:
    mimetype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    content = base64.b64encode(path.read_bytes()).decode()
    return {"filename": path.name, "base64": content, "mimetype": mimetype}
