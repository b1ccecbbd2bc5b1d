"""Every court delivery received, by (court, delivery id), and the receipt it was answered with.

The row is written before the delivery's commands run, so its body hash and arrival time
survive a crash; the receipt is written after. A delivery id names one body for good. Times
are stored in UTC: SQLite keeps no offset.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine, select, update
from sqlalchemy.exc import IntegrityError

from case_api.courts.tables import court_deliveries as rows


@dataclass(frozen=True)
class SignedReceipt:
    body: bytes
    timestamp: int
    signature: str


@dataclass(frozen=True)
class Claim:
    body_sha256: str
    received_at: datetime
    receipt: SignedReceipt | None


class DeliveryLedger:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def claim(self, court: str, delivery_id: str, body_sha256: str, now: datetime) -> Claim:
        """Record the delivery's arrival, or return what was recorded when it first came."""
        try:
            with self.engine.begin() as conn:
                conn.execute(
                    rows.insert().values(
                        court=court,
                        delivery_id=delivery_id,
                        body_sha256=body_sha256,
                        received_at=now.astimezone(UTC),
                    )
                )
            return Claim(body_sha256, now, None)
        except IntegrityError:
            found = self.find(court, delivery_id)
            assert found is not None  # rows are never deleted
            return found

    def find(self, court: str, delivery_id: str) -> Claim | None:
        query = select(rows).where(rows.c.court == court, rows.c.delivery_id == delivery_id)
        with self.engine.connect() as conn:
            row = conn.execute(query).mappings().one_or_none()
        if row is None:
            return None
        receipt = None
        if row["receipt"] is not None:
            receipt = SignedReceipt(
                row["receipt"].encode(), row["receipt_timestamp"], row["receipt_signature"]
            )
        return Claim(row["body_sha256"], _aware(row["received_at"]), receipt)

    def complete(self, court: str, delivery_id: str, receipt: SignedReceipt) -> SignedReceipt:
        """Store the receipt unless a concurrent resend stored one first; return the stored one."""
        with self.engine.begin() as conn:
            conn.execute(
                update(rows)
                .where(rows.c.court == court, rows.c.delivery_id == delivery_id)
                .where(rows.c.receipt.is_(None))
                .values(
                    receipt=receipt.body.decode(),
                    receipt_timestamp=receipt.timestamp,
                    receipt_signature=receipt.signature,
                )
            )
        stored = self.find(court, delivery_id)
        assert stored is not None and stored.receipt is not None
        return stored.receipt


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)
