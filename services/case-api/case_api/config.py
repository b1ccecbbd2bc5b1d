"""case-api settings: one typed object, read from ``CASE_API_*`` environment variables."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

DEV_SECRET = "dev-only-secret-change-me-0123456789abcdef"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CASE_API_", extra="ignore")

    event_store_url: str = Field(
        "sqlite:///var/case-api/events.db",
        description="Event store: sqlite:///PATH (embedded) or postgresql://USER@HOST:PORT/DB",
    )
    readmodel_url: str = Field(
        "sqlite:///var/case-api/readmodel.db",
        description="Read models (SQLAlchemy URL); Alembic owns the schema",
    )
    event_store_schema: str | None = Field(
        None, description="PostgreSQL schema of the event store (must exist); default public"
    )
    event_store_pool_size: int = Field(10, description="PostgreSQL connections for the store")
    host: str = Field("127.0.0.1", description="Address the HTTP server binds")
    port: int = Field(8000, description="Port the HTTP server binds")
    token_secret: SecretStr = Field(
        SecretStr(DEV_SECRET), description="HMAC key for bearer tokens (HS256)"
    )
    token_issuer: str = Field("case-api", description="'iss' claim of issued tokens")
    token_ttl_seconds: int = Field(8 * 3600, description="Lifetime of issued user tokens")
    projection_batch_size: int = Field(500, description="Events per read-model transaction")
    projection_poll_seconds: float = Field(
        0.02, description="How often the projector looks for events written by other replicas"
    )
    read_wait_seconds: float = Field(
        5.0, description="Longest a query waits for the read model to reach min_position"
    )
    feed_max_wait_seconds: float = Field(30.0, description="Longest a long-poll on the feed waits")
    idempotency_ttl_hours: int = Field(72, description="How long Idempotency-Key records are kept")
    run_projector: bool = Field(True, description="Run the read-model projector in this process")
    clock_file: Path | None = Field(
        None, description="Testing only: a file holding an ISO datetime used as 'now'"
    )

    def prepare_local_dirs(self) -> None:
        for url in (self.event_store_url, self.readmodel_url):
            if url.startswith("sqlite:///"):
                Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
