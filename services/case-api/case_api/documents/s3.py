"""Blobs in an S3-compatible bucket (AWS S3, MinIO, Ceph RGW, Aliyun OSS…).

The content is spooled (memory, then disk) while hashed, because its key is its hash; a PUT
makes an object visible only once complete, so no reader sees a partial blob. One PUT per blob
(documents are far below S3's 5 GB single-PUT limit), never a multipart upload: an interrupted
upload leaves nothing in the bucket to sweep.
"""

from __future__ import annotations

import tempfile
from typing import IO, Any, cast

from botocore.exceptions import ClientError

from case_api.documents.store import (
    SPOOL_IN_MEMORY_BYTES,
    Blob,
    BlobNotFound,
    Swept,
    copy_hashing,
    fan_out,
    is_sha256,
)

MISSING = {"404", "NoSuchKey", "NotFound"}


class S3BlobStore:
    def __init__(self, client: Any, bucket: str, prefix: str = "") -> None:
        self.client = client
        self.bucket = bucket
        self.prefix = prefix

    def put(self, stream: IO[bytes]) -> Blob:
        with tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY_BYTES) as spool:
            sha256, size = copy_hashing(stream, cast(IO[bytes], spool))
            if self.size(sha256) is not None:
                return Blob(sha256, size, created=False)
            spool.seek(0)
            self.client.put_object(
                Bucket=self.bucket, Key=self._key(sha256), Body=spool, ContentLength=size
            )
        return Blob(sha256, size, created=True)

    def open(self, sha256: str) -> IO[bytes]:
        if not is_sha256(sha256):
            raise BlobNotFound(sha256)
        try:
            found = self.client.get_object(Bucket=self.bucket, Key=self._key(sha256))
        except ClientError as error:
            if _missing(error):
                raise BlobNotFound(sha256) from None
            raise
        return cast(IO[bytes], found["Body"])

    def size(self, sha256: str) -> int | None:
        if not is_sha256(sha256):
            return None
        try:
            head = self.client.head_object(Bucket=self.bucket, Key=self._key(sha256))
        except ClientError as error:
            if _missing(error):
                return None
            raise
        return int(head["ContentLength"])

    def sweep_partial(self, older_than_seconds: float, now: float) -> Swept:
        return Swept()

    def _key(self, sha256: str) -> str:
        return f"{self.prefix}{fan_out(sha256)}"


def _missing(error: ClientError) -> bool:
    return str(error.response.get("Error", {}).get("Code")) in MISSING
