"""notifier settings: one typed object, read from ``NOTIFIER_*`` environment variables."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="NOTIFIER_", extra="ignore")

    database_url: str = Field(
        "sqlite:///var/notifier/notifier.db",
        description="The notifier's own database (SQLAlchemy URL); Alembic owns the schema",
    )
    case_api_url: str = Field("http://127.0.0.1:8000", description="Base URL of case-api")
    case_api_token: SecretStr = Field(
        SecretStr(""), description="Bearer token of the notifier's service principal"
    )
    operator_token: SecretStr = Field(
        SecretStr(""),
        description="Bearer token the operator API requires (deliveries, retries, follower); "
        "unset: those endpoints answer 401",
    )
    metrics_token: SecretStr | None = Field(
        None, description="Bearer token /metrics requires; unset, /metrics is open to anyone"
    )
    host: str = Field("127.0.0.1", description="Address of the operator API")
    port: int = Field(8100, description="Port of the operator API")
    channels_file: Path | None = Field(
        None, description="YAML file: recipients and their channels (Apprise URLs) per agency"
    )
    outbox_file: Path = Field(
        Path("var/notifier/outbox.jsonl"),
        description="Where the local channel (outbox:// in the channels file) writes messages",
    )
    reminder_hour: int = Field(9, ge=0, le=23, description="Local hour reminders go out")
    feed_wait_seconds: float = Field(10.0, description="Long-poll wait on case-api's feed")
    send_batch_size: int = Field(100, description="Deliveries leased per round")
    lease_seconds: int = Field(60, description="How long a leased delivery stays claimed")
    max_attempts: int = Field(6, description="Attempts before a delivery is dead")
    statistics_url: str | None = Field(
        None, description="Base URL of the statistics endpoint; default: case_api_url"
    )
    feed_page_size: int = Field(200, ge=1, le=1000, description="Events per feed page")
    follower_name: str = Field("notifier", description="Name of the follower's position row")
    send_workers: int = Field(16, ge=1, description="Deliveries sent in parallel")
    send_timeout_seconds: float = Field(10.0, description="Per-channel send timeout")
    backoff_base_seconds: float = Field(60.0, description="First retry delay; doubles per try")
    backoff_max_seconds: float = Field(6 * 3600.0, description="Longest retry delay")
    sender_poll_seconds: float = Field(0.2, description="How often the sender looks for due rows")
    public_url: str | None = Field(
        None, description="Operator API URL named in bulletin messages (signed download links)"
    )
    console_url: str | None = Field(
        None,
        description="case-api's console as recipients reach it (e.g. https://yingsu.example.cn);"
        " deadline messages link to the case there. Unset: no link (unless the template names"
        " another address)",
    )
    case_url_template: str = Field(
        "{console_url}/console/cases/{case_id}",
        description="The case link in deadline messages: {console_url}, {case_id} and"
        " {case_number} are filled in; empty: no link",
    )
    link_secret: SecretStr = Field(
        SecretStr(""),
        description="HMAC key signing the bulletin download links in messages (?expires&sig); "
        "unset: messages carry no links and downloads need the operator token",
    )
    link_lifetime_days: float = Field(
        30.0, gt=0, description="How long a signed bulletin download link works"
    )
    retry_after_max_seconds: float = Field(
        300.0,
        gt=0,
        description="Longest wait honoured from case-api's Retry-After (a 429 or 503)",
    )
    run_api: bool = Field(True, description="Serve the operator API in `notifier run`")
    storage_wait_seconds: float = Field(
        60.0,
        ge=0,
        description="How long `notifier run` waits at start-up for its database to answer"
        " before the process exits",
    )
    storage_retry_after_seconds: int = Field(
        5, ge=1, description="Retry-After of the operator API's 503 storage-unavailable"
    )
    clock_file: Path | None = Field(
        None, description="Testing only: a file holding an ISO datetime used as 'now'"
    )

    def case_url(self, case_id: str, case_number: str) -> str | None:
        """The link a deadline message carries to its case; None when none is configured."""
        template = self.case_url_template.strip()
        if not template or ("{console_url}" in template and not self.console_url):
            return None
        return template.format(
            console_url=(self.console_url or "").rstrip("/"),
            case_id=quote(case_id, safe=""),
            case_number=quote(case_number, safe=""),
        )

    def prepare_local_dirs(self) -> None:
        if self.database_url.startswith("sqlite:///"):
            Path(self.database_url.removeprefix("sqlite:///")).parent.mkdir(
                parents=True, exist_ok=True
            )
