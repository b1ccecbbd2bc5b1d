"""A local webhook sink: an HTTP server in the test process recording every request.

It answers 200 to webhooks (or fails the first ``fail_first`` requests per key with 500),
and can also stand in for case-api's statistics endpoint.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Received:
    path: str
    key: str | None
    body: dict[str, Any]


@dataclass
class Sink:
    server: ThreadingHTTPServer
    received: list[Received] = field(default_factory=list)
    statistics: dict[str, Any] | None = None
    fail_first: int = 0
    delay: float = 0.0
    _failures: dict[str, int] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def webhook(self, name: str) -> str:
        host, port = self.server.server_address[:2]
        return f"json://{host}:{port}/hook/{name}"

    def record(self, path: str, key: str | None, body: dict[str, Any]) -> int:
        with self._lock:
            seen = self._failures.get(key or "", 0)
            if seen < self.fail_first:
                self._failures[key or ""] = seen + 1
                return 500
            self.received.append(Received(path, key, body))
            return 200

    def seen_keys(self) -> list[str]:
        with self._lock:
            return [r.key for r in self.received if r.key]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a killed notifier resets its connections: expected here


def start_sink() -> Sink:
    holder: dict[str, Sink] = {}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # one small answer must not wait for a delayed ACK

        def do_POST(self) -> None:  # noqa: N802 - the library's name
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length)
            sink = holder["sink"]
            if sink.delay:
                threading.Event().wait(sink.delay)
            try:
                body = json.loads(raw)
            except ValueError:
                body = None
            if len(raw) < length or not isinstance(body, dict):
                # A sender killed between its headers and its body leaves an empty or cut
                # request: like any receiver, refuse it rather than count it as delivered.
                self._answer(400, b'{"code": "incomplete-request"}')
                return
            status = sink.record(self.path, self.headers.get("Idempotency-Key"), body)
            self._answer(status, b"{}")

        def do_GET(self) -> None:  # noqa: N802
            stats = holder["sink"].statistics
            if self.path == "/count":
                self._answer(200, json.dumps({"count": len(holder["sink"].received)}).encode())
            elif self.path.startswith("/v1/statistics") and stats is not None:
                self._answer(200, json.dumps(stats).encode())
            else:
                self._answer(404, b'{"code": "not-found"}')

        def _answer(self, status: int, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = QuietServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    sink = Sink(server)
    holder["sink"] = sink
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return sink
