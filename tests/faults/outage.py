"""case-api on PostgreSQL through a TCP proxy the test can cut: settings and a running app."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url

from case_api.platform.migrate import upgrade
from case_api.platform.settings import Settings
from tests.api_client import Api, open_api
from tests.backends import POSTGRES_URL, postgres_schema
from tests.faults.tcp_proxy import TcpProxy, proxied


def via(url: str, port: int) -> str:
    """``url`` with its host and port replaced by the proxy's."""
    return make_url(url).set(host="127.0.0.1", port=port).render_as_string(hide_password=False)


def target_of(url: str) -> tuple[str, int]:
    parsed = make_url(url)
    return parsed.host or "127.0.0.1", parsed.port or 5432


def settings_through(proxy: TcpProxy, url: str, schema: str, directory: Path, **extra: Any):  # type: ignore[no-untyped-def]
    assert POSTGRES_URL
    (directory / "now.txt").write_text("2026-12-01T09:00:00+08:00")
    return Settings(
        event_store_url=via(POSTGRES_URL, proxy.port),
        readmodel_url=via(url, proxy.port),
        event_store_schema=schema,
        projection_poll_seconds=0.01,
        clock_file=directory / "now.txt",
        document_store_url=f"file:{directory}/documents",
        rate_limit_reads="1000000/minute",
        rate_limit_writes="1000000/minute",
        rate_limit_unverified="1000000/minute",
        storage_timeout_seconds=1,
        **extra,
    )


@asynccontextmanager
async def api_behind_proxy(directory: Path) -> AsyncIterator[tuple[Api, TcpProxy]]:
    assert POSTGRES_URL
    with postgres_schema() as (url, schema), proxied(*target_of(POSTGRES_URL)) as proxy:
        settings = settings_through(proxy, url, schema, directory)
        upgrade(settings.readmodel_url)
        async with open_api(settings) as api:
            yield api, proxy
