"""Machine clients as the administrator lists them, and the history of every change.

Client events stay off the timeline (the feed is read by other clients); their history goes
to ``api_client_changes`` instead. Secret hashes are never copied out of the event store.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select, update

from case_api.clients.domain import ApiClient
from case_api.clients.tables import api_client_changes, api_clients
from case_api.readmodel.batch import Batch
from case_api.readmodel.dispatch import apply_event
from case_api.readmodel.events_json import event_data, event_type, to_json


def _record_change(batch: Batch, event: Any) -> None:
    details = {k: v for k, v in event_data(event).items() if k not in ("secret_hash", "client_id")}
    batch.conn.execute(
        api_client_changes.insert().values(
            position=batch.position,
            client_id=event.client_id,
            type=event_type(event),
            recorded_at=event.timestamp,
            principal_id=event.meta.get("principal_id"),
            details=details,
        )
    )


def _update(batch: Batch, event: Any, **values: Any) -> None:
    batch.conn.execute(
        update(api_clients)
        .where(api_clients.c.client_id == event.client_id)
        .values(version=event.originator_version, **values)
    )


def _earlier(stored: str | None, ends: datetime) -> str:
    if stored is not None and datetime.fromisoformat(stored) < ends:
        return stored
    return to_json(ends)


@apply_event.register
def _(event: ApiClient.ClientRegistered, batch: Batch) -> None:
    batch.conn.execute(
        api_clients.insert().values(
            client_id=event.client_id,
            name=event.name,
            role=event.role,
            agency=event.agency,
            jurisdiction=event.jurisdiction,
            court=event.court,
            actions=list(event.actions),
            status="active",
            secrets=[{"secret_id": event.secret_id, "expires_at": None}],
            registered_at=event.timestamp,
            version=event.originator_version,
        )
    )
    _record_change(batch, event)


@apply_event.register
def _(event: ApiClient.SecretRotated, batch: Batch) -> None:
    current = batch.conn.execute(
        select(api_clients.c.secrets).where(api_clients.c.client_id == event.client_id)
    ).scalar_one()
    kept = [
        {**s, "expires_at": _earlier(s["expires_at"], event.previous_expire_at)} for s in current
    ]
    _update(batch, event, secrets=[*kept, {"secret_id": event.secret_id, "expires_at": None}])
    _record_change(batch, event)


@apply_event.register
def _(event: ApiClient.ClientRevoked, batch: Batch) -> None:
    _update(batch, event, status="revoked", revoked_at=event.timestamp)
    _record_change(batch, event)
