"""The event feed: ordered, resumable, scoped, long-polling, and never skipping late commits."""

from __future__ import annotations

import asyncio
import threading
from datetime import date

from case_api.cases.commands import CaseCommands
from case_api.platform.commands import Request
from case_api.platform.eventstore import CaseStore, store_env
from case_api.platform.groupcommit import GroupCommitter
from case_api.registry.service import RegistryService
from tests.api_client import ADMIN, GZ_CASE, Api, register_guangzhou


async def test_feed_resumes_from_last_position_and_long_polls(api: Api):
    await api.register_guangzhou()
    first = await api.client.get("/v1/events", params={"after": 0}, headers=api.admin)
    last = first.json()["last_position"]
    assert last == 4  # two jurisdictions, two agencies

    async def poll():
        return await api.client.get(
            "/v1/events", params={"after": last, "wait": 5}, headers=api.admin
        )

    waiting = asyncio.create_task(poll())
    await asyncio.sleep(0.2)
    assert not waiting.done()
    filed = await api.file_case()
    page = (await asyncio.wait_for(waiting, 5)).json()
    assert [e["position"] for e in page["events"]] == [filed["position"]]
    assert page["events"][0]["type"] == "CaseFiled"


async def test_long_poll_times_out_with_an_empty_page(api: Api):
    r = await api.client.get("/v1/events", params={"after": 0, "wait": 0.3}, headers=api.admin)
    assert r.status_code == 200
    assert r.json()["events"] == [] and r.json()["last_position"] == 0


async def test_feed_shows_an_agency_only_its_own_cases(api: Api):
    await api.register_guangzhou()
    own = await api.file_case()
    other = await api.file_case(
        case_number="（2025）粤0106行初999号",
        agencies=[{"agency_id": "th-gov", "role": "implementing"}],
    )
    await api.summary(other["case_id"], other["position"])
    page = (await api.client.get("/v1/events", params={"after": 0}, headers=api.agency)).json()
    case_ids = {e["stream_id"] for e in page["events"] if e["stream_type"] == "case"}
    assert case_ids == {own["case_id"]}
    assert page["last_position"] == other["position"]


def test_two_writers_with_crossing_commits_never_make_a_follower_skip(case_settings):
    """Two stores (as two replicas) append concurrently while a follower tails the log."""
    stores = [CaseStore(env=store_env(case_settings)) for _ in range(2)]
    committers = [GroupCommitter(s) for s in stores]
    registry = RegistryService(stores[0], committers[0], frozenset({"statutory"}))
    register_guangzhou(registry)
    per_writer, writers_done = 60, threading.Event()
    seen: list[int] = []

    def write(index: int) -> None:
        commands = CaseCommands(stores[index], committers[index], registry)
        facts = {**GZ_CASE, "filed_date": date(2025, 9, 20), "flags": []}
        for n in range(per_writer):
            facts["case_number"] = f"{index}-{n}"
            commands.file_case(Request(ADMIN), **facts)

    def follow() -> None:
        last = 0
        while True:
            done = writers_done.is_set()
            for n in stores[0].recorder.select_notifications(start=last + 1, limit=7):
                seen.append(n.id)
                last = n.id
            if done and last >= stores[0].max_position():
                return

    threads = [threading.Thread(target=write, args=(i,)) for i in range(2)]
    follower = threading.Thread(target=follow)
    follower.start()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    writers_done.set()
    follower.join(timeout=30)
    everything = [n.id for n in stores[0].recorder.select_notifications(start=1, limit=10_000)]
    assert seen == everything
    assert len(everything) == 2 + 2 * per_writer
    for committer, store in zip(committers, stores, strict=True):
        committer.close()
        store.close()
