"""Tables of the actuals store and the engine that reaches them.

SQLite is the embedded default (a file under data/, made on first use);
PostgreSQL serves multi-user deployments.  The schema itself is created and
changed only by the Alembic revisions in indicators/store/migrations/, never by
metadata.create_all, so a later release can alter it without losing data.
The tables here mirror those revisions; a test checks that they agree.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.pool import StaticPool

from indicators.errors import TrackerError

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

# Connections that will write ask for this option, so SQLite takes its write
# lock at BEGIN instead of failing half-way through on a lock upgrade.
WRITE_OPTION = "tracker_write"

metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


class DatabaseError(TrackerError):
    """The database URL is unusable or the database cannot be reached."""


class UTCDateTime(sa.TypeDecorator):
    """Aware UTC datetimes on the Python side, whatever the backend keeps."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: sa.Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("created_at must be timezone-aware")
        value = value.astimezone(dt.UTC)
        # SQLite has no time zones; it keeps naive UTC.
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: dt.datetime | None, dialect: sa.Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


UPLOAD_KINDS = ("upload", "revert", "note")
# Kinds whose uploads carry versions of values (a revert only switches others off).
VERSION_KINDS = ("upload", "note")
ROW_ACTIONS = ("added", "changed", "unchanged", "removed")

uploads = sa.Table(
    "uploads",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("user_name", sa.String(200), nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("file_name", sa.String(500), nullable=False),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("kind", sa.String(10), nullable=False),
    sa.Column("reverts_upload_id", sa.Integer, sa.ForeignKey("uploads.id"), nullable=True),
    sa.Column("reverted_by_upload_id", sa.Integer, sa.ForeignKey("uploads.id"), nullable=True),
    sa.Column("rows_total", sa.Integer, nullable=False),
    sa.Column("added", sa.Integer, nullable=False),
    sa.Column("changed", sa.Integer, nullable=False),
    sa.Column("unchanged", sa.Integer, nullable=False),
    sa.Column("removed", sa.Integer, nullable=False),
    sa.Column("note", sa.Text, nullable=False),
    sa.Column("is_sample", sa.Boolean, nullable=False),
    # 'note': an editor changed a stored value's note (revision 0003).
    sa.CheckConstraint("kind IN ('upload', 'revert', 'note')", name="kind"),
)

# What one upload (or revert) did to each series it touched.
upload_rows = sa.Table(
    "upload_rows",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("upload_id", sa.Integer, sa.ForeignKey("uploads.id"), nullable=False, index=True),
    sa.Column("indicator_id", sa.String(100), nullable=False),
    sa.Column("region", sa.String(20), nullable=False),
    sa.Column("year", sa.Integer, nullable=False),
    sa.Column("old_value", sa.Double, nullable=True),
    sa.Column("new_value", sa.Double, nullable=True),
    sa.Column("old_note", sa.Text, nullable=True),
    sa.Column("new_note", sa.Text, nullable=True),
    sa.Column("action", sa.String(10), nullable=False),
    sa.Column("source_sheet", sa.String(200), nullable=True),
    sa.Column("source_row", sa.Integer, nullable=True),
    sa.CheckConstraint("action IN ('added', 'changed', 'unchanged', 'removed')", name="action"),
)

# Append-only: every value every upload asserted.  The current value of a
# series is the one from the latest upload that is not reverted.
actual_versions = sa.Table(
    "actual_versions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("upload_id", sa.Integer, sa.ForeignKey("uploads.id"), nullable=False),
    sa.Column("indicator_id", sa.String(100), nullable=False),
    sa.Column("region", sa.String(20), nullable=False),
    sa.Column("year", sa.Integer, nullable=False),
    sa.Column("value", sa.Double, nullable=False),
    sa.Column("note", sa.Text, nullable=False),
    # Where the publisher gave the value (revision 0004); NULL: not stated.
    sa.Column("source", sa.Text, nullable=True),
    sa.Column("url", sa.Text, nullable=True),
    sa.Column("published", sa.Text, nullable=True),
    sa.Column("quote", sa.Text, nullable=True),
    sa.UniqueConstraint("upload_id", "indicator_id", "region", "year"),
    sa.Index("ix_actual_versions_series", "indicator_id", "region", "year", "upload_id"),
)

# Counters; data_version is bumped by every commit and revert.
store_meta = sa.Table(
    "store_meta",
    metadata,
    sa.Column("key", sa.String(50), primary_key=True),
    sa.Column("int_value", sa.BigInteger, nullable=False),
)

DATA_VERSION_KEY = "data_version"

ROLES_SQL = "role IN ('viewer', 'editor', 'admin')"

# Login accounts.  Only a scrypt hash of the password is kept (indicators.accounts.users).
users = sa.Table(
    "users",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", sa.String(100), nullable=False, unique=True),
    sa.Column("password_hash", sa.String(255), nullable=False),
    sa.Column("role", sa.String(10), nullable=False),
    sa.Column("disabled", sa.Boolean, nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    # Replaced at logout, disable and enable (revision 0005): old session cookies stop working.
    sa.Column("session_stamp", sa.String(32), nullable=False, server_default=""),
    sa.CheckConstraint(ROLES_SQL, name="role"),
)

# Append-only record of every change (indicators.store.audit); triggers in revision
# 0002 refuse UPDATE and DELETE on it.
audit_log = sa.Table(
    "audit_log",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", UTCDateTime, nullable=False),
    sa.Column("user_name", sa.String(200), nullable=False),
    sa.Column("action", sa.String(30), nullable=False),
    sa.Column("target", sa.String(200), nullable=False),
    sa.Column("rows_total", sa.Integer, nullable=False),
    sa.Column("added", sa.Integer, nullable=False),
    sa.Column("changed", sa.Integer, nullable=False),
    sa.Column("unchanged", sa.Integer, nullable=False),
    sa.Column("removed", sa.Integer, nullable=False),
    sa.Column("detail", sa.Text, nullable=False),
    sa.Index("ix_audit_log_action_target_at", "action", "target", "at"),
)


REGISTRY_KINDS = ("document", "indicator", "target")
REGISTRY_ACTIONS = ("add", "revise", "retire", "revert", "seed", "import")

# Append-only versions of the registry's records (revision 0006; indicators.store.registry).
# `new` is the record's pydantic model_dump(mode="json") after the change (NULL: the change
# left no such record), `old` the one before; a revert carries no record of its own, it
# switches the version it reverts off (reverted_by), like a revert of an upload.
registry_versions = sa.Table(
    "registry_versions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("kind", sa.String(10), nullable=False),
    sa.Column("record_id", sa.String(100), nullable=False),
    sa.Column("action", sa.String(10), nullable=False),
    sa.Column("user_name", sa.String(200), nullable=False),
    sa.Column("at", UTCDateTime, nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("old", sa.Text, nullable=True),
    sa.Column("new", sa.Text, nullable=True),
    sa.Column("reverts", sa.Integer, sa.ForeignKey("registry_versions.id"), nullable=True),
    sa.Column("reverted_by", sa.Integer, sa.ForeignKey("registry_versions.id"), nullable=True),
    sa.CheckConstraint("kind IN ('document', 'indicator', 'target')", name="kind"),
    sa.CheckConstraint(
        "action IN ('add', 'revise', 'retire', 'revert', 'seed', 'import')", name="action"),
    sa.Index("ix_registry_versions_record", "kind", "record_id", "id"),
)

# The Plans page's draft sets, kept whole as JSON (indicators.service.plans.DraftSet).
draft_sets = sa.Table(
    "draft_sets",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("title_zh", sa.Text, nullable=False),
    sa.Column("file_name", sa.String(500), nullable=False),
    sa.Column("status", sa.String(10), nullable=False),
    sa.Column("updated_by", sa.String(200), nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
    sa.Column("content", sa.Text, nullable=False),
    sa.CheckConstraint("status IN ('open', 'published')", name="status"),
)


def database_url(raw_url: str, root: Path) -> URL:
    """The URL to connect to: relative SQLite paths sit under root; bare postgres uses psycopg."""
    try:
        url = make_url(raw_url)
    except sa.exc.ArgumentError:
        raise DatabaseError(
            f"database URL '{raw_url}' is not a valid SQLAlchemy URL",
            hint="use sqlite:///data/tracker.db or postgresql+psycopg://user:pass@host/db",
        ) from None
    if url.drivername in ("postgres", "postgresql"):
        url = url.set(drivername="postgresql+psycopg")
    if url.get_backend_name() == "sqlite" and not _is_memory(url):
        path = Path(url.database)
        if not path.is_absolute():
            path = root / path
        url = url.set(database=str(path))
    return url


def create_engine(raw_url: str, root: Path) -> Engine:
    url = database_url(raw_url, root)
    if url.get_backend_name() != "sqlite":
        try:
            return sa.create_engine(url, pool_pre_ping=True)
        except (ModuleNotFoundError, sa.exc.NoSuchModuleError) as exc:
            raise DatabaseError(f"no driver for '{url.drivername}': {exc}") from None
    if _is_memory(url):
        engine = sa.create_engine(
            url, poolclass=StaticPool, connect_args={"check_same_thread": False}
        )
    else:
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        _create_private(Path(url.database))
        engine = sa.create_engine(url, connect_args={"timeout": 30})
    _make_sqlite_transactional(engine, wal=not _is_memory(url))
    return engine


def _create_private(path: Path) -> None:
    """Make a new SQLite file readable by its owner only: it holds password hashes.

    SQLite gives its -wal and -shm files the database file's mode.  An existing file
    keeps the mode it has.
    """
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        pass
    except OSError as exc:
        raise DatabaseError(f"cannot create the database file {path}: {exc.strerror}") from None


def _is_memory(url: URL) -> bool:
    return url.database in (None, "", ":memory:")


def _make_sqlite_transactional(engine: Engine, *, wal: bool) -> None:
    """Let SQLAlchemy, not pysqlite, issue BEGIN (SQLAlchemy's documented recipe).

    pysqlite's own transaction handling defers BEGIN and skips it for DDL;
    issuing it ourselves makes migrations and commits truly atomic, and
    BEGIN IMMEDIATE for writers serialises concurrent uploads cleanly.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # noqa: ANN001
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        if wal:
            # Readers (the dashboard) keep reading while an upload commits.
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: sa.Connection) -> None:
        writes = connection.get_execution_options().get(WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")


# Any constant works; it only has to be the same in every process.
MIGRATION_LOCK_KEY = 7_302_021


def upgrade_to_head(engine: Engine) -> None:
    """Bring the schema to the newest Alembic revision, in one transaction.

    Two processes starting at once (e.g. gunicorn workers) take turns: an
    advisory lock on PostgreSQL, BEGIN IMMEDIATE on SQLite.
    """
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    try:
        with engine.connect() as connection:
            connection.execution_options(**{WRITE_OPTION: True})
            with connection.begin():
                if connection.dialect.name == "postgresql":
                    connection.execute(
                        sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY}
                    )
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
    except sa.exc.OperationalError as exc:
        raise DatabaseError(
            f"cannot open the database {engine.url.render_as_string(hide_password=True)}: "
            f"{exc.orig}",
            hint="check DATABASE_URL / --db and that the database server is running",
        ) from None
