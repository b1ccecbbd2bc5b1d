"""Bulk import of cases with their dated facts, from another platform's history.

Each record is a case as ``POST /v1/cases`` takes it, with ``facts``: the commands that
happened to it, in order, each with the body its ``POST`` takes (``{"command":
"serve_document", "kind": "complaint_copy", "served_date": "2024-03-05"}``). A record runs
through the same body schemas and the same ``Case`` methods as the API, so it is refused for
the same reasons; a refused record appends nothing. Cases are saved many per transaction.

A case is known by its court and case number: a case already in the store is left alone,
so running the same file again appends nothing.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from eventsourcing.persistence import IntegrityError
from pydantic import BaseModel

from case_api.accountability.domain import AccountabilityPolicy
from case_api.accountability.policy import takes_policy
from case_api.cases import proceedings
from case_api.cases.aggregate import Case, case_id_of
from case_api.cases.import_report import REFUSED, DuplicateRecord, ImportReport, refusal
from case_api.cases.pack_losses import ReconsiderationLosses, as_decided
from case_api.cases.schemas_commands import FileCase
from case_api.mediation.service import cited_mediator
from case_api.platform.eventstore import CaseStore
from case_api.registry.service import Placement, RegistryService

Schemas = dict[str, type[BaseModel]]
"""Body schema of each command a fact may name (the API's command tables)."""


class CaseImporter:
    def __init__(
        self,
        store: CaseStore,
        registry: RegistryService,
        schemas: Schemas,
        policies: Callable[[str], AccountabilityPolicy | None],
        meta: dict[str, Any],
        describe_documents: Callable[[list[dict[str, Any]]], list[dict[str, Any]]],
        events_per_save: int = 2000,
    ) -> None:
        self.store = store
        self.registry = registry
        self.schemas = schemas
        self.policies = policies
        self.meta = meta
        self.describe_documents = describe_documents
        self.events_per_save = events_per_save
        self._placements: dict[tuple[str, ...], Placement] = {}
        self._in_flight: Future[None] | None = None
        self.reconsideration_losses = ReconsiderationLosses()

    def run(
        self, lines: Iterable[str], progress: Callable[[int], None] | None = None
    ) -> ImportReport:
        report = ImportReport()
        began = time.perf_counter()
        pending: dict[Any, Case] = {}
        events = 0
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="import-save") as saver:
            for number, line in enumerate(lines, start=1):
                if not line.strip():
                    continue
                report.cases += 1
                case = self._case(number, line, report, pending)
                if case is not None:
                    pending[case.id] = case
                    events += len(case.pending_events)
                if events >= self.events_per_save:
                    self._hand_over(saver, pending, report)
                    events = 0
                if progress:
                    progress(1)
            self._hand_over(saver, pending, report)
            self._wait()
        report.seconds = time.perf_counter() - began
        return report

    def _hand_over(
        self, saver: ThreadPoolExecutor, pending: dict[Any, Case], report: ImportReport
    ) -> None:
        """Save the pending cases in the background while the next ones are validated (the
        save mostly waits on the database); one save in flight at a time, in file order."""
        if not pending:
            return
        streams = {case_id: case.collect_events() for case_id, case in pending.items()}
        pending.clear()
        self._wait()
        self._in_flight = saver.submit(self._save, streams, report)

    def _wait(self) -> None:
        """The save in flight, done (its error, if any, raised here)."""
        if self._in_flight is not None:
            in_flight, self._in_flight = self._in_flight, None
            in_flight.result()

    def _case(
        self, number: int, line: str, report: ImportReport, pending: dict[Any, Case]
    ) -> Case | None:
        record: Any = None
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise ValueError("a record is a JSON object")
            facts = record.pop("facts", [])
            header = FileCase.model_validate(record).model_dump()
            proceedings.check_number(header["case_number"], header["proceeding_kind"])
            case_id = case_id_of(header["court"], header["case_number"])
            if case_id in pending:
                raise DuplicateRecord(header["case_number"])
            case = self._file(case_id, header)
        except REFUSED as error:
            report.refused.append(refusal(number, record, None, error))
            return None
        for index, fact in enumerate(facts):
            try:
                self._apply(case, fact)
            except REFUSED as error:
                report.refused.append(refusal(number, record, index, error))
                return None
        return case

    def _file(self, case_id: Any, header: dict[str, Any]) -> Case:
        key = tuple(sorted(f"{a['agency_id']}:{a['role']}" for a in header["agencies"]))
        if key not in self._placements:
            self._placements[key] = self.registry.place_case(header["agencies"])
        placement = self._placements[key]
        return Case(
            id=case_id,
            jurisdiction=placement.jurisdiction,
            pack=placement.pack,
            meta=self.meta,
            **header,
        )

    def _apply(self, case: Case, fact: dict[str, Any]) -> None:
        if not isinstance(fact, dict) or fact.get("command") not in self.schemas:
            raise ValueError(
                f"unknown command {fact.get('command') if isinstance(fact, dict) else fact!r}"
            )
        command = fact["command"]
        body = {k: v for k, v in fact.items() if k != "command"}
        args = self.schemas[command].model_validate(body).model_dump()
        proceedings.check_command(
            case.proceeding_kind, command, args.get("kind") if command == "serve_document" else None
        )
        if command == "decide_reconsideration":
            args = as_decided(self.reconsideration_losses(case.pack), args)
        if command == "attempt_mediation" and args.get("mediator_id") is not None:
            args["mediator_id"] = str(args["mediator_id"])
            args["mediator"] = cited_mediator(self.store, args["mediator_id"])
        if takes_policy(command):
            args["policy"] = self.policies(case.pack)
        if args.get("documents"):
            args["documents"] = self.describe_documents(args["documents"])
        getattr(case, command)(meta=self.meta, **args)

    def _save(self, events: dict[Any, Any], report: ImportReport) -> None:
        """Save the cases' events together; cases already stored (a re-run) are dropped.

        The events were taken from the cases first: a failed save must not lose them.
        """
        began = time.perf_counter()
        try:
            self.store.save(*(e for stream in events.values() for e in stream))
        except IntegrityError:
            new = {i: stream for i, stream in events.items() if not self._stored(i)}
            report.already_present += len(events) - len(new)
            events = new
            if events:
                self.store.save(*(e for stream in events.values() for e in stream))
        report.save_seconds += time.perf_counter() - began
        report.imported += len(events)
        report.events += sum(len(stream) for stream in events.values())

    def _stored(self, case_id: Any) -> bool:
        return bool(self.store.recorder.select_events(case_id, limit=1))
