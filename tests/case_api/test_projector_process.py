"""The projector as a process of its own (``case-api project``): the API processes only
follow the position it reaches, and still answer a read of one's own write."""

from __future__ import annotations

from datetime import date

from case_api.platform.commands import Request
from case_api.readmodel.loop import ProjectorThread
from case_api.readmodel.rebuild import project
from case_api.runtime import build_runtime
from tests.api_client import ADMIN, GZ_CASE, open_api, register_guangzhou


async def test_a_read_of_ones_own_write_waits_for_a_projector_in_another_process(case_settings):
    settings = case_settings.model_copy(update={"run_projector": False})
    elsewhere = build_runtime(settings)
    projector = ProjectorThread(elsewhere.projector, 0.01)
    projector.start()
    try:
        async with open_api(settings) as api:
            await api.register_guangzhou()
            filed = await api.file_case()
            r = await api.client.get(
                f"/v1/cases/{filed['case_id']}",
                params={"min_position": filed["position"]},
                headers=api.admin,
            )
            assert r.status_code == 200, r.text
            assert r.json()["case_number"] == GZ_CASE["case_number"]
    finally:
        projector.stop()
        elsewhere.close()


def test_project_once_catches_up_with_the_store_and_stops(case_settings):
    settings = case_settings.model_copy(update={"run_projector": False})
    runtime = build_runtime(settings)
    try:
        register_guangzhou(runtime.registry)
        facts = {**GZ_CASE, "filed_date": date(2025, 9, 20), "flags": []}
        written = runtime.commands.file_case(Request(ADMIN), **facts)
        assert runtime.projector.position() == 0
        assert project(settings, once=True, show_progress=False) == written.position
        assert runtime.projector.position() == written.position
    finally:
        runtime.close()
