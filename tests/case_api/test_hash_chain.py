"""Tamper evidence: each stream's events form a hash chain; a changed byte is found and named."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

import pytest
from eventsourcing.domain import Aggregate
from hypothesis import given, settings
from hypothesis import strategies as st

from case_api import cli
from case_api.cases.aggregate import Case
from case_api.chain.domain import GENESIS, ChainedAggregate, canonical_value, digest
from case_api.chain.verify import chain_head, verify_aggregate, verify_store
from case_api.clients.domain import ApiClient
from case_api.deadlines.calendar import ScheduleLoad
from case_api.platform.eventstore import CaseStore, store_env
from case_api.platform.settings import Settings
from case_api.registry.domain import Agency, Jurisdiction
from tests.api_client import Api
from tests.backends import BACKENDS, storage
from tests.case_api.chain_tampering import delete_event, flip_byte, rewrite_state, stored_state
from tests.case_api.test_case_properties import META
from tests.case_api.test_event_storage import every_event_case

SERVE = {"kind": "complaint_copy", "served_date": "2025-09-22"}
REPORT = {"subject": "complaint_copy", "reported_date": "2025-09-23"}


# -- the chain itself (no storage) ---------------------------------------------------------


def test_each_event_hashes_its_canonical_form_and_links_to_the_one_before():
    case = every_event_case()
    events = list(case.pending_events)
    assert events[0].prev_hash == GENESIS
    for before, after in zip(events, events[1:], strict=False):
        assert after.prev_hash == before.hash
    for e in events:
        topic = f"{type(e).__module__}:{type(e).__qualname__}"
        assert e.hash == digest(topic, e.originator_id, e.originator_version, vars(e))
    assert case.chain_head == events[-1].hash
    assert len({e.hash for e in events}) == len(events)


def test_every_aggregate_is_chained():
    import case_api.runtime  # noqa: F401  (imports every aggregate the service stores)

    def subclasses(cls: type) -> set[type]:
        return {s for c in cls.__subclasses__() for s in (c, *subclasses(c))}

    ours = {a for a in subclasses(Aggregate) if a.__module__.startswith("case_api.")}
    assert {Case, Jurisdiction, Agency, ScheduleLoad, ApiClient} <= ours
    for aggregate in ours:
        assert issubclass(aggregate, ChainedAggregate), aggregate


def test_canonical_form_is_blind_to_storage_but_not_to_meaning():
    def text(value: Any) -> str:
        return json.dumps(canonical_value(value), ensure_ascii=False)

    assert text((1, "a")) == text([1, "a"])
    assert text({"b": 1, "a": 2}) == text({"a": 2, "b": 1})
    assert text(date(2025, 1, 2)) != text("2025-01-02")
    assert text({"$date": "2025-01-02"}) != text(date(2025, 1, 2))
    assert text(True) != text(1)
    with pytest.raises(TypeError, match="No canonical form"):
        canonical_value({1, 2})


def test_the_same_event_with_one_field_changed_hashes_differently():
    event = every_event_case().pending_events[3]
    topic = f"{type(event).__module__}:{type(event).__qualname__}"
    fields = vars(event)
    changed = {**fields, "subject": fields["subject"] + "x"}
    assert digest(topic, event.originator_id, 4, fields) != digest(
        topic, event.originator_id, 4, changed
    )
    assert digest(topic, event.originator_id, 4, fields) != digest(
        topic, event.originator_id, 5, fields
    )


# -- every event type through the real stored form -----------------------------------------


@pytest.mark.parametrize("backend", BACKENDS)
def test_every_event_type_verifies_after_a_round_trip_through_the_store(backend, tmp_path: Path):
    with storage(backend, tmp_path) as fields:
        store = CaseStore(env=store_env(Settings(**fields)))
        try:
            case = every_event_case()
            store.save(case)
            report = verify_aggregate(store, case.id)
            loaded = store.repository.get(case.id)
        finally:
            store.close()
    assert report.status == "intact", report.problems
    assert report.events == case.version
    assert report.chain_head == case.chain_head == loaded.chain_head


# -- events recorded before chaining began -------------------------------------------------


def _unchained(event: Any) -> Any:
    """The event as the previous release stored it: without prev_hash and hash."""
    old = object.__new__(type(event))
    state = {k: v for k, v in vars(event).items() if k not in ("prev_hash", "hash")}
    object.__setattr__(old, "__dict__", state)
    return old


@pytest.mark.parametrize("backend", BACKENDS)
def test_events_from_before_chaining_load_and_are_covered_by_the_next_chained_event(
    backend, tmp_path: Path
):
    with storage(backend, tmp_path) as fields:
        s = Settings(**fields)
        store = CaseStore(env=store_env(s))
        try:
            case = every_event_case()
            old = [_unchained(e) for e in case.collect_events()[:5]]
            store.recorder.insert_events([store.mapper.to_stored_event(e) for e in old])
            before = verify_aggregate(store, case.id)
            loaded = store.repository.get(case.id)
            head_on_load = loaded.chain_head
            head_by_replay = chain_head(store, case.id, 5)
            loaded.flag_risk(
                level="high", description="群体性", found_date=date(2025, 9, 30), meta=META
            )
            store.save(loaded)
            after = verify_aggregate(store, case.id)
            rewrite_state(
                s, store, case.id, 2, lambda b: b.replace(b"complaint_copy", b"complaint_copz")
            )
            tampered = verify_aggregate(store, case.id)
        finally:
            store.close()
    assert (before.status, before.unchained, before.problems) == ("unchained", 5, [])
    assert head_by_replay == before.chain_head == head_on_load != GENESIS
    assert (after.status, after.unchained, after.problems) == ("intact", 5, [])
    assert after.chain_head == loaded.chain_head != head_by_replay
    assert [(p.version, p.kind) for p in tampered.problems] == [(6, "broken-link")]


# -- through the API -----------------------------------------------------------------------


async def _case_with_three_events(api: Api) -> tuple[str, list[dict[str, Any]]]:
    await api.register_guangzhou()
    filed = await api.file_case()
    served = await api.command(filed["case_id"], "documents", SERVE, api.court)
    reported = await api.command(filed["case_id"], "reports", REPORT, api.agency)
    await api.summary(filed["case_id"], reported["position"])
    return filed["case_id"], [filed, served, reported]


async def test_a_clean_case_verifies_and_its_head_is_in_the_write_the_summary_and_the_check(
    api: Api,
):
    case_id, writes = await _case_with_three_events(api)
    check = await api.client.get(f"/v1/cases/{case_id}/verify", headers=api.admin)
    summary = await api.summary(case_id)
    assert check.status_code == 200
    assert check.json() == {
        "case_id": case_id,
        "status": "intact",
        "events": 3,
        "unchained": 0,
        "chain_head": writes[-1]["chain_head"],
        "problems": [],
    }
    assert summary["chain_head"] == writes[-1]["chain_head"]
    timeline = await api.client.get(f"/v1/cases/{case_id}/events", headers=api.admin)
    assert all(not {"hash", "prev_hash"} & set(e["data"]) for e in timeline.json()["events"])
    assert writes[0]["chain_head"] != writes[1]["chain_head"] != writes[2]["chain_head"]


async def test_a_changed_byte_is_named_by_case_version_and_position(api: Api):
    case_id, writes = await _case_with_three_events(api)
    store = api.runtime.store
    rewrite_state(
        api.settings, store, UUID(case_id), 2, lambda b: b.replace(b"2025-09-22", b"2025-09-21")
    )
    check = (await api.client.get(f"/v1/cases/{case_id}/verify", headers=api.admin)).json()
    assert check["status"] == "broken"
    assert check["problems"] == [
        {
            "version": 2,
            "position": writes[1]["position"],
            "kind": "hash-mismatch",
            "detail": "stored state differs from its hash",
        }
    ]


async def test_a_byte_that_breaks_decoding_is_reported_not_a_crash(api: Api):
    case_id, _ = await _case_with_three_events(api)
    rewrite_state(api.settings, api.runtime.store, UUID(case_id), 1, flip_byte(0, ord("[")))
    check = (await api.client.get(f"/v1/cases/{case_id}/verify", headers=api.admin)).json()
    assert [(p["version"], p["kind"]) for p in check["problems"]] == [(1, "undecodable")]


async def test_a_changed_byte_that_keeps_the_meaning_is_still_reported(api: Api):
    """The timestamp reads back the same with a space for the 'T': the hash alone cannot see it."""
    case_id, _ = await _case_with_three_events(api)
    store = api.runtime.store
    state = stored_state(store, UUID(case_id), 2)
    at = state.index(b"T", state.index(b"datetime_iso"))
    rewrite_state(api.settings, store, UUID(case_id), 2, flip_byte(at, ord(" ")))
    check = (await api.client.get(f"/v1/cases/{case_id}/verify", headers=api.admin)).json()
    assert [(p["version"], p["kind"]) for p in check["problems"]] == [(2, "encoding-mismatch")]


async def test_a_deleted_event_in_the_middle_breaks_the_link(api: Api):
    case_id, _ = await _case_with_three_events(api)
    delete_event(api.settings, api.runtime.store, UUID(case_id), 2)
    check = (await api.client.get(f"/v1/cases/{case_id}/verify", headers=api.admin)).json()
    assert check["status"] == "broken"
    [problem] = check["problems"]
    assert (problem["version"], problem["kind"]) == (3, "broken-link")
    assert "follows version 1" in problem["detail"]


async def test_verify_is_for_those_who_may_see_the_case(api: Api):
    case_id, _ = await _case_with_three_events(api)
    path = f"/v1/cases/{case_id}/verify"
    for allowed in (api.admin, api.bureau, api.agency, api.court):
        assert (await api.client.get(path, headers=allowed)).status_code == 200
    foreign = await api.client.get(path, headers=api.token("agency_user", agency="th-gov"))
    other_bureau = await api.client.get(
        path, headers=api.token("bureau_officer", jurisdiction="gz-th")
    )
    missing = await api.client.get(f"/v1/cases/{uuid4()}/verify", headers=api.admin)
    assert foreign.status_code == other_bureau.status_code == missing.status_code == 404
    assert foreign.json()["code"] == missing.json()["code"] == "case-not-found"
    assert (await api.client.get(path)).status_code == 401


# -- through the command line --------------------------------------------------------------


def _cli_env(monkeypatch: pytest.MonkeyPatch, s: Settings) -> None:
    monkeypatch.setenv("CASE_API_EVENT_STORE_URL", s.event_store_url)
    monkeypatch.setenv("CASE_API_READMODEL_URL", s.readmodel_url)
    if s.event_store_schema:
        monkeypatch.setenv("CASE_API_EVENT_STORE_SCHEMA", s.event_store_schema)


async def test_cli_checks_the_whole_store_and_fails_naming_the_altered_event(
    api: Api, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    case_id, writes = await _case_with_three_events(api)
    _cli_env(monkeypatch, api.settings)
    assert cli.main(["verify"]) == 0
    clean = capsys.readouterr()
    assert "intact: 7 events in 5 streams, 0 unchained, 0 problems" in clean.out
    assert "7/7" in clean.err  # the progress bar
    rewrite_state(
        api.settings, api.runtime.store, UUID(case_id), 3, lambda b: b.replace(b"09-23", b"09-24")
    )
    assert cli.main(["verify"]) == 1
    out = capsys.readouterr().out
    assert f"hash-mismatch: {case_id} version 3 (position {writes[2]['position']}," in out
    assert cli.main(["verify", "--case", case_id]) == 1
    assert f"hash-mismatch: {case_id} version 3" in capsys.readouterr().out


# -- any single changed byte ---------------------------------------------------------------


@pytest.mark.parametrize("backend", BACKENDS)
def test_any_single_byte_change_in_any_stored_event_is_detected(backend, tmp_path: Path):
    with storage(backend, tmp_path) as fields:
        s = Settings(**fields)
        store = CaseStore(env=store_env(s))
        try:
            case = every_event_case()
            store.save(case)
            originals = {v: stored_state(store, case.id, v) for v in range(1, case.version + 1)}

            @settings(max_examples=60, deadline=None)
            @given(data=st.data())
            def altered_byte_is_found(data: st.DataObject) -> None:
                version = data.draw(st.integers(1, case.version), label="version")
                original = originals[version]
                offset = data.draw(st.integers(0, len(original) - 1), label="offset")
                value = data.draw(
                    st.integers(0, 255).filter(lambda b: b != original[offset]), label="byte"
                )
                rewrite_state(s, store, case.id, version, flip_byte(offset, value))
                try:
                    report = verify_store(store)
                finally:
                    rewrite_state(s, store, case.id, version, lambda _: original)
                assert {(p.aggregate_id, p.version) for p in report.problems} >= {
                    (str(case.id), version)
                }

            altered_byte_is_found()
            assert verify_store(store).status == "intact"
        finally:
            store.close()
