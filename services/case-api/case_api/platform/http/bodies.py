"""The base of every request body: unknown fields refused, and scalars only in the JSON type
the OpenAPI document gives them. Pydantic's lax parsing would read ``0`` or ``"86400"`` as a
date (a Unix time), ``0``, ``"no"`` as false and ``"3"`` as 3: a request the document calls
invalid must not be taken as something else, so those are refused here (``query_types`` does
the same for dates in query strings)."""

from __future__ import annotations

import typing
from collections.abc import Callable
from datetime import date, datetime
from functools import cache
from typing import Any

from pydantic import BaseModel, ConfigDict, model_validator

from case_api.platform.http.query_types import is_iso_date

AS_WRITTEN: dict[type, Callable[[Any], bool]] = {
    bool: lambda v: isinstance(v, bool),
    int: lambda v: (
        (isinstance(v, int) and not isinstance(v, bool))
        or (isinstance(v, float) and v.is_integer())
    ),
    date: lambda v: isinstance(v, date) or is_iso_date(v),
}
"""Per scalar type a field holds: whether a value is written as the document says (a date
as YYYY-MM-DD text, a boolean as true or false, an integer as a number)."""


class RequestBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _scalars_as_documented(cls, data: Any) -> Any:
        """A value pydantic would misread is handed on as one it refuses, so the error names
        the field (and the list index) like any other invalid value."""
        if not isinstance(data, dict):
            return data
        data = dict(data)
        for name, kind in _typed_fields(cls).items():
            value = data.get(name)
            if isinstance(value, list):
                data[name] = [_as_documented(kind, item) for item in value]
            elif name in data:
                data[name] = _as_documented(kind, value)
        return data


class _Misread:
    """No type converts from this: the field's own validation refuses it."""

    def __repr__(self) -> str:
        return "a value in another JSON type than the document's"


def _as_documented(kind: type, value: Any) -> Any:
    return value if value is None or AS_WRITTEN[kind](value) else _Misread()


@cache
def _typed_fields(model: type[BaseModel]) -> dict[str, type]:
    found = {name: _scalar(field.annotation) for name, field in model.model_fields.items()}
    return {name: kind for name, kind in found.items() if kind is not None}


def _scalar(annotation: Any) -> type | None:
    """The checked scalar type a field holds (alone, optional or in a list), if any."""
    if annotation in AS_WRITTEN:
        return annotation
    if isinstance(annotation, type) and issubclass(annotation, datetime):
        return None
    kinds = {_scalar(arg) for arg in typing.get_args(annotation)} - {None}
    return kinds.pop() if len(kinds) == 1 else None
