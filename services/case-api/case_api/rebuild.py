"""Rebuilding the read models from the event store, with a progress bar."""

from __future__ import annotations

from tqdm import tqdm

from case_api.config import Settings
from case_api.runtime import build_runtime


def rebuild(settings: Settings, *, show_progress: bool = True) -> int:
    """Empty the projected tables and project every event again; return the event count."""
    runtime = build_runtime(settings.model_copy(update={"run_projector": False}))
    try:
        projector = runtime.projector
        total = runtime.store.max_position()
        projector.reset()
        with tqdm(total=total, unit="event", disable=not show_progress) as bar:
            projected = projector.catch_up(progress=bar.update)
        return projected
    finally:
        runtime.close()
