"""Following hash chains through stored events, oldest first, and naming what is wrong.

The walk works on stored records, not on loaded aggregates: an altered byte may leave a
record undecodable, and that must be reported, not stop the check. A chained event's hash is
recomputed from its stored state as decoded (before any upcasting), with its stored topic.

Kinds of problem:
- ``undecodable``: the stored state cannot be read back;
- ``hash-mismatch``: the stored state is not what was hashed when it was recorded;
- ``broken-link``: the event does not follow the one before it (an event removed, reordered
  or altered so as to keep its own hash consistent);
- ``missing-hash``: an event without ``hash`` after chained ones, or with ``prev_hash`` only;
- ``encoding-mismatch``: the stored bytes are not the encoding of what they decode to. The
  hash covers meaning, not bytes, and some bytes may change without changing the meaning
  (``2025-09-22T10:00`` and ``2025-09-22 10:00`` read back as the same instant); since the
  store writes one encoding only, any other one was written behind its back.
Events recorded before chaining began are counted as ``unchained``, which is not a problem.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from eventsourcing.persistence import Mapper, StoredEvent

from case_api.chain.domain import GENESIS, digest, legacy_hash

ENCODING_MISMATCH = "stored bytes are not the encoding of their own content"


@dataclass(frozen=True)
class Problem:
    aggregate_id: str
    version: int
    position: int | None
    topic: str
    kind: str
    detail: str


@dataclass
class Link:
    """Where an aggregate's chain has reached: its version and head (None: not known)."""

    version: int = 0
    head: str | None = GENESIS
    chained: bool = False


@dataclass
class ChainWalk:
    mapper: Mapper[Any]
    links: dict[str, Link] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    events: int = 0
    unchained: int = 0

    def step(self, record: StoredEvent, position: int | None = None) -> None:
        self.events += 1
        key = str(record.originator_id)
        link = self.links.setdefault(key, Link())
        try:
            data = plain_bytes(self.mapper, record)
            state = decode_plain(self.mapper, data)
            reencoded = self.mapper.transcoder.encode(state)
        except Exception as error:  # noqa: BLE001 - whatever an altered byte breaks
            self._report(record, position, "undecodable", f"{type(error).__name__}: {error}")
            link.version, link.head = record.originator_version, None
            return
        if reencoded != data:
            self._report(record, position, "encoding-mismatch", ENCODING_MISMATCH)
        gap = record.originator_version != link.version + 1
        if "hash" in state:
            self._check_chained(record, position, state, link, gap)
        else:
            self._check_unchained(record, position, state, link, gap)
        link.version = record.originator_version

    def _check_chained(
        self,
        record: StoredEvent,
        position: int | None,
        state: dict[str, Any],
        link: Link,
        gap: bool,
    ) -> None:
        expected = digest(record.topic, record.originator_id, record.originator_version, state)
        if state["hash"] != expected:
            self._report(record, position, "hash-mismatch", "stored state differs from its hash")
        if link.head is not None and (gap or state.get("prev_hash") != link.head):
            self._report(record, position, "broken-link", _link_detail(link, gap))
        link.head, link.chained = state["hash"], True

    def _check_unchained(
        self,
        record: StoredEvent,
        position: int | None,
        state: dict[str, Any],
        link: Link,
        gap: bool,
    ) -> None:
        self.unchained += 1
        if link.chained or "prev_hash" in state:
            self._report(record, position, "missing-hash", "no hash in a chained stream")
        elif gap:
            self._report(record, position, "broken-link", _link_detail(link, gap))
        if link.head is None:
            return
        try:
            link.head = legacy_hash(self.mapper.to_domain_event(record), link.head)
        except Exception as error:  # noqa: BLE001 - an old record that no longer loads
            self._report(record, position, "undecodable", f"{type(error).__name__}: {error}")
            link.head = None

    def _report(self, record: StoredEvent, position: int | None, kind: str, detail: str) -> None:
        problem = Problem(
            str(record.originator_id),
            record.originator_version,
            position,
            record.topic,
            kind,
            detail[:300],
        )
        self.problems.append(problem)


def decode_state(mapper: Mapper[Any], record: StoredEvent) -> dict[str, Any]:
    """The stored state as recorded: decoded, not upcast, without the id and version."""
    return decode_plain(mapper, plain_bytes(mapper, record))


def plain_bytes(mapper: Mapper[Any], record: StoredEvent) -> bytes:
    data = record.state
    if mapper.cipher:
        data = mapper.cipher.decrypt(data)
    if mapper.compressor:
        data = mapper.compressor.decompress(data)
    return data


def decode_plain(mapper: Mapper[Any], data: bytes) -> dict[str, Any]:
    state = mapper.transcoder.decode(data)
    if not isinstance(state, dict):
        msg = f"state is a {type(state).__name__}, not an object"
        raise TypeError(msg)
    return state


def _link_detail(link: Link, gap: bool) -> str:
    if gap:
        return f"follows version {link.version}: the versions between are missing"
    return "prev_hash is not the hash of the event before it"
