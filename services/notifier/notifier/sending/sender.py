"""The sender loop: lease due deliveries, send them outside any transaction, record answers.

Marked ``sent`` only after the platform's own answer says so; any other outcome backs off and
is retried with the same idempotency key until ``max_attempts``, then the row is dead; a
receiver's ``Retry-After`` puts the next try no earlier than it asked. One failure never stops
the batch. Each answer is recorded as soon as it comes, not once per batch: a crash repeats at
most the sends in flight at that moment (group chats on WeCom or DingTalk show every copy).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, select

from notifier.bulletin.build import BulletinBuilder
from notifier.channels.book import ChannelFile
from notifier.channels.dispatch import Dispatcher
from notifier.feed.caseapi import CaseApiBusy, CaseApiClient
from notifier.platform.config import Settings
from notifier.platform.tables import jurisdictions
from notifier.reminders.texts import Context, compose
from notifier.sending.answer import Answer
from notifier.sending.deliveries import Lease, lease_due, mark_failed, mark_sent
from notifier.sending.queries import agency_names
from shared.clock import Clock
from shared.outage import Backoff, storage_unavailable
from shared.rulepacks.library import SHANGHAI

log = logging.getLogger(__name__)
BUILD = "bulletin_build"
LONGEST_PAUSE = 30.0
Observer = Callable[[Lease, Answer, str, datetime], None]


class Sender:
    def __init__(
        self,
        engine: Engine,
        settings: Settings,
        clock: Clock,
        dispatcher: Dispatcher,
        client: CaseApiClient,
        channels: ChannelFile,
        bulletins: BulletinBuilder,
        observe: Observer | None = None,
    ) -> None:
        self.engine, self.settings, self.clock = engine, settings, clock
        self.dispatcher, self.client, self.channels = dispatcher, client, channels
        self.bulletins = bulletins
        self.observe = observe
        self._pool = ThreadPoolExecutor(settings.send_workers, thread_name_prefix="send")

    def close(self) -> None:
        self._pool.shutdown(wait=True)

    def run_once(self) -> int:
        """Lease one batch of due deliveries and send them; return how many were leased."""
        s = self.settings
        leases = lease_due(self.engine, self.clock.now(), s.send_batch_size, s.lease_seconds)
        if not leases:
            return 0
        parents = self._parents()
        names = self._agency_names(leases)
        for _ in self._pool.map(lambda lease: self._attempt(lease, parents, names), leases):
            pass  # each attempt records its own answer
        return len(leases)

    def _attempt(self, lease: Lease, parents: dict[str, Any], names: dict[str, str]) -> None:
        try:
            answer = self._send(lease, parents, names)
        except CaseApiBusy as busy:
            # Not retried in this thread: the row waits (and the batch goes on) until then.
            answer = Answer(False, f"case-api busy: {busy}", retry_after=busy.wait)
        except Exception as error:  # noqa: BLE001 - one bad delivery must not stop the batch
            log.exception("delivery %s failed", lease.key)
            answer = Answer(False, f"{type(error).__name__}: {error}")
        try:
            self._record(lease, answer)
        except Exception:  # noqa: BLE001 - unrecorded: the lease lapses and it is sent again
            log.exception("delivery %s: answer not recorded", lease.key)

    def _record(self, lease: Lease, answer: Answer) -> None:
        now, s = self.clock.now(), self.settings
        state = "sent"
        if answer.ok and lease.kind == BUILD:
            self.bulletins.complete(lease, now, answer.detail)
        elif answer.ok:
            mark_sent(self.engine, [(lease, answer.detail)], now)
        else:
            state = mark_failed(
                self.engine,
                lease,
                now,
                answer.detail,
                max_attempts=s.max_attempts,
                base_seconds=s.backoff_base_seconds,
                max_seconds=s.backoff_max_seconds,
                retry=not answer.final,
                retry_after=answer.retry_after,
            )
        if self.observe:
            self.observe(lease, answer, state, now)

    def _send(self, lease: Lease, parents: dict[str, Any], names: dict[str, str]) -> Answer:
        payload = lease.payload
        if lease.kind == "remediation":
            return self.client.require_remediation(
                payload["case_id"], payload["deadline"], payload["reason"], lease.key
            )
        if lease.kind == BUILD:
            return self.bulletins.build(lease)
        urls = self.channels.book().urls(lease.recipient, parents)
        if "facts" in payload:
            title, body = compose(payload, self._context(lease, names))
        else:  # bulletins, and rows planned before messages were worded at send time
            title, body = payload["title"], payload["body"]
        with self.bulletins.attachments(lease) as files:
            return self.dispatcher.send(urls, title, body, lease.key, files)

    def _context(self, lease: Lease, names: dict[str, str]) -> Context:
        """A deadline message counts its days from the day it goes out: the planned day, or
        today when a retry sends it later."""
        facts = lease.payload["facts"]
        today = self.clock.now().astimezone(SHANGHAI).date()
        send_day = max(lease.due_at.astimezone(SHANGHAI).date(), today)
        link = self.settings.case_url(facts["case_id"], facts["case_number"])
        return Context(send_day, names, link)

    def _agency_names(self, leases: list[Lease]) -> dict[str, str]:
        if not any("facts" in lease.payload for lease in leases):
            return {}
        with self.engine.connect() as conn:
            return agency_names(conn, [lease.payload for lease in leases])

    def _parents(self) -> dict[str, Any]:
        with self.engine.connect() as conn:
            return dict(conn.execute(select(jurisdictions.c.code, jurisdictions.c.parent)).all())


class SenderThread:
    def __init__(self, sender: Sender, poll_seconds: float, every_tick: Callable[[], None]):
        self.sender, self.poll_seconds, self.every_tick = sender, poll_seconds, every_tick
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="sender", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=30)
        self.sender.close()

    def _run(self) -> None:
        # A round that fails (the database down) is tried again after a pause doubling up to
        # LONGEST_PAUSE: leased rows stay leased until their lease ends, nothing is lost.
        backoff = Backoff(max(self.poll_seconds, 0.5), LONGEST_PAUSE)
        while not self._stop.is_set():
            try:
                self.every_tick()
                sent = self.sender.run_once()
            except Exception as error:  # noqa: BLE001 - keep sending once it passes
                pause = backoff.next()
                if storage_unavailable(error):
                    log.warning("database unavailable; sending again in %.1f s: %s", pause, error)
                else:
                    log.exception("sender round failed; retrying in %.1f s", pause)
                self._stop.wait(pause)
                continue
            if backoff.failures:
                log.warning("sending again after %d failed rounds", backoff.failures)
                backoff.reset()
            if not sent:
                self._stop.wait(self.poll_seconds)
