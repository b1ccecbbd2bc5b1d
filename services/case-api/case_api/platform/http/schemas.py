"""Response bodies every capability's routes share: instants, write results, health."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, Field

# SQLite hands back naive datetimes; every stored instant is UTC.
Instant = Annotated[datetime, AfterValidator(lambda v: v if v.tzinfo else v.replace(tzinfo=UTC))]


class CommandResult(BaseModel):
    """Where a write landed: pass ``position`` as ``min_position`` to read it back."""

    case_id: str
    version: int = Field(description="The case's version after the write (also the ETag)")
    position: int = Field(description="Position of the write in the event feed")
    status: str
    replayed: bool = Field(False, description="True when an earlier identical request is answered")
    chain_head: str | None = Field(
        None, description="Hash of the case's newest event (sha256:hex), for receipts"
    )


class RegistryResult(BaseModel):
    code: str
    position: int


class Health(BaseModel):
    status: str
    checks: dict[str, str] = {}
