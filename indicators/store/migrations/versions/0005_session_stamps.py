"""A session stamp per user: replaced at logout, disable and enable, so old cookies stop working.

A session cookie names the user and a digest of the password hash and this
stamp; a new stamp (or a new password) makes every earlier cookie of that user
unknown.  Existing users get an empty stamp, which keeps their sessions valid
until the next logout.  Adding a NOT NULL column with a default is a plain
ALTER TABLE on both SQLite and PostgreSQL.

Revision ID: 0005_session_stamps
Revises: 0004_value_sources
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_session_stamps"
down_revision = "0004_value_sources"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("users", sa.Column("session_stamp", sa.String(32), nullable=False,
                                     server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_column("session_stamp")
