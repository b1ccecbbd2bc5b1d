"""Rebuilding the read models from the event store, with a progress bar; projecting in a
process of its own (``case-api project``)."""

from __future__ import annotations

import signal
from types import FrameType

from case_api.platform.settings import Settings
from case_api.platform.store_walk import position_bar
from case_api.readmodel.loop import ProjectorThread
from case_api.runtime import build_runtime, fallback_poll, store_wakeups

REBUILD_BATCH = 2000  # events per transaction: per-event commits cap a rebuild at ~1,250/s


def rebuild(settings: Settings, *, show_progress: bool = True) -> int:
    """Empty the projected tables and project every event again; return the final position."""
    runtime = build_runtime(settings.model_copy(update={"run_projector": False}))
    try:
        projector = runtime.projector
        projector.batch_size = max(projector.batch_size, REBUILD_BATCH)
        total = runtime.store.max_position()
        projector.reset()
        with position_bar(total, show_progress) as advance:
            return projector.catch_up(progress=advance)
    finally:
        runtime.close()


def project(settings: Settings, *, once: bool = False, show_progress: bool = True) -> int:
    """The projector as a process of its own: the API processes then only follow its
    position (``CASE_API_RUN_PROJECTOR=false``) and keep their CPU for requests.

    Several may run: replicas take turns batch by batch. ``once``: catch up and exit.
    SIGTERM and SIGINT stop it after the batch in hand. Returns the position reached.
    """
    runtime = build_runtime(settings.model_copy(update={"run_projector": False}))
    try:
        projector = runtime.projector
        if once:
            with position_bar(runtime.store.max_position(), show_progress) as advance:
                return projector.catch_up(progress=advance)
        wakeups = store_wakeups(settings, runtime.store, lambda: None)
        loop = ProjectorThread(projector, fallback_poll(settings, wakeups))
        wakeups.wake = loop.wake
        runtime.listen(wakeups)

        def stop(_signal: int, _frame: FrameType | None) -> None:
            loop.stop()

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        loop.run_until_stopped()
        return projector.position()
    finally:
        runtime.close()
