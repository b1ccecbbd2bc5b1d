"""Rebuilding the read models from the event store, with a progress bar."""

from __future__ import annotations

from case_api.platform.settings import Settings
from case_api.platform.store_walk import position_bar
from case_api.runtime import build_runtime

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
