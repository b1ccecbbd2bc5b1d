"""Bulletin downloads need the operator token or a signed, expiring link (the kind a bulletin
message carries); listing bulletins needs the operator token."""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime, timedelta

import httpx
import pytest
from sqlalchemy import update

from notifier.main import create_app
from notifier.platform.config import Settings
from notifier.platform.signed_links import LinkCheck, check_link, signature, signed_path
from notifier.platform.tables import bulletins, deliveries
from notifier.runtime import Runtime, build_runtime
from shared.clock import FixedClock
from tests.notifier.cases import registry
from tests.notifier.fakes import FakeCaseApi
from tests.notifier.processes import OPERATOR, OPERATOR_TOKEN
from tests.notifier.test_bulletin_and_caseapi import OLD_STATS

SECRET = "link-secret-for-tests-0123456789abcdef"
PUBLIC = "https://notifier.example.gov.cn/ops"
BUILT = datetime.fromisoformat("2025-10-09T09:00:00+08:00")  # September's bulletin is built
XLSX = "/v1/bulletins/gz/2025-09.xlsx"
HTML = "/v1/bulletins/gz/2025-09.html"


def test_signature_is_hmac_sha256_over_method_path_and_expiry() -> None:
    expected = hmac.new(SECRET.encode(), f"GET\n{XLSX}\n1760000000".encode(), hashlib.sha256)
    assert signature(SECRET, "GET", XLSX, 1760000000) == expected.hexdigest()


def test_a_signed_path_is_valid_until_it_expires() -> None:
    path, query = signed_path(SECRET, XLSX, BUILT, timedelta(days=30)).split("?")
    fields = dict(part.split("=") for part in query.split("&"))
    expires = int(fields["expires"])
    assert expires == int((BUILT + timedelta(days=30)).timestamp())

    def check(at: datetime, **changes: object) -> LinkCheck:
        given = {"method": "GET", "path": path, "expires": expires, "sig": fields["sig"]}
        given.update(changes)
        return check_link(SECRET, now=at, **given)  # type: ignore[arg-type]

    last = datetime.fromtimestamp(expires - 1).astimezone()
    assert check(last) is LinkCheck.VALID
    assert check(last, sig=fields["sig"].upper()) is LinkCheck.VALID
    assert check(last + timedelta(seconds=1)) is LinkCheck.EXPIRED
    assert check(BUILT, expires=expires + 86400) is LinkCheck.BAD_SIGNATURE
    assert check(BUILT, path=HTML) is LinkCheck.BAD_SIGNATURE
    assert check(BUILT, method="POST") is LinkCheck.BAD_SIGNATURE
    assert check(BUILT, sig=None) is LinkCheck.BAD_SIGNATURE
    assert check_link("", "GET", path, expires, fields["sig"], BUILT) is LinkCheck.BAD_SIGNATURE


@dataclass
class Ops:
    runtime: Runtime
    clock: FixedClock
    client: httpx.AsyncClient

    async def get(self, url: str, **headers: str) -> httpx.Response:
        return await self.client.get(url.removeprefix(PUBLIC), headers=headers)

    async def links(self) -> list[str]:
        """The download links in September's bulletin message, as the recipients got them."""
        with self.runtime.engine.connect() as conn:
            payload = conn.execute(deliveries.select().where(deliveries.c.kind == "bulletin")).one()
        return re.findall(r"https://\S+", payload.payload["body"])


async def open_ops(url: str, **settings: object) -> AsyncIterator[Ops]:
    values = {"database_url": url, "operator_token": OPERATOR_TOKEN, "public_url": PUBLIC}
    runtime = build_runtime(Settings(**{**values, **settings}), clock=FixedClock(BUILT))
    api = FakeCaseApi(registry(), statistics_body=OLD_STATS)
    runtime.follower.client = runtime.sender.bulletins.client = api  # type: ignore[assignment]
    runtime.follower.clock = FixedClock(datetime.fromisoformat("2025-09-19T10:00:00+08:00"))
    runtime.follower.step(wait=0)
    runtime.plan_bulletins()
    runtime.sender.run_once()  # builds September's bulletin and plans its message
    transport = httpx.ASGITransport(app=create_app(runtime=runtime))
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://ops") as client:
            yield Ops(runtime, runtime.clock, client)  # type: ignore[arg-type]
    finally:
        runtime.close()


