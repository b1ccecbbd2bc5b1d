"""Dependency aliases: the runtime lives on ``app.state``, built by ``create_app``."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from notifier.runtime import Runtime


def _runtime(request: Request) -> Runtime:
    return request.app.state.runtime


RuntimeDep = Annotated[Runtime, Depends(_runtime)]
