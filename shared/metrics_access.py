"""Who may read a service's ``/metrics``: anyone while no token is set, else only whoever
presents it as ``Authorization: Bearer <token>``.

Read from the header itself rather than through an API's bearer scheme: /metrics is scraped
by Prometheus with a static token, never a user's or operator's credential.
"""

from __future__ import annotations

import hmac


def may_read_metrics(authorization: str | None, token: str | None) -> bool:
    """``authorization``: the request's header; ``token``: the setting (None or "": open).

    Compared in constant time, so the answer's timing tells nothing of the token."""
    if not token:
        return True
    scheme, _, given = (authorization or "").partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(
        given.strip().encode(), token.encode()
    )
