"""Walking the whole event store for an operator command: every stored event in notification
order, page by page, with the position reached shown on a progress bar."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from eventsourcing.persistence import Notification
from tqdm import tqdm

from case_api.platform.eventstore import CaseStore, store_env
from case_api.platform.settings import Settings

PAGE = 500
Progress = Callable[[int], None]
"""Told the position reached after each page."""


@contextmanager
def opened_store(settings: Settings) -> Iterator[CaseStore]:
    settings.prepare_local_dirs()
    store = CaseStore(env=store_env(settings))
    try:
        yield store
    finally:
        store.close()


def stored_events(
    store: CaseStore, progress: Progress | None = None, page: int = PAGE
) -> Iterator[Notification]:
    """Oldest first; each carries its feed position as ``id``."""
    start = 1
    while notifications := store.recorder.select_notifications(start, page):
        yield from notifications
        start = notifications[-1].id + 1
        if progress:
            progress(notifications[-1].id)


@contextmanager
def position_bar(total: int, show: bool = True) -> Iterator[Progress]:
    """A bar on stderr from position 0 to ``total``; yields what moves it to a position."""
    with tqdm(total=total, unit="event", disable=not show) as bar:
        yield lambda position: bar.update(position - bar.n)
