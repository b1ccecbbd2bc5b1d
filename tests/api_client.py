"""A test client for case-api: tokens per role, and shortcuts for common steps."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
from asgi_lifespan import LifespanManager

from case_api.main import create_app
from case_api.platform.access import Principal, Role
from case_api.platform.http.auth import issue_token
from case_api.platform.settings import Settings
from shared.clock import FileClock

GZ_CASE = {
    "court": "gz-tianhe-court",
    "case_number": "（2025）粤0106行初123号",
    "agencies": [{"agency_id": "gz-hrss", "role": "implementing"}],
    "subject_matter": "工伤认定",
    "plaintiff_count": 1,
    "filed_date": "2025-09-20",
}

ADMIN = Principal("admin", Role.ADMIN)


def register_guangzhou(registry: Any, pack: str = "statutory") -> None:
    """Register GZ_CASE's jurisdiction and agency directly on a registry service."""
    registry.register_jurisdiction(
        meta=ADMIN.meta(), code="gz", name="广州", level="city", parent=None, pack=pack
    )
    registry.register_agency(
        meta=ADMIN.meta(), code="gz-hrss", name="人社局", jurisdiction="gz", level="department"
    )


class Api:
    def __init__(self, client: httpx.AsyncClient, settings: Settings, app: Any) -> None:
        self.client = client
        self.settings = settings
        self.app = app

    @property
    def runtime(self) -> Any:
        return self.app.state.runtime

    def set_today(self, day: str, time: str = "09:00") -> None:
        """Move the shared clock: facts may not be dated after today, deadlines go missed
        after their due date."""
        self.settings.clock_file.write_text(f"{day}T{time}:00+08:00")

    def token(self, role: str, subject: str | None = None, **scope: str) -> dict[str, str]:
        """Issued at the test clock's now: a test may move the clock past the wall clock."""
        token = issue_token(
            self.settings.token_secret.get_secret_value(),
            self.settings.token_issuer,
            subject=subject or f"{role}-{'-'.join(scope.values()) or 'x'}",
            role=Role(role),
            ttl_seconds=3600,
            now=FileClock(self.settings.clock_file).now().timestamp(),
            **scope,
        )
        return {"Authorization": f"Bearer {token}"}

    @property
    def admin(self) -> dict[str, str]:
        return self.token("admin")

    @property
    def court(self) -> dict[str, str]:
        return self.token("court_system", court="gz-tianhe-court")

    @property
    def agency(self) -> dict[str, str]:
        return self.token("agency_user", agency="gz-hrss")

    @property
    def bureau(self) -> dict[str, str]:
        return self.token("bureau_officer", jurisdiction="gz")

    async def register_guangzhou(self, pack: str = "guangzhou") -> None:
        for body in (
            {"code": "gz", "name": "广州市", "level": "city", "pack": pack},
            {"code": "gz-th", "name": "天河区", "level": "county", "parent": "gz", "pack": pack},
        ):
            r = await self.client.post("/v1/jurisdictions", json=body, headers=self.admin)
            assert r.status_code == 201, r.text
        for body in (
            {
                "code": "gz-hrss",
                "name": "广州市人社局",
                "jurisdiction": "gz",
                "level": "department",
            },
            {
                "code": "th-gov",
                "name": "天河区政府",
                "jurisdiction": "gz-th",
                "level": "government",
            },
        ):
            r = await self.client.post("/v1/agencies", json=body, headers=self.admin)
            assert r.status_code == 201, r.text
        listed = await self.client.get(
            "/v1/agencies", params={"min_position": r.json()["position"]}, headers=self.admin
        )
        assert len(listed.json()) == 2

    async def file_case(self, **overrides: Any) -> dict[str, Any]:
        r = await self.client.post("/v1/cases", json={**GZ_CASE, **overrides}, headers=self.court)
        assert r.status_code == 201, r.text
        return r.json()

    async def command(
        self,
        case_id: str,
        path: str,
        body: dict[str, Any],
        headers: dict[str, str],
        status: int = 201,
    ) -> dict[str, Any]:
        r = await self.client.post(f"/v1/cases/{case_id}/{path}", json=body, headers=headers)
        assert r.status_code == status, r.text
        return r.json()

    async def loss_report(
        self, case_id: str, day: str, headers: dict[str, str], summary: str = "分析"
    ) -> dict[str, Any]:
        """Guangzhou's loss report [004 5-④]: drafted with the analysis and a performance
        plan, reviewed by the legal office and approved by the principal leader, submitted."""
        sections = {"loss_analysis": summary, "performance_plan": "按期履行"}
        await self.command(
            case_id, "loss-report-drafts", {"drafted_date": day, "sections": sections}, headers
        )
        for step in ("legal_office_review", "principal_approval"):
            body = {"step": step, "result": "approved", "step_date": day}
            await self.command(case_id, "loss-report-steps", body, headers)
        body = {"submitted_date": day, "summary": summary}
        return await self.command(case_id, "loss-reports", body, headers)

    async def summary(self, case_id: str, position: int = 0) -> dict[str, Any]:
        r = await self.client.get(
            f"/v1/cases/{case_id}", params={"min_position": position}, headers=self.admin
        )
        assert r.status_code == 200, r.text
        return r.json()


@asynccontextmanager
async def open_api(settings: Settings) -> AsyncIterator[Api]:
    app = create_app(settings)
    async with LifespanManager(app, startup_timeout=60, shutdown_timeout=60):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://case-api") as client:
            yield Api(client, settings, app)
