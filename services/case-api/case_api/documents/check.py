"""Whether every blob the stored events cite is still in the blob store, and whole.

The walk reads the event store, not the ``case_documents`` read model: the events are the
record, and a read model may lag behind them or be in the middle of a rebuild. Each blob is
looked at once, however many events cite it: present, and of the size its first citing event
recorded; with ``deep``, read back and hashed, since a blob's name is the SHA-256 of its bytes.
"""

from __future__ import annotations

from contextlib import closing
from dataclasses import dataclass, field

from eventsourcing.persistence import Notification

from case_api.chain.walk import decode_state
from case_api.documents.store import BlobNotFound, BlobStore, copy_hashing
from case_api.platform.eventstore import CaseStore
from case_api.platform.store_walk import Progress, stored_events

MISSING = "missing"
CORRUPT = "corrupt"


@dataclass(frozen=True)
class Citation:
    case_id: str
    position: int


@dataclass(frozen=True)
class Fault:
    kind: str
    """``missing`` or ``corrupt``."""
    detail: str = ""


@dataclass
class BlobReport:
    sha256: str
    fault: Fault
    citations: list[Citation] = field(default_factory=list)


@dataclass
class CitedBlobCheck:
    blobs: BlobStore
    deep: bool = False
    events: int = 0
    citations: int = 0
    checked: dict[str, Fault | None] = field(default_factory=dict)
    """Each cited blob once: None when sound."""
    faulty: dict[str, BlobReport] = field(default_factory=dict)
    unreadable: list[Citation] = field(default_factory=list)
    """Events whose stored state cannot be decoded: what they cite is unknown."""

    @property
    def sound(self) -> bool:
        return not self.faulty and not self.unreadable

    def step(self, store: CaseStore, record: Notification) -> None:
        self.events += 1
        citation = Citation(str(record.originator_id), record.id)
        try:
            # Stored before documents were kept: no such field, and nothing cited.
            documents = decode_state(store.mapper, record).get("documents") or []
        except Exception:  # noqa: BLE001 - an altered record; `case-api verify` says how
            self.unreadable.append(citation)
            return
        for document in documents:
            self.citations += 1
            sha256 = document["sha256"]
            if sha256 not in self.checked:
                self.checked[sha256] = self._fault(sha256, document.get("size"))
            fault = self.checked[sha256]
            if fault is not None:
                self.faulty.setdefault(sha256, BlobReport(sha256, fault)).citations.append(citation)

    def _fault(self, sha256: str, recorded_size: int | None) -> Fault | None:
        size = self.blobs.size(sha256)
        if size is None:
            return Fault(MISSING)
        if recorded_size is not None and size != recorded_size:
            return Fault(CORRUPT, f"{size} bytes where the event recorded {recorded_size}")
        if not self.deep:
            return None
        try:
            blob = self.blobs.open(sha256)
        except BlobNotFound:
            return Fault(MISSING)  # removed since its size was read
        with closing(blob):
            digest, _ = copy_hashing(blob, None)
        return None if digest == sha256 else Fault(CORRUPT, f"its bytes hash to {digest}")


def check_cited_blobs(
    store: CaseStore, blobs: BlobStore, *, deep: bool = False, progress: Progress | None = None
) -> CitedBlobCheck:
    """Every stored event, oldest first; ``progress`` gets the position reached."""
    check = CitedBlobCheck(blobs, deep)
    for record in stored_events(store, progress):
        check.step(store, record)
    return check
