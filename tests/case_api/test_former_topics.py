"""Events stored before the capability layout (topics under ``case_api.domain.*``) still load,
hash and verify, and events appended after them link to them."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from eventsourcing.utils import get_topic, resolve_topic

import case_api.runtime  # noqa: F401  (imports every aggregate the service stores)
from case_api.cases.aggregate import Case
from case_api.chain.domain import GENESIS, digest
from case_api.chain.verify import verify_aggregate
from case_api.clients.domain import ApiClient
from case_api.deadlines.calendar import ScheduleLoad
from case_api.platform.eventstore import CaseStore, store_env
from case_api.platform.settings import Settings
from case_api.registry.domain import Agency, Jurisdiction
from tests.backends import BACKENDS, storage
from tests.case_api.test_case_properties import META
from tests.case_api.test_event_storage import every_event_case

# Where each aggregate's module stood when its first events were stored.
FORMER_MODULES = {
    Case: "case_api.domain.case",
    Agency: "case_api.domain.registry",
    Jurisdiction: "case_api.domain.registry",
    ScheduleLoad: "case_api.domain.calendar",
    ApiClient: "case_api.domain.clients",
}
UNCHAINED = 3


def _former(topic: str, aggregate: type) -> str:
    return FORMER_MODULES[aggregate] + ":" + topic.partition(":")[2]


def test_every_topic_of_the_former_layout_resolves_to_the_moved_class():
    for aggregate in FORMER_MODULES:
        classes = [aggregate] + [
            value
            for value in vars(aggregate).values()
            if isinstance(value, type) and issubclass(value, aggregate.Event)
        ]
        for cls in classes:
            assert resolve_topic(_former(get_topic(cls), aggregate)) is cls


def _as_formerly_stored(events: list[Any]) -> list[Any]:
    """The events as the former layout stored them: the first unchained, all under old topics."""
    prev, out = GENESIS, []
    for index, event in enumerate(events):
        topic = _former(get_topic(type(event)), Case)
        state = {k: v for k, v in vars(event).items() if k not in ("prev_hash", "hash")}
        if index < UNCHAINED:
            prev = digest(
                topic, event.originator_id, event.originator_version, {**state, "prev_hash": prev}
            )
        else:
            state["prev_hash"] = prev
            state["hash"] = prev = digest(
                topic, event.originator_id, event.originator_version, state
            )
        old = object.__new__(type(event))
        object.__setattr__(old, "__dict__", state)
        out.append((old, topic))
    return out


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_case_stored_under_former_topics_loads_verifies_and_takes_new_events(
    backend, tmp_path: Path
):
    with storage(backend, tmp_path) as fields:
        store = CaseStore(env=store_env(Settings(**fields)))
        try:
            case = every_event_case()
            formerly = _as_formerly_stored(case.collect_events()[:8])
            store.recorder.insert_events(
                [
                    dataclasses.replace(store.mapper.to_stored_event(event), topic=topic)
                    for event, topic in formerly
                ]
            )
            before = verify_aggregate(store, case.id)
            loaded = store.repository.get(case.id)
            head_on_load = loaded.chain_head
            loaded.flag_risk(
                level="high", description="群体性", found_date=date(2025, 9, 30), meta=META
            )
            store.save(loaded)
            after = verify_aggregate(store, case.id)
            newest = list(store.recorder.select_events(case.id))[-1]
        finally:
            store.close()
    assert (before.status, before.unchained, before.problems) == ("intact", UNCHAINED, [])
    assert before.chain_head == head_on_load == formerly[-1][0].hash
    assert (after.status, after.unchained, after.problems) == ("intact", UNCHAINED, [])
    assert after.chain_head == loaded.chain_head
    assert newest.topic == "case_api.cases.aggregate:Case.RiskFlagged"
