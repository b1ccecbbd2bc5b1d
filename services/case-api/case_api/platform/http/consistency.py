"""Read-your-writes: a query given ``min_position`` waits until the read models reach it."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query
from starlette.concurrency import run_in_threadpool

from case_api.platform.errors import PositionNotWritten, ReadModelBehind
from case_api.platform.http.deps import RuntimeDep
from case_api.runtime import Runtime


async def wait_for_position(
    runtime: RuntimeDep,
    min_position: Annotated[
        int | None,
        Query(ge=0, description="A write's position: answer only once the read model has it"),
    ] = None,
) -> None:
    # Reached already (the usual case): answer on the event loop, no thread needed.
    if not min_position or runtime.watch.position >= min_position:
        return
    await run_in_threadpool(wait_until_projected, runtime, min_position)


def wait_until_projected(runtime: Runtime, min_position: int) -> None:
    """Block until the read models have ``min_position`` (or refuse, see below)."""
    if runtime.watch.position >= min_position:
        return
    if runtime.projector_thread is None:
        runtime.watch.advance(runtime.projector.position())
    # A position no write has reached yet would hold a worker thread for the whole wait.
    if min_position > runtime.store.max_position():
        raise PositionNotWritten(
            f"No event has been written at position {min_position}.",
            f"位置 {min_position} 尚无事件写入。",
            position=runtime.store.max_position(),
        )
    if not runtime.watch.wait(min_position, runtime.settings.read_wait_seconds):
        raise ReadModelBehind(
            f"The read model has not reached position {min_position} yet; retry shortly.",
            "读模型尚未更新到该位置，请稍后重试。",
            position=runtime.watch.position,
        )


Consistent = Depends(wait_for_position)
