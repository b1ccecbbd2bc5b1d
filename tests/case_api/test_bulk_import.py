"""``case-api import``: the aggregate's rules refuse what the API would, a re-run appends
nothing, and the read models a bulk import leads to do not depend on how they were projected."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from case_api.accountability.routes_commands import COMMANDS as ACCOUNTABILITY
from case_api.cases.aggregate import case_id_of
from case_api.cases.importer import CaseImporter
from case_api.cases.routes_commands import COMMANDS as CASES
from case_api.platform.settings import Settings
from case_api.readmodel.rebuild import rebuild
from case_api.runtime import Runtime, build_runtime
from tests.api_client import ADMIN
from tests.case_api.import_records import lines, record
from tests.case_api.test_rebuild import dump

SCHEMAS = {command: schema for _, schema, command, _ in [*CASES, *ACCOUNTABILITY]}


def register(runtime: Runtime) -> None:
    registry = runtime.registry
    registry.register_jurisdiction(
        meta=ADMIN.meta(), code="gd", name="广东", level="province", parent=None, pack="statutory"
    )
    registry.register_jurisdiction(
        meta=ADMIN.meta(), code="gz", name="广州", level="city", parent="gd", pack="guangzhou"
    )
    registry.register_agency(
        meta=ADMIN.meta(), code="gz-hrss", name="人社局", jurisdiction="gz", level="department"
    )


def importer(runtime: Runtime, events_per_save: int = 2000) -> CaseImporter:
    return CaseImporter(
        runtime.store,
        runtime.registry,
        SCHEMAS,
        runtime.commands.policies,
        ADMIN.meta(),
        runtime.documents.describe,
        events_per_save=events_per_save,
    )


@pytest.fixture
def runtime(case_settings: Settings) -> Any:
    built = build_runtime(case_settings.model_copy(update={"run_projector": False}))
    register(built)
    yield built
    built.close()


def test_import_refuses_what_the_case_rules_refuse_and_appends_nothing_for_it(runtime):
    good = record(1, date(2024, 3, 1))
    answer_first = record(2, date(2024, 3, 1))
    answer_first["facts"].insert(0, {"command": "submit_answer", "submitted_date": "2024-03-02"})
    unknown = {
        **record(3, date(2024, 3, 1)),
        "agencies": [{"agency_id": "nowhere", "role": "implementing"}],
    }
    text = lines([good, answer_first, unknown]) + "not json\n"
    before = runtime.store.max_position()
    report = importer(runtime).run(text.splitlines())
    assert (report.cases, report.imported, report.events) == (4, 1, 8)
    assert [(r.line, r.fact, r.code) for r in report.refused] == [
        (2, 0, "answer-requires-service"),
        (3, None, "unknown-agency"),
        (4, None, "invalid-record"),
    ]
    assert runtime.store.max_position() == before + 8


def test_running_the_same_file_again_appends_nothing(runtime):
    text = lines([record(n, date(2024, 1, 1) + timedelta(days=n)) for n in range(30)])
    first = importer(runtime, events_per_save=50).run(text.splitlines())
    position = runtime.store.max_position()
    again = importer(runtime, events_per_save=50).run(text.splitlines())
    assert (first.imported, first.events) == (30, 240)
    assert (again.imported, again.already_present, again.events) == (0, 30, 0)
    assert runtime.store.max_position() == position


def test_a_case_twice_in_one_file_is_imported_once(runtime):
    report = importer(runtime).run(lines([record(7, date(2024, 5, 1))] * 2).splitlines())
    assert report.imported == 1
    assert [r.code for r in report.refused] == ["duplicate-record"]


def test_rebuild_equals_incremental_projection_after_a_bulk_import(case_settings, runtime):
    """Guangzhou's first hearing of the year depends on the agency's other cases: however
    the events fall into batches, the deadlines come out the same."""
    records = [
        record(n, date(2024, 1, 2) + timedelta(days=3 * n), lost=n % 4 == 0, head=n % 3 == 1)
        for n in range(40)
    ]
    report = importer(runtime, events_per_save=90).run(lines(records).splitlines())
    assert report.imported == 40 and not report.refused
    while runtime.projector.run_batch(limit=7):
        pass
    incremental = dump(runtime.engine)
    total = runtime.store.max_position()
    assert rebuild(case_settings, show_progress=False) == total
    rebuilt = dump(runtime.engine)
    assert rebuilt == incremental
    hearings = [d for d in incremental["deadlines"] if d["kind"] == "hearing"]
    assert {d["status"] for d in hearings} >= {"met", "missed"}


def test_the_import_command_writes_refusals_and_prints_both_rates(case_settings, tmp_path: Path):
    from case_api.cases import import_cli

    runtime = build_runtime(case_settings.model_copy(update={"run_projector": False}))
    register(runtime)
    runtime.close()
    source = tmp_path / "cases.jsonl"
    bad = {**record(2, date(2024, 3, 1)), "filed_date": "2024-13-01"}
    source.write_text(lines([record(1, date(2024, 3, 1)), bad]), encoding="utf-8")
    args = type("Args", (), {"file": str(source), "report": None, "events_per_save": 2000})()
    args.operator, args.quiet = "migration", True
    assert import_cli.run(case_settings, args, SCHEMAS) == 1
    refused = [
        json.loads(x) for x in (tmp_path / "cases.jsonl.refused.jsonl").read_text().splitlines()
    ]
    assert [(r["line"], r["code"]) for r in refused] == [(2, "invalid-record")]


def test_the_sample_record_of_the_operations_guide_imports(runtime):
    guide = (Path(__file__).parents[2] / "docs" / "operations.md").read_text(encoding="utf-8")
    section = guide.split("## Importing history", 1)[1]
    sample = section.split("```json\n", 1)[1].split("```", 1)[0]
    report = importer(runtime).run(sample.splitlines())
    assert (report.imported, report.refused) == (1, [])


def test_imported_cases_keep_their_kind_and_its_rules(runtime):
    """Imports are checked as filings are: the number fits the kind, commands fit the kind,
    and a decision is read by the pack (Guangzhou counts none as a loss)."""
    base = {key: value for key, value in record(1, date(2024, 3, 1)).items() if key != "facts"}
    decision = {"command": "decide_reconsideration", "outcome": "revoked"}
    reconsidered = {
        **base,
        "case_number": "穗府复〔2024〕7号",
        "proceeding_kind": "reconsideration",
        "facts": [{**decision, "served_date": "2024-03-20"}],
    }
    hearing = {"command": "schedule_hearing", "hearing_date": "2024-04-01"}
    heard = {**reconsidered, "case_number": "穗府复〔2024〕8号", "facts": [hearing]}
    civil_number = {**base, "case_number": "（2024）粤0106民初9号", "facts": []}
    report = importer(runtime).run(lines([reconsidered, heard, civil_number]).splitlines())
    assert [(r.line, r.fact, r.code) for r in report.refused] == [
        (2, 0, "not-for-proceeding-kind"),
        (3, None, "proceeding-kind-mismatch"),
    ]
    stored = runtime.store.repository.get(case_id_of(base["court"], "穗府复〔2024〕7号"))
    assert (stored.proceeding_kind, stored.reconsideration_outcome) == (
        "reconsideration",
        "revoked",
    )
    assert (stored.effective, stored.lost) == (True, False)
