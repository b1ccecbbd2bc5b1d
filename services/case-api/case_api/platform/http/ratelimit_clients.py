"""Who a request comes from, for rate limits: a verified token's subject, else the address.

Subjects of verified tokens are remembered (a bounded LRU keyed by the token) so a request
pays for one signature check, the route's, not two. The signature proves the subject, which
is all a budget needs; expiry and revocation are still checked by the route on every request.
A token that does not verify is never remembered and counts against its sender's address.
"""

from __future__ import annotations

from collections import OrderedDict

from fastapi import Request
from fastapi.security import HTTPAuthorizationCredentials

from case_api.platform.domain_errors import DomainError
from case_api.platform.http.deps import bearer, get_subscriber

ADDRESS = "address:"
SUBJECT = "subject:"


def address_of(request: Request) -> str:
    """The client's address: behind a trusted proxy, uvicorn has taken it from the proxy's
    X-Forwarded-For (``CASE_API_FORWARDED_ALLOW_IPS``)."""
    return ADDRESS + (request.client.host if request.client else "unknown")


class Clients:
    def __init__(self, remembered: int = 10_000) -> None:
        self.remembered = remembered
        self.subjects: OrderedDict[str, str] = OrderedDict()

    async def of(self, request: Request) -> str:
        subject = await self._subject(request)
        return address_of(request) if subject is None else SUBJECT + subject

    async def _subject(self, request: Request) -> str | None:
        credentials = await bearer(request)
        token = credentials.credentials if credentials else request.query_params.get("token")
        if not token:
            return None
        subject = self.subjects.get(token)
        if subject is not None:
            self.subjects.move_to_end(token)
            return subject
        try:
            bearer_token = HTTPAuthorizationCredentials(scheme="Bearer", credentials=token)
            subject = (
                await get_subscriber(request, request.app.state.runtime, bearer_token)
            ).subject
        except DomainError:
            return None
        self.subjects[token] = subject
        if len(self.subjects) > self.remembered:
            self.subjects.popitem(last=False)
        return subject
