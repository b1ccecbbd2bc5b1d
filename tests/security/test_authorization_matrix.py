"""OWASP API1/API5: every operation in the live OpenAPI document, called by every role on an
object of its own place and of a foreign one, answers as ``rules.RULES`` says. Objects a
principal may not see answer exactly like missing ones, and no 2xx body carries them."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from case_api.platform.access import Role
from tests.api_client import Api
from tests.security.asgi_probe import probe
from tests.security.rules import RULES, SEES_EVERY_CASE, Kind, Outcome, expected
from tests.security.spec_requests import Operation, Prepared, operations, prepare
from tests.security.summary import report
from tests.security.world import MISSING_CASE, Place, build, places, sender

SCOPES = ("own", "foreign")


async def test_every_operation_has_an_authorization_rule(api: Api):
    spec = api.app.openapi()
    unruled = sorted(op.id for op in operations(spec) if op.id not in RULES)
    assert not unruled, f"operations without a rule in tests/security/rules.py: {unruled}"
    stale = sorted(set(RULES) - {op.id for op in operations(spec)})
    assert not stale, f"rules for operations the API no longer has: {stale}"


async def test_the_rules_agree_with_the_documented_security_of_each_operation(api: Api):
    for op in operations(api.app.openapi()):
        bearer = RULES[op.id].kind not in (Kind.PUBLIC, Kind.OWN_SCHEME)
        assert op.secured == bearer, f"{op.id}: OpenAPI security {op.secured}, rule {RULES[op.id]}"
        if bearer:
            assert "401" in op.raw["responses"], f"{op.id} does not document 401"


async def test_each_role_and_scope_gets_the_outcome_its_rule_names(api: Api):
    world = places()
    position = await build(world, sender(api.client), api.token, api.runtime)
    ready = await api.client.get(
        f"/v1/cases/{world['own'].case_id}", params={"min_position": position}, headers=api.admin
    )
    assert ready.status_code == 200, ready.text
    matrix = Matrix(api, world)
    # An operation without a rule fails test_every_operation_has_an_authorization_rule.
    for op in operations(api.app.openapi()):
        if op.id in RULES:
            await matrix.run(op)
    tried = sum(matrix.counts.values())
    report(
        f"authorization matrix [{_backend(api)}]: "
        f"{len(matrix.ops)} operations x {len(Role)} roles x {len(SCOPES)} scopes + anonymous"
        f" = {tried} requests; " + ", ".join(f"{k} {v}" for k, v in sorted(matrix.counts.items()))
    )
    assert matrix.witnessed_foreign_rows, (
        "the leak check never saw a foreign row: it proves nothing"
    )
    assert not matrix.mismatches, "\n".join(matrix.mismatches)


class Matrix:
    def __init__(self, api: Api, world: dict[str, Place]) -> None:
        self.api = api
        self.world = world
        self.ops: list[str] = []
        self.counts: Counter[str] = Counter()
        self.mismatches: list[str] = []
        self.witnessed_foreign_rows = False

    async def run(self, op: Operation) -> None:
        self.ops.append(op.id)
        rule = RULES[op.id]
        anonymous = {}
        for scope in SCOPES:
            status, body = await self.call(op, prepare(op, self.world[scope]), {})
            anonymous[scope] = status
            self.counts["no token"] += 1
            if op.secured and status != 401:
                self.mismatches.append(f"{op.id} without a token: {status} {body[:200]}")
        for role in self.roles():
            for scope in SCOPES:
                request = prepare(op, self.world[scope])
                headers = await self.credentials(role, op)
                status, body = await self.call(op, request, headers)
                want = expected(rule, role, scope)
                got = _outcome(status, anonymous[scope], want)
                self.counts[got.value] += 1
                where = f"{op.id} as {role.value} on {scope}: {status} {body[:200]}"
                if got != want:
                    self.mismatches.append(f"{where} (expected {want.value})")
                if got == Outcome.HIDDEN and "case_id" in op.path_params:
                    await self.same_as_missing(op, request, headers, status, body, where)
                if 200 <= status < 300:
                    self.leak_check(role, scope, body, where)

    def roles(self) -> list[Role]:
        return list(Role)

    async def credentials(self, role: Role, op: Operation) -> dict[str, str]:
        """How a principal of ``role`` proves who it is: here a bearer token."""
        return self.api.token(role.value, **self.world["own"].scope(role))

    async def same_as_missing(
        self, op: Operation, request: Prepared, headers: dict, status: int, body: str, where: str
    ) -> None:
        missing = prepare(op, self.world["own"], case_id=MISSING_CASE)
        other_status, other_body = await self.call(op, missing, headers)
        if (other_status, _code(other_body)) != (status, _code(body)):
            self.mismatches.append(f"{where}: differs from a missing case: {other_body[:200]}")

    def leak_check(self, role: Role, scope: str, body: str, where: str) -> None:
        foreign = self.world["foreign"]
        secrets = (foreign.case_id, foreign.case_number, foreign.person)
        leaked = [s for s in secrets if s in body]
        if role in SEES_EVERY_CASE:
            self.witnessed_foreign_rows |= bool(leaked)
        elif leaked:
            self.mismatches.append(f"{where}: leaks {leaked}")

    async def call(self, op: Operation, request: Prepared, headers: dict) -> tuple[int, str]:
        if op.streams:
            return await probe(self.api.app, request.method, request.url, request.params, headers)
        kwargs = request.httpx_kwargs()
        r = await self.api.client.request(
            request.method,
            request.url,
            params=request.params,
            headers={**headers, **kwargs.pop("headers", {})},
            **kwargs,
        )
        return r.status_code, r.text


def _outcome(status: int, anonymous: int, want: Outcome) -> Outcome:
    if want == Outcome.SAME_AS_ANONYMOUS:
        refused_alike = anonymous >= 400 and 400 <= status < 500
        return (
            Outcome.SAME_AS_ANONYMOUS if status == anonymous or refused_alike else Outcome.ALLOWED
        )
    return {401: Outcome.UNAUTHENTICATED, 403: Outcome.FORBIDDEN, 404: Outcome.HIDDEN}.get(
        status, Outcome.ALLOWED
    )


def _backend(api: Api) -> str:
    return "postgres" if api.settings.readmodel_url.startswith("postgresql") else "sqlite"


def _code(body: str) -> str | None:
    try:
        answer: Any = json.loads(body)
    except ValueError:
        return None
    return answer.get("code") if isinstance(answer, dict) else None
