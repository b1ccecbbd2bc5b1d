"""Routes made from a table of case commands: a path, its body schema, the ``Case`` method.

Every capability whose commands run on a case (lifecycle, accountability) builds its routes
here, so each write goes through the same Idempotency-Key, If-Match and access checks.
(No ``from __future__ import annotations`` here: FastAPI must see each endpoint's real
body type, which is a closure variable.)
"""

from collections.abc import Callable, Mapping
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Body
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from case_api.cases.refusals import examples_for
from case_api.platform.http.deps import RuntimeDep, WriteDep
from case_api.platform.http.openapi_docs import errors
from case_api.platform.http.schemas import CommandResult
from case_api.platform.http.writes import perform

ACCESS = {"conclude_without_judgment": "conclude"}


def _endpoint(
    command: str,
    schema: type[BaseModel],
    examples: dict[str, Any],
    access: str | None,
) -> Callable[..., JSONResponse]:
    BodyIn = Annotated[schema, Body(openapi_examples=examples)]  # noqa: N806

    def endpoint(case_id: UUID, body: BodyIn, runtime: RuntimeDep, ctx: WriteDep) -> JSONResponse:  # type: ignore[valid-type]
        args: dict[str, Any] = body.model_dump()
        return perform(
            runtime,
            ctx,
            lambda: runtime.commands.execute(
                ctx.command_request(), case_id, command, access=access, **args
            ),
        )

    endpoint.__name__ = command
    return endpoint


def add_command_routes(
    router: APIRouter,
    commands: list[tuple[str, type[BaseModel], str, str]],
    example_of: Callable[[type[BaseModel]], dict[str, Any]],
    access: Mapping[str, str] | None = None,
) -> None:
    """One POST per row: the path, its body schema, the ``Case`` method, the summary."""
    for path, schema, command, summary in commands:
        router.add_api_route(
            path,
            _endpoint(command, schema, example_of(schema), (access or {}).get(command)),
            methods=["POST"],
            status_code=201,
            response_model=CommandResult,
            summary=summary,
            description=(schema.__doc__ or summary).strip(),
            responses=errors(401, 403, 404, 409, 412, 422, examples=examples_for(command)),
            operation_id=command,
        )
