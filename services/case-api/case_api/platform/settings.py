"""case-api settings: one typed object, read from ``CASE_API_*`` environment variables."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

DEV_SECRET = "dev-only-secret-change-me-0123456789abcdef"
LOCAL_ENV_FILE = "var/case-api.env"


class Settings(BaseSettings):
    # `make run` keeps its generated secret in var/case-api.env, so the CLI run from the
    # checkout (`case-api token …`) signs with the same key as the local server. Environment
    # variables win over the file; in production the file does not exist.
    model_config = SettingsConfigDict(
        env_prefix="CASE_API_", extra="ignore", env_file=LOCAL_ENV_FILE, env_file_encoding="utf-8"
    )

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
    aggregate_cache_size: int = Field(
        2000,
        ge=0,
        description="Cases (and registry entries) kept in memory between commands, brought up "
        "to date from the store on each use: a command then decodes only the events it has not "
        "seen, not the whole case; 0 turns the cache off",
    )
    readmodel_pool_size: int = Field(
        40,
        description="PostgreSQL connections kept for the read models: one per request thread "
        "(AnyIO runs sync routes on 40), so none is opened and closed per request",
    )
    host: str = Field("127.0.0.1", description="Address the HTTP server binds")
    port: int = Field(8000, description="Port the HTTP server binds")
    forwarded_allow_ips: str = Field(
        "127.0.0.1",
        description="Proxies whose X-Forwarded-For/-Proto are believed (uvicorn's"
        " --forwarded-allow-ips): comma-separated addresses or networks; the client address"
        " they name is the one rate limits count",
    )
    storage_wait_seconds: float = Field(
        60.0,
        ge=0,
        description="How long start-up waits for the event store and read models to answer"
        " before the process exits",
    )
    storage_timeout_seconds: int = Field(
        5,
        ge=1,
        description="How long a request waits for a database connection (PostgreSQL connect,"
        " or a free pooled one) before it is answered 503 storage-unavailable",
    )
    storage_retry_after_seconds: int = Field(
        5, ge=1, description="Retry-After of a 503 storage-unavailable (database not answering)"
    )
    token_secret: SecretStr = Field(
        SecretStr(DEV_SECRET), description="HMAC key for bearer tokens (HS256)"
    )
    token_issuer: str = Field("case-api", description="'iss' claim of issued tokens")
    token_ttl_seconds: int = Field(8 * 3600, description="Lifetime of issued user tokens")
    token_keys: dict[str, SecretStr] = Field(
        default_factory=dict,
        description='Named HMAC keys, JSON {"kid": "key"}: one signs, the rest only verify',
    )
    token_signing_kid: str | None = Field(
        None, description="Which of token_keys signs new tokens (needed with several keys)"
    )
    client_token_ttl_seconds: int = Field(600, description="Lifetime of machine-client tokens")
    client_secret_grace_seconds: int = Field(
        24 * 3600, description="How long a client's previous secret works after a rotation"
    )
    projection_batch_size: int = Field(500, description="Events per read-model transaction")
    projection_poll_seconds: float = Field(
        0.02, description="How often the projector looks for events written by other replicas"
    )
    read_wait_seconds: float = Field(
        5.0, description="Longest a query waits for the read model to reach min_position"
    )
    feed_max_wait_seconds: float = Field(30.0, description="Longest a long-poll on the feed waits")
    idempotency_ttl_hours: int = Field(72, description="How long Idempotency-Key records are kept")
    idempotency_stale_seconds: int = Field(
        10,
        ge=1,
        description="How long a request may hold its Idempotency-Key before a resend takes it"
        " over (a crash left it running); resends before then get 409 with Retry-After",
    )
    delivery_tolerance_seconds: int = Field(
        300, description="How far a signed court delivery's timestamp may be from our clock"
    )
    run_projector: bool = Field(True, description="Run the read-model projector in this process")
    rate_limit_storage: str = Field(
        "memory://",
        description="Where request counts live: memory:// (this process) or redis://HOST:PORT/DB"
        " (shared by replicas)",
    )
    rate_limit_reads: str = Field(
        "1200/minute", description="Budget of GET/HEAD/OPTIONS requests per client, e.g. 600/minute"
    )
    rate_limit_writes: str = Field(
        "600/minute", description="Budget of other requests (POST, PUT…) per client"
    )
    rate_limit_unverified: str = Field(
        "60/minute",
        description="Budget per client address of court deliveries whose signature fails and"
        " token requests whose client credentials fail; kept apart from the courts' and"
        " clients' own budgets",
    )
    max_request_bytes: int = Field(
        1024 * 1024, description="Largest request body; uploads enforce their own limit"
    )
    max_document_bytes: int = Field(
        20 * 1024 * 1024, description="Largest uploaded document (POST /v1/documents)"
    )
    document_store_url: str = Field(
        "file:var/case-api/documents",
        description="Blob store of documents: file:PATH (local disk) or s3://BUCKET[/PREFIX]",
    )
    document_s3_endpoint_url: str | None = Field(
        None, description="S3-compatible endpoint (MinIO, Ceph, OSS…); default AWS"
    )
    document_s3_region: str = Field("us-east-1", description="Region of the S3 bucket")
    document_s3_access_key_id: str | None = Field(
        None, description="S3 access key; default the boto3 credential chain"
    )
    document_s3_secret_access_key: SecretStr | None = Field(None, description="S3 secret key")
    document_s3_addressing_style: Literal["path", "virtual"] = Field(
        "path", description="path for MinIO/Ceph; virtual for stores that require it (OSS)"
    )
    document_partial_max_age_seconds: float = Field(
        3600,
        gt=0,
        description="Age after which an interrupted upload's partial file is removed, at start-up"
        " and by `case-api documents sweep`; younger ones may still be written",
    )
    metrics_token: SecretStr | None = Field(
        None, description="Bearer token /metrics requires; unset, /metrics is open to anyone"
    )
    session_cookie_secure: bool = Field(
        True,
        description="Send the session cookie only over HTTPS. Chromium and Firefox also keep a"
        " Secure cookie on http://127.0.0.1 and http://localhost, so `make run` keeps the default;"
        " set false only for a plain-HTTP test host reached by another name",
    )
    session_ttl_seconds: int = Field(8 * 3600, description="How long a console session lasts")
    signin_max_failures: int = Field(
        5, ge=1, description="Wrong passwords in a row after which an account is locked"
    )
    signin_lockout_seconds: int = Field(
        900, ge=1, description="How long a lock-out lasts (an administrator can unlock sooner)"
    )
    password_min_length: int = Field(10, ge=8, description="Shortest password an account takes")
    oidc_metadata_url: str | None = Field(
        None,
        description="OpenID Connect discovery document of the identity provider"
        " (…/.well-known/openid-configuration); unset, only passwords sign in",
    )
    oidc_client_id: str | None = Field(None, description="This system's client id at the IdP")
    oidc_client_secret: SecretStr | None = Field(None, description="Its client secret")
    oidc_redirect_url: str = Field(
        "http://127.0.0.1:8000/v1/session/oidc/callback",
        description="Where the IdP sends the browser back (registered with the IdP)",
    )
    oidc_role_claim: str = Field(
        "yingsu_role", description="Claim naming the person's role (docs/operations.md)"
    )
    oidc_scope_claims: dict[str, str] = Field(
        default_factory=lambda: {
            "agency": "yingsu_agency",
            "jurisdiction": "yingsu_jurisdiction",
        },
        description='JSON: which claim carries each scope, e.g. {"agency": "org_code"}',
    )
    oidc_role_map: dict[str, str] = Field(
        default_factory=dict,
        description='JSON: IdP role values to ours, e.g. {"法制科": "agency_user"};'
        " unmapped values are taken as our role names",
    )
    console_notifier_url: str | None = Field(
        None, description="The notifier's operator page, linked from the console's menu"
    )
    clock_file: Path | None = Field(
        None, description="Testing only: a file holding an ISO datetime used as 'now'"
    )

    def prepare_local_dirs(self) -> None:
        for url in (self.event_store_url, self.readmodel_url):
            if url.startswith("sqlite:///"):
                Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
