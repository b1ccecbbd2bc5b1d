"""The deadline projection reads a case's history the same way whichever path it takes."""

from __future__ import annotations

from datetime import UTC, datetime

from case_api.cases.tables import case_timeline
from case_api.deadlines.histories import case_events
from case_api.platform.db import make_engine
from case_api.platform.settings import Settings


def test_timeline_instants_keep_their_zone_on_every_backend(case_settings: Settings) -> None:
    # 20:00 UTC on Sep 30 is already Oct 1 in Shanghai: a date taken from a zone-less
    # instant would land a day early.
    at = datetime(2025, 9, 30, 20, 0, tzinfo=UTC)
    engine = make_engine(case_settings.readmodel_url)
    try:
        with engine.begin() as conn:
            conn.execute(
                case_timeline.insert(),
                {
                    "position": 1,
                    "stream_id": "c1",
                    "stream_type": "case",
                    "version": 1,
                    "type": "CaseFiled",
                    "recorded_at": at,
                    "data": {},
                    "meta": {},
                    "agencies": "",
                    "jurisdiction_path": "/",
                    "court": "",
                },
            )
            [event] = case_events(conn, {"c1"})["c1"]
    finally:
        engine.dispose()
    assert event.recorded_at == at
    assert event.recorded_at.tzinfo is not None
