"""A person's account and the sessions they open with it.

An account holds one role and its scope (agency, jurisdiction or court), as a bearer token
does. Its events record who created it, every refused sign-in, lock-outs, unlocks, password
changes and disabling; the password hash itself is kept outside the event store
(``account_credentials``), so a changed password leaves no hash behind in an immutable log.

Each sign-in opens a ``ConsoleSession`` stream of its own (signed in, signed out), so an
account's stream stays short however often its holder signs in.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import event

from case_api.chain.domain import ChainedAggregate
from case_api.platform.domain_errors import RuleViolation

Meta = dict[str, Any]


def account_id(username: str) -> UUID:
    return uuid5(NAMESPACE_URL, f"yingsu:account:{username}")


def session_id(session_ref: str) -> UUID:
    return uuid5(NAMESPACE_URL, f"yingsu:session:{session_ref}")


class AccountDisabled(RuleViolation):
    def __init__(self, username: str) -> None:
        super().__init__(
            "account-disabled",
            f"The account {username} is disabled.",
            f"账户 {username} 已停用。",
        )


class Account(ChainedAggregate):
    @event("AccountCreated")
    def __init__(
        self,
        *,
        username: str,
        display_name: str,
        role: str,
        agency: str | None,
        jurisdiction: str | None,
        court: str | None,
        meta: Meta,
    ) -> None:
        self.username = username
        self.display_name = display_name
        self.role = role
        self.agency = agency
        self.jurisdiction = jurisdiction
        self.court = court
        self.failures = 0
        self.locked_until: datetime | None = None
        self.disabled = False

    @staticmethod
    def create_id(username: str, **_: Any) -> UUID:
        return account_id(username)

    def is_locked(self, now: datetime) -> bool:
        return self.locked_until is not None and now < self.locked_until

    def set_password(self, *, reset_by_admin: bool, meta: Meta) -> None:
        """The hash goes to the credentials table; the event records that and who did it."""
        self._check_active()
        self._password_set(username=self.username, reset_by_admin=reset_by_admin, meta=meta)

    @event("PasswordSet")
    def _password_set(self, username: str, reset_by_admin: bool, meta: Meta) -> None:
        pass

    def refuse_sign_in(
        self, *, reason: str, now: datetime, max_failures: int, lock_for: timedelta, meta: Meta
    ) -> None:
        """A wrong password counts; ``max_failures`` in a row lock the account ``lock_for``."""
        self._sign_in_refused(username=self.username, reason=reason, meta=meta)
        if self.failures >= max_failures:
            self._locked_out(username=self.username, until=now + lock_for, meta=meta)

    @event("SignInRefused")
    def _sign_in_refused(self, username: str, reason: str, meta: Meta) -> None:
        self.failures += 1

    @event("LockedOut")
    def _locked_out(self, username: str, until: datetime, meta: Meta) -> None:
        self.locked_until = until
        self.failures = 0

    def clear_failures(self, *, meta: Meta) -> None:
        """A successful sign-in ends a run of failures (nothing to record without one)."""
        if self.failures:
            self._failures_cleared(username=self.username, meta=meta)

    @event("FailuresCleared")
    def _failures_cleared(self, username: str, meta: Meta) -> None:
        self.failures = 0

    def unlock(self, *, meta: Meta) -> None:
        self._unlocked(username=self.username, meta=meta)

    @event("Unlocked")
    def _unlocked(self, username: str, meta: Meta) -> None:
        self.locked_until = None
        self.failures = 0

    def disable(self, *, reason: str, meta: Meta) -> None:
        self._check_active()
        self._disabled(username=self.username, reason=reason, meta=meta)

    @event("AccountDisabled")
    def _disabled(self, username: str, reason: str, meta: Meta) -> None:
        self.disabled = True

    def _check_active(self) -> None:
        if self.disabled:
            raise AccountDisabled(self.username)


class ConsoleSession(ChainedAggregate):
    """One sign-in: ``method`` is ``password`` or ``oidc``; ``session_ref`` is public (the
    cookie's secret is never recorded)."""

    @event("SignedIn")
    def __init__(
        self,
        *,
        session_ref: str,
        username: str,
        role: str,
        method: str,
        expires_at: datetime,
        meta: Meta,
    ) -> None:
        self.session_ref = session_ref
        self.username = username
        self.ended = False

    @staticmethod
    def create_id(session_ref: str, **_: Any) -> UUID:
        return session_id(session_ref)

    def end(self, *, reason: str, meta: Meta) -> None:
        """``reason``: signed_out, password_changed, account_disabled."""
        if not self.ended:
            self._signed_out(username=self.username, reason=reason, meta=meta)

    @event("SignedOut")
    def _signed_out(self, username: str, reason: str, meta: Meta) -> None:
        self.ended = True
