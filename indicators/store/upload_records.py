"""Rows of the uploads table: insert one, set its counts, read one.

Every change to the actuals (an upload, a revert, a note) is one such row; its
counts say what the change did and are copied into its audit row.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import sqlalchemy as sa

from indicators.store.queries import action_counts
from indicators.store.schema import uploads
from indicators.store.types import UnknownUpload


def insert_upload(connection: sa.Connection, user: str, file_name: str, sha256: str, kind: str,
                  is_sample: bool, note: str, reverts_upload_id: int | None = None) -> int:
    # Names are labels only; cut them to the columns' sizes rather than fail on PostgreSQL.
    result = connection.execute(uploads.insert().values(
        user_name=user[:200], created_at=dt.datetime.now(dt.UTC), file_name=file_name[:500],
        sha256=sha256,
        kind=kind, reverts_upload_id=reverts_upload_id, rows_total=0, added=0, changed=0,
        unchanged=0, removed=0, note=note, is_sample=is_sample,
    ))
    return int(result.inserted_primary_key[0])


def upload_counts(diff: pd.DataFrame) -> dict[str, int]:
    return {"rows_total": len(diff), **action_counts(diff)}


def set_counts(connection: sa.Connection, upload_id: int, diff: pd.DataFrame) -> None:
    connection.execute(sa.update(uploads).where(uploads.c.id == upload_id).values(**upload_counts(diff)))


def upload_row(connection: sa.Connection, upload_id: int) -> sa.RowMapping:
    row = connection.execute(sa.select(uploads).where(uploads.c.id == int(upload_id))).mappings().first()
    if row is None:
        raise UnknownUpload(f"there is no upload #{upload_id}", hint="list them with `uploads`")
    return row
