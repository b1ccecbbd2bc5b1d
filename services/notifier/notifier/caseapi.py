"""case-api as the notifier sees it: an authenticated HTTP client (it may be on another host).

Blocking httpx: the follower and the sender run in their own threads.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx

from notifier.answer import Answer


@dataclass(frozen=True)
class FeedPage:
    events: list[dict[str, Any]]
    last_position: int
    head: int


class CaseApiClient:
    def __init__(
        self,
        base_url: str,
        token: str,
        *,
        statistics_url: str | None = None,
        timeout: float = 10.0,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self._http = httpx.Client(
            base_url=base_url, headers=headers, timeout=timeout, transport=transport
        )
        self._statistics_url = (statistics_url or base_url).rstrip("/")
        self._timeout = timeout

    def close(self) -> None:
        self._http.close()

    def feed(self, after: int, limit: int, wait: float) -> FeedPage:
        response = self._http.get(
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
            response = self._http.post(
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
        response = self._http.get(
            f"{self._statistics_url}/v1/statistics",
            params={"jurisdiction": jurisdiction, "from": start, "to": end},
        )
        response.raise_for_status()
        return response.json()


def _code(response: httpx.Response) -> str | None:
    try:
        return response.json().get("code")
    except ValueError:
        return None
