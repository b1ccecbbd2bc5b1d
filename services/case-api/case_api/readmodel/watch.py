"""How far the read models have got, with waits for threads and for the event loop.

Queries that must see a client's own write wait here for the position that write returned;
long-polling feed readers wait here for anything new.
"""

from __future__ import annotations

import asyncio
import threading


class PositionWatch:
    def __init__(self) -> None:
        self._position = 0
        self._cond = threading.Condition()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._event: asyncio.Event | None = None

    @property
    def position(self) -> int:
        return self._position

    def bind_loop(self, loop: asyncio.AbstractEventLoop) -> None:
        """Let coroutines on ``loop`` wait without polling."""
        self._loop = loop
        self._event = asyncio.Event()

    def advance(self, position: int) -> None:
        with self._cond:
            if position <= self._position:
                return
            self._position = position
            self._cond.notify_all()
        loop = self._loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self._wake)

    def _wake(self) -> None:
        event, self._event = self._event, asyncio.Event()
        if event is not None:
            event.set()

    def wait(self, position: int, timeout: float) -> bool:
        with self._cond:
            return self._cond.wait_for(lambda: self._position >= position, timeout=timeout)

    async def wait_async(self, position: int, timeout: float) -> bool:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while self._position < position:
            remaining = deadline - loop.time()
            if remaining <= 0 or self._event is None:
                return self._position >= position
            try:
                await asyncio.wait_for(self._event.wait(), remaining)
            except TimeoutError:
                return self._position >= position
        return True
