"""``case-api import FILE``: bulk import of cases with their dated facts (``importer``).

Prints the import's rate beside the rate of the library's batched save alone (the floor the
import cannot beat) and writes each refused record, with its reason, to a JSON Lines report.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from pathlib import Path

from tqdm import tqdm

from case_api.cases.import_report import ImportReport, read_lines
from case_api.cases.importer import CaseImporter, Schemas
from case_api.platform.access import Principal, Role
from case_api.platform.settings import Settings


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("import", help="Import cases with their facts from a JSON Lines file")
    parser.add_argument("file", help="One case per line; see docs/operations.md")
    parser.add_argument(
        "--report",
        help="Where refused records go (JSON Lines); default FILE.refused.jsonl",
    )
    parser.add_argument(
        "--events-per-save", type=int, default=2000, help="Events per transaction (default 2000)"
    )
    parser.add_argument("--operator", default="import", help="Who imports (recorded with events)")
    parser.add_argument("--quiet", action="store_true", help="No progress bar")


def run(settings: Settings, args: argparse.Namespace, schemas: Schemas) -> int:
    from case_api.runtime import build_runtime

    runtime = build_runtime(settings.model_copy(update={"run_projector": False}))
    try:
        importer = CaseImporter(
            runtime.store,
            runtime.registry,
            schemas,
            runtime.commands.policies,
            Principal(args.operator, Role.ADMIN).meta(),
            runtime.documents.describe,
            events_per_save=args.events_per_save,
        )
        total = sum(1 for line in read_lines(args.file) if line.strip())
        with tqdm(total=total, unit="case", disable=args.quiet) as bar:
            report = importer.run(read_lines(args.file), bar.update)
    finally:
        runtime.close()
    refused_at = Path(args.report or f"{args.file}.refused.jsonl")
    write_refusals(report, refused_at)
    print(summary(report, refused_at))
    return 1 if report.refused else 0


def write_refusals(report: ImportReport, path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        for refusal in report.refused:
            out.write(json.dumps(asdict(refusal), ensure_ascii=False) + "\n")


def summary(report: ImportReport, refused_at: Path) -> str:
    ratio = f" ({report.rate / report.save_rate:.2f}x)" if report.save_rate else ""
    return "\n".join(
        [
            f"records read: {report.cases:,}; imported: {report.imported:,} cases, "
            f"{report.events:,} events; already in the store: {report.already_present:,}; "
            f"refused: {len(report.refused):,}"
            + (f" (see {refused_at})" if report.refused else ""),
            f"import rate: {report.rate:,.0f} events/s in {report.seconds:,.1f} s; "
            f"the library's batched save of the same events: {report.save_rate:,.0f} events/s"
            f"{ratio} (saves run while the next cases are validated)",
        ]
    )
