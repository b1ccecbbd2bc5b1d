"""The projector's loop in a thread: projecting (or following another process that does)
until stopped, woken by commits and notifications, polling as a fallback."""

from __future__ import annotations

import logging
import threading

from case_api.readmodel.projector import Projector

log = logging.getLogger(__name__)


class ProjectorThread:
    """Keeps the read models current: woken by local commits, polling for other replicas'.

    With ``follow``, another process projects (``case-api project``): the thread only keeps
    this process's watch at the position the read models have reached, so queries waiting
    for a write (``min_position``) and feed long-polls are answered as soon as it lands.
    """

    def __init__(self, projector: Projector, poll_seconds: float, follow: bool = False) -> None:
        self.projector = projector
        self.poll_seconds = poll_seconds
        self._step = self._follow if follow else projector.run_batch
        self._wake = threading.Event()
        self._stop = threading.Event()
        name = "projection-follower" if follow else "projector"
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def wake(self, _position: int = 0) -> None:
        self._wake.set()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join(timeout=10)

    def run_until_stopped(self) -> None:
        """Run in the calling thread (a process of its own) until ``stop``."""
        self._run()

    def _follow(self) -> int:
        self.projector.watch.advance(self.projector.position())
        return 0

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()
            try:
                if self._step():
                    continue
            except Exception:  # noqa: BLE001 - keep projecting after a passing database error
                log.exception("projection batch failed; retrying")
                self._stop.wait(0.5)
            self._wake.wait(self.poll_seconds)
