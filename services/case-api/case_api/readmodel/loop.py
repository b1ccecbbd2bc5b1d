"""The projector's loop in a thread: projecting (or following another process that does)
until stopped, woken by commits and notifications, polling as a fallback."""

from __future__ import annotations

import logging
import threading

from case_api.readmodel.projector import Projector
from shared.outage import Backoff, storage_unavailable

log = logging.getLogger(__name__)
RETRY_FIRST_SECONDS = 0.5
RETRY_LONGEST_SECONDS = 10.0
"""After a failed batch the projector waits, doubling up to this, so an outage costs at most
this long after the database is back, and a failing database is not asked in a tight loop."""


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
        backoff = Backoff(RETRY_FIRST_SECONDS, RETRY_LONGEST_SECONDS)
        while not self._stop.is_set():
            self._wake.clear()
            try:
                stepped = self._step()
            except Exception as error:  # noqa: BLE001 - a failed batch committed nothing
                pause = backoff.next()
                if storage_unavailable(error):
                    log.warning("storage unavailable; projecting again in %.1f s: %s", pause, error)
                else:
                    log.exception("projection batch failed; retrying in %.1f s", pause)
                self._stop.wait(pause)
                continue
            if backoff.failures:
                log.warning("projection resumed after %d failed tries", backoff.failures)
                backoff.reset()
            if not stepped:
                self._wake.wait(self.poll_seconds)
