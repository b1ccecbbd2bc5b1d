"""Every other channel through Apprise (e-mail, form/xml webhooks, …); blocking, so it runs in
the sender's worker threads. Generic webhooks carry the ``Idempotency-Key`` header (Apprise's
``?+Header=value`` URL syntax) so the receiver can drop a duplicate.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import quote, urlsplit

import apprise
from apprise import AppriseResultStatus

from notifier.sending.answer import Answer

HEADER_SCHEMES = frozenset({"json", "jsons", "form", "forms", "xml", "xmls"})


def send_apprise(
    url: str,
    title: str,
    body: str,
    key: str,
    timeout: float,
    attachments: Sequence[str] = (),
) -> Answer:
    target = with_key(url, key)
    client = apprise.Apprise()
    if not client.add(target):
        return Answer(False, f"apprise rejected the URL {_private(url)}", final=True)
    result = client.notify(
        body=body, title=title, attach=list(attachments) or None, timeout=timeout
    )
    status = result.status
    detail = f"apprise {_private(url)}: {status.name}"
    if status == AppriseResultStatus.SUCCESS:
        return Answer(True, detail)
    # TIMEOUT does not mean "not delivered": unknown, retried with the same key.
    return Answer(False, detail, unknown=status == AppriseResultStatus.TIMEOUT)


def with_key(url: str, key: str) -> str:
    if urlsplit(url).scheme.lower() not in HEADER_SCHEMES:
        return url
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}+Idempotency-Key={quote(key, safe='')}"


def _private(url: str) -> str:
    """Secrets live in URLs: only the scheme and host go into records and logs."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.hostname or ''}"
