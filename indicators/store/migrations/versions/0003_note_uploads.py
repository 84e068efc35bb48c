"""Uploads of kind 'note': an editor changes the note of a stored value.

Only the CHECK constraint on uploads.kind changes.  PostgreSQL alters it in
place.  SQLite cannot alter a constraint, so the table is rebuilt; Alembic's
batch mode (copy, drop, rename) would fail here, because the store migrates
inside one transaction with foreign keys on, where PRAGMA foreign_keys=OFF is
ignored: dropping the old table orphans every upload_rows and actual_versions
row, and SQLite's deferred-constraint counter never forgets that.  Instead the
rows are put aside, the old table dropped, the new one renamed into place and
the rows inserted again, which adopts each orphan and brings the counter back
to zero; any real inconsistency still fails the commit.

0001 named the constraint ck_uploads_ck_uploads_kind (the naming convention
applied twice); from here on it is ck_uploads_kind, as indicators/store/schema.py says.

Revision ID: 0003_note_uploads
Revises: 0002_users_audit
Create Date: 2025-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_note_uploads"
down_revision = "0002_users_audit"
branch_labels = None
depends_on = None

OLD_KINDS = "kind IN ('upload', 'revert')"
NEW_KINDS = "kind IN ('upload', 'revert', 'note')"
COLUMNS = (
    "id, user_name, created_at, file_name, sha256, kind, reverts_upload_id, reverted_by_upload_id, "
    "rows_total, added, changed, unchanged, removed, note, is_sample"
)


def upgrade() -> None:
    _set_kinds(NEW_KINDS)


def downgrade() -> None:
    notes = op.get_bind().execute(sa.text("SELECT count(*) FROM uploads WHERE kind = 'note'"))
    if notes.scalar_one():
        raise RuntimeError("cannot downgrade below 0003: the store holds note uploads")
    _set_kinds(OLD_KINDS)


def _set_kinds(check: str) -> None:
    if op.get_bind().dialect.name == "sqlite":
        _rebuild_sqlite_uploads(check)
        return
    for name in ("ck_uploads_ck_uploads_kind", "ck_uploads_kind"):
        op.execute(f"ALTER TABLE uploads DROP CONSTRAINT IF EXISTS {name}")
    op.execute(f"ALTER TABLE uploads ADD CONSTRAINT ck_uploads_kind CHECK ({check})")


def _rebuild_sqlite_uploads(check: str) -> None:
    op.execute("PRAGMA defer_foreign_keys = ON")  # until this transaction commits
    op.execute("CREATE TEMP TABLE uploads_0003 AS SELECT * FROM uploads")
    op.create_table(
        "uploads_new",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("user_name", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("file_name", sa.String(500), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("reverts_upload_id", sa.Integer, nullable=True),
        sa.Column("reverted_by_upload_id", sa.Integer, nullable=True),
        sa.Column("rows_total", sa.Integer, nullable=False),
        sa.Column("added", sa.Integer, nullable=False),
        sa.Column("changed", sa.Integer, nullable=False),
        sa.Column("unchanged", sa.Integer, nullable=False),
        sa.Column("removed", sa.Integer, nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("is_sample", sa.Boolean, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_uploads")),
        sa.ForeignKeyConstraint(["reverts_upload_id"], ["uploads.id"],
                                name=op.f("fk_uploads_reverts_upload_id_uploads")),
        sa.ForeignKeyConstraint(["reverted_by_upload_id"], ["uploads.id"],
                                name=op.f("fk_uploads_reverted_by_upload_id_uploads")),
        sa.CheckConstraint(check, name=op.f("ck_uploads_kind")),
    )
    op.execute("DROP TABLE uploads")
    op.execute("ALTER TABLE uploads_new RENAME TO uploads")
    op.execute(f"INSERT INTO uploads ({COLUMNS}) SELECT {COLUMNS} FROM uploads_0003")
    op.execute("DROP TABLE uploads_0003")
