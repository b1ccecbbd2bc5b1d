"""Creating accounts, signing in and out, changing passwords, locking and unlocking.

Order of writes: an event is saved before the row it describes changes (a password hash, a
session), so nothing happens to an account that its audit trail does not show.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from eventsourcing.application import AggregateNotFoundError

from case_api.accounts import passwords
from case_api.accounts.credentials import CredentialStore
from case_api.accounts.domain import Account, ConsoleSession, account_id, session_id
from case_api.accounts.errors import (
    AccountLocked,
    SignInFailed,
    account_not_found,
    wrong_current_password,
)
from case_api.accounts.scopes import checked_scope
from case_api.accounts.sessions import OpenSession, SessionStore
from case_api.platform.access import Principal, Role
from case_api.platform.domain_errors import InvalidValue, RuleViolation
from case_api.platform.eventstore import CaseStore
from case_api.platform.groupcommit import GroupCommitter
from case_api.registry.service import RegistryService
from shared.clock import Clock


@dataclass(frozen=True)
class SignInPolicy:
    max_failures: int = 5
    lock_seconds: int = 900
    session_seconds: int = 8 * 3600
    min_password_length: int = 10


@dataclass(frozen=True)
class NewSession:
    token: str
    csrf_token: str
    principal: Principal
    expires_at: datetime


class AccountService:
    def __init__(
        self,
        store: CaseStore,
        committer: GroupCommitter,
        registry: RegistryService,
        clock: Clock,
        credentials: CredentialStore,
        sessions: SessionStore,
        policy: SignInPolicy,
    ) -> None:
        self.store = store
        self.committer = committer
        self.registry = registry
        self.clock = clock
        self.credentials = credentials
        self.sessions = sessions
        self.policy = policy

    def create(
        self,
        *,
        username: str,
        display_name: str,
        role: str,
        password: str,
        meta: dict,
        **scope: Any,
    ) -> int:
        checked = checked_scope(self.registry, role, scope)
        passwords.check_strength(password, username, self.policy.min_password_length)
        if self._find(username) is not None:
            raise RuleViolation(
                "account-exists", f"The account {username} exists.", f"账户 {username} 已存在。"
            )
        account = Account(
            username=username, display_name=display_name, role=role, meta=meta, **checked
        )
        account.set_password(reset_by_admin=True, meta=meta)
        position = self.committer.save(account)
        self.credentials.put(username, passwords.hash_password(password), self.clock.now())
        return position

    def sign_in(self, username: str, password: str, meta: dict) -> NewSession:
        now = self.clock.now()
        account = self._find(username)
        if account is not None and account.is_locked(now):
            raise AccountLocked(_minutes(account.locked_until, now))
        stored = self.credentials.hash_of(username) if account else None
        if not passwords.password_matches(password, stored) or account is None:
            self._refuse(account, now, meta)
            raise SignInFailed()
        if account.disabled:
            raise SignInFailed()
        account.clear_failures(meta=meta)
        if account.pending_events:
            self.committer.save(account)
        if stored and passwords.needs_rehash(stored):
            self.credentials.put(username, passwords.hash_password(password), now)
        return self.open_session(_principal(account), "password", meta)

    def open_session(self, principal: Principal, method: str, meta: dict) -> NewSession:
        """Also the end of an OpenID Connect sign-in, whose principal the claims name."""
        now = self.clock.now()
        expires_at = now + timedelta(seconds=self.policy.session_seconds)
        token, csrf = self.sessions.open(principal, now, expires_at)
        opened = self.sessions.find(token, now)
        assert opened is not None
        self.committer.save(
            ConsoleSession(
                session_ref=opened.session_ref,
                username=principal.subject,
                role=principal.role.value,
                method=method,
                expires_at=expires_at,
                meta=meta,
            )
        )
        return NewSession(token, csrf, principal, expires_at)

    def session(self, token: str) -> OpenSession | None:
        return self.sessions.find(token, self.clock.now())

    def sign_out(self, session: OpenSession, token: str, meta: dict) -> int:
        position = self._end_sessions([session.session_ref], "signed_out", meta)
        self.sessions.close(token)
        return position

    def change_password(self, session: OpenSession, current: str, new: str, meta: dict) -> int:
        username = session.principal.subject
        account = self._find(username)
        if account is None:  # signed in through the identity provider: its password
            raise InvalidValue(
                "password-kept-elsewhere",
                "This sign-in came from the identity provider: change the password there.",
                "您通过统一身份认证登录，请在统一身份认证平台修改密码。",
            )
        if not passwords.password_matches(current, self.credentials.hash_of(username)):
            raise wrong_current_password()
        passwords.check_strength(new, username, self.policy.min_password_length)
        account.set_password(reset_by_admin=False, meta=meta)
        position = self.committer.save(account)
        self.credentials.put(username, passwords.hash_password(new), self.clock.now())
        ended = self.sessions.close_all(username, keep=session.session_ref)
        return max(position, self._end_sessions(ended, "password_changed", meta))

    def reset_password(self, username: str, new: str, meta: dict) -> int:
        account = self._account(username)
        passwords.check_strength(new, username, self.policy.min_password_length)
        account.set_password(reset_by_admin=True, meta=meta)
        position = self.committer.save(account)
        self.credentials.put(username, passwords.hash_password(new), self.clock.now())
        ended = self.sessions.close_all(username)
        return max(position, self._end_sessions(ended, "password_reset", meta))

    def unlock(self, username: str, meta: dict) -> int:
        account = self._account(username)
        account.unlock(meta=meta)
        return self.committer.save(account)

    def disable(self, username: str, reason: str, meta: dict) -> int:
        account = self._account(username)
        account.disable(reason=reason, meta=meta)
        position = self.committer.save(account)
        ended = self.sessions.close_all(username)
        return max(position, self._end_sessions(ended, "account_disabled", meta))

    def _refuse(self, account: Account | None, now: datetime, meta: dict) -> None:
        if account is None or account.disabled:
            return  # nothing to count on: no stream is created for a name someone tried
        account.refuse_sign_in(
            reason="wrong_password",
            now=now,
            max_failures=self.policy.max_failures,
            lock_for=timedelta(seconds=self.policy.lock_seconds),
            meta=meta,
        )
        self.committer.save(account)

    def _end_sessions(self, refs: list[str], reason: str, meta: dict) -> int:
        ended = []
        for ref in refs:
            try:
                session = self.store.repository.get(session_id(ref))
            except AggregateNotFoundError:
                continue
            session.end(reason=reason, meta=meta)
            ended.append(session)
        return self.committer.save(*ended) if ended else 0

    def _find(self, username: str) -> Account | None:
        try:
            return self.store.repository.get(account_id(username))
        except AggregateNotFoundError:
            return None

    def _account(self, username: str) -> Account:
        account = self._find(username)
        if account is None:
            raise account_not_found(username)
        return account


def _principal(account: Account) -> Principal:
    return Principal(
        subject=account.username,
        role=Role(account.role),
        agency=account.agency,
        jurisdiction=account.jurisdiction,
        court=account.court,
    )


def _minutes(until: datetime | None, now: datetime) -> int:
    return max(1, math.ceil(((until or now) - now).total_seconds() / 60))
