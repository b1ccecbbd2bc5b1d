"""Response bodies of the document endpoints."""

from __future__ import annotations

from pydantic import BaseModel, Field

from case_api.platform.http.schemas import Instant


class StoredDocument(BaseModel):
    """An accepted upload: reference it from a command by its SHA-256."""

    sha256: str = Field(
        examples=["9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"]
    )
    size: int = Field(description="Bytes")
    media_type: str = Field(description="Read from the content, not from the upload's claim")


class CaseDocument(StoredDocument):
    title: str
    position: int = Field(description="Feed position of the event that references it")
    version: int = Field(description="Case version of that event")
    event_type: str = Field(examples=["DocumentServed", "JudgmentServed", "CaseConcluded"])
    recorded_at: Instant


class CaseDocuments(BaseModel):
    case_id: str
    documents: list[CaseDocument]
