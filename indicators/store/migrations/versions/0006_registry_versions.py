"""The registry as versioned data, and the Plans page's draft sets.

registry_versions holds every version of every document, indicator and target
(a JSON payload, so new model fields need no new column); draft_sets the
draft sets of the Plans page.  An empty registry is seeded from the YAML
folder at start-up (indicators.store.registry), not here: a migration must not
depend on the files of a later release.

Revision ID: 0006_registry_versions
Revises: 0005_session_stamps
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_registry_versions"
down_revision = "0005_session_stamps"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "registry_versions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("record_id", sa.String(100), nullable=False),
        sa.Column("action", sa.String(10), nullable=False),
        sa.Column("user_name", sa.String(200), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("old", sa.Text, nullable=True),
        sa.Column("new", sa.Text, nullable=True),
        sa.Column("reverts", sa.Integer, nullable=True),
        sa.Column("reverted_by", sa.Integer, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_registry_versions"),
        sa.ForeignKeyConstraint(["reverts"], ["registry_versions.id"],
                                name="fk_registry_versions_reverts_registry_versions"),
        sa.ForeignKeyConstraint(["reverted_by"], ["registry_versions.id"],
                                name="fk_registry_versions_reverted_by_registry_versions"),
        sa.CheckConstraint("kind IN ('document', 'indicator', 'target')",
                           name="ck_registry_versions_kind"),
        sa.CheckConstraint("action IN ('add', 'revise', 'retire', 'revert', 'seed', 'import')",
                           name="ck_registry_versions_action"),
    )
    op.create_index("ix_registry_versions_record", "registry_versions",
                    ["kind", "record_id", "id"])
    op.create_table(
        "draft_sets",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("title_zh", sa.Text, nullable=False),
        sa.Column("file_name", sa.String(500), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("updated_by", sa.String(200), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("content", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_draft_sets"),
        sa.CheckConstraint("status IN ('open', 'published')", name="ck_draft_sets_status"),
    )


def downgrade() -> None:
    op.drop_table("draft_sets")
    op.drop_index("ix_registry_versions_record", table_name="registry_versions")
    op.drop_table("registry_versions")
