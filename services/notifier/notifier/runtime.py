"""Everything one notifier process needs, built from its settings (never at import time)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import Engine

from notifier.bulletin.build import BulletinBuilder
from notifier.bulletin.schedule import plan_bulletins
from notifier.channels.book import ChannelFile
from notifier.channels.dispatch import Dispatcher
from notifier.channels.outbox import Outbox
from notifier.feed.caseapi import CaseApiClient
from notifier.feed.follower import Follower
from notifier.platform.config import Settings
from notifier.platform.db import make_engine
from notifier.platform.metrics import Metrics
from notifier.reminders.calendars import CalendarSource
from notifier.sending.sender import Sender
from shared.clock import Clock, clock_from_file
from shared.rulepacks import PackLibrary, shipped_library

log = logging.getLogger(__name__)


@dataclass
class Runtime:
    settings: Settings
    engine: Engine
    clock: Clock
    library: PackLibrary
    client: CaseApiClient
    follower: Follower
    sender: Sender
    metrics: Metrics
    calendars: CalendarSource

    def plan_bulletins(self) -> None:
        now = self.clock.now()
        with self.engine.begin() as conn:
            calendar = self.calendars.current(conn)
            plan_bulletins(conn, self.library, calendar, now, self.settings.reminder_hour)

    def close(self) -> None:
        self.follower.close()
        self.client.close()
        self.sender.dispatcher.close()
        self.engine.dispose()


def build_runtime(settings: Settings, clock: Clock | None = None) -> Runtime:
    if settings.public_url and not settings.link_secret.get_secret_value():
        log.warning(
            "NOTIFIER_PUBLIC_URL is set but NOTIFIER_LINK_SECRET is not: bulletin "
            "messages carry no download links"
        )
    clock = clock or clock_from_file(settings.clock_file)
    engine = make_engine(settings.database_url)
    library = shipped_library()
    token = settings.case_api_token.get_secret_value()
    client = CaseApiClient(
        settings.case_api_url,
        token,
        statistics_url=settings.statistics_url,
        timeout=settings.send_timeout_seconds,
        max_retry_after=settings.retry_after_max_seconds,
    )
    metrics = Metrics()
    follower = Follower(
        engine,
        client,
        library,
        clock,
        name=settings.follower_name,
        page_size=settings.feed_page_size,
        wait_seconds=settings.feed_wait_seconds,
        reminder_hour=settings.reminder_hour,
    )
    sender = Sender(
        engine,
        settings,
        clock,
        Dispatcher(settings.send_timeout_seconds, outbox=Outbox(settings.outbox_file)),
        client,
        ChannelFile(settings.channels_file),
        BulletinBuilder(
            engine,
            client,
            settings.public_url,
            settings.link_secret.get_secret_value(),
            timedelta(days=settings.link_lifetime_days),
        ),
        observe=metrics.observe,
    )
    return Runtime(
        settings, engine, clock, library, client, follower, sender, metrics, CalendarSource()
    )
