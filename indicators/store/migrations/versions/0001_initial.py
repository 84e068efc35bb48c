"""Initial schema: uploads, upload_rows, actual_versions, store_meta.

Revision ID: 0001_initial
Revises:
Create Date: 2025-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "uploads",
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
        sa.PrimaryKeyConstraint("id", name="pk_uploads"),
        sa.ForeignKeyConstraint(
            ["reverts_upload_id"], ["uploads.id"], name="fk_uploads_reverts_upload_id_uploads"
        ),
        sa.ForeignKeyConstraint(
            ["reverted_by_upload_id"], ["uploads.id"],
            name="fk_uploads_reverted_by_upload_id_uploads",
        ),
        sa.CheckConstraint("kind IN ('upload', 'revert')", name="ck_uploads_kind"),
    )
    op.create_table(
        "upload_rows",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("upload_id", sa.Integer, nullable=False),
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
        sa.PrimaryKeyConstraint("id", name="pk_upload_rows"),
        sa.ForeignKeyConstraint(["upload_id"], ["uploads.id"], name="fk_upload_rows_upload_id_uploads"),
        sa.CheckConstraint(
            "action IN ('added', 'changed', 'unchanged', 'removed')", name="ck_upload_rows_action"
        ),
    )
    op.create_index("ix_upload_rows_upload_id", "upload_rows", ["upload_id"])
    op.create_table(
        "actual_versions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("upload_id", sa.Integer, nullable=False),
        sa.Column("indicator_id", sa.String(100), nullable=False),
        sa.Column("region", sa.String(20), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("value", sa.Double, nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_actual_versions"),
        sa.ForeignKeyConstraint(
            ["upload_id"], ["uploads.id"], name="fk_actual_versions_upload_id_uploads"
        ),
        sa.UniqueConstraint(
            "upload_id", "indicator_id", "region", "year",
            name="uq_actual_versions_upload_id_indicator_id_region_year",
        ),
    )
    op.create_index(
        "ix_actual_versions_series", "actual_versions",
        ["indicator_id", "region", "year", "upload_id"],
    )
    store_meta = op.create_table(
        "store_meta",
        sa.Column("key", sa.String(50), nullable=False),
        sa.Column("int_value", sa.BigInteger, nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_store_meta"),
    )
    op.bulk_insert(store_meta, [{"key": "data_version", "int_value": 0}])


def downgrade() -> None:
    op.drop_table("store_meta")
    op.drop_index("ix_actual_versions_series", table_name="actual_versions")
    op.drop_table("actual_versions")
    op.drop_index("ix_upload_rows_upload_id", table_name="upload_rows")
    op.drop_table("upload_rows")
    op.drop_table("uploads")
