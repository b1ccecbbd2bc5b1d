"""What the delivery channel reads from the read models: the events a delivery appended."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from sqlalchemy import Engine, select

from case_api.cases.tables import case_timeline


class DeliveryReads:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def events_of(
        self, case_id: str, principal_id: str, request_ids: Collection[str]
    ) -> list[dict[str, Any]]:
        """The case's events appended for these requests of this principal, in order."""
        query = (
            select(
                case_timeline.c.type,
                case_timeline.c.version,
                case_timeline.c.position,
                case_timeline.c.meta,
            )
            .where(case_timeline.c.stream_id == case_id)
            .order_by(case_timeline.c.position)
        )
        with self.engine.connect() as conn:
            found = conn.execute(query).mappings().all()
        return [
            {"type": row["type"], "version": row["version"], "position": row["position"]}
            for row in found
            if row["meta"].get("principal_id") == principal_id
            and row["meta"].get("request_id") in request_ids
        ]
