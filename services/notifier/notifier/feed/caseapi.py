"""case-api as the notifier sees it: an authenticated HTTP client (it may be on another host).

Blocking httpx: the follower and the sender run in their own threads.

A 429 or 503 raises ``CaseApiBusy``; its ``Retry-After`` also holds back every later call to
the same origin until then (the rate limit is the notifier principal's, not one endpoint's):
such a call raises ``CaseApiBusy`` with the time left, without a request. The client never
sleeps: the follower thread waits, the sender reschedules the delivery (``sender.py``).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx

from notifier.sending.answer import Answer
from notifier.sending.retry_after import retry_after_seconds

BUSY = (429, 503)


@dataclass(frozen=True)
class FeedPage:
    events: list[dict[str, Any]]
    last_position: int
    head: int


class CaseApiBusy(Exception):
    """case-api refused for now; ``wait``: seconds before asking again (None: not said)."""

    def __init__(self, detail: str, wait: float | None) -> None:
        super().__init__(detail)
        self.wait = wait


class CaseApiClient:
    def __init__(
        self,
        base_url: str,
        token: str,
        *,
        statistics_url: str | None = None,
        timeout: float = 10.0,
        transport: httpx.BaseTransport | None = None,
        max_retry_after: float = 300.0,
        monotonic: Callable[[], float] = time.monotonic,
        wall: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self._http = httpx.Client(
            base_url=base_url, headers=headers, timeout=timeout, transport=transport
        )
        self._statistics_url = (statistics_url or base_url).rstrip("/")
        self._timeout = timeout
        self._max_retry_after, self._monotonic, self._wall = max_retry_after, monotonic, wall
        self._resume_at: dict[str, float] = {}  # origin → monotonic time it may be asked again
        self._lock = threading.Lock()

    def close(self) -> None:
        self._http.close()

    def feed(self, after: int, limit: int, wait: float) -> FeedPage:
        response = self._send(
            "GET",
            "/v1/events",
            params={"after": after, "limit": limit, "wait": wait},
            timeout=wait + self._timeout,
        )
        response.raise_for_status()
        body = response.json()
        return FeedPage(body["events"], int(body["last_position"]), int(body["head"]))

    def head(self) -> int:
        return self.feed(0, 1, 0).head

    def require_remediation(self, case_id: str, deadline: str, reason: str, key: str) -> Answer:
        """补救: record on the case that remediation is required (a 409 "already" is done)."""
        try:
            response = self._send(
                "POST",
                f"/v1/cases/{case_id}/remediation-requirements",
                json={"deadline": deadline, "reason": reason},
                headers={"Idempotency-Key": key},
            )
        except httpx.TimeoutException as error:
            return Answer(False, f"timeout: {error}", unknown=True)
        except httpx.HTTPError as error:
            return Answer(False, f"{type(error).__name__}: {error}")
        text = f"{response.status_code} {response.text[:500]}"
        if response.is_success:
            return Answer(True, text)
        if response.status_code == 409 and _code(response) == "remediation-already-required":
            return Answer(True, text)
        return Answer(False, text)

    def statistics(self, jurisdiction: str, start: str, end: str) -> dict[str, Any]:
        response = self._send(
            "GET",
            f"{self._statistics_url}/v1/statistics",
            params={"jurisdiction": jurisdiction, "from": start, "to": end},
        )
        response.raise_for_status()
        return response.json()

    def _send(self, method: str, url: str, **options: Any) -> httpx.Response:
        request = self._http.build_request(method, url, **options)
        origin = f"{request.url.scheme}://{request.url.netloc.decode()}"
        with self._lock:
            left = self._resume_at.get(origin, float("-inf")) - self._monotonic()
        if left > 0:
            raise CaseApiBusy(f"{origin} asked to wait; {left:.1f}s left", left)
        response = self._http.send(request)
        if response.status_code not in BUSY:
            return response
        wait = retry_after_seconds(
            response.headers.get("Retry-After"),
            response.headers.get("Date"),
            self._wall(),
            self._max_retry_after,
        )
        if wait:
            with self._lock:
                self._resume_at[origin] = self._monotonic() + wait
        raise CaseApiBusy(f"{response.status_code} {response.text[:500]}", wait)


def _code(response: httpx.Response) -> str | None:
    try:
        return response.json().get("code")
    except ValueError:
        return None
