"""Property-based requests from the OpenAPI document (schemathesis 4) against the ASGI app:
no 5xx, every status and body as documented, problem+json on every error, a request the
document calls valid accepted (refused only for what no schema can state:
``accepted_refusals``), and no 2xx body handing one agency's case to another (OWASP API1).

Identities: an administrator, a user of the own agency and one of the foreign agency.
Path parameters point at the world's real objects as often as at generated ones.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.core.parameters import ParameterLocation
from schemathesis.python import asgi

from case_api.main import create_app
from case_api.platform.access import Role
from case_api.platform.http.auth import issue_token
from case_api.platform.migrate import upgrade
from case_api.platform.settings import Settings
from tests.backends import BACKENDS, storage
from tests.security.accepted_refusals import accepted
from tests.security.known_bugs import KNOWN_BUGS
from tests.security.spec_requests import PATH_VALUES
from tests.security.summary import report
from tests.security.world import Place, build_sync, places

CI = bool(os.environ.get("CI"))
EXAMPLES = 25 if CI else 5
"""Generated cases per operation beyond the schema's examples and coverage cases."""
POSTGRES_SAMPLE = 4
"""PostgreSQL runs one case in this many, to keep the CI run within minutes."""

IDENTITIES = ("admin", "own_agency", "foreign_agency")
TARGETS = ("own", "foreign", "generated")


class World:
    def __init__(self, app: Any, settings: Settings, backend: str) -> None:
        self.app = app
        self.settings = settings
        self.backend = backend
        self.places = places()
        self.counts: Counter[str] = Counter()
        self.operations: set[str] = set()
        self.position = 0

    def token(self, role: str, subject: str | None = None, **scope: str) -> dict[str, str]:
        return bearer(role, subject, **scope)


def bearer(role: str, subject: str | None = None, **scope: str) -> dict[str, str]:
    """A token under the default settings' secret, which every backend here shares."""
    defaults = Settings()
    token = issue_token(
        defaults.token_secret.get_secret_value(),
        defaults.token_issuer,
        subject=subject or f"{role}-{'-'.join(scope.values()) or 'x'}",
        role=Role(role),
        ttl_seconds=30 * 24 * 3600,
        **scope,
    )
    return {"Authorization": f"Bearer {token}"}


def _identity(who: str) -> dict[str, str]:
    if who == "admin":
        return bearer("admin")
    place = places()["own" if who == "own_agency" else "foreign"]
    return bearer("agency_user", **place.scope(Role.AGENCY_USER))


AUTHORIZATION = {who: _identity(who)["Authorization"] for who in IDENTITIES}
WHO = {value: who for who, value in AUTHORIZATION.items()}


