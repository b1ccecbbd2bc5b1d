"""What the event store holds, against what the writers were told: the figures of a fault run.

Every write carried its Idempotency-Key, which the case records as the request id of its
event: an answered write whose event is missing is lost, a key with two events is
duplicated, an answer whose case, version (and ETag), position or chain head is not its
event's disagrees with the store.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from case_api.platform.eventstore import CaseStore
from case_api.platform.store_walk import stored_events
from tests.faults.load import PRINCIPAL, Tally, Write


@dataclass(frozen=True)
class Stored:
    case_id: str
    version: int
    position: int
    chain_head: str


@dataclass(frozen=True)
class Figures:
    backend: str
    kills: int
    cuts: str
    acknowledged: int
    lost: int
    duplicated: int
    disagreeing: int
    server_errors: int
    unavailable: int
    in_flight: int
    refused: int

    HEADER = (
        "backend        kills  cut  acknowledged  lost  duplicated  disagreeing  5xx  "
        "| 503 Retry-After  409 in flight  refused"
    )

    def row(self) -> str:
        return (
            f"{self.backend:<14} {self.kills:>5}  {self.cuts:<3}  {self.acknowledged:>12}  "
            f"{self.lost:>4}  {self.duplicated:>10}  {self.disagreeing:>11}  "
            f"{self.server_errors:>3}  | {self.unavailable:>15}  {self.in_flight:>13}  "
            f"{self.refused:>7}"
        )

    @property
    def clean(self) -> bool:
        return not (
            self.lost or self.duplicated or self.disagreeing or self.server_errors or self.refused
        )


def events_by_request(store: CaseStore) -> dict[str, list[Stored]]:
    found: dict[str, list[Stored]] = defaultdict(list)
    for notification in stored_events(store):
        event: Any = store.mapper.to_domain_event(notification)
        meta = getattr(event, "meta", None) or {}
        if meta.get("principal_id") == PRINCIPAL and meta.get("request_id"):
            found[meta["request_id"]].append(
                Stored(
                    str(event.originator_id), event.originator_version, notification.id, event.hash
                )
            )
    return found


def figures(
    backend: str, kills: int, cuts: str, writes: list[Write], tally: Tally, store: CaseStore
) -> Figures:
    stored = events_by_request(store)
    answered = [w for w in writes if w.answers]
    disagreeing = 0
    for write in answered:
        events = stored.get(write.key, [])
        for answer in write.answers:
            if len(events) != 1 or not _agrees(answer, events[0]):
                disagreeing += 1
    refused_but_stored = sum(1 for w in writes if w.refused and w.key in stored)
    return Figures(
        backend=backend,
        kills=kills,
        cuts=cuts,
        acknowledged=len(answered),
        lost=sum(1 for w in answered if w.key not in stored),
        duplicated=sum(1 for events in stored.values() if len(events) > 1),
        disagreeing=disagreeing + refused_but_stored,
        server_errors=tally.counts["5xx"],
        unavailable=tally.counts["503 storage-unavailable"],
        in_flight=tally.counts["409 in flight"],
        refused=tally.counts["refused"],
    )


def _agrees(answer: dict[str, Any], event: Stored) -> bool:
    return (
        answer["case_id"] == event.case_id
        and answer["version"] == event.version
        and answer["etag"] == f'"{event.version}"'
        and answer["position"] == event.position
        and answer["chain_head"] == event.chain_head
    )
