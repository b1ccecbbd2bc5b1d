"""People's accounts: sign-in with the session cookie and CSRF, lock-out, password changes,
and the audit trail of each (item 1 of the console)."""

from __future__ import annotations

from datetime import datetime, timedelta

from tests.api_client import Api

PASSWORD = "correct-horse-battery"


async def make_clerk(api: Api, username: str = "clerk", agency: str = "gz-hrss") -> None:
    # The session cookie is Secure: the browser (and httpx) send it back only over HTTPS.
    api.client.base_url = "https://case-api"
    await api.register_guangzhou()
    body = {
        "username": username,
        "display_name": "人社局 法制科",
        "role": "agency_user",
        "agency": agency,
        "password": PASSWORD,
    }
    r = await api.client.post("/v1/accounts", json=body, headers=api.admin)
    assert r.status_code == 201, r.text


async def sign_in(api: Api, username: str = "clerk", password: str = PASSWORD):
    return await api.client.post("/v1/session", json={"username": username, "password": password})


async def test_a_signed_in_clerk_reads_through_the_cookie_and_writes_only_with_the_csrf_token(
    api: Api,
):
    await make_clerk(api)
    case = await api.file_case()
    served = {"kind": "notice_to_respond", "served_date": "2025-09-20"}
    await api.command(case["case_id"], "documents", served, api.court)
    r = await sign_in(api)
    assert r.status_code == 201, r.text
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "secure" in cookie and "samesite=strict" in cookie
    csrf = r.json()["csrf_token"]
    seen = await api.client.get(
        f"/v1/cases/{case['case_id']}", params={"min_position": case["position"]}
    )
    assert seen.status_code == 200, seen.text
    report = {"subject": "notice_to_respond", "reported_date": "2025-09-21"}
    url = f"/v1/cases/{case['case_id']}/reports"
    refused = await api.client.post(url, json=report)
    assert refused.status_code == 403 and refused.json()["code"] == "csrf-token-invalid"
    wrong = await api.client.post(url, json=report, headers={"X-CSRF-Token": "guess"})
    assert wrong.status_code == 403
    done = await api.client.post(url, json=report, headers={"X-CSRF-Token": csrf})
    assert done.status_code == 201, done.text


async def test_a_wrong_password_and_an_unknown_user_get_the_same_answer(api: Api):
    await make_clerk(api)
    wrong = await sign_in(api, password="not-the-password")
    unknown = await sign_in(api, username="nobody")
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json()["code"] == unknown.json()["code"] == "sign-in-failed"
    assert "set-cookie" not in wrong.headers


async def test_five_wrong_passwords_lock_the_account_until_the_lockout_ends(api: Api):
    await make_clerk(api)
    for _ in range(5):
        assert (await sign_in(api, password="wrong-password")).status_code == 401
    locked = await sign_in(api)
    assert locked.status_code == 401 and locked.json()["code"] == "account-locked"
    later = datetime.fromisoformat("2025-09-01T09:00:00+08:00") + timedelta(minutes=16)
    api.settings.clock_file.write_text(later.isoformat())
    assert (await sign_in(api)).status_code == 201


async def test_an_administrator_unlocks_a_locked_account(api: Api):
    await make_clerk(api)
    for _ in range(5):
        await sign_in(api, password="wrong-password")
    r = await api.client.post("/v1/accounts/clerk/unlock", headers=api.admin)
    assert r.status_code == 201, r.text
    assert (await sign_in(api)).status_code == 201


async def test_a_password_change_needs_the_current_one_and_ends_other_sessions(api: Api):
    await make_clerk(api)
    other = (await sign_in(api)).cookies["yingsu_session"]
    mine = await sign_in(api)
    headers = {"X-CSRF-Token": mine.json()["csrf_token"]}
    body = {"current_password": "wrong-one-here", "new_password": "a-new-long-password"}
    refused = await api.client.post("/v1/session/password", json=body, headers=headers)
    assert refused.status_code == 422 and refused.json()["field"] == "current_password"
    body["current_password"] = PASSWORD
    assert (
        await api.client.post("/v1/session/password", json=body, headers=headers)
    ).status_code == 204
    assert (await api.client.get("/v1/session")).status_code == 200
    api.client.cookies.set("yingsu_session", other)
    assert (await api.client.get("/v1/session")).status_code == 401
    assert (await sign_in(api)).status_code == 401
    assert (await sign_in(api, password="a-new-long-password")).status_code == 201


