"""What every write is: who asks (with the request's id and fingerprint) and where it landed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from case_api.platform.access import Principal


@dataclass(frozen=True)
class Written:
    case_id: str
    version: int
    position: int
    status: str
    replayed: bool = False
    chain_head: str | None = None
    """Hash of the case's newest event: an anchor a receipt may quote (domain/chain.py)."""


@dataclass(frozen=True)
class Request:
    """The client's identification of a write, for idempotency and the audit trail."""

    principal: Principal
    request_id: str | None = None
    request_hash: str = ""
    if_match: int | None = None

    @property
    def meta(self) -> dict[str, Any]:
        return self.principal.meta(self.request_id, self.request_hash)
