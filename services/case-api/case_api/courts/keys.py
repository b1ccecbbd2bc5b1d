"""Courts' signing secrets: several active at once, so a court can rotate without a gap.

A secret is shown once, when it is added; listings show only its id and dates.
"""

from __future__ import annotations

import base64
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine, select, update

from case_api.courts.signatures import SECRET_PREFIX, secret_bytes
from case_api.courts.tables import court_keys as keys


@dataclass(frozen=True)
class CourtKey:
    key_id: str
    court: str
    created_at: datetime
    retired_at: datetime | None


def new_secret() -> str:
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()


class CourtKeys:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def add(self, court: str, secret: str, now: datetime) -> CourtKey:
        secret_bytes(secret)  # refuse a secret that could never verify anything
        key = CourtKey("ck_" + secrets.token_hex(8), court, now, None)
        with self.engine.begin() as conn:
            conn.execute(
                keys.insert().values(
                    key_id=key.key_id, court=court, secret=secret, created_at=now.astimezone(UTC)
                )
            )
        return key

    def list(self, court: str) -> list[CourtKey]:
        query = (
            select(keys.c.key_id, keys.c.court, keys.c.created_at, keys.c.retired_at)
            .where(keys.c.court == court)
            .order_by(keys.c.created_at, keys.c.key_id)
        )
        with self.engine.connect() as conn:
            found = conn.execute(query).mappings().all()
        return [
            CourtKey(row["key_id"], row["court"], _utc(row["created_at"]), _utc(row["retired_at"]))
            for row in found
        ]

    def retire(self, court: str, key_id: str, now: datetime) -> bool:
        with self.engine.begin() as conn:
            done = conn.execute(
                update(keys)
                .where(keys.c.court == court, keys.c.key_id == key_id)
                .where(keys.c.retired_at.is_(None))
                .values(retired_at=now.astimezone(UTC))
            )
        return done.rowcount == 1

    def active(self, court: str) -> list[bytes]:
        """The court's active HMAC keys, newest first: the first signs our receipts."""
        query = (
            select(keys.c.secret)
            .where(keys.c.court == court, keys.c.retired_at.is_(None))
            .order_by(keys.c.created_at.desc(), keys.c.key_id.desc())
        )
        with self.engine.connect() as conn:
            return [secret_bytes(s) for s in conn.execute(query).scalars()]


def _utc(value: datetime | None) -> datetime | None:
    return value.replace(tzinfo=UTC) if value is not None and value.tzinfo is None else value
