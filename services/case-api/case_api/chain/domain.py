"""A tamper-evident record: each aggregate's events form a hash chain.

Every event carries ``prev_hash`` (the hash of the event before it in the same stream, or
``GENESIS`` for the first) and ``hash``, the digest of the event's canonical form: its topic,
aggregate id, version, timestamp, every field and ``prev_hash``. Altering or removing a
stored event breaks the chain at that point; a head hash kept outside the system (a court's
delivery receipt) also pins everything before it.

Events recorded before chaining began carry neither field. Their digests are computed when
they are replayed, as if they had been chained, so the first chained event after them links
to them and protects them from then on.

The canonical form is built from values, not from stored bytes, so it survives any storage
encoding: tuples and lists are the same, dates and UUIDs are tagged (``{"$date": ...}``),
and a dictionary key starting with ``$`` gets one more ``$`` so no data can pose as a tag.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import sys
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate
from eventsourcing.utils import get_topic, register_topic

ALGORITHM = "sha256"
GENESIS = f"{ALGORITHM}:" + "0" * 64
PENDING = ""
"""``hash`` while an event is being triggered: it is sealed once the library has built it."""

NOT_HASHED = frozenset({"originator_id", "originator_version", "hash", "class_version"})
"""Id and version are hashed from their own arguments; ``class_version`` is storage's."""


def digest(topic: str, originator_id: UUID | str, version: int, fields: Mapping[str, Any]) -> str:
    """``sha256:<hex>`` of the canonical form of one event (``fields`` may include ignored keys)."""
    body = {k: v for k, v in fields.items() if k not in NOT_HASHED}
    canonical = [topic, str(originator_id), version, canonical_value(body)]
    text = json.dumps(canonical, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return f"{ALGORITHM}:{hashlib.sha256(text.encode()).hexdigest()}"


def legacy_hash(event: Any, prev_hash: str) -> str:
    """The hash an event recorded before chaining would have had, given its predecessor's."""
    fields = {**vars(event), "prev_hash": prev_hash}
    return digest(former_topic(type(event)), event.originator_id, event.originator_version, fields)


_FORMER_MODULES: dict[str, str] = {}


def register_former_module(former: str, module_name: str) -> None:
    """Events of ``module_name`` were once stored under the module path ``former``.

    Stored topics are ``module:Qualname``: the alias makes the old ones resolve to the moved
    classes, and unchained events keep hashing under the topic they were stored with (all
    events recorded before chaining predate any move).
    """
    register_topic(former, sys.modules[module_name])
    _FORMER_MODULES[module_name] = former


def former_topic(cls: type) -> str:
    """The topic ``cls`` had before its module moved (its own topic if it never moved)."""
    module, _, qualname = get_topic(cls).partition(":")
    return f"{_FORMER_MODULES.get(module, module)}:{qualname}"


_AS_IS = frozenset({str, int, float, bool, type(None)})


def canonical_value(value: Any) -> Any:
    """A JSON-ready value equal for equal event values, whatever way they were stored."""
    kind = type(value)
    if kind in _AS_IS:
        return value
    if kind is dict:
        return {_key(k): canonical_value(v) for k, v in sorted(value.items())}
    if kind is list or kind is tuple:
        return [canonical_value(v) for v in value]
    return _tagged(value)


def _tagged(value: Any) -> Any:
    """Types JSON lacks get a tag; subclasses of JSON's own types hash as the plain value."""
    if isinstance(value, Enum):
        return canonical_value(value.value)
    if isinstance(value, dict):
        return canonical_value(dict(value))
    if isinstance(value, list | tuple):
        return [canonical_value(v) for v in value]
    for builtin in (str, int, float):
        if isinstance(value, builtin):
            return builtin(value)
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, UUID):
        return {"$uuid": str(value)}
    if isinstance(value, Decimal):
        return {"$decimal": str(value)}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
        return {"$dataclass": canonical_value(fields)}
    msg = f"No canonical form for {type(value).__name__}: add one beside its transcoding"
    raise TypeError(msg)


def _key(key: Any) -> str:
    if not isinstance(key, str):
        msg = f"Event dictionaries must have string keys, not {key!r}"
        raise TypeError(msg)
    return "$" + key if key.startswith("$") else key


class ChainedAggregate(Aggregate):
    """Base of every aggregate: its events carry ``prev_hash`` and ``hash``.

    ``chain_head`` is the hash of the newest event, the value others may keep as an anchor.
    """

    class Event(Aggregate.Event):
        # Keyword-only with a default: events stored before chaining load without them.
        prev_hash: str | None = dataclasses.field(default=None, kw_only=True)
        hash: str | None = dataclasses.field(default=None, kw_only=True)

        def mutate(self, aggregate: Any) -> Any:
            prev = GENESIS if aggregate is None else aggregate.chain_head
            mutated: Any = super().mutate(aggregate)
            mutated.chain_head = self.hash if self.hash is not None else legacy_hash(self, prev)
            return mutated

    class Created(Event, Aggregate.Created):
        pass

    @classmethod
    def _create(cls, event_class: Any, **kwargs: Any) -> Any:
        aggregate = super()._create(event_class, prev_hash=GENESIS, hash=PENDING, **kwargs)
        aggregate._seal(aggregate.pending_events[-1])
        return aggregate

    def trigger_event(self, event_class: Any, **kwargs: Any) -> None:
        super().trigger_event(event_class, prev_hash=self.chain_head, hash=PENDING, **kwargs)
        self._seal(self.pending_events[-1])

    def _seal(self, event: Any) -> None:
        # The library builds the event (and its timestamp) inside trigger_event, so the
        # digest can only be taken afterwards; the event is not yet stored or shared.
        sealed = digest(
            get_topic(type(event)), event.originator_id, event.originator_version, vars(event)
        )
        object.__setattr__(event, "hash", sealed)
        self.chain_head = sealed
