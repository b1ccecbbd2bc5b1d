"""Accounts as the administrator lists them, and every account and session event as the
audit trail (sign-ins, refusals, lock-outs, password changes, sign-outs).

Like machine clients, these events stay off the case feed: other clients read it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import update

from case_api.accounts.domain import Account, ConsoleSession
from case_api.accounts.tables import account_events, accounts
from case_api.readmodel.batch import Batch
from case_api.readmodel.dispatch import apply_event
from case_api.readmodel.events_json import event_data, event_type


def record(batch: Batch, event: Any) -> None:
    """One audit row per event; ``project`` calls it for every account and session event."""
    meta = getattr(event, "meta", {}) or {}
    details = {k: v for k, v in event_data(event).items() if k != "username"}
    details.update({k: meta[k] for k in ("client_ip", "user_agent") if meta.get(k)})
    batch.conn.execute(
        account_events.insert().values(
            position=batch.position,
            username=event.username,
            type=event_type(event),
            recorded_at=event.timestamp,
            principal_id=meta.get("principal_id"),
            details=details,
        )
    )


def _update(batch: Batch, event: Any, **values: Any) -> None:
    batch.conn.execute(
        update(accounts)
        .where(accounts.c.username == event.username)
        .values(version=event.originator_version, **values)
    )


@apply_event.register
def _(event: Account.AccountCreated, batch: Batch) -> None:
    batch.conn.execute(
        accounts.insert().values(
            username=event.username,
            display_name=event.display_name,
            role=event.role,
            agency=event.agency,
            jurisdiction=event.jurisdiction,
            court=event.court,
            status="active",
            created_at=event.timestamp,
            version=event.originator_version,
        )
    )


@apply_event.register
def _(event: Account.LockedOut, batch: Batch) -> None:
    _update(batch, event, locked_until=event.until)


@apply_event.register
def _(event: Account.Unlocked, batch: Batch) -> None:
    _update(batch, event, locked_until=None)


@apply_event.register
def _(event: Account.AccountDisabled, batch: Batch) -> None:
    _update(batch, event, status="disabled")


def is_account_event(event: Any) -> bool:
    return isinstance(event, Account.Event | ConsoleSession.Event)
