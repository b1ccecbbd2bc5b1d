"""``case-api documents``: ``sweep`` removes what interrupted uploads left in the blob store;
``check`` finds the cited blobs the store has lost (exit status 1, so a scheduled job can
alert on it)."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from case_api.documents.check import CORRUPT, MISSING, BlobReport, Citation, check_cited_blobs
from case_api.platform.settings import Settings
from case_api.platform.store_walk import opened_store, position_bar

Print = Callable[[str], None]


def add_parser(sub: argparse._SubParsersAction) -> None:
    documents = sub.add_parser("documents", help="Maintain the blob store of served documents")
    action = documents.add_subparsers(dest="action", required=True)
    sweep = action.add_parser("sweep", help="Remove orphaned partial uploads")
    sweep.add_argument(
        "--older-than",
        type=_seconds,
        metavar="SECONDS",
        help="Only those last written this long ago (default: document_partial_max_age_seconds)",
    )
    check = action.add_parser("check", help="Check that every blob the events cite is in the store")
    check.add_argument(
        "--deep", action="store_true", help="Also read each blob back and check its SHA-256"
    )


def run(settings: Settings, args: argparse.Namespace) -> int:
    if args.action == "check":
        return check(settings, deep=args.deep)
    return _sweep(settings, args)


def _sweep(settings: Settings, args: argparse.Namespace) -> int:
    from case_api.documents.service import blob_store, sweep

    if settings.document_store_url.startswith("s3://"):
        print(
            f"{settings.document_store_url}: each blob is one PUT, never a multipart upload;"
            " an interrupted upload leaves nothing to sweep"
        )
        return 0
    age = settings.document_partial_max_age_seconds if args.older_than is None else args.older_than
    swept = sweep(blob_store(settings), age)
    for path in swept.removed:
        print(f"removed {path}")
    print(
        f"removed {len(swept.removed)} partial uploads ({swept.freed_bytes} bytes) older than"
        f" {age:g} s; left {swept.kept} younger ones, which may still be written"
    )
    return 0


def _seconds(value: str) -> float:
    """Zero would take the partial file of an upload being written this very moment."""
    seconds = float(value)
    if not seconds > 0:
        raise argparse.ArgumentTypeError("must be more than 0")
    return seconds


def check(
    settings: Settings, *, deep: bool = False, show_progress: bool = True, out: Print = print
) -> int:
    from case_api.documents.service import blob_store

    with opened_store(settings) as store, position_bar(store.max_position(), show_progress) as bar:
        found = check_cited_blobs(store, blob_store(settings), deep=deep, progress=bar)
    for report in found.faulty.values():
        out(_describe(report))
    for citation in found.unreadable:
        out(
            f"unreadable: case {citation.case_id} at position {citation.position}: what it cites"
            " is unknown (see case-api verify)"
        )
    faults = [r.fault.kind for r in found.faulty.values()]
    tally = ", ".join(f"{faults.count(kind)} {kind}" for kind in (MISSING, CORRUPT))
    if found.unreadable:
        tally += f", {len(found.unreadable)} events unreadable"
    out(
        f"{'all present' if found.sound else 'problems found'}: {len(found.checked)} blobs"
        f" cited {found.citations} times in {found.events} events; {tally}"
        f" ({'sizes and hashes' if deep else 'sizes'} checked)"
    )
    return 0 if found.sound else 1


def _describe(report: BlobReport) -> str:
    detail = f" ({report.fault.detail})" if report.fault.detail else ""
    return f"{report.fault.kind}: {report.sha256}{detail}, cited by {_cited_by(report.citations)}"


def _cited_by(citations: list[Citation]) -> str:
    """``case A at positions 3, 9; case B at position 5``: in the order first cited."""
    by_case: dict[str, list[int]] = {}
    for citation in citations:
        by_case.setdefault(citation.case_id, []).append(citation.position)
    return "; ".join(
        f"case {case_id} at position{'s' if len(positions) > 1 else ''}"
        f" {', '.join(map(str, positions))}"
        for case_id, positions in by_case.items()
    )
