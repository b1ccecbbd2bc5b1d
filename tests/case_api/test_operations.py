"""Health, readiness, metrics, and the rebuild command with its progress bar."""

from __future__ import annotations

import subprocess
import sys

from tests.api_client import Api


async def test_health_ready_and_metrics(api: Api):
    assert (await api.client.get("/healthz")).json()["status"] == "ok"
    ready = await api.client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["checks"] == {"readmodel": "ok", "event_store": "ok"}
    await api.register_guangzhou()
    metrics = (await api.client.get("/metrics")).text
    assert 'case_api_requests_total{method="POST",route="/v1/agencies",status="201"}' in metrics
    assert "case_api_projection_lag_events" in metrics


async def test_readyz_reports_a_broken_read_model_database(api: Api):
    api.runtime.engine.dispose()
    api.runtime.engine.url = api.runtime.engine.url.set(database="/nonexistent/dir/x.db")
    broken = api.runtime.engine
    from case_api.platform.db import make_engine

    api.runtime.engine = make_engine(str(broken.url))
    ready = await api.client.get("/readyz")
    assert ready.status_code == 503
    assert ready.json()["checks"]["readmodel"].startswith("error")


async def test_rebuild_command_shows_progress_and_restores_the_tables(api: Api):
    await api.register_guangzhou()
    filed = await api.file_case()
    before = await api.summary(filed["case_id"], filed["position"])
    env = {
        "CASE_API_EVENT_STORE_URL": api.settings.event_store_url,
        "CASE_API_READMODEL_URL": api.settings.readmodel_url,
        "CASE_API_EVENT_STORE_SCHEMA": api.settings.event_store_schema or "",
        "PATH": "/usr/bin:/bin",
    }
    env = {k: v for k, v in env.items() if v}
    done = subprocess.run(
        [sys.executable, "-m", "case_api.cli", "rebuild"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "rebuilt the read models from 5 events" in done.stdout
    assert "5/5" in done.stderr  # the progress bar
    assert await api.summary(filed["case_id"]) == before


async def test_load_calendar_command_records_the_schedule_as_an_event(api: Api, tmp_path):
    import json

    schedule = {"year": 2027, "holidays": ["2027-01-01"], "makeup_workdays": [], "source": "通知"}
    (tmp_path / "2027.json").write_text(json.dumps(schedule))
    env = {
        "CASE_API_EVENT_STORE_URL": api.settings.event_store_url,
        "CASE_API_READMODEL_URL": api.settings.readmodel_url,
        "CASE_API_EVENT_STORE_SCHEMA": api.settings.event_store_schema or "",
        "PATH": "/usr/bin:/bin",
    }
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "case_api.cli",
            "load-calendar",
            str(tmp_path / "2027.json"),
            "--reason",
            "published",
            "--operator",
            "ops-1",
        ],
        env={k: v for k, v in env.items() if v},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    position = int(done.stdout.split()[-1])
    r = await api.client.get(
        "/v1/calendar/2027", params={"min_position": position}, headers=api.admin
    )
    assert r.json()["holidays"] == ["2027-01-01"] and r.json()["reason"] == "published"
    feed = await api.client.get("/v1/events", params={"after": position - 1}, headers=api.admin)
    event = feed.json()["events"][0]
    assert event["type"] == "HolidayScheduleLoaded" and event["meta"]["principal_id"] == "ops-1"
