"""The Standard Webhooks scheme of court deliveries, without a server (milliseconds)."""

from __future__ import annotations

import base64
import hmac
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from standardwebhooks import Webhook

from case_api.courts.signatures import ALGORITHMS, secret_bytes, sign, verify_delivery
from case_api.platform.errors import Unauthenticated

KEY = bytes(range(32))
SECRET = "whsec_" + base64.b64encode(KEY).decode()
NOW = 1_756_688_400
BODY = b'{"kind":"document_served","facts":{"kind":"summons"}}'


def headers(signature: str, msg_id: str = "dlv_1", at: int = NOW) -> dict[str, str]:
    return {"webhook-id": msg_id, "webhook-timestamp": str(at), "webhook-signature": signature}


def test_our_v1_signature_is_the_standard_webhooks_reference_signature():
    reference = Webhook(SECRET).sign("dlv_1", datetime.fromtimestamp(NOW, UTC), BODY.decode())
    ours = sign("dlv_1", NOW, BODY, secret_bytes(SECRET)).split(" ")
    assert ours[0] == reference
    assert verify_delivery(headers(reference), BODY, [KEY], NOW) == "dlv_1"


def test_header_names_are_case_insensitive_and_unknown_versions_are_skipped():
    good = sign("dlv_1", NOW, BODY, KEY)
    mixed = {k.upper(): v for k, v in headers(f"v9,AAAA v1a,xyz {good}").items()}
    assert verify_delivery(mixed, BODY, [KEY], NOW) == "dlv_1"


@pytest.mark.skipif("v1-sm3" not in ALGORITHMS, reason="this OpenSSL build has no SM3")
def test_an_hmac_sm3_signature_alone_verifies():
    digest = hmac.new(KEY, b"dlv_1.%d." % NOW + BODY, "sm3").digest()
    value = "v1-sm3," + base64.b64encode(digest).decode()
    assert verify_delivery(headers(value), BODY, [KEY], NOW) == "dlv_1"
    forged = hmac.new(KEY, b"dlv_1.%d.x" % NOW, "sm3").digest()
    with pytest.raises(Unauthenticated):
        verify_delivery(headers("v1-sm3," + base64.b64encode(forged).decode()), BODY, [KEY], NOW)


@pytest.mark.parametrize(
    ("changed", "code"),
    [
        ({"webhook-id": "dlv_2"}, "signature-invalid"),
        ({"webhook-id": "dlv.1"}, "signature-invalid"),
        ({"webhook-timestamp": str(NOW - 301)}, "signature-expired"),
        ({"webhook-timestamp": str(NOW + 301)}, "signature-expired"),
        ({"webhook-timestamp": "1e9"}, "signature-invalid"),
        ({"webhook-signature": "v1,not base64!"}, "signature-invalid"),
        ({"webhook-signature": "v1"}, "signature-invalid"),
        ({"webhook-signature": ""}, "signature-invalid"),
    ],
)
def test_changed_headers_are_refused_with_a_stable_code(changed: dict[str, str], code: str):
    sent = {**headers(sign("dlv_1", NOW, BODY, KEY)), **changed}
    with pytest.raises(Unauthenticated) as refused:
        verify_delivery(sent, BODY, [KEY], NOW)
    assert refused.value.code == code


def test_the_window_is_inclusive_and_a_nan_clock_is_never_fresh():
    at_edge = headers(sign("dlv_1", NOW - 300, BODY, KEY), at=NOW - 300)
    assert verify_delivery(at_edge, BODY, [KEY], NOW) == "dlv_1"
    with pytest.raises(Unauthenticated):
        verify_delivery(at_edge, BODY, [KEY], float("nan"))


def test_without_any_secret_nothing_verifies():
    with pytest.raises(Unauthenticated):
        verify_delivery(headers(sign("dlv_1", NOW, BODY, KEY)), BODY, [], NOW)


@pytest.mark.parametrize("bad", ["whsec_", "whsec_!!", "abc", "whsec_" + "QUFB" * 2])
def test_a_secret_must_be_whsec_base64_of_16_to_64_bytes(bad: str):
    with pytest.raises(ValueError):
        secret_bytes(bad)


anything = st.one_of(st.text(max_size=40), st.binary(max_size=40), st.integers(), st.none())


@given(
    fields=st.dictionaries(
        st.sampled_from(["webhook-id", "webhook-timestamp", "webhook-signature", "x"]) | st.text(),
        anything,
        max_size=5,
    ),
    body=st.binary(max_size=64) | anything,
    secrets=st.lists(st.binary(max_size=40) | anything, max_size=3),
    now=st.floats(allow_nan=True) | st.integers(),
)
def test_any_input_at_all_ends_in_unauthenticated(fields, body, secrets, now):
    with pytest.raises(Unauthenticated):
        verify_delivery(fields, body, secrets, now)


@given(
    body=st.binary(max_size=256),
    msg_id=st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_:-]{0,20}", fullmatch=True),
)
def test_any_body_signed_with_the_key_verifies_and_one_flipped_byte_does_not(body, msg_id):
    sent = headers(sign(msg_id, NOW, body, KEY), msg_id)
    assert verify_delivery(sent, body, [b"other-key-000000", KEY], NOW) == msg_id
    flipped = bytes([body[0] ^ 1]) + body[1:] if body else b"x"
    with pytest.raises(Unauthenticated):
        verify_delivery(sent, flipped, [KEY], NOW)
