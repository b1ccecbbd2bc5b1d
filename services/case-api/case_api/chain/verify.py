"""Checking the event store's hash chains: one aggregate, or the whole store page by page.

A report's ``status``: ``broken`` when there is any problem; ``unchained`` when the newest
event has no hash (nothing recorded since chaining began protects the stream); ``intact``
otherwise. Deleting a stream's newest event cannot be seen from inside the store: compare the
``chain_head`` with one kept elsewhere (a delivery receipt) for that.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from uuid import UUID

from sqlalchemy import Engine, select
from sqlalchemy.exc import SQLAlchemyError

from case_api.cases.tables import case_timeline
from case_api.chain.walk import ChainWalk, Problem, decode_state
from case_api.platform.eventstore import CaseStore
from case_api.platform.store_walk import PAGE, Progress, stored_events


@dataclass(frozen=True)
class ChainReport:
    aggregate_id: str
    status: str
    events: int
    unchained: int
    chain_head: str | None
    problems: list[Problem]


@dataclass(frozen=True)
class StoreReport:
    events: int
    aggregates: int
    unchained: int
    open_streams: int
    problems: list[Problem]

    @property
    def status(self) -> str:
        if self.problems:
            return "broken"
        return "unchained" if self.open_streams else "intact"


def verify_aggregate(
    store: CaseStore, aggregate_id: UUID, positions: Mapping[int, int] | None = None
) -> ChainReport:
    """``positions``: version → feed position, where known (the store does not say)."""
    walk = ChainWalk(store.mapper)
    for record in store.recorder.select_events(aggregate_id):
        walk.step(record, (positions or {}).get(record.originator_version))
    link = walk.links.get(str(aggregate_id))
    head = link.head if link else None
    if walk.problems:
        status = "broken"
    else:
        status = "intact" if link is None or link.chained else "unchained"
    return ChainReport(str(aggregate_id), status, walk.events, walk.unchained, head, walk.problems)


def verify_store(
    store: CaseStore, progress: Progress | None = None, page: int = PAGE
) -> StoreReport:
    """Every event in notification order; ``progress`` gets the position reached."""
    walk = ChainWalk(store.mapper)
    for notification in stored_events(store, progress, page):
        walk.step(notification, notification.id)
    open_streams = sum(1 for link in walk.links.values() if not link.chained)
    return StoreReport(walk.events, len(walk.links), walk.unchained, open_streams, walk.problems)


def chain_head(store: CaseStore, aggregate_id: UUID, version: int) -> str | None:
    """The hash of the aggregate's event at ``version``: the anchor others may keep."""
    records = store.recorder.select_events(aggregate_id, gt=version - 1, lte=version)
    if not records:
        return None
    try:
        state = decode_state(store.mapper, records[0])
    except Exception:  # noqa: BLE001 - a damaged record has no head to show; verify names it
        return None
    if "hash" in state:
        return state["hash"]
    # Recorded before chaining: its hash is computed by replaying the stream up to it.
    walk = ChainWalk(store.mapper)
    for record in store.recorder.select_events(aggregate_id, lte=version):
        walk.step(record)
    return walk.links[str(aggregate_id)].head


def timeline_positions(engine: Engine, stream_id: UUID) -> dict[int, int]:
    """Feed positions of a stream's events, as the read model has them (maybe not all)."""
    query = select(case_timeline.c.version, case_timeline.c.position).where(
        case_timeline.c.stream_id == str(stream_id)
    )
    try:
        with engine.connect() as conn:
            return {version: position for version, position in conn.execute(query)}
    except SQLAlchemyError:
        # Positions only enrich the report; a store checked without its read model still is.
        return {}
