"""Fuzzing what arrives before any authorization: bearer tokens and signed court deliveries.

Whatever a client sends, parsing raises ``Unauthenticated`` (a 401) and nothing else, and a
token or signature changed by anyone without the key never passes as something else.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from typing import Any

import jwt
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from case_api.courts.signatures import sign, verify_delivery
from case_api.platform.access import Principal, Role
from case_api.platform.errors import Unauthenticated
from case_api.platform.http.auth import issue_token, principal_from_token
from case_api.platform.http.keyring import Keyring

# Short and wrong keys are the point of several cases here.
pytestmark = pytest.mark.filterwarnings("ignore::jwt.warnings.InsecureKeyLengthWarning")

SECRET = "fuzz-secret-0123456789-0123456789"
ISSUER = "case-api"
NOW = 1_780_000_000.0
KEYRING = Keyring("k1", {"k1": SECRET, "k0": "previous-secret-0123456789-012345"}, SECRET)

SCOPES = {
    Role.AGENCY_USER: {"agency": "wz-nrb"},
    Role.MOBILE_READER: {"agency": "wz-nrb"},
    Role.COURT_SYSTEM: {"court": "wz-court"},
    Role.BUREAU_OFFICER: {"jurisdiction": "wz"},
    Role.DISCIPLINE_OFFICER: {"jurisdiction": "wz"},
    Role.ADMIN: {},
    Role.NOTIFIER: {},
}


def parse(token: Any) -> Principal | None:
    """The principal, or None when refused; any other exception fails the test."""
    try:
        return principal_from_token(token, KEYRING, ISSUER, now=NOW)
    except Unauthenticated:
        return None


def token_for(role: Role, kid: str | None = "k1") -> str:
    key = KEYRING.keys[kid] if kid else SECRET
    return issue_token(
        key,
        ISSUER,
        subject="alice",
        role=role,
        ttl_seconds=600,
        now=NOW - 60,
        kid=kid,
        **SCOPES[role],
    )


def claims_of(token: str) -> dict[str, Any]:
    return jwt.decode(token, options={"verify_signature": False})


def signed(claims: dict[str, Any], key: str = SECRET, **headers: Any) -> str:
    return jwt.encode(claims, key, algorithm="HS256", headers=headers or None)


roles = st.sampled_from(list(Role))
kids = st.sampled_from(["k1", "k0", None])


@pytest.mark.parametrize("role", list(Role))
def test_a_well_formed_token_names_its_principal(role: Role):
    principal = parse(token_for(role))
    assert principal is not None and principal.role == role and principal.subject == "alice"
    assert parse(token_for(role, kid=None)) == principal


@given(
    st.one_of(st.text(), st.binary().map(lambda b: b.decode("latin-1")), st.none(), st.integers())
)
def test_arbitrary_input_is_refused_with_unauthenticated_only(token: Any):
    assert parse(token) is None


@given(st.lists(st.text(alphabet="ABCxyz019-_=.", max_size=40), min_size=1, max_size=4))
def test_dotted_garbage_is_refused(parts: list[str]):
    assert parse(".".join(parts)) is None


@given(roles, kids, st.data())
def test_a_token_changed_without_the_key_never_authenticates_as_anyone_else(role, kid, data):
    token = token_for(role, kid)
    original = parse(token)
    position = data.draw(st.integers(0, len(token) - 1))
    edit = data.draw(st.sampled_from(["flip", "insert", "delete"]))
    char = data.draw(st.characters(codec="ascii"))
    if edit == "flip":
        mutated = token[:position] + char + token[position + 1 :]
    elif edit == "insert":
        mutated = token[:position] + char + token[position:]
    else:
        mutated = token[:position] + token[position + 1 :]
    assume(mutated != token)
    # Base64 leaves a few bits unused, so an edit can decode to the very same token.
    assert parse(mutated) in (None, original)


@given(roles, st.sampled_from(["none", "HS512", "HS384", "RS256", "ES256", "hs256", ""]))
def test_a_token_whose_header_names_another_algorithm_is_refused(role, alg):
    header, payload, signature = token_for(role).split(".")
    forged = _b64({"alg": alg, "typ": "JWT", "kid": "k1"})
    assert parse(f"{forged}.{payload}.{signature}") is None
    assert parse(f"{forged}.{payload}.") is None


@pytest.mark.parametrize("alg", ["HS384", "HS512"])
def test_a_token_signed_with_the_right_key_but_another_algorithm_is_refused(alg):
    claims = claims_of(token_for(Role.ADMIN))
    assert parse(jwt.encode(claims, SECRET, algorithm=alg)) is None


NEEDS_SCOPE = (Role.AGENCY_USER, Role.MOBILE_READER, Role.COURT_SYSTEM, Role.BUREAU_OFFICER)


@given(roles, st.data())
def test_a_token_missing_a_required_claim_is_refused(role, data):
    claims = claims_of(token_for(role))
    required = ["iss", "sub", "role", "exp", "iat", *(SCOPES[role] if role in NEEDS_SCOPE else ())]
    del claims[data.draw(st.sampled_from(required))]
    assert parse(signed(claims)) is None


wrong_types = st.one_of(
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.none(),
    st.lists(st.text(max_size=5), max_size=3),
    st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=2),
)


@given(
    roles,
    st.sampled_from(["iss", "sub", "role", "exp", "iat", "agency", "jurisdiction", "court"]),
    wrong_types,
)
def test_claims_of_the_wrong_type_never_yield_another_principal(role, claim, value):
    claims = claims_of(token_for(role))
    assume(claims.get(claim) != value)
    # A null scope claim reads as no claim, which test_a_token_missing_a_required_claim covers
    # (a discipline officer without a jurisdiction is unscoped by design).
    assume(not (value is None and claim in ("agency", "jurisdiction", "court")))
    claims[claim] = value
    parsed = parse(forge({"alg": "HS256", "typ": "JWT"}, claims, SECRET))
    assert parsed in (None, parse(token_for(role)))
    names_the_principal = claim in ("iss", "sub", "role", *SCOPES[role])
    if names_the_principal and value is not None and not isinstance(value, str):
        assert parsed is None
    if claim == "exp" and (isinstance(value, bool) or not isinstance(value, int | float)):
        assert parsed is None


@given(roles, st.one_of(wrong_types, st.text(max_size=8)))
def test_a_token_naming_an_unknown_or_malformed_key_id_is_refused(role, kid):
    assume(kid is not None and not (isinstance(kid, str) and kid in KEYRING.keys))
    claims = claims_of(token_for(role))
    assert parse(forge({"alg": "HS256", "typ": "JWT", "kid": kid}, claims, SECRET)) is None


@pytest.mark.parametrize("exp", [float("nan"), float("inf")])
def test_a_token_whose_expiry_is_not_a_finite_number_is_refused(exp):
    claims = {**claims_of(token_for(Role.ADMIN)), "exp": exp}
    assert parse(signed(claims)) is None


@given(roles, st.sampled_from(["wrong-secret", "", SECRET + "x", "k1"]))
def test_a_token_signed_with_another_key_is_refused(role, key):
    claims = claims_of(token_for(role))
    assert parse(signed(claims, key=key or "x", kid="k1")) is None


def test_an_expired_token_is_refused_against_the_injected_clock():
    token = token_for(Role.ADMIN)
    assert parse(token) is not None
    expires = claims_of(token)["exp"]
    with pytest.raises(Unauthenticated):
        principal_from_token(token, KEYRING, ISSUER, now=expires)


def _b64(value: Any) -> str:
    raw = value if isinstance(value, bytes) else json.dumps(value, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def forge(header: dict[str, Any], claims: dict[str, Any], key: str) -> str:
    """A correctly signed HS256 token with any header at all (PyJWT refuses odd ones)."""
    signing_input = f"{_b64(header)}.{_b64(claims)}"
    mac = hmac.new(key.encode(), signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{_b64(mac)}"


# Signed court deliveries (Standard Webhooks: webhook-id, webhook-timestamp, webhook-signature).

COURT_KEYS = [b"court-key-0123456789abcdef", b"court-key-rotated-0123456789"]
TOLERANCE = 300


def delivered(headers: Any, body: Any, now: float = NOW) -> str | None:
    """The delivery id, or None when refused; any other exception fails the test."""
    try:
        return verify_delivery(headers, body, COURT_KEYS, now, TOLERANCE)
    except Unauthenticated:
        return None


def signed_delivery(body: bytes, msg_id: str = "msg_1", at: int = int(NOW), key: int = 0) -> dict:
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": str(at),
        "webhook-signature": sign(msg_id, at, body, COURT_KEYS[key]),
    }


header_values = st.one_of(st.text(max_size=60), st.none(), st.integers(), st.binary(max_size=20))
header_maps = st.dictionaries(
    st.sampled_from(["webhook-id", "Webhook-Timestamp", "WEBHOOK-SIGNATURE", "x-other"]),
    header_values,
    max_size=4,
)
bodies = st.binary(max_size=200)


@given(st.integers(0, 1), bodies)
def test_a_correctly_signed_delivery_is_accepted_with_either_court_key(key, body):
    assert delivered(signed_delivery(body, key=key), body) == "msg_1"


@given(header_maps, st.one_of(bodies, st.text(max_size=20), st.none()), st.floats())
def test_arbitrary_headers_and_bodies_are_refused_with_unauthenticated_only(headers, body, now):
    try:
        verify_delivery(headers, body, COURT_KEYS, now, TOLERANCE)
    except Unauthenticated:
        return
    raise AssertionError("unsigned input was accepted")


@given(bodies, st.data())
def test_a_delivery_changed_after_signing_is_refused(body, data):
    headers = signed_delivery(body)
    what = data.draw(st.sampled_from(["body", "webhook-id", "webhook-timestamp"]))
    if what == "body":
        changed = data.draw(bodies.filter(lambda b: b != body))
        assert delivered(headers, changed) is None
        return
    original = headers[what]
    value = data.draw(st.text(alphabet="0123456789abcdef_", min_size=1, max_size=12))
    assume(value != original)
    assert delivered({**headers, what: value}, body) is None


@given(bodies, st.data())
def test_an_edited_signature_is_refused_unless_it_decodes_to_the_same_mac(body, data):
    headers = signed_delivery(body)
    signature = headers["webhook-signature"]
    position = data.draw(st.integers(0, len(signature) - 1))
    char = data.draw(st.characters(codec="ascii"))
    edited = signature[:position] + char + signature[position + 1 :]
    assume(edited != signature)
    accepted = delivered({**headers, "webhook-signature": edited}, body)
    if accepted is not None:
        # Base64 leaves unused bits in its last character: the same MAC may be spelled twice.
        assert _macs(edited) & _macs(signature)


@given(bodies, st.integers(TOLERANCE + 1, 10**9), st.sampled_from([-1, 1]))
def test_a_delivery_signed_outside_the_tolerance_window_is_refused(body, offset, sign_of):
    at = int(NOW) + sign_of * offset
    assert delivered(signed_delivery(body, at=at), body) is None


@given(bodies)
def test_a_delivery_signed_with_an_unknown_key_is_refused(body):
    headers = signed_delivery(body)
    foreign = sign("msg_1", int(NOW), body, b"another-court-key-0123456789")
    assert delivered({**headers, "webhook-signature": foreign}, body) is None


def _macs(header: str) -> set[bytes]:
    found = set()
    for candidate in header.split(" "):
        _, _, value = candidate.partition(",")
        try:
            found.add(base64.b64decode(value, validate=True))
        except ValueError:
            continue
    return found
