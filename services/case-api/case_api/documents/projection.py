"""The documents each case references (``case_documents``), from the events that carry them."""

from __future__ import annotations

from typing import Any

from case_api.documents.tables import case_documents
from case_api.readmodel.batch import Batch
from case_api.readmodel.events_json import event_type


def project_documents(batch: Batch, event: Any, position: int) -> None:
    """One row per blob an event references; written at once, in the batch's transaction."""
    # Events stored before documents were kept have no such field (see Case.serve_document).
    documents = getattr(event, "documents", None) or []
    rows = {
        d["sha256"]: {
            "case_id": str(event.originator_id),
            "sha256": d["sha256"],
            "position": position,
            "version": event.originator_version,
            "event_type": event_type(event),
            "title": d["title"],
            "size": d["size"],
            "media_type": d["media_type"],
            "recorded_at": event.timestamp,
        }
        for d in documents
    }
    if rows:
        batch.conn.execute(case_documents.insert(), list(rows.values()))
