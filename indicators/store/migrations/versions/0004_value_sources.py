"""Where each value was published: source, url, published, quote on actual_versions.

Four nullable text columns; every version stored before this revision keeps
NULL (its source was never recorded).  Adding a nullable column is a plain
ALTER TABLE on both SQLite and PostgreSQL, so no table is rebuilt.  A
downgrade would throw recorded sources away, so it refuses while any is stored.

Revision ID: 0004_value_sources
Revises: 0003_note_uploads
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_value_sources"
down_revision = "0003_note_uploads"
branch_labels = None
depends_on = None

COLUMNS = ("source", "url", "published", "quote")


def upgrade() -> None:
    for name in COLUMNS:
        op.add_column("actual_versions", sa.Column(name, sa.Text, nullable=True))


def downgrade() -> None:
    stored = " OR ".join(f"{name} IS NOT NULL" for name in COLUMNS)
    count = op.get_bind().execute(sa.text(f"SELECT count(*) FROM actual_versions WHERE {stored}"))
    if count.scalar_one():
        raise RuntimeError("cannot downgrade below 0004: the store holds value sources")
    for name in reversed(COLUMNS):
        op.drop_column("actual_versions", name)
