"""The audit log: who did what, when, to which upload or user, with counts.

`record` takes the caller's open connection, so the audit row commits or rolls
back together with the change it describes: a failed commit leaves no trace
and a change cannot happen without its row.  Nothing here updates or deletes
audit rows, and the database refuses it too (triggers in revision 0002).

    with engine.begin() as connection:
        ...change something...
        record(connection, user="张三", action="commit", target="12", counts=counts)
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping

import pandas as pd
import sqlalchemy as sa

from indicators.errors import TrackerError
from indicators.store.schema import audit_log

ACTIONS = (
    "commit", "revert", "note", "user_add", "user_role", "user_disable", "user_enable",
    "user_password", "login", "login_failed",
    # Registry changes (indicators.store.registry_store) and the Plans page's draft sets.
    "registry_seed", "registry_publish", "registry_add", "registry_revise", "registry_retire",
    "registry_revert", "registry_import", "draft_save",
)
COUNT_FIELDS = ("rows_total", "added", "changed", "unchanged", "removed")
AUDIT_COLUMNS = ["id", "at", "user", "action", "target", *COUNT_FIELDS, "detail"]



class AuditError(TrackerError):
    """An audit row could not be written as asked (nothing was changed)."""


def engine_of(source: object) -> sa.Engine:
    """The engine of an ActualsStore (or anything with .engine), or the engine itself."""
    engine = getattr(source, "engine", source)
    if not isinstance(engine, sa.Engine):
        raise TypeError(f"expected an Engine or a store, got {type(source).__name__}")
    return engine


def record(connection: sa.Connection, *, user: str, action: str, target: str | int = "",
           detail: Mapping[str, object] | str = "",
           counts: Mapping[str, int] | None = None) -> int:
    """Append one audit row inside the caller's transaction; return its id."""
    if action not in ACTIONS:
        raise AuditError(f"unknown audit action '{action}'", hint=f"use one of {ACTIONS}")
    counts = dict(counts or {})
    values = {field: int(counts.get(field, 0)) for field in COUNT_FIELDS}
    text = detail if isinstance(detail, str) else json.dumps(dict(detail), ensure_ascii=False,
                                                            sort_keys=True, default=str)
    result = connection.execute(audit_log.insert().values(
        at=dt.datetime.now(dt.UTC), user_name=str(user)[:200], action=action,
        target=str(target)[:200], detail=text, **values,
    ))
    return int(result.inserted_primary_key[0])


def list_audit(source: object, *, action: str | None = None, limit: int | None = None) -> pd.DataFrame:
    """Audit rows, newest first, optionally of one action and at most `limit` of them."""
    query = sa.select(audit_log).order_by(audit_log.c.id.desc())
    if action is not None:
        query = query.where(audit_log.c.action == action)
    if limit is not None:
        query = query.limit(limit)
    with engine_of(source).connect() as connection:
        rows = connection.execute(query).mappings().all()
    frame = pd.DataFrame([dict(row) for row in rows], columns=[c.name for c in audit_log.columns])
    frame = frame.rename(columns={"user_name": "user"})
    frame["at"] = pd.to_datetime(frame["at"], utc=True)
    types = {**dict.fromkeys(["id", *COUNT_FIELDS], "int64"),
             **dict.fromkeys(["user", "action", "target", "detail"], "str")}
    return frame.astype(types)[AUDIT_COLUMNS]


def count_since(connection: sa.Connection, action: str, target: str, since: dt.datetime) -> int:
    """How many rows of one action on one target were written at or after `since`."""
    return int(connection.execute(
        sa.select(sa.func.count()).select_from(audit_log).where(
            audit_log.c.action == action, audit_log.c.target == target[:200],
            audit_log.c.at >= since)
    ).scalar_one())