@pytest.fixture
async def ops(notifier_url: str) -> AsyncIterator[Ops]:
    async for opened in open_ops(notifier_url, link_secret=SECRET):
        yield opened


async def test_the_operator_token_downloads_and_nothing_else_does(ops: Ops) -> None:
    for path in (XLSX, HTML):
        assert (await ops.get(path, **OPERATOR)).status_code == 200
        for headers in ({}, {"Authorization": "Bearer wrong"}):
            refused = await ops.get(path, **headers)
            assert refused.status_code == 401
            assert refused.headers["content-type"] == "application/problem+json"
            assert refused.json()["code"] == "operator-token-required"


async def test_listing_bulletins_needs_the_operator_token(ops: Ops) -> None:
    assert (await ops.get("/v1/bulletins")).json()["code"] == "operator-token-required"
    listed = (await ops.get("/v1/bulletins", **OPERATOR)).json()
    assert [b["period"] for b in listed] == ["2025-09"]


async def test_the_messages_signed_links_download_until_they_expire(ops: Ops) -> None:
    html, xlsx, _pdf = await ops.links()
    assert xlsx.startswith(f"{PUBLIC}{XLSX}?expires=") and html.startswith(f"{PUBLIC}{HTML}?")
    ops.clock.set(BUILT + timedelta(days=30, seconds=-1))
    got = await ops.get(xlsx)
    assert got.status_code == 200 and got.content.startswith(b"PK")  # an XLSX (zip) file
    assert "<svg" in (await ops.get(html, Authorization="Bearer wrong")).text
    ops.clock.set(BUILT + timedelta(days=30))
    expired = await ops.get(xlsx)
    assert (expired.status_code, expired.json()["code"]) == (403, "link-expired")
    assert (await ops.get(xlsx, **OPERATOR)).status_code == 200


async def test_an_altered_link_is_refused(ops: Ops) -> None:
    html, xlsx, _pdf = await ops.links()
    expires = re.search(r"expires=(\d+)", xlsx).group(1)  # type: ignore[union-attr]
    later = str(int(expires) + 86400)
    altered = [
        xlsx.replace(f"expires={expires}", f"expires={later}"),
        xlsx.replace(XLSX, HTML),  # one file's signature on the other
        xlsx.replace("gz/2025-09", "gz/2025-10"),
        re.sub(r"sig=[0-9a-f]{8}", "sig=00000000", xlsx),
        xlsx.split("&sig=")[0],
        f"{PUBLIC}{XLSX}?sig={xlsx.split('sig=')[1]}",
    ]
    for url in altered:
        refused = await ops.get(url)
        assert refused.status_code == 403, url
        assert refused.json()["code"] == "link-signature-invalid", url
    assert (await ops.get(html)).status_code == 200


async def test_a_link_works_behind_a_proxy_that_mounts_the_api_under_a_prefix(ops: Ops) -> None:
    _html, xlsx, _pdf = await ops.links()
    mounted = httpx.ASGITransport(app=create_app(runtime=ops.runtime), root_path="/ops")
    async with httpx.AsyncClient(
        transport=mounted, base_url="https://notifier.example.gov.cn"
    ) as c:
        assert (await c.get(xlsx)).status_code == 200


async def test_without_a_link_secret_messages_carry_no_links(notifier_url: str) -> None:
    async for opened in open_ops(notifier_url):
        assert await opened.links() == []
        link = signed_path(SECRET, XLSX, BUILT, timedelta(days=1))
        refused = await opened.get(link)
        assert (refused.status_code, refused.json()["code"]) == (403, "link-signature-invalid")


async def test_a_bulletin_built_before_pdfs_were_kept_says_so(ops: Ops) -> None:
    with ops.runtime.engine.begin() as conn:
        conn.execute(update(bulletins).values(pdf=None))
    missing = await ops.get("/v1/bulletins/gz/2025-09.pdf", **OPERATOR)
    assert (missing.status_code, missing.json()["code"]) == (404, "bulletin-format-unavailable")
    assert (await ops.get(HTML, **OPERATOR)).status_code == 200
