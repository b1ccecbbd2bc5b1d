"""Token parsing, secrets, actions and the client aggregate, without storage (fast)."""

from __future__ import annotations

import base64
import contextlib
import json
from datetime import datetime, timedelta

import jwt
import pytest
from hypothesis import given
from hypothesis import strategies as st

from case_api.clients.actions import required_action
from case_api.clients.credentials import hash_secret, new_secret, secret_matches
from case_api.clients.domain import ApiClient, RevokedClient
from case_api.platform.access import Role
from case_api.platform.errors import Unauthenticated
from case_api.platform.http.auth import issue_token, principal_from_token
from case_api.platform.http.keyring import Keyring

KEYRING = Keyring(
    "k1", {"k1": "k1-secret-0123456789abcdef0123456789"}, "legacy-0123456789abcdef0123"
)
NOW = 1_756_688_400.0
T0 = datetime.fromisoformat("2025-09-01T09:00:00+08:00")


def _client_token(**changes: object) -> str:
    claims = {"client_id": "cl_1", "scope": "cases:read", **changes}
    return issue_token(
        KEYRING.signing_key,
        "case-api",
        subject="cl_1",
        role=Role.COURT_SYSTEM,
        ttl_seconds=600,
        court="c",
        now=NOW,
        kid="k1",
        extra=claims,
    )


def _segment(data: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def test_a_client_token_names_the_client_and_its_actions():
    principal = principal_from_token(_client_token(), KEYRING, "case-api", NOW + 599)
    assert (principal.client_id, principal.actions, principal.court) == (
        "cl_1",
        frozenset({"cases:read"}),
        "c",
    )


def test_expiry_is_judged_by_the_injected_clock():
    with pytest.raises(Unauthenticated):
        principal_from_token(_client_token(), KEYRING, "case-api", NOW + 600)


def test_an_unsigned_token_is_refused():
    forged = jwt.encode(
        {"sub": "x", "role": "admin", "iss": "case-api", "iat": 1, "exp": 2**40},
        None,
        algorithm="none",
    )
    with pytest.raises(Unauthenticated):
        principal_from_token(forged, KEYRING, "case-api", NOW)


@given(st.text())
def test_any_string_is_either_a_principal_or_unauthenticated(token: str):
    with contextlib.suppress(Unauthenticated):
        principal_from_token(token, KEYRING, "case-api", NOW)


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=8,
)


@given(
    header=st.dictionaries(st.sampled_from(["alg", "kid", "typ", "crit"]), JSONISH),
    claims=st.dictionaries(
        st.sampled_from(["sub", "role", "iss", "exp", "iat", "scope", "client_id", "court"]),
        JSONISH,
    ),
)
def test_jwt_shaped_garbage_is_unauthenticated_and_never_crashes(header: dict, claims: dict):
    token = f"{_segment(header)}.{_segment(claims)}.c2ln"
    with contextlib.suppress(Unauthenticated):
        principal_from_token(token, KEYRING, "case-api", NOW)


@given(
    claims=st.dictionaries(st.sampled_from(["scope", "client_id", "court", "role", "exp"]), JSONISH)
)
def test_signed_tokens_with_odd_claims_are_unauthenticated_or_well_formed(claims: dict):
    try:
        principal = principal_from_token(_client_token(**claims), KEYRING, "case-api", NOW)
    except Unauthenticated:
        return
    assert isinstance(principal.subject, str)
    assert principal.client_id is None or isinstance(principal.client_id, str)


def test_a_secret_matches_only_its_own_salted_hash():
    secret = new_secret()
    stored = hash_secret(secret)
    assert secret not in stored
    assert stored != hash_secret(secret)
    assert secret_matches(secret, stored)
    assert not secret_matches(new_secret(), stored)
    assert not secret_matches(secret, "garbage")


@pytest.mark.parametrize(
    ("method", "path", "action"),
    [
        ("GET", "/v1/cases/{case_id}", "cases:read"),
        ("POST", "/v1/cases", "cases:write"),
        ("POST", "/v1/cases/{case_id}/judgments", "deliveries:write"),
        ("GET", "/v1/cases/{case_id}/documents", "cases:read"),
        ("POST", "/v1/documents", "cases:write"),
        ("POST", "/v1/cases/{case_id}/accountability/decisions", "accountability:write"),
        ("GET", "/v1/accountability/statistics", "statistics:read"),
        ("GET", "/v1/events/stream", "feed:read"),
        ("GET", "/v1/agencies/{code}/deadlines.ics", "cases:read"),
        ("POST", "/v1/clients", None),
        ("GET", "/v1/casesX", None),
    ],
)
def test_each_route_needs_one_action_and_unlisted_routes_none(method, path, action):
    assert required_action(method, path) == action


def _client() -> ApiClient:
    return ApiClient(
        client_id="cl_1",
        name="n",
        role="court_system",
        agency=None,
        jurisdiction=None,
        court="c",
        actions=["cases:read"],
        secret_id="s1",
        secret_hash="h1",
        meta={},
    )


def test_rotation_keeps_the_old_secret_until_the_stated_moment():
    client = _client()
    client.rotate_secret(secret_id="s2", secret_hash="h2", previous_expire_at=T0, meta={})
    assert client.secret_hashes_valid_at(T0 - timedelta(seconds=1)) == ["h1", "h2"]
    assert client.secret_hashes_valid_at(T0) == ["h2"]


def test_a_revoked_client_has_no_valid_secret_and_takes_no_further_change():
    client = _client()
    client.revoke(reason="r", meta={})
    assert client.secret_hashes_valid_at(T0) == []
    with pytest.raises(RevokedClient):
        client.rotate_secret(secret_id="s2", secret_hash="h2", previous_expire_at=T0, meta={})


def test_client_event_topics_are_pinned():
    """Stored with every event: renaming or moving a class needs a registered alias first."""
    events = [type(e) for e in _revoked_after_rotation().collect_events()]
    assert [f"{e.__module__}:{e.__qualname__}" for e in events] == [
        "case_api.clients.domain:ApiClient.ClientRegistered",
        "case_api.clients.domain:ApiClient.SecretRotated",
        "case_api.clients.domain:ApiClient.ClientRevoked",
    ]


def _revoked_after_rotation() -> ApiClient:
    client = _client()
    client.rotate_secret(secret_id="s2", secret_hash="h2", previous_expire_at=T0, meta={})
    client.revoke(reason="r", meta={})
    return client
