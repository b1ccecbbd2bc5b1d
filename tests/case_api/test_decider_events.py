"""Accountability events stored before parties carried ``city_managed`` and decisions their
registry-checked ``deciding_agency`` still load, as persons not city-managed and decisions
naming no registry code."""

from __future__ import annotations

from pathlib import Path

import pytest

from case_api.platform.eventstore import CaseStore, store_env
from case_api.platform.settings import Settings
from tests.backends import BACKENDS, storage
from tests.case_api.test_event_storage import every_event_case


@pytest.mark.parametrize("backend", BACKENDS)
def test_parties_and_decisions_stored_before_the_new_fields_load(backend, tmp_path: Path):
    case = every_event_case()
    for former in case.pending_events:
        kind = type(former).__name__
        if kind == "ResponsiblePartyNamed" and former.party["party_id"] == "p1":
            party = {k: v for k, v in former.party.items() if k != "city_managed"}
            object.__setattr__(former, "party", party)
        if kind == "AccountabilityDecided":
            object.__delattr__(former, "deciding_agency")
            object.__delattr__(former, "decider")
    with storage(backend, tmp_path) as fields:
        store = CaseStore(env=store_env(Settings(**fields)))
        store.save(case)
        stored = [e for e in store.events.get(case.id) if type(e).__name__.endswith("Decided")]
        loaded = store.repository.get(case.id)
        store.close()
    decided = next(e for e in stored if type(e).__name__ == "AccountabilityDecided")
    assert "deciding_agency" not in vars(decided)
    assert loaded.accountability["city_managed"] == ["p2"]
    assert loaded.accountability["handed_over"] == {"p2": "city_discipline_commission"}
    assert loaded.accountability["decisions"]["p1"]["decision"] == "sanction"
    assert loaded.response_lead["basis"] == "major_case"
