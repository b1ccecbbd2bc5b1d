"""``case-api documents sweep``: remove what interrupted uploads left in the blob store."""

from __future__ import annotations

import argparse

from case_api.config import Settings


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


def run(settings: Settings, args: argparse.Namespace) -> int:
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
