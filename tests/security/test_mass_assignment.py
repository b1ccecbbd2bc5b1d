"""OWASP API3: a write body carrying fields its schema does not name (who acted, whose case,
which role) is refused whole, and nothing is recorded."""

from __future__ import annotations

from typing import Any

from tests.api_client import Api
from tests.security.rules import RULES, Kind
from tests.security.spec_requests import Operation, operations, prepare
from tests.security.summary import report
from tests.security.world import build, places, sender

SMUGGLED = {
    "principal_id": "someone-else",
    "role": "admin",
    "agency": "jz-hrss",
    "agency_id": "jz-hrss",
    "jurisdiction": "jz",
    "court": "jz-court",
    "source": "admin",
    "meta": {"role": "admin"},
    "case_id": "00000000-0000-4000-8000-000000000000",
}


async def test_writes_refuse_fields_their_schema_does_not_name(api: Api):
    world = places()
    await build(world, sender(api.client), api.token, api.runtime)
    spec = api.app.openapi()
    head = api.runtime.store.max_position()
    tried = []
    for op in operations(spec):
        if op.body_media != "application/json" or RULES[op.id].kind == Kind.OWN_SCHEME:
            continue
        request = prepare(op, world["own"])
        extra = {k: v for k, v in SMUGGLED.items() if k not in _properties(spec, op)}
        r = await api.client.request(
            request.method,
            request.url,
            params=request.params,
            json={**request.body, **extra},
            headers=api.admin,
        )
        tried.append(op.id)
        assert r.status_code == 422, f"{op.id} accepted {sorted(extra)}: {r.status_code} {r.text}"
        assert r.json()["code"] == "invalid-request", r.text
    report(f"mass assignment: {len(tried)} write operations refused smuggled fields")
    assert len(tried) > 30, tried
    assert api.runtime.store.max_position() == head, "a refused write recorded something"


def _properties(spec: dict[str, Any], op: Operation) -> set[str]:
    schema = op.raw["requestBody"]["content"]["application/json"]["schema"]
    while "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return set(schema.get("properties", {}))
