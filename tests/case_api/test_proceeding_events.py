"""The proceeding-kind events survive the store, and a filing stored before the kind was kept
loads as an administrative suit."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from uuid import uuid4

import pytest

from case_api.cases.aggregate import Case
from case_api.platform.eventstore import CaseStore, store_env
from case_api.platform.settings import Settings
from tests.backends import BACKENDS, storage
from tests.case_api.test_case_properties import META


def filed(kind: str, number: str) -> Case:
    return Case(
        id=uuid4(),
        court="jz-government",
        case_number=number,
        jurisdiction="jz",
        pack="jinzhai",
        agencies=[{"agency_id": "a", "role": "implementing"}],
        subject_matter="s",
        plaintiff_count=1,
        filed_date=date(2026, 11, 2),
        flags=[],
        meta=META,
        proceeding_kind=kind,
    )


@pytest.mark.parametrize("backend", BACKENDS)
def test_proceeding_events_round_trip_through_the_store(backend, tmp_path: Path):
    reconsidered = filed("reconsideration", "金政复决〔2026〕3号")
    reconsidered.decide_reconsideration(
        outcome="revoked",
        served_date=date(2026, 11, 10),
        decision_number="金政复决〔2026〕3号",
        counts_as_loss=True,
        loss_source="001 三(一)",
        meta=META,
    )
    sued = filed("agency_plaintiff", "（2026）皖1524民初8号")
    sued.report_before_suing(
        reported_date=date(2026, 11, 1), reported_to="王副县长", note="", meta=META
    )
    with storage(backend, tmp_path) as fields:
        store = CaseStore(env=store_env(Settings(**fields)))
        for case in (reconsidered, sued):
            pending = list(case.pending_events)
            store.save(case)
            loaded = store.repository.get(case.id)
            assert vars(loaded) == vars(case)
            assert [vars(e) for e in store.events.get(case.id)] == [vars(e) for e in pending]
        store.close()
    assert (loaded.proceeding_kind, loaded.pre_suit_reported) == ("agency_plaintiff", True)
    assert store.repository is not None


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_filing_stored_without_a_kind_loads_as_an_administrative_suit(backend, tmp_path: Path):
    case = filed("administrative_suit", "（2025）皖1524行初1号")
    former = case.pending_events[0]
    object.__delattr__(former, "proceeding_kind")  # as filings were stored before the kind
    with storage(backend, tmp_path) as fields:
        store = CaseStore(env=store_env(Settings(**fields)))
        store.save(case)
        stored = next(iter(store.events.get(case.id)))
        loaded = store.repository.get(case.id)
        store.close()
    assert "proceeding_kind" not in vars(stored)
    assert loaded.proceeding_kind == "administrative_suit"
    assert loaded.filed["proceeding_kind"] == "administrative_suit"


def test_a_filing_that_names_no_kind_is_an_administrative_suit():
    """Court deliveries and imports written before the kind existed name none."""
    case = Case(
        id=uuid4(),
        court="c",
        case_number="（2025）皖1524行初2号",
        jurisdiction="jz",
        pack="jinzhai",
        agencies=[{"agency_id": "a", "role": "implementing"}],
        subject_matter="s",
        plaintiff_count=1,
        filed_date=date(2026, 11, 2),
        flags=[],
        meta=META,
    )
    assert case.proceeding_kind == "administrative_suit"
    assert case.pending_events[0].proceeding_kind == "administrative_suit"