@pytest.fixture(scope="module", params=BACKENDS)
def world(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[World]:
    directory = tmp_path_factory.mktemp("schemathesis")
    with storage(request.param, directory) as fields:
        (directory / "now.txt").write_text("2026-03-10T09:00:00+08:00")
        s = Settings(
            **fields,
            projection_poll_seconds=0.01,
            clock_file=directory / "now.txt",
            rate_limit_reads="100000000/minute",
            rate_limit_writes="100000000/minute",
            rate_limit_unverified="100000000/minute",
            feed_max_wait_seconds=0.2,
            document_store_url=f"file:{directory}/documents",
        )
        upgrade(s.readmodel_url)
        found = World(create_app(s), s, request.param)
        with asgi.get_client(found.app) as client:
            runtime = found.app.state.runtime
            found.position = build_sync(found.places, client, found.token, runtime)
        yield found
        asgi.shutdown_lifespans()
        failed = sum(v for k, v in found.counts.items() if k.startswith("failed"))
        report(
            f"schemathesis [{request.param}]: {found.counts['requests']} generated requests"
            f" over {len(found.operations)} operations; {failed} failed a check"
        )


PATH = ParameterLocation.PATH


CONFIG = schemathesis.Config.from_dict(
    {
        "checks": {
            # Beside 2xx, a schema-valid request may meet the case's rules (409), a stale
            # If-Match (412) or a domain-level refusal with its own code (422, e.g.
            # invalid-cursor); `schema_valid_requests_are_accepted` keeps the strict part.
            "positive_data_acceptance": {
                "expected-statuses": [
                    "2xx",
                    "3xx",
                    "401",
                    "403",
                    "404",
                    "409",
                    "412",
                    "413",
                    "415",
                    "422",
                    "429",
                ]
            },
            # A body invalid only by a relation between its fields (if/then in the document,
            # e.g. a refusal to attend that still names people) is refused by the case's rules,
            # after the If-Match precondition as RFC 9110 §13.2.1 orders it: with a stale
            # If-Match it meets 412 first, a correct answer. Server errors stay failures.
            "negative_data_rejection": {
                "expected-statuses": [
                    "400",
                    "401",
                    "403",
                    "404",
                    "405",
                    "406",
                    "409",
                    "412",
                    "413",
                    "415",
                    "422",
                    "428",
                    "429",
                ]
            },
        },
    }
)

# Uploads are raw files: send generated bytes as they are.
schemathesis.serializer.alias(
    ["application/pdf", "application/ofd", "image/tiff"], "application/octet-stream"
)

# The document of an app never started: building it touches no storage.
DOCUMENT = create_app(Settings()).openapi()
schema = schemathesis.openapi.from_dict(DOCUMENT, config=CONFIG)


@schema.auth(refresh_interval=None)
class Identities:
    """Each generated case goes out as one of the identities, chosen from its own data."""

    def get(self, case: Any, context: Any) -> str:
        return AUTHORIZATION[pick(case)[0]]

    def set(self, case: Any, data: str, context: Any) -> None:
        case.headers = {**(case.headers or {}), "Authorization": data}


@schemathesis.check
def problem_json_on_errors(ctx: Any, response: Any, case: Any) -> None:
    """Every error is RFC 9457 problem+json with a stable code (OAuth's token errors excepted)."""
    if response.status_code < 400 or case.operation.path == "/v1/oauth/token":
        return
    media = response.headers.get("content-type", [""])
    media = media[0] if isinstance(media, list) else media
    assert media.startswith("application/problem+json"), f"{response.status_code} as {media}"
    body = json.loads(response.content)
    assert body.get("status") == response.status_code and body.get("code"), body


@schemathesis.check
def schema_valid_requests_are_accepted(ctx: Any, response: Any, case: Any) -> None:
    """What the document calls valid, the server accepts: a schema-valid request is refused
    (400, 415, 422) only for what no schema can state (``accepted_refusals``)."""
    positive = case.meta is not None and not case.meta.generation.mode.is_negative
    if not positive or response.status_code not in (400, 415, 422):
        return
    body = json.loads(response.content) if response.content else {}
    code = body.get("code") or body.get("error")  # OAuth's token errors name `error`
    assert accepted(case.operation.path, code), f"{response.status_code} {code}: {body}"


@schema.parametrize()
def test_generated_requests_meet_the_documented_contract(case, world):
    # Checks replay requests (without credentials, as the other agency): same app, same world.
    case.operation.schema.app = world.app
    who = WHO.get((case.headers or {}).get("Authorization", ""), "anonymous")
    _, target, seed = pick(case)
    if world.backend == "postgres" and seed % POSTGRES_SAMPLE:
        return
    # Aim only valid path parameters: an invalid one must stay invalid for the negative checks.
    if target != "generated" and not (case.meta and case.meta.is_negative_at(PATH)):
        aim(case, world.places[target])
    world.counts["requests"] += 1
    world.operations.add(case.operation.label)
    try:
        response = case.call_and_validate(
            app=world.app,
            additional_checks=[problem_json_on_errors, schema_valid_requests_are_accepted],
            # Only checks a known bug of this very operation breaks; each bug has an xfail test.
            excluded_checks=known_bug_checks(case.operation),
        )
    except Exception:
        world.counts[f"failed {case.operation.label}"] += 1
        raise
    if who in ("own_agency", "foreign_agency") and 200 <= response.status_code < 300:
        other = world.places["foreign" if who == "own_agency" else "own"]
        for secret in (other.case_id, other.case_number, other.person):
            assert secret not in response.text, (
                f"{who} received {secret} from {case.operation.label}"
            )


def known_bug_checks(operation: Any) -> list[Any]:
    """Checks skipped for one operation only, each for a bug in known_bugs.py that an xfail
    test in test_found_bugs.py reproduces."""
    return [check for bug in KNOWN_BUGS.values() for check in bug.get(operation.path, ())]


def pick(case: Any) -> tuple[str, str, int]:
    """Identity, target and a seed, drawn from the generated case so a failure replays."""
    data = repr((case.operation.label, case.path_parameters, case.query, case.body)).encode()
    n = int(hashlib.sha256(data).hexdigest(), 16)
    return IDENTITIES[n % 3], TARGETS[(n // 3) % 3], n // 9


def aim(case: Any, place: Place) -> None:
    """Point the path parameters the world knows at ``place``'s objects."""
    for name in list(case.path_parameters or {}):
        if name in PATH_VALUES and name != "year":
            case.path_parameters[name] = PATH_VALUES[name](place)


test_generated_requests_meet_the_documented_contract = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)(test_generated_requests_meet_the_documented_contract)
