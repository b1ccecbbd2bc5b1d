"""A report keyed by its entry is downloaded through its message's signed links, and only
with them or the operator token, like the bulletins."""

from __future__ import annotations

import re
from datetime import datetime

from fastapi.testclient import TestClient

from notifier.main import create_app
from notifier.platform.config import Settings
from notifier.runtime import build_runtime
from shared.clock import FixedClock
from tests.notifier.processes import OPERATOR_TOKEN
from tests.notifier.report_steps import PeriodCaseApi, jurisdiction, sent_payload
from tests.notifier.test_bulletin_and_caseapi import OLD_STATS

SECRET = "link-secret-for-tests-0123456789abcdef"
PUBLIC = "https://notifier.example.gov.cn/ops"
KEY = "bulletin:gz:2025-H2:head_appearance_half_year_report:report:gz:government"


def test_a_reports_signed_links_download_it_and_a_bare_path_does_not(notifier_url: str) -> None:
    settings = Settings(
        database_url=notifier_url,
        operator_token=OPERATOR_TOKEN,
        public_url=PUBLIC,
        link_secret=SECRET,
    )
    runtime = build_runtime(
        settings, clock=FixedClock(datetime.fromisoformat("2026-01-04T09:00+08:00"))
    )
    api = PeriodCaseApi(
        [jurisdiction(1, "gz", "广州市", "city", "guangzhou")], statistics_body=OLD_STATS
    )
    runtime.follower.client = runtime.sender.bulletins.client = api  # type: ignore[assignment]
    runtime.follower.clock = FixedClock(datetime.fromisoformat("2025-12-01T10:00:00+08:00"))
    runtime.follower.step(wait=0)
    runtime.plan_bulletins()
    runtime.sender.run_once()
    try:
        body = sent_payload(runtime.sender, KEY)["body"]
        links = re.findall(r"https://\S+", body)
        assert len(links) == 3
        assert all("/v1/bulletins/gz/2025-H2/head_appearance_half_year_report." in u for u in links)
        http = TestClient(create_app(runtime=runtime))
        for url in links:
            got = http.get(url.removeprefix(PUBLIC))
            assert got.status_code == 200, got.text
        bare = http.get(links[0].removeprefix(PUBLIC).split("?")[0])
        assert bare.status_code == 401
    finally:
        runtime.close()
