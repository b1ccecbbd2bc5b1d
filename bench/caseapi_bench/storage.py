"""The benchmark's PostgreSQL database, one schema per part (dropped afterwards)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg

from case_api.platform.migrate import upgrade
from case_api.platform.settings import Settings
from caseapi_bench.http_client import ISSUER, SECRET

HOST, PORT, USER = "127.0.0.1", 5432, "postgres"
DBNAME = os.environ.get("BENCH_DATABASE", "yingsu_bench")  # created if missing
DB_URL = f"postgresql://{USER}@{HOST}:{PORT}/{DBNAME}"
CONNINFO = f"host={HOST} port={PORT} user={USER} dbname={DBNAME}"


def ensure_database() -> None:
    with psycopg.connect(
        f"host={HOST} port={PORT} user={USER} dbname=postgres", autocommit=True
    ) as c:
        if not c.execute("SELECT 1 FROM pg_database WHERE datname = %s", (DBNAME,)).fetchone():
            c.execute(f"CREATE DATABASE {DBNAME}")


@contextmanager
def bench_schema(label: str, keep: bool = False) -> Iterator[str]:
    schema = f"bench_{label}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(CONNINFO, autocommit=True) as c:
        c.execute(f"CREATE SCHEMA {schema}")
    try:
        yield schema
    finally:
        if not keep:
            with psycopg.connect(CONNINFO, autocommit=True) as c:
                c.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


def settings_fields(schema: str) -> dict[str, object]:
    return {
        "event_store_url": DB_URL,
        "readmodel_url": f"{DB_URL}?options=-csearch_path%3D{schema}",
        "event_store_schema": schema,
        "token_secret": SECRET,
        "token_issuer": ISSUER,
        # The load generators are one client each: per-client limits would cap the figures.
        "rate_limit_reads": "100000000/minute",
        "rate_limit_writes": "100000000/minute",
    }


def migrated_settings(schema: str, **overrides: object) -> Settings:
    settings = Settings(**settings_fields(schema), **overrides)
    upgrade(settings.readmodel_url)
    return settings


def server_env(schema: str) -> dict[str, str]:
    return {f"CASE_API_{k.upper()}": str(v) for k, v in settings_fields(schema).items()}
