"""The signed court channel: a court posts deliveries and reads back their receipts."""

from __future__ import annotations

import hashlib
from typing import Annotated

from fastapi import APIRouter, Body, Depends, Header, Path, Request, Response

from case_api.courts.deliveries import Deliveries, receipt_id
from case_api.courts.keys import CourtKeys
from case_api.courts.ledger import DeliveryLedger, SignedReceipt
from case_api.courts.reads import DeliveryReads
from case_api.courts.schemas import EXAMPLES, Delivery, Receipt, incoming
from case_api.courts.signatures import ID_PATTERN
from case_api.courts.signing import CourtOrAdmin, SignedRoute
from case_api.platform.domain_errors import NotFound
from case_api.platform.http.consistency import wait_until_projected
from case_api.platform.http.deps import RuntimeDep
from case_api.platform.http.openapi_docs import errors
from case_api.platform.http.ratelimit import identified_by

router = APIRouter(prefix="/v1/courts/{court}/deliveries", tags=["court deliveries"])
BY_COURT = identified_by("the court, once its signature is verified")

SIGNED = {
    401: {
        **errors(401)[401],
        "description": "Signature missing, invalid or expired, unknown court, or a delivery id"
        " reused with another body (problem+json `signature-invalid`, `signature-expired`,"
        " `court-unknown`, `delivery-id-reused`)",
    }
}
RECEIPT_HEADERS = {
    name: {"description": text, "schema": {"type": "string"}}
    for name, text in (
        ("webhook-id", "receipt_<delivery id>"),
        ("webhook-timestamp", "Unix seconds when the receipt was signed"),
        ("webhook-signature", "v1,<base64 HMAC-SHA256> (and v1-sm3,…) over the body bytes"),
    )
}
Court = Annotated[str, Path(min_length=1, max_length=128, examples=["gz-tianhe-court"])]
DeliveryId = Annotated[str, Path(pattern=f"^{ID_PATTERN.pattern}$", examples=["gz-2025-000123"])]


async def body_sha256(request: Request) -> str:
    return hashlib.sha256(await request.body()).hexdigest()


async def get_deliveries(runtime: RuntimeDep) -> Deliveries:
    return Deliveries(
        runtime.commands,
        DeliveryLedger(runtime.engine),
        CourtKeys(runtime.engine),
        DeliveryReads(runtime.engine),
        runtime.clock,
        lambda position: wait_until_projected(runtime, position),
    )


OPENAPI_EXAMPLES = {kind: {"summary": kind, "value": value} for kind, value in EXAMPLES.items()}
DeliveriesDep = Annotated[Deliveries, Depends(get_deliveries)]
SignatureHeader = Annotated[str, Header(description="v1,<base64 HMAC-SHA256(id.timestamp.body)>")]
TimestampHeader = Annotated[str, Header(description="Unix seconds; ±5 minutes of our clock")]
IdHeader = Annotated[str, Header(description="The court's delivery id; one body for good")]


def deliver(
    court: Court,
    delivery: Annotated[Delivery, Body(openapi_examples=OPENAPI_EXAMPLES)],
    deliveries: DeliveriesDep,
    sha256: Annotated[str, Depends(body_sha256)],
    webhook_id: IdHeader,
    webhook_timestamp: TimestampHeader,
    webhook_signature: SignatureHeader,
) -> Response:
    # The webhook-* headers are declared for the OpenAPI document; SignedRoute checked them.
    answer = deliveries.receive(incoming(delivery, court, webhook_id, sha256))
    status = 200 if answer.replayed else 201
    return _receipt(answer.receipt, court, webhook_id, status, replayed=answer.replayed)


router.add_api_route(
    "",
    deliver,
    methods=["POST"],
    status_code=201,
    response_model=Receipt,
    summary="Deliver a served document or judgment, signed (送达)",
    description=(
        "Standard Webhooks signature over the raw body; the answer is the signed receipt"
        " (送达回证). A resend of the same delivery id and body answers 200 with the same"
        " receipt and appends nothing."
    ),
    responses={
        200: {"description": "A resend: the stored receipt", "model": Receipt},
        201: {"description": "Received: the signed receipt", "headers": RECEIPT_HEADERS},
        **SIGNED,
        **errors(403, 404, 409, 422, 503),
    },
    operation_id="deliver",
    route_class_override=SignedRoute,
    openapi_extra=BY_COURT,
)


@router.get(
    "/{delivery_id}",
    response_model=Receipt,
    summary="A stored receipt (送达回证)",
    dependencies=[CourtOrAdmin],
    responses={
        200: {"description": "The signed receipt", "headers": RECEIPT_HEADERS},
        **SIGNED,
        **errors(403),
        404: {
            "description": "No receipt for this delivery id (problem+json `delivery-not-found`)",
            "content": errors(404)[404]["content"],
        },
    },
    operation_id="get_delivery_receipt",
    openapi_extra=BY_COURT,
)
def get_receipt(court: Court, delivery_id: DeliveryId, runtime: RuntimeDep) -> Response:
    claim = DeliveryLedger(runtime.engine).find(court, delivery_id)
    if claim is None or claim.receipt is None:
        raise NotFound(
            "delivery-not-found",
            f"No receipt for delivery {delivery_id} of court {court}.",
            f"没有该法院送达编号 {delivery_id} 的送达回证。",
        )
    return _receipt(claim.receipt, court, delivery_id, 200)


def _receipt(
    receipt: SignedReceipt, court: str, delivery_id: str, status: int, *, replayed: bool = False
) -> Response:
    headers = {
        "webhook-id": receipt_id(delivery_id),
        "webhook-timestamp": str(receipt.timestamp),
        "webhook-signature": receipt.signature,
        "Location": f"/v1/courts/{court}/deliveries/{delivery_id}",
    }
    if replayed:
        headers["Idempotent-Replayed"] = "true"
    return Response(
        receipt.body, status_code=status, media_type="application/json", headers=headers
    )
