"""The group-commit writer: every waiting command hears the outcome of its own save, and the
writer survives errors so later commands still commit."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from types import SimpleNamespace
from uuid import UUID, uuid4

import pytest
from eventsourcing.persistence import IntegrityError

from case_api.platform.groupcommit import GroupCommitter, VersionConflict


@dataclass
class _Aggregate:
    id: UUID

    def collect_events(self) -> list:
        return [SimpleNamespace(originator_id=self.id)]


class _Store:
    """Saves succeed unless the script says otherwise; positions count up."""

    def __init__(self) -> None:
        self.position = 0
        self.fail_next: list[BaseException] = []
        self.gate = threading.Event()
        self.gate.set()
        self.entered = threading.Event()
        self.saves: list[int] = []

    def save(self, *events):
        self.entered.set()
        self.gate.wait()
        self.saves.append(len(events))
        if self.fail_next:
            raise self.fail_next.pop(0)
        out = []
        for event in events:
            self.position += 1
            out.append(
                SimpleNamespace(domain_event=event, notification=SimpleNamespace(id=self.position))
            )
        return out


def _save_concurrently(committer: GroupCommitter, store: _Store, n: int) -> list:
    """Hold the store so ``n`` commands queue up and go into one shared save."""
    results: list = [None] * n
    store.gate.clear()
    store.entered.clear()
    blocker = threading.Thread(target=lambda: committer.save(_Aggregate(uuid4())))
    blocker.start()
    assert store.entered.wait(5), "the writer never started the first save"

    def run(i: int) -> None:
        try:
            results[i] = committer.save(_Aggregate(uuid4()), timeout=5)
        except BaseException as error:  # noqa: BLE001 - the test inspects it
            results[i] = error

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    deadline = time.monotonic() + 10
    try:
        while committer._queue.qsize() < n:  # all queued behind the blocked save
            assert time.monotonic() < deadline, "commands did not queue up"
            time.sleep(0.001)
    finally:
        store.gate.set()
    blocker.join()
    for t in threads:
        t.join()
    return results


def test_commands_on_different_cases_share_one_save() -> None:
    store = _Store()
    committer = GroupCommitter(store)  # type: ignore[arg-type]
    try:
        results = _save_concurrently(committer, store, 5)
    finally:
        committer.close()
    assert store.saves == [1, 5]
    assert sorted(results) == [2, 3, 4, 5, 6]


def test_an_error_in_the_per_command_fallback_reaches_that_command_and_the_writer_lives() -> None:
    store = _Store()
    committer = GroupCommitter(store)  # type: ignore[arg-type]
    try:
        # The shared save conflicts; saving one by one, the second command's save hits a
        # broken connection. Only that command fails with the error; the others commit.
        store.fail_next = []
        lost = ConnectionError("server closed the connection")
        original = store.save

        def scripted(*events):
            if len(store.saves) == 1:
                store.saves.append(len(events))
                raise IntegrityError("version conflict")
            if len(store.saves) == 3:
                store.saves.append(len(events))
                raise lost
            return original(*events)

        store.save = scripted  # type: ignore[method-assign]
        results = _save_concurrently(committer, store, 3)
        errors = [r for r in results if isinstance(r, BaseException)]
        assert errors == [lost]
        assert all(isinstance(r, int) for r in results if r is not lost)
        # The writer thread is still alive and commits the next command.
        store.save = original  # type: ignore[method-assign]
        assert committer.save(_Aggregate(uuid4()), timeout=5) > 0
    finally:
        committer.close()


def test_a_single_command_that_conflicts_is_told_to_retry() -> None:
    store = _Store()
    store.fail_next = [IntegrityError("version conflict")]
    committer = GroupCommitter(store)  # type: ignore[arg-type]
    try:
        with pytest.raises(VersionConflict):
            committer.save(_Aggregate(uuid4()), timeout=5)
        assert committer.save(_Aggregate(uuid4()), timeout=5) == 1
    finally:
        committer.close()


def test_a_failing_commit_listener_does_not_stop_the_writer() -> None:
    store = _Store()
    committer = GroupCommitter(store)  # type: ignore[arg-type]
    heard: list[int] = []

    def broken(position: int) -> None:
        raise RuntimeError("listener bug")

    committer.on_commit(broken)
    committer.on_commit(heard.append)
    try:
        assert committer.save(_Aggregate(uuid4()), timeout=5) == 1
        assert committer.save(_Aggregate(uuid4()), timeout=5) == 2
    finally:
        committer.close()
    assert heard == [1, 2]


def test_a_second_command_on_the_same_case_waits_for_the_first_to_commit() -> None:
    store = _Store()
    committed: list[UUID] = []
    original = store.save

    def recording(*events):
        ids = {e.originator_id for e in events}
        if ids & set(committed):
            # The aggregate already has events at this version: the library's conflict.
            raise IntegrityError("version conflict")
        out = original(*events)
        committed.extend(ids)
        return out

    store.save = recording  # type: ignore[method-assign]
    committer = GroupCommitter(store)  # type: ignore[arg-type]
    same = _Aggregate(uuid4())
    outcomes: list = []
    try:
        store.gate.clear()
        blocker = threading.Thread(target=lambda: committer.save(_Aggregate(uuid4())))
        blocker.start()
        assert store.entered.wait(5)

        def run() -> None:
            try:
                outcomes.append(committer.save(same, timeout=5))
            except VersionConflict as conflict:
                # By the time the loser hears of the conflict, the winner is in the store.
                outcomes.append((conflict, same.id in committed))

        threads = [threading.Thread(target=run) for _ in range(2)]
        for t in threads:
            t.start()
        deadline = time.monotonic() + 10
        while committer._queue.qsize() < 2:
            assert time.monotonic() < deadline
            time.sleep(0.001)
        store.gate.set()
        for t in threads + [blocker]:
            t.join()
    finally:
        store.gate.set()
        committer.close()
    positions = [o for o in outcomes if isinstance(o, int)]
    conflicts = [o for o in outcomes if isinstance(o, tuple)]
    assert len(positions) == 1 and len(conflicts) == 1
    assert conflicts[0][1], "the conflict was reported before the winner had committed"
