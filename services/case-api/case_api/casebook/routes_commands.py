"""Publishing a case as a typical case, and withdrawing it, made from the case command table.

(No ``from __future__ import annotations``: FastAPI must see each body's real type.)
"""

from fastapi import APIRouter
from pydantic import BaseModel

from case_api.casebook import schemas as s
from case_api.cases.command_table import add_command_routes

router = APIRouter(prefix="/v1/cases/{case_id}/typical-case", tags=["typical cases"])

COMMANDS: list[tuple[str, type[BaseModel], str, str]] = [
    ("", s.PublishTypicalCase, "publish_typical_case", "Publish as a typical case (典型案例)"),
    (
        "/withdrawal",
        s.WithdrawTypicalCase,
        "withdraw_typical_case",
        "Withdraw a typical case from the list",
    ),
]

add_command_routes(router, COMMANDS, s.example_of)
