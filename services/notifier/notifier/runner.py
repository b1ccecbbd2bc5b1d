"""``notifier run``: follower + sender threads and the operator API in one process."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from sqlalchemy import Engine, text

from notifier.feed.follower import FollowerThread
from notifier.main import create_app
from notifier.platform.config import Settings
from notifier.runtime import Runtime, build_runtime
from notifier.sending.sender import SenderThread
from shared.outage import wait_for_storage

log = logging.getLogger(__name__)


def start_workers(runtime: Runtime) -> tuple[FollowerThread, SenderThread]:
    follower = FollowerThread(runtime.follower)
    sender = SenderThread(
        runtime.sender, runtime.settings.sender_poll_seconds, _every(1.0, runtime.plan_bulletins)
    )
    follower.start()
    sender.start()
    return follower, sender


def _every(seconds: float, action: Callable[[], None]) -> Callable[[], None]:
    """Throttle ``action`` to once per ``seconds`` of process time (an operational rate, not
    business time: which bulletins are due is decided by the injected clock)."""
    last = [float("-inf")]

    def tick() -> None:
        if time.monotonic() - last[0] >= seconds:
            last[0] = time.monotonic()
            action()

    return tick


def _ping(engine: Engine) -> None:
    with engine.connect() as conn:
        conn.execute(text("SELECT 1"))


def run(settings: Settings) -> None:
    import threading

    import uvicorn

    runtime = build_runtime(settings)
    wait_for_storage(
        lambda: _ping(runtime.engine), "the notifier database", settings.storage_wait_seconds, log
    )
    follower, sender = start_workers(runtime)
    try:
        if settings.run_api:
            app = create_app(settings, runtime=runtime)
            uvicorn.run(app, host=settings.host, port=settings.port, log_level="warning")
        else:
            threading.Event().wait()
    finally:
        follower.stop()
        sender.stop()
        runtime.close()
