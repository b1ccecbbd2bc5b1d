"""`make run`: migrate both services and run them together on the embedded SQLite default.

Data lives under var/ (git-ignored). A local service token for the notifier and a tokens
file for people trying the API are written to var/tokens.txt. Ctrl-C stops both.
"""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
VAR = ROOT / "var"


def main() -> int:
    VAR.mkdir(exist_ok=True)
    env = {**os.environ, "CASE_API_TOKEN_SECRET": _kept_secret(VAR / "token-secret")}
    run([BIN / "case-api", "migrate"], env)
    notifier_token = capture(
        [
            BIN / "case-api",
            "token",
            "--role",
            "notifier",
            "--subject",
            "notifier",
            "--ttl",
            "31536000",
        ],
        env,
    )
    admin_token = capture(
        [BIN / "case-api", "token", "--role", "admin", "--subject", "local-admin"], env
    )
    operator_token = secrets.token_urlsafe(24)
    (VAR / "tokens.txt").write_text(
        f"admin: {admin_token}\nnotifier: {notifier_token}\nnotifier operator: {operator_token}\n"
    )
    env["NOTIFIER_CASE_API_TOKEN"] = notifier_token
    env["NOTIFIER_OPERATOR_TOKEN"] = operator_token
    # Bulletin messages carry signed download links to this local notifier.
    env.setdefault("NOTIFIER_PUBLIC_URL", "http://127.0.0.1:8100")
    env.setdefault("NOTIFIER_LINK_SECRET", _kept_secret(VAR / "link-secret"))
    processes = [subprocess.Popen([BIN / "case-api", "serve"], env=env, cwd=ROOT)]
    if (BIN / "notifier").exists():
        run([BIN / "notifier", "migrate"], env)
        processes.append(subprocess.Popen([BIN / "notifier", "run"], env=env, cwd=ROOT))
    print("case-api: http://127.0.0.1:8000/docs   notifier: http://127.0.0.1:8100/docs")
    print(f"admin token in {VAR / 'tokens.txt'}")
    return supervise(processes)


def _kept_secret(path: Path) -> str:
    """A random secret made on the first run and kept, so tokens and links stay valid."""
    if not path.exists():
        path.write_text(secrets.token_hex(32))
    return path.read_text().strip()


def run(command: list, env: dict) -> None:
    subprocess.run([str(c) for c in command], env=env, cwd=ROOT, check=True)


def capture(command: list, env: dict) -> str:
    done = subprocess.run(
        [str(c) for c in command], env=env, cwd=ROOT, check=True, capture_output=True, text=True
    )
    return done.stdout.strip()


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
