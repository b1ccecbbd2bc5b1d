"""The console's session cookie is a second way into every API route: the same matrix as
bearer tokens, run with cookies of people in the own place, and every request that changes
something refused without the session's CSRF token."""

from __future__ import annotations

from collections.abc import Iterator

from case_api.platform.access import Role
from tests.api_client import Api
from tests.security.rules import RULES, Kind
from tests.security.spec_requests import Operation, operations, prepare
from tests.security.summary import report
from tests.security.test_authorization_matrix import Matrix, _backend
from tests.security.world import build, places, sender

PEOPLE = [
    Role.AGENCY_USER,
    Role.MOBILE_READER,
    Role.BUREAU_OFFICER,
    Role.DISCIPLINE_OFFICER,
    Role.ADMIN,
]
PASSWORD = "cookie-matrix-password"
SAFE = ("GET", "HEAD", "OPTIONS")


class CookieMatrix(Matrix):
    """Each person signs in once; an operation that ends the session gets a fresh one."""

    sessions: dict[Role, tuple[str, str]]

    def roles(self) -> list[Role]:
        return PEOPLE

    async def credentials(self, role: Role, op: Operation) -> dict[str, str]:
        if op.id == "sign_out_v1_session_delete":  # ends the session it is sent with
            cookie, csrf = await sign_in(self.api, f"cookie-{role.value}")
        else:
            if role not in self.sessions:
                self.sessions[role] = await sign_in(self.api, f"cookie-{role.value}")
            cookie, csrf = self.sessions[role]
        headers = {"Cookie": f"yingsu_session={cookie}"}
        return headers if op.method in SAFE else {**headers, "X-CSRF-Token": csrf}


async def sign_in(api: Api, username: str) -> tuple[str, str]:
    r = await api.client.post("/v1/session", json={"username": username, "password": PASSWORD})
    assert r.status_code == 201, r.text
    api.client.cookies.clear()  # the matrix sends the cookie itself, one person at a time
    return r.cookies["yingsu_session"], r.json()["csrf_token"]


async def create_people(api: Api, place) -> None:  # type: ignore[no-untyped-def]
    for role in PEOPLE:
        body = {
            "username": f"cookie-{role.value}",
            "display_name": role.value,
            "role": role.value,
            "password": PASSWORD,
            **place.scope(role),
        }
        r = await api.client.post("/v1/accounts", json=body, headers=api.admin)
        assert r.status_code == 201, r.text


def cookie_operations(spec: dict) -> Iterator[Operation]:
    for op in operations(spec):
        if op.id in RULES and RULES[op.id].kind not in (Kind.PUBLIC, Kind.OWN_SCHEME):
            yield op


async def test_each_person_with_a_session_cookie_gets_the_outcome_its_rule_names(api: Api):
    world = places()
    position = await build(world, sender(api.client), api.token, api.runtime)
    await create_people(api, world["own"])
    ready = await api.client.get(
        f"/v1/cases/{world['own'].case_id}", params={"min_position": position}, headers=api.admin
    )
    assert ready.status_code == 200, ready.text
    matrix = CookieMatrix(api, world)
    matrix.sessions = {}
    for op in cookie_operations(api.app.openapi()):
        await matrix.run(op)
    report(
        f"session-cookie matrix [{_backend(api)}]: {len(matrix.ops)} operations x "
        f"{len(PEOPLE)} people x 2 scopes = {sum(matrix.counts.values())} requests; "
        + ", ".join(f"{k} {v}" for k, v in sorted(matrix.counts.items()))
    )
    assert matrix.witnessed_foreign_rows, "the leak check never saw a foreign row"
    assert not matrix.mismatches, "\n".join(matrix.mismatches)


async def test_a_change_made_with_the_cookie_but_without_the_csrf_token_is_refused(api: Api):
    world = places()
    position = await build(world, sender(api.client), api.token, api.runtime)
    await create_people(api, world["own"])
    await api.client.get("/v1/agencies", params={"min_position": position}, headers=api.admin)
    refused = []
    for role in (Role.AGENCY_USER, Role.ADMIN):
        cookie, csrf = await sign_in(api, f"cookie-{role.value}")
        for op in cookie_operations(api.app.openapi()):
            if op.method in SAFE:
                continue
            request = prepare(op, world["own"])
            kwargs = request.httpx_kwargs()
            for forged in ({}, {"X-CSRF-Token": csrf[:-2] + "xx"}):
                headers = {"Cookie": f"yingsu_session={cookie}", **forged}
                r = await api.client.request(
                    request.method,
                    request.url,
                    params=request.params,
                    headers={**headers, **kwargs.pop("headers", {})},
                    **kwargs,
                )
                refused.append(op.id)
                assert r.status_code == 403, f"{op.id} as {role.value}: {r.status_code} {r.text}"
                assert r.json()["code"] == "csrf-token-invalid", r.text
    report(f"CSRF: {len(refused)} unsafe cookie requests without a valid token, all refused")


async def test_console_pages_carry_no_case_data_for_any_cookie(api: Api):
    """The console's routes serve one static shell; a case appears only through the API,
    which the matrix above checks."""
    world = places()
    await build(world, sender(api.client), api.token, api.runtime)
    await create_people(api, world["own"])
    cookie, _ = await sign_in(api, "cookie-agency_user")
    foreign = world["foreign"]
    shells = set()
    for path in ("/console/", f"/console/cases/{foreign.case_id}", "/console/todo"):
        r = await api.client.get(path, headers={"Cookie": f"yingsu_session={cookie}"})
        assert r.status_code == 200
        assert foreign.case_number not in r.text and foreign.case_id not in r.text
        assert "default-src 'self'" in r.headers["content-security-policy"]
        shells.add(r.text)
    assert len(shells) == 1