async def test_sign_out_ends_the_session(api: Api):
    await make_clerk(api)
    r = await sign_in(api)
    csrf = r.json()["csrf_token"]
    assert (await api.client.delete("/v1/session")).status_code == 403
    assert (
        await api.client.delete("/v1/session", headers={"X-CSRF-Token": csrf})
    ).status_code == 204
    api.client.cookies.set("yingsu_session", r.cookies["yingsu_session"])
    assert (await api.client.get("/v1/session")).status_code == 401


async def test_sign_ins_refusals_lockouts_and_sign_outs_are_in_the_audit_trail(api: Api):
    await make_clerk(api)
    for _ in range(5):
        await sign_in(api, password="wrong-password")
    await api.client.post("/v1/accounts/clerk/unlock", headers=api.admin)
    csrf = (await sign_in(api)).json()["csrf_token"]
    await api.client.delete("/v1/session", headers={"X-CSRF-Token": csrf})
    api.client.cookies.clear()
    trail = await api.client.get(
        "/v1/accounts/clerk/events",
        params={"min_position": api.runtime.store.max_position()},
        headers=api.admin,
    )
    types = [e["type"] for e in trail.json()]
    assert types == [
        "AccountCreated",
        "PasswordSet",
        *["SignInRefused"] * 5,
        "LockedOut",
        "Unlocked",
        "SignedIn",
        "SignedOut",
    ], types
    assert all("hash" not in str(e["details"]).replace("prev_hash", "") for e in trail.json())


async def test_a_disabled_account_cannot_sign_in_and_its_sessions_end(api: Api):
    await make_clerk(api)
    cookie = (await sign_in(api)).cookies["yingsu_session"]
    api.client.cookies.clear()
    r = await api.client.post(
        "/v1/accounts/clerk/disable", json={"reason": "调离岗位"}, headers=api.admin
    )
    assert r.status_code == 201, r.text
    assert (await sign_in(api)).status_code == 401
    api.client.cookies.set("yingsu_session", cookie)
    assert (await api.client.get("/v1/session")).status_code == 401


async def test_an_account_takes_only_the_scope_of_its_role(api: Api):
    await api.register_guangzhou()
    body = {
        "username": "x",
        "display_name": "x",
        "role": "bureau_officer",
        "agency": "gz-hrss",
        "password": PASSWORD,
    }
    r = await api.client.post("/v1/accounts", json=body, headers=api.admin)
    assert r.status_code == 422 and r.json()["code"] == "account-scope-mismatch"
    short = {**body, "role": "agency_user", "password": "short"}
    r = await api.client.post("/v1/accounts", json=short, headers=api.admin)
    assert r.status_code == 422 and r.json()["code"] == "password-too-short"


async def test_an_administrator_creates_an_account_from_the_shell_and_the_person_signs_in(
    api: Api,
):
    import subprocess
    import sys

    await api.register_guangzhou()
    api.client.base_url = "https://case-api"
    env = {
        "CASE_API_EVENT_STORE_URL": api.settings.event_store_url,
        "CASE_API_READMODEL_URL": api.settings.readmodel_url,
        "CASE_API_EVENT_STORE_SCHEMA": api.settings.event_store_schema or "",
        "PATH": "/usr/bin:/bin",
    }
    command = [sys.executable, "-m", "case_api.cli", "account", "create", "wang"]
    command += ["--name", "王敏", "--role", "agency_user", "--agency", "gz-hrss"]
    done = subprocess.run(
        command,
        env={k: v for k, v in env.items() if v},
        input=f"{PASSWORD}\n",  # read from standard input, never from the command line
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert (await sign_in(api, "wang")).status_code == 201
