"""The Plans page's draft sets: kept whole as JSON, so a set survives restarts and reloads.

The store does not know the set's model (indicators.registry.drafts.DraftSet);
it keeps the JSON its caller hands in, with the columns a list of sets shows.
A save is audited; it does not touch the data version (no report depends on a draft).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import sqlalchemy as sa

from indicators.store.audit import record
from indicators.store.registry_store import write_transaction
from indicators.store.schema import draft_sets
from indicators.store.types import StoreError

LIST_COLUMNS = ["id", "title_zh", "file_name", "status", "updated_by", "updated_at", "content"]


class UnknownDraftSet(StoreError):
    pass


def save_draft_set(engine: sa.Engine, set_id: int | None, *, title_zh: str, file_name: str,
                   status: str, user: str, content: str) -> tuple[int, dt.datetime]:
    """Insert (set_id None) or replace a set; (its id, when it was saved)."""
    now = dt.datetime.now(dt.UTC)
    values = {"title_zh": title_zh, "file_name": file_name[:500], "status": status,
              "updated_by": str(user)[:200], "updated_at": now, "content": content}
    with write_transaction(engine, bump=False) as connection:
        if set_id is None:
            set_id = int(connection.execute(draft_sets.insert().values(**values))
                         .inserted_primary_key[0])
        else:
            _status(connection, set_id)
            connection.execute(sa.update(draft_sets).where(draft_sets.c.id == set_id)
                               .values(**values))
        record(connection, user=user, action="draft_save", target=set_id,
               detail={"title_zh": title_zh, "file_name": file_name, "status": status})
    return set_id, now


def mark_published(connection: sa.Connection, set_id: int, content: str) -> None:
    """Inside the publishing transaction: the set is published, with its final content."""
    connection.execute(sa.update(draft_sets).where(draft_sets.c.id == set_id)
                       .values(status="published", content=content))


def draft_set_record(engine: sa.Engine, set_id: int) -> pd.Series:
    """One set's row (LIST_COLUMNS); UnknownDraftSet when there is none."""
    with engine.connect() as connection:
        row = connection.execute(sa.select(*(draft_sets.c[name] for name in LIST_COLUMNS))
                                 .where(draft_sets.c.id == int(set_id))).first()
    if row is None:
        raise UnknownDraftSet(f"there is no draft set #{set_id}")
    record = pd.Series(dict(zip(LIST_COLUMNS, row, strict=True)))
    record["updated_at"] = pd.Timestamp(record["updated_at"])
    return record


def draft_set_status(engine: sa.Engine, set_id: int) -> str:
    with engine.connect() as connection:
        return _status(connection, set_id)


def list_draft_sets(engine: sa.Engine) -> pd.DataFrame:
    """Every set, newest change first, with its JSON content."""
    with engine.connect() as connection:
        rows = connection.execute(sa.select(*(draft_sets.c[name] for name in LIST_COLUMNS))
                                  .order_by(draft_sets.c.updated_at.desc(),
                                            draft_sets.c.id.desc())).all()
    frame = pd.DataFrame(rows, columns=LIST_COLUMNS)
    frame["updated_at"] = pd.to_datetime(frame["updated_at"], utc=True)
    return frame.astype({"id": "int64"})


def _status(connection: sa.Connection, set_id: int) -> str:
    row = connection.execute(sa.select(draft_sets.c.status)
                             .where(draft_sets.c.id == int(set_id))).first()
    if row is None:
        raise UnknownDraftSet(f"there is no draft set #{set_id}")
    return str(row[0])
