"""Open sessions: a random token in the cookie, its SHA-256 here, with the role and scope the
account had at sign-in and the CSRF token the console sends back on every unsafe request."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine, delete, select

from case_api.accounts.tables import account_sessions
from case_api.platform.access import Principal, Role


@dataclass(frozen=True)
class OpenSession:
    session_ref: str
    principal: Principal
    csrf_token: str
    expires_at: datetime


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def _utc(moment: datetime) -> datetime:
    """SQLite hands datetimes back naive; every stored one is UTC."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


class SessionStore:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def open(self, principal: Principal, now: datetime, expires_at: datetime) -> tuple[str, str]:
        """Store a new session; return (cookie token, CSRF token)."""
        token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(24)
        with self.engine.begin() as conn:
            conn.execute(
                account_sessions.insert().values(
                    token_hash=_digest(token),
                    session_ref=secrets.token_hex(12),
                    username=principal.subject,
                    role=principal.role.value,
                    agency=principal.agency,
                    jurisdiction=principal.jurisdiction,
                    court=principal.court,
                    csrf_token=csrf,
                    created_at=_utc(now),
                    expires_at=_utc(expires_at),
                )
            )
        return token, csrf

    def find(self, token: str, now: datetime) -> OpenSession | None:
        s = account_sessions.c
        with self.engine.connect() as conn:
            row = conn.execute(
                select(account_sessions).where(s.token_hash == _digest(token))
            ).first()
        if row is None or _utc(row.expires_at) <= _utc(now):
            return None
        principal = Principal(
            subject=row.username,
            role=Role(row.role),
            agency=row.agency,
            jurisdiction=row.jurisdiction,
            court=row.court,
        )
        return OpenSession(row.session_ref, principal, row.csrf_token, _utc(row.expires_at))

    def close(self, token: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                delete(account_sessions).where(account_sessions.c.token_hash == _digest(token))
            )

    def close_all(self, username: str, keep: str | None = None) -> list[str]:
        """End the user's sessions (but ``keep``, a session_ref); return those ended."""
        s = account_sessions.c
        condition = s.username == username
        if keep is not None:
            condition = condition & (s.session_ref != keep)
        with self.engine.begin() as conn:
            refs = list(conn.execute(select(s.session_ref).where(condition)).scalars())
            conn.execute(delete(account_sessions).where(condition))
        return refs

    def purge_expired(self, now: datetime) -> int:
        with self.engine.begin() as conn:
            done = conn.execute(
                delete(account_sessions).where(account_sessions.c.expires_at <= _utc(now))
            )
        return done.rowcount or 0
