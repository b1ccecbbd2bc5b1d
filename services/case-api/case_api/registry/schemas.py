"""Response bodies of the registry."""

from __future__ import annotations

from pydantic import BaseModel


class Jurisdiction(BaseModel):
    code: str
    name: str
    level: str
    parent: str | None
    path: str
    pack: str


class Agency(BaseModel):
    code: str
    name: str
    jurisdiction: str
    level: str
