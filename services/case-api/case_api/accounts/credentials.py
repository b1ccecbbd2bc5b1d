"""Password hashes, one row per account, replaced when the password changes."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine, select, update

from case_api.accounts.tables import account_credentials


class CredentialStore:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def hash_of(self, username: str) -> str | None:
        c = account_credentials.c
        with self.engine.connect() as conn:
            return conn.execute(
                select(c.password_hash).where(c.username == username)
            ).scalar_one_or_none()

    def put(self, username: str, password_hash: str, now: datetime) -> None:
        c = account_credentials.c
        with self.engine.begin() as conn:
            changed = conn.execute(
                update(account_credentials)
                .where(c.username == username)
                .values(password_hash=password_hash, changed_at=now)
            )
            if not changed.rowcount:
                conn.execute(
                    account_credentials.insert().values(
                        username=username, password_hash=password_hash, changed_at=now
                    )
                )
