"""The read side of documents: what a case references, for those who may see the case."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, select

from case_api.cases.queries import CaseQueries
from case_api.documents.errors import not_on_case
from case_api.documents.tables import case_documents
from case_api.platform.access import Principal


class DocumentQueries:
    def __init__(self, engine: Engine, cases: CaseQueries) -> None:
        self.engine = engine
        self.cases = cases

    def of_case(self, principal: Principal, case_id: str) -> list[dict[str, Any]]:
        """Oldest reference first; raises ``case-not-found`` for a case the principal can't see."""
        self.cases.case(principal, case_id)
        query = (
            select(case_documents)
            .where(case_documents.c.case_id == case_id)
            .order_by(case_documents.c.position, case_documents.c.sha256)
        )
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(query).mappings()]

    def on_case(self, principal: Principal, case_id: str, sha256: str) -> dict[str, Any]:
        """The case's first reference to the blob; a blob the case doesn't reference is 404."""
        self.cases.case(principal, case_id)
        query = (
            select(case_documents)
            .where(case_documents.c.case_id == case_id, case_documents.c.sha256 == sha256)
            .order_by(case_documents.c.position)
            .limit(1)
        )
        with self.engine.connect() as conn:
            row = conn.execute(query).mappings().first()
        if row is None:
            raise not_on_case(sha256)
        return dict(row)
