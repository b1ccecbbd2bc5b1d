"""The documents part of a case-api process, built from the settings."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from sqlalchemy import Engine

from case_api.cases.queries import CaseQueries
from case_api.documents.errors import missing
from case_api.documents.local import LocalBlobStore
from case_api.documents.queries import DocumentQueries
from case_api.documents.references import describe
from case_api.documents.s3 import S3BlobStore
from case_api.documents.store import BlobNotFound, BlobStore, Swept
from case_api.platform.metrics import DOCUMENTS_MISSING
from case_api.platform.settings import Settings

log = logging.getLogger(__name__)


@dataclass
class Documents:
    store: BlobStore
    queries: DocumentQueries
    partial_max_age_seconds: float

    def describe(self, references: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return describe(self.store, references)

    def open_cited(self, sha256: str, case_id: str) -> IO[bytes]:
        """The bytes of a blob the case cites; its absence is the store's fault, and loud."""
        try:
            return self.store.open(sha256)
        except BlobNotFound:
            DOCUMENTS_MISSING.inc()
            log.error("document %s, cited by case %s, is missing from the store", sha256, case_id)
            raise missing(sha256) from None

    def sweep_at_startup(self) -> None:
        """A store that can't be swept now is swept next time: it must not stop the API."""
        try:
            sweep(self.store, self.partial_max_age_seconds)
        except OSError:
            log.exception("could not sweep partial uploads at start-up")


def sweep(store: BlobStore, older_than_seconds: float) -> Swept:
    """Remove partial uploads last written more than ``older_than_seconds`` ago, logging each."""
    swept = store.sweep_partial(older_than_seconds, time.time())
    for path in swept.removed:
        log.warning("removed the orphaned partial upload %s", path)
    return swept


def build_documents(settings: Settings, engine: Engine, cases: CaseQueries) -> Documents:
    return Documents(
        blob_store(settings),
        DocumentQueries(engine, cases),
        settings.document_partial_max_age_seconds,
    )


def blob_store(settings: Settings) -> BlobStore:
    """``file:PATH`` → local disk; ``s3://BUCKET[/PREFIX]`` → an S3-compatible bucket."""
    url = settings.document_store_url
    if url.startswith("s3://"):
        bucket, _, prefix = url.removeprefix("s3://").partition("/")
        return S3BlobStore(_s3_client(settings), bucket, f"{prefix.strip('/')}/" if prefix else "")
    return LocalBlobStore(Path(url.removeprefix("file:")))


def _s3_client(settings: Settings) -> Any:
    import boto3
    from botocore.config import Config

    secret = settings.document_s3_secret_access_key
    return boto3.client(
        "s3",
        endpoint_url=settings.document_s3_endpoint_url,
        region_name=settings.document_s3_region,
        aws_access_key_id=settings.document_s3_access_key_id,
        aws_secret_access_key=secret.get_secret_value() if secret else None,
        config=Config(s3={"addressing_style": settings.document_s3_addressing_style}),
    )
