"""One settings class for every sotflow process, read from SOTFLOW_* variables."""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PLACEHOLDER_PASSWORDS = {"sotflow-local", "postgres", "password", "changeme", ""}


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SOTFLOW_", extra="ignore")

    environment: Literal["development", "production"] = "development"

    pg_host: str = "127.0.0.1"
    pg_port: int = 55432
    pg_user: str = "sotflow"
    pg_password: str = "sotflow-local"
    pg_dbname: str = "sotflow"
    pg_pool_size: int = 10
    # Event store, identity and relay bookkeeping live in this schema.
    db_schema: str = "sotflow"
    # Read models live here; a rebuild can target another schema.
    projection_schema: str = "sotflow_read"

    # Comma-separated host:port list; every Kafka client takes the whole list, so any one
    # broker of a cluster that answers is enough to find the others.
    kafka_bootstrap: str = "127.0.0.1:9092"
    # Prefix of every topic, consumer group and transactional id, so that several
    # deployments (or test runs) can share one broker without seeing each other.
    topic_prefix: str = "sotflow."
    event_topic_partitions: int = Field(default=3, ge=1)
    # Every topic's copies, and how many of them must hold an event before the relay's
    # write counts (acks=all). 1/1 suits the one local broker; a court's cluster runs
    # 3/2 (docs/operations.md): one broker may fail without losing or blocking anything.
    topic_replication_factor: int = Field(default=1, ge=1)
    topic_min_insync_replicas: int = Field(default=1, ge=1)

    # The cassation court: registers and hears complaints and protests unless a
    # request names another court.
    default_court: str = "cassation-criminal"
    default_specialisation: str = "criminal"
    # The court that registers and hears Supreme Court items (legacy petitions,
    # exceptional review, extradition complaints) unless a request names another.
    supreme_court: str = "supreme-court-criminal"
    # Further courts items may be registered for (a JSON list in SOTFLOW_OTHER_COURTS);
    # a court whose roster a head has enrolled is known too.
    other_courts: list[str] = []

    @property
    def configured_courts(self) -> list[str]:
        return [self.default_court, self.supreme_court, *self.other_courts]

    # Criminal Code article -> specialisation of the judges who hear it; articles not
    # listed go to the general criminal specialisation. The court's own table.
    specialisation_by_article: dict[str, str] = {}
    # Registration numbers: {court}, {kind} (e.g. CC), {sequence} (per court and year), {year}.
    registration_number_format: str = "{court}-{kind}-{sequence}/{year}"

    api_host: str = "127.0.0.1"
    api_port: int = 8000
    max_body_bytes: int = Field(default=64 * 1024, ge=1024)
    # The staff console's session cookie key: a Fernet key (cryptography.fernet.Fernet.generate_key()).
    # Empty: each API process makes its own at start, and sessions end when it restarts.
    console_session_key: str = ""

    log_format: Literal["auto", "json", "console"] = "auto"
    log_level: str = "INFO"

    relay_batch_size: int = Field(default=2000, ge=1)
    # The relay reads new events when PostgreSQL notifies their commit, and this often
    # without one (the catch-up for a notification lost with its connection).
    relay_idle_wait_seconds: float = Field(default=1.0, gt=0)
    # After a read that caught up with the log, the next comes no sooner than this: a steady
    # stream of commits goes to Kafka in transactions of this long's events, not one each.
    relay_coalesce_seconds: float = Field(default=0.1, ge=0)
    # Check every envelope against its JSON Schema before publishing (on in tests;
    # costs CPU per event, so off by default).
    relay_validate_events: bool = False
    relay_flush_timeout_seconds: float = Field(default=20.0, gt=0)
    consumer_max_poll_records: int = Field(default=500, ge=1)
    # Several `sotflow consume` processes share a projection's partitions through a Kafka
    # consumer group. Off: each process reads every partition (the offsets beside the rows
    # make a second one harmless), and a restarted process needs no group rebalance.
    consumer_share_partitions: bool = False

    # The distributor retries the cases waiting for their court (no roster, no settings
    # in force, too few judges) this often.
    distributor_retry_seconds: float = Field(default=5.0, gt=0)

    # Deadlines: the watcher's warning window before a due instant, how often it
    # looks, and the two rule parameters the statute leaves to the court.
    deadline_warning_window_hours: float = Field(default=48.0, gt=0)
    deadline_watch_interval_seconds: float = Field(default=5.0, gt=0)
    deadline_act_entry_working_days: int = Field(default=5, ge=1, le=60)
    deadline_decision_term_from: Literal["complaint", "case_file"] = "complaint"

    # The audit ledger (audit/, docs/audit.md). Each checkpoint's origin line is
    # "<audit_origin>/<context>"; every key listed (paths, comma-separated, made by
    # `sotflow audit keygen`) signs each checkpoint, so a key is rotated by listing
    # the new one beside the old, handing auditors its public key, then dropping the old.
    audit_origin: str = "sotflow.kz/ledger"
    audit_signing_keys: str = ".local/audit/ledger.key"
    audit_checkpoint_every_events: int = Field(default=1000, ge=1)
    audit_checkpoint_every_seconds: float = Field(default=60.0, gt=0)
    audit_idle_wait_seconds: float = Field(default=0.5, gt=0)
    # Prometheus metrics (docs/operations.md, "Metrics"): each long-running process serves its
    # own on metrics_host at its port (0: none); the API serves them at /metrics, and its
    # processes under `serve --workers N` share their figures through files in this directory
    # (emptied when `serve` starts).
    metrics_host: str = "127.0.0.1"
    relay_metrics_port: int = Field(default=9101, ge=0, le=65535)
    consumer_metrics_port: int = Field(default=9102, ge=0, le=65535)
    distributor_metrics_port: int = Field(default=9103, ge=0, le=65535)
    deadline_starter_metrics_port: int = Field(default=9104, ge=0, le=65535)
    deadline_watcher_metrics_port: int = Field(default=9105, ge=0, le=65535)
    audit_ledger_metrics_port: int = Field(default=9106, ge=0, le=65535)
    api_metrics_dir: str = ".local/metrics/api"
    # Where `sotflow demo` / `make run` keep the demo accounts' tokens (mode 0600), so that
    # they stay the same across restarts; the database keeps only their hashes.
    demo_tokens_file: str = ".local/demo-tokens.json"

    @model_validator(mode="after")
    def min_insync_within_replicas(self) -> "Settings":
        if self.topic_min_insync_replicas > self.topic_replication_factor:
            raise ValueError(
                "SOTFLOW_TOPIC_MIN_INSYNC_REPLICAS exceeds SOTFLOW_TOPIC_REPLICATION_FACTOR: no write could succeed"
            )
        return self

    @model_validator(mode="after")
    def refuse_placeholder_secrets_in_production(self) -> "Settings":
        if self.environment == "production" and self.pg_password in PLACEHOLDER_PASSWORDS:
            raise ValueError("SOTFLOW_PG_PASSWORD is a development placeholder; set a real secret in production")
        return self

    @property
    def pg_conninfo(self) -> str:
        return (
            f"host={self.pg_host} port={self.pg_port} user={self.pg_user} "
            f"password={self.pg_password} dbname={self.pg_dbname}"
        )

    def topic(self, name: str) -> str:
        return f"{self.topic_prefix}{name}"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
