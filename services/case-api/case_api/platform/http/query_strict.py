"""Query parameters the API does not document are refused.

A misspelt filter (``GET /v1/cases?agnecy=gz-hrss``) would otherwise be ignored and answer
with every case the caller may see, which a client cannot tell from a correct answer. The
OpenAPI document is the list of what each operation reads, so the check and the document
cannot disagree.
"""

from __future__ import annotations

from fastapi import Request
from fastapi.routing import APIRoute

from case_api.platform.errors import UnknownQueryParameter


async def refuse_unknown_query(request: Request) -> None:
    if not request.query_params:
        return
    route = request.scope.get("route")
    if not isinstance(route, APIRoute):
        return
    known = _documented(request, route)
    unknown = sorted(set(request.query_params) - known)
    if unknown:
        names = ", ".join(unknown)
        raise UnknownQueryParameter(
            f"Unknown query parameter(s): {names}.",
            f"不支持的查询参数：{names}。",
            parameter=unknown[0],
        )


def _documented(request: Request, route: APIRoute) -> frozenset[str]:
    state = request.app.state
    cache: dict[tuple[str, str], frozenset[str]] | None = getattr(state, "documented_query", None)
    if cache is None:
        cache = state.documented_query = {}
    key = (route.path_format, request.method.lower())
    names = cache.get(key)
    if names is None:
        operation = request.app.openapi()["paths"].get(route.path_format, {}).get(key[1], {})
        names = frozenset(
            p["name"] for p in operation.get("parameters", []) if p.get("in") == "query"
        )
        cache[key] = names
    return names
