"""`make run`: migrate both services, run them together on the embedded SQLite default, and
load the demo world (scripts/demo_data.py) into an empty system.

Data lives under var/ (git-ignored). The token secret is kept in var/case-api.env, which the
`case-api` command also reads, so tokens issued from this checkout work against this server.
Every notifier message goes to the local outbox (var/notifier/outbox.jsonl), shown on the
operator page. Ctrl-C stops both.
"""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from scripts.demo_data import ACCOUNTS, seed  # noqa: E402

BIN = Path(sys.executable).parent
VAR = ROOT / "var"
CHANNELS = """# Every recipient's messages go to the local outbox (operator page: {notifier}/console).
# The format, with real channels, is in deploy/channels.example.yaml.
agencies:
  gz-hrss: {{contact: ["outbox://gz-hrss-contact"], head: ["outbox://gz-hrss-head"]}}
  gz-zrzy: {{contact: ["outbox://gz-zrzy-contact"], head: ["outbox://gz-zrzy-head"]}}
  th-gov: {{contact: ["outbox://th-gov-contact"], head: ["outbox://th-gov-head"]}}
  yx-cg: {{contact: ["outbox://yx-cg-contact"], head: ["outbox://yx-cg-head"]}}
bureaus:
  gz: ["outbox://gz-bureau"]
bulletins:
  gz: ["outbox://gz-bulletin"]
"""


def main() -> int:
    processes, info = launch(VAR, case_port=8000, notifier_port=8100)
    _welcome(info)
    return supervise(processes)


def launch(var: Path, case_port: int, notifier_port: int) -> tuple[list[subprocess.Popen], dict]:
    """Start both services with their data under ``var`` and load the demo world once.

    Also what the browser tests run (on free ports, in a temporary folder)."""
    var.mkdir(parents=True, exist_ok=True)
    case_api, notifier = f"http://127.0.0.1:{case_port}", f"http://127.0.0.1:{notifier_port}"
    secret = _kept_secret(var / "token-secret")
    if var == VAR:
        (var / "case-api.env").write_text(f"CASE_API_TOKEN_SECRET={secret}\n")
    tokens = _tokens(secret)
    operator_token = _kept_secret(var / "operator-token")
    channels = var / "channels.yaml"
    if not channels.exists():
        channels.write_text(CHANNELS.format(notifier=notifier), encoding="utf-8")
    env = {
        **os.environ,
        **_storage(var),
        "CASE_API_PORT": str(case_port),
        "CASE_API_TOKEN_SECRET": secret,
        "CASE_API_CONSOLE_NOTIFIER_URL": f"{notifier}/console",
        "NOTIFIER_PORT": str(notifier_port),
        "NOTIFIER_CASE_API_URL": case_api,
        "NOTIFIER_CASE_API_TOKEN": tokens["notifier"],
        "NOTIFIER_OPERATOR_TOKEN": operator_token,
        "NOTIFIER_CHANNELS_FILE": str(channels),
        # Bulletin messages carry signed download links to this local notifier.
        "NOTIFIER_PUBLIC_URL": os.environ.get("NOTIFIER_PUBLIC_URL", notifier),
        "NOTIFIER_LINK_SECRET": os.environ.get("NOTIFIER_LINK_SECRET")
        or _kept_secret(var / "link-secret"),
    }
    run([BIN / "case-api", "migrate"], env)
    processes = [subprocess.Popen([BIN / "case-api", "serve"], env=env, cwd=ROOT)]
    _wait_ready(case_api)
    with httpx.Client(base_url=case_api, timeout=30) as client:
        loaded = seed(client, tokens, date.today())
    run([BIN / "notifier", "migrate"], env)
    processes.append(subprocess.Popen([BIN / "notifier", "run"], env=env, cwd=ROOT))
    _wait_ready(notifier)
    (var / "tokens.txt").write_text(
        f"admin: {tokens['admin']}\nnotifier: {tokens['notifier']}\n"
        f"notifier operator: {operator_token}\n"
    )
    info = {"case_api": case_api, "notifier": notifier, "operator_token": operator_token}
    return processes, {**info, "loaded": loaded, "outbox": var / "notifier" / "outbox.jsonl"}


def _storage(var: Path) -> dict[str, str]:
    """Both services' data under ``var`` (the settings' defaults when it is the checkout's)."""
    return {
        "CASE_API_EVENT_STORE_URL": f"sqlite:///{var}/case-api/events.db",
        "CASE_API_READMODEL_URL": f"sqlite:///{var}/case-api/readmodel.db",
        "CASE_API_DOCUMENT_STORE_URL": f"file:{var}/case-api/documents",
        "NOTIFIER_DATABASE_URL": f"sqlite:///{var}/notifier/notifier.db",
        "NOTIFIER_OUTBOX_FILE": f"{var}/notifier/outbox.jsonl",
    }


def _tokens(secret: str) -> dict[str, str]:
    from case_api.platform.access import Role
    from case_api.platform.http.auth import issue_token

    def token(role: Role, subject: str, ttl: int = 8 * 3600, **scope: str) -> str:
        return issue_token(secret, "case-api", subject=subject, role=role, ttl_seconds=ttl, **scope)

    return {
        "admin": token(Role.ADMIN, "local-admin"),
        "notifier": token(Role.NOTIFIER, "notifier", ttl=365 * 86400),
        "court": token(Role.COURT_SYSTEM, "demo-court", court="gz-tianhe-court"),
        "agency": token(Role.AGENCY_USER, "demo-clerk", agency="gz-hrss"),
        "th-agency": token(Role.AGENCY_USER, "demo-th-clerk", agency="th-gov"),
    }


def _welcome(info: dict) -> None:
    print(f"\n  行政应诉工作台 console:  {info['case_api']}/   (API docs: /docs, /redoc)")
    print(f"  推送记录 operator page: {info['notifier']}/console", end="")
    print(f"   operator token: {info['operator_token']}")
    print("  demo accounts (demo only):" + (" loaded now" if info["loaded"] else " kept from var/"))
    for username, name, role, _scope, password in ACCOUNTS:
        print(f"    {username:<9} {password:<18} {role:<15} {name}")
    print(f"  tokens: {VAR / 'tokens.txt'}\n")


def _wait_ready(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/readyz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{url} did not become ready in {seconds} s")


def _kept_secret(path: Path) -> str:
    """A random secret made on the first run and kept, so tokens and links stay valid."""
    if not path.exists():
        path.write_text(secrets.token_hex(32))
    return path.read_text().strip()


def run(command: list, env: dict) -> None:
    subprocess.run([str(c) for c in command], env=env, cwd=ROOT, check=True)


def supervise(processes: list[subprocess.Popen]) -> int:
    try:
        while all(p.poll() is None for p in processes):
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    for p in processes:
        if p.poll() is None:
            p.send_signal(signal.SIGINT)
    for p in processes:
        try:
            p.wait(timeout=10)
        except subprocess.TimeoutExpired:
            p.kill()
    return max((p.returncode or 0) for p in processes)


if __name__ == "__main__":
    raise SystemExit(main())
