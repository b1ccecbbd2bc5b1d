"""Events stored before appearances kept court conduct, transfers cited grounds and decisions
named risk registrations still load and project: absent means none of them."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.persistence import StoredEvent

from case_api.accountability.policy import PackPolicies
from tests.case_api.accountability_steps import Place

META = {"principal_id": "t", "role": "agency_user", "request_id": None}


def _store_without(place: Place, case: Any, fields: tuple[str, ...]) -> int:
    """Store the case's pending event with ``fields`` left out, as an older release did."""
    store = place.api.runtime.store
    [new] = [store.mapper.to_stored_event(e) for e in case.collect_events()]
    state = store.mapper.transcoder.decode(new.state)
    for field in fields:
        del state[field]
    encoded = store.mapper.transcoder.encode(state)
    store.recorder.insert_events(
        [StoredEvent(new.originator_id, new.originator_version, new.topic, encoded)]
    )
    place.api.runtime.projector_thread.wake()
    place.position = store.max_position()
    return int(new.originator_version)


async def test_an_appearance_stored_before_court_conduct_counts_as_attended(api):  # type: ignore[no-untyped-def]
    xs = Place(api, "xiangshan")
    await xs.register()
    r = await api.client.post(
        "/v1/cases",
        json={
            "court": xs.court_code,
            "case_number": "（2025）浙0225行初5号",
            "agencies": [{"agency_id": xs.agency_code, "role": "implementing"}],
            "subject_matter": "行政处罚",
            "filed_date": "2025-06-01",
        },
        headers=xs.court,
    )
    case_id = r.json()["case_id"]
    summons = {
        "kind": "summons",
        "served_date": "2025-06-10",
        "hearing_date": "2025-07-10",
        "document_number": "",
    }
    await xs.do(case_id, "documents", summons, "court")
    store = api.runtime.store
    case = store.repository.get(UUID(case_id))
    head = [{"name": "李局长", "role": "principal_head", "title": "", "spoke_in_court": True}]
    case.record_appearance(hearing_date=date(2025, 7, 10), appearances=head, meta=META)
    version = _store_without(xs, case, ("refused_to_attend", "left_without_permission"))

    assert store.repository.get(UUID(case_id)).version == version
    deadlines = await xs.deadlines(case_id)
    assert deadlines["hearing"][0]["status"] == "met"
    r = await api.client.get(
        "/v1/statistics",
        params={
            "jurisdiction": "xs",
            "from": "2025-07-01",
            "to": "2025-07-31",
            "min_position": xs.position,
        },
        headers=xs.bureau,
    )
    counts = r.json()["counts"]
    assert (counts["hearings_held"], counts["hearings_refused"], counts["hearings_left"]) == (
        1,
        0,
        0,
    )
    assert r.json()["four_failures"]["no_appearance"] == 0


async def test_a_transfer_stored_before_grounds_loads_with_none(api):  # type: ignore[no-untyped-def]
    xs = Place(api, "xiangshan")
    await xs.register()
    case_id = await xs.lost_case("2026-01-09", "2026-01-26")
    store = api.runtime.store
    case = store.repository.get(UUID(case_id))
    case.transfer_to_discipline_organ(
        transferred_date=date(2026, 2, 5),
        organ="县纪委监委",
        reason="",
        ground="major_fault",
        meta=META,
        policy=PackPolicies()("xiangshan"),
    )
    version = _store_without(xs, case, ("ground", "ground_source"))

    loaded = store.repository.get(UUID(case_id))
    assert loaded.version == version and loaded.accountability["transferred"]
    transfer = (await xs.view(case_id, "bureau"))["transfer"]
    assert (transfer["organ"], transfer["ground"], transfer["ground_source"]) == (
        "县纪委监委",
        None,
        None,
    )
