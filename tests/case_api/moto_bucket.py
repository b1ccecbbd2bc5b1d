"""An S3-compatible bucket in process (moto), named by the settings that reach it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from pydantic import SecretStr

ENDPOINT = "http://minio.test:9000"
BUCKET = "court-documents"
PREFIX = "case-api"
FIELDS = {
    "document_store_url": f"s3://{BUCKET}/{PREFIX}",
    "document_s3_endpoint_url": ENDPOINT,
    "document_s3_access_key_id": "minio",
    "document_s3_secret_access_key": SecretStr("minio-secret"),
}
"""Settings fields of a store in the bucket; valid only inside ``moto_bucket()``."""


@contextmanager
def moto_bucket() -> Iterator[Any]:
    """Yield a client of the new, empty bucket (for what a test does behind the store's back)."""
    import boto3
    from moto import mock_aws

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MOTO_S3_CUSTOM_ENDPOINTS", ENDPOINT)
        with mock_aws():
            client = boto3.client(
                "s3",
                endpoint_url=ENDPOINT,
                region_name="us-east-1",
                aws_access_key_id="minio",
                aws_secret_access_key="minio-secret",
            )
            client.create_bucket(Bucket=BUCKET)
            yield client
