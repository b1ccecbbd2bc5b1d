"""Signed court deliveries: run a court's delivery as case commands and answer with a receipt.

Each step of a delivery is a case command whose request id is the delivery id (a second step
adds a suffix), so a court resending a delivery after our crash appends nothing twice: the
case already remembers the request. The receipt lists the events the delivery appended and
is signed with the court's newest key.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from case_api.cases.aggregate import case_id_of
from case_api.cases.commands import CaseCommands
from case_api.courts.keys import CourtKeys
from case_api.courts.ledger import DeliveryLedger, SignedReceipt
from case_api.courts.reads import DeliveryReads
from case_api.courts.signatures import sign
from case_api.platform.access import Principal, Role
from case_api.platform.commands import Request
from case_api.platform.errors import CourtUnknown, DeliveryIdReused
from shared.clock import SHANGHAI, Clock


@dataclass(frozen=True)
class Step:
    name: str
    """Empty for a delivery's main command; else the suffix of its request id."""
    command: str
    args: dict[str, Any]
    access: str | None = None
    """The permission it needs, when not named like the command."""


@dataclass(frozen=True)
class Incoming:
    court: str
    delivery_id: str
    body_sha256: str
    kind: str
    steps: list[Step]
    case_id: UUID | None = None
    case_number: str | None = None


@dataclass(frozen=True)
class Answer:
    receipt: SignedReceipt
    replayed: bool


def court_principal(court: str) -> Principal:
    return Principal(f"court:{court}", Role.COURT_SYSTEM, court=court)


def receipt_id(delivery_id: str) -> str:
    """The receipt's own ``webhook-id``: a receipt can never pass for a delivery."""
    return f"receipt_{delivery_id}"


class Deliveries:
    def __init__(
        self,
        commands: CaseCommands,
        ledger: DeliveryLedger,
        keys: CourtKeys,
        reads: DeliveryReads,
        clock: Clock,
        wait_for: Callable[[int], None],
    ) -> None:
        self.commands = commands
        self.ledger = ledger
        self.keys = keys
        self.reads = reads
        self.clock = clock
        self.wait_for = wait_for

    def receive(self, incoming: Incoming) -> Answer:
        claim = self.ledger.claim(
            incoming.court, incoming.delivery_id, incoming.body_sha256, self.clock.now()
        )
        if claim.body_sha256 != incoming.body_sha256:
            raise DeliveryIdReused(
                f"Delivery {incoming.delivery_id} was received before with another body.",
                f"送达编号 {incoming.delivery_id} 已用于内容不同的送达。",
            )
        if claim.receipt is not None:
            return Answer(claim.receipt, replayed=True)
        case_id, position = self._run(incoming)
        body = self._receipt(incoming, case_id, position, claim.received_at)
        signed = self._signed(incoming.court, incoming.delivery_id, body)
        stored = self.ledger.complete(incoming.court, incoming.delivery_id, signed)
        return Answer(stored, replayed=stored != signed)

    def _receipt(
        self, incoming: Incoming, case_id: UUID, position: int, received_at: datetime
    ) -> bytes:
        """The receipt's bytes: the events are read back, so a resend after a crash lists them."""
        self.wait_for(position)
        events = self.reads.events_of(
            str(case_id),
            court_principal(incoming.court).subject,
            [_request_id(incoming, step) for step in incoming.steps],
        )
        receipt = {
            "delivery_id": incoming.delivery_id,
            "court": incoming.court,
            "kind": incoming.kind,
            "case_id": str(case_id),
            "events": events,
            "position": max((e["position"] for e in events), default=position),
            "received_at": received_at.astimezone(SHANGHAI).isoformat(),
            "body_sha256": incoming.body_sha256,
        }
        return json.dumps(receipt, ensure_ascii=False, separators=(",", ":")).encode()

    def _run(self, incoming: Incoming) -> tuple[UUID, int]:
        principal = court_principal(incoming.court)
        case_id = incoming.case_id
        if incoming.case_number is not None:
            # The case number names the case as filing does: one spelling rule, no lookup.
            case_id = case_id_of(incoming.court, incoming.case_number)
        position = 0
        for step in incoming.steps:
            request = Request(principal, _request_id(incoming, step), incoming.body_sha256)
            if step.command == "file_case":
                written = self.commands.file_case(request, **step.args)
            else:
                assert case_id is not None  # every kind but a filing names its case
                written = self.commands.execute(
                    request, case_id, step.command, access=step.access, **step.args
                )
            case_id, position = UUID(written.case_id), max(position, written.position)
        assert case_id is not None
        return case_id, position

    def _signed(self, court: str, delivery_id: str, body: bytes) -> SignedReceipt:
        secrets = self.keys.active(court)
        if not secrets:
            raise CourtUnknown(
                f"Court {court} has no active signing key.", f"法院 {court} 没有有效的签名密钥。"
            )
        timestamp = int(self.clock.now().timestamp())
        return SignedReceipt(
            body, timestamp, sign(receipt_id(delivery_id), timestamp, body, secrets[0])
        )


def _request_id(incoming: Incoming, step: Step) -> str:
    return f"{incoming.delivery_id}#{step.name}" if step.name else incoming.delivery_id
