"""Send one message to every URL of a recipient; ``ok`` only if each one took it.

Group bots (body-checked) and JSON webhooks go through one pooled httpx client; every other
scheme (e-mail, form/xml webhooks, …) through Apprise.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlsplit

import httpx

from notifier.channels.bots import SCHEMES as BOT_SCHEMES
from notifier.channels.bots import send_bot
from notifier.channels.generic import send_apprise
from notifier.channels.outbox import SCHEME as OUTBOX_SCHEME
from notifier.channels.outbox import Outbox
from notifier.channels.webhook import SCHEMES as WEBHOOK_SCHEMES
from notifier.channels.webhook import send_webhook
from notifier.sending.answer import Answer


class Dispatcher:
    def __init__(
        self,
        timeout: float = 10.0,
        transport: httpx.BaseTransport | None = None,
        outbox: Outbox | None = None,
    ):
        self.timeout = timeout
        self.outbox = outbox
        limits = httpx.Limits(max_connections=64, max_keepalive_connections=32)
        self._http = httpx.Client(timeout=timeout, transport=transport, limits=limits)

    def close(self) -> None:
        self._http.close()

    def send(
        self,
        urls: Sequence[str],
        title: str,
        body: str,
        key: str,
        attachments: Sequence[str] = (),
    ) -> Answer:
        if not urls:
            return Answer(False, "no channel configured for this recipient", final=True)
        answers = [self._one(url, title, body, key, attachments) for url in urls]
        detail = "; ".join(a.detail for a in answers)
        if all(a.ok for a in answers):
            return Answer(True, detail)
        failed = [a for a in answers if not a.ok]
        return Answer(
            False,
            detail,
            unknown=any(a.unknown for a in failed),
            final=all(a.final for a in failed),
        )

    def _one(self, url: str, title: str, body: str, key: str, attachments: Sequence[str]) -> Answer:
        scheme = urlsplit(url).scheme.lower()
        if scheme == OUTBOX_SCHEME and self.outbox is not None:
            return self.outbox.send(url, title, body, key, attachments)
        if scheme in BOT_SCHEMES:
            return send_bot(self._http, url, title, body, key)
        if scheme in WEBHOOK_SCHEMES:
            return send_webhook(self._http, url, title, body, key, attachments)
        return send_apprise(url, title, body, key, self.timeout, attachments)
