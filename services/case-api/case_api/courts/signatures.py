"""Signed machine-to-machine messages in the Standard Webhooks scheme.

``webhook-signature: v1,<base64 HMAC-SHA256(id "." timestamp "." body)>``; several
space-separated signatures may be sent, so a court rotating its key signs with both. The
version label names the algorithm: ``v1`` is HMAC-SHA256, ``v1-sm3`` HMAC-SM3 (GB/T
32905) where the OpenSSL build offers SM3. Verification works on the raw body bytes, before
anything parses them.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import re
from collections.abc import Mapping, Sequence

from case_api.platform.errors import SignatureExpired, SignatureInvalid, Unauthenticated

SECRET_PREFIX = "whsec_"
DEFAULT_TOLERANCE_SECONDS = 300
MAX_SIGNATURES = 8
MAX_SIGNATURE_HEADER = 2048
ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_:-]{0,127}")
TIMESTAMP_PATTERN = re.compile(r"[0-9]{1,12}")


def _algorithms() -> dict[str, str]:
    found = {"v1": "sha256"}
    try:
        hashlib.new("sm3")
    except ValueError:
        return found
    return {**found, "v1-sm3": "sm3"}


ALGORITHMS = _algorithms()
"""Signature version label -> hashlib name of the HMAC's hash."""


def secret_bytes(secret: str) -> bytes:
    """The HMAC key of a ``whsec_<base64>`` secret (16 to 64 bytes)."""
    if not secret.startswith(SECRET_PREFIX):
        raise ValueError("a signing secret looks like whsec_<base64>")
    try:
        key = base64.b64decode(secret.removeprefix(SECRET_PREFIX), validate=True)
    except binascii.Error:
        raise ValueError("a signing secret looks like whsec_<base64>") from None
    if not 16 <= len(key) <= 64:
        raise ValueError("a signing secret holds 16 to 64 bytes")
    return key


def sign(msg_id: str, timestamp: int, body: bytes, secret: bytes) -> str:
    """A ``webhook-signature`` value with one signature per registered algorithm."""
    signed = f"{msg_id}.{timestamp}.".encode() + body
    return " ".join(
        f"{label},{base64.b64encode(hmac.new(secret, signed, alg).digest()).decode()}"
        for label, alg in ALGORITHMS.items()
    )


def verify_delivery(
    headers: Mapping[str, str],
    body: bytes,
    secrets: Sequence[bytes],
    now: float,
    tolerance: float = DEFAULT_TOLERANCE_SECONDS,
) -> str:
    """Return the message id of a correctly signed, fresh message; else raise Unauthenticated.

    ``now`` and the ``webhook-timestamp`` are Unix seconds; ``secrets`` are every key the
    sender may have signed with.
    """
    try:
        return _verify(headers, body, secrets, now, tolerance)
    except Unauthenticated:
        raise
    except Exception:  # noqa: BLE001 - whatever a sender puts in, the answer is a 401
        raise SignatureInvalid(
            "The signature headers are malformed.", "签名请求头格式错误。"
        ) from None


def _verify(
    headers: Mapping[str, str],
    body: bytes,
    secrets: Sequence[bytes],
    now: float,
    tolerance: float,
) -> str:
    fields = {str(k).lower(): v for k, v in headers.items()}
    msg_id = fields.get("webhook-id")
    timestamp = fields.get("webhook-timestamp")
    signatures = fields.get("webhook-signature")
    if not (isinstance(msg_id, str) and isinstance(timestamp, str)):
        raise SignatureInvalid("webhook-id and webhook-timestamp are required.", "缺少签名请求头。")
    if not isinstance(signatures, str) or len(signatures) > MAX_SIGNATURE_HEADER:
        raise SignatureInvalid("webhook-signature is missing or too long.", "缺少或过长的签名。")
    if not ID_PATTERN.fullmatch(msg_id) or not TIMESTAMP_PATTERN.fullmatch(timestamp):
        raise SignatureInvalid(
            "webhook-id or webhook-timestamp is malformed.", "签名请求头格式错误。"
        )
    if not abs(float(now) - int(timestamp)) <= tolerance:
        raise SignatureExpired(
            f"webhook-timestamp is more than {tolerance:g} seconds away from our clock.",
            "签名时间戳超出允许的时间窗口。",
        )
    if not isinstance(body, bytes | bytearray | memoryview):
        raise SignatureInvalid("The body must be bytes.", "请求体必须为字节串。")
    signed = f"{msg_id}.{timestamp}.".encode() + bytes(body)
    for candidate in signatures.split(" ")[:MAX_SIGNATURES]:
        label, _, value = candidate.partition(",")
        given = _decoded(value) if label in ALGORITHMS else None
        if given is None:
            continue
        for secret in secrets:
            expected = hmac.new(secret, signed, ALGORITHMS[label]).digest()
            if hmac.compare_digest(expected, given):
                return msg_id
    raise SignatureInvalid("No signature matches a key of this court.", "签名与该法院的密钥不符。")


def _decoded(value: str) -> bytes | None:
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        return None
