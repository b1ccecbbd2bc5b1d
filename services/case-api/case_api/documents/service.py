"""The documents part of a case-api process, built from the settings."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from case_api.config import Settings
from case_api.documents.local import LocalBlobStore
from case_api.documents.queries import DocumentQueries
from case_api.documents.references import describe
from case_api.documents.s3 import S3BlobStore
from case_api.documents.store import BlobStore
from case_api.queries import CaseQueries


@dataclass
class Documents:
    store: BlobStore
    queries: DocumentQueries

    def describe(self, references: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return describe(self.store, references)


def build_documents(settings: Settings, engine: Engine, cases: CaseQueries) -> Documents:
    return Documents(blob_store(settings), DocumentQueries(engine, cases))


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
