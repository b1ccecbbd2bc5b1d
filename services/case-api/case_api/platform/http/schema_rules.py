"""Rules between fields of a body, stated in its JSON Schema so that a request valid by the
OpenAPI document is one the server accepts (the server checks them in the domain, with its
own codes). OpenAPI 3.1 schemas are JSON Schema 2020-12: ``if``/``then`` say it exactly."""

from __future__ import annotations

from typing import Any


def when(field: str, values: str | list[str], then: dict[str, Any]) -> dict[str, Any]:
    """``then`` holds for bodies whose ``field`` is one of ``values``."""
    allowed = [values] if isinstance(values, str) else values
    condition = {"properties": {field: {"enum": allowed}}, "required": [field]}
    return {"if": condition, "then": then}


def required_text(*fields: str) -> dict[str, Any]:
    """Each field present, as non-empty text (not null)."""
    return {
        "required": list(fields),
        "properties": {f: {"type": "string", "minLength": 1} for f in fields},
    }


def one_of_values(field: str, values: list[str]) -> dict[str, Any]:
    return {"properties": {field: {"enum": values}}}


def empty(*fields: str) -> dict[str, Any]:
    """Each field absent, null or the empty string."""
    nothing = {"anyOf": [{"type": "null"}, {"type": "string", "maxLength": 0}]}
    return {"properties": {f: nothing for f in fields}}


def both(*parts: dict[str, Any]) -> dict[str, Any]:
    return {"allOf": list(parts)}


def rules(*conditions: dict[str, Any]) -> dict[str, Any]:
    """``json_schema_extra`` of a model holding these rules."""
    return {"allOf": list(conditions)}
