"""What the delivery channel reads from the read models: cases by number, events by request."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from sqlalchemy import Engine, select

from case_api.cases.tables import case_summaries, case_timeline
from case_api.platform.domain_errors import InvalidValue, NotFound


class DeliveryReads:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def case_by_number(self, court: str, case_number: str) -> str:
        query = select(case_summaries.c.case_id).where(
            case_summaries.c.court == court, case_summaries.c.case_number == case_number
        )
        with self.engine.connect() as conn:
            found = list(conn.execute(query.limit(2)).scalars())
        if not found:
            raise NotFound(
                "case-not-found",
                f"No case {case_number} of court {court}.",
                f"该法院没有案号为 {case_number} 的案件。",
            )
        if len(found) > 1:
            raise InvalidValue(
                "case-number-ambiguous",
                f"Court {court} has several cases numbered {case_number}: send the case_id.",
                f"该法院有多个案号为 {case_number} 的案件，请改用案件编号。",
            )
        return found[0]

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
