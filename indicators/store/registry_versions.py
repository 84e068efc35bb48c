"""Reading registry versions: the current record of each kind and id, and a record's history.

A version's `new` is the record after the change (the pydantic model's
model_dump(mode="json"), so fields added to the models later need no new
column).  The current record is the `new` of the latest version that is not a
revert and not reverted; a revert only switches versions off or on again
(`flips`), as a revert of an upload does.  Records keep the place of their
first version, so an export lists them in the order they were added.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd
import sqlalchemy as sa

from indicators.registry import RawRecord
from indicators.store.schema import registry_versions

KIND_SECTION = {"document": "documents", "indicator": "indicators", "target": "targets"}
# kind -> record id -> payload, in the order of each record's first version.
Payloads = dict[str, dict[str, dict]]
HISTORY_COLUMNS = ["change_id", "at", "user", "action", "reason", "old", "new", "reverted_by"]
# Stands for the id of a revert that is about to be written.
PENDING = -1


@dataclass(frozen=True)
class VersionRow:
    id: int
    kind: str
    record_id: str
    action: str
    new: str | None
    reverts: int | None
    reverted_by: int | None


def version_rows(connection: sa.Connection) -> list[VersionRow]:
    c = registry_versions.c
    query = sa.select(c.id, c.kind, c.record_id, c.action, c.new, c.reverts, c.reverted_by)
    return [VersionRow(*row) for row in connection.execute(query.order_by(c.id)).all()]


def current_payloads(rows: list[VersionRow], flips: Mapping[int, int | None] | None = None) -> Payloads:
    """The current record of each kind and id; flips: reverted_by of some rows, as a revert would set."""
    flips = flips or {}
    latest: dict[tuple[str, str], str | None] = {}
    for row in rows:
        key = (row.kind, row.record_id)
        latest.setdefault(key, None)  # the record's place: its first version
        reverted_by = flips.get(row.id, row.reverted_by)
        if row.action != "revert" and reverted_by is None:
            latest[key] = row.new
    payloads: Payloads = {kind: {} for kind in KIND_SECTION}
    for (kind, record_id), new in latest.items():
        if new is not None:
            payloads[kind][record_id] = json.loads(new)
    return payloads


def raw_records(payloads: Payloads, origins: Mapping[tuple[str, str], str] | None = None) -> list[RawRecord]:
    """The payloads as the loader's raw records; origins name where a changed record came from."""
    origins = origins or {}
    return [RawRecord(KIND_SECTION[kind], payload, origins.get((kind, record_id), "database"),
                      f"{KIND_SECTION[kind]}/{record_id}")
            for kind, records in payloads.items() for record_id, payload in records.items()]


def registry_version(connection: sa.Connection) -> int:
    """The newest change's id: every change and revert makes it larger; 0 before the seed."""
    newest = connection.execute(sa.select(sa.func.max(registry_versions.c.id))).scalar_one()
    return int(newest or 0)


def revert_flips(rows: list[VersionRow], change_id: int) -> tuple[dict[int, int | None], list[VersionRow]]:
    """reverted_by of each link of the chain once `change_id` is reverted, and the chain.

    Reverting a revert switches what it reverted back on, and so on down the chain.
    """
    by_id = {row.id: row for row in rows}
    chain = [by_id[change_id]]
    while chain[-1].action == "revert" and chain[-1].reverts is not None:
        chain.append(by_id[chain[-1].reverts])
    flips: dict[int, int | None] = {}
    reverted_by: int | None = PENDING
    for link in chain:
        flips[link.id] = reverted_by
        reverted_by = link.id if reverted_by is None else None
    return flips, chain


def chain_conflict(chain: list[VersionRow]) -> VersionRow | None:
    """A link a later revert has changed since (flipping the chain would undo it silently)."""
    for position in range(1, len(chain)):
        expected = chain[position - 1].id if position % 2 == 1 else None
        if chain[position].reverted_by != expected:
            return chain[position]
    return None


def history_frame(connection: sa.Connection, kind: str, record_id: str) -> pd.DataFrame:
    """Every version of one record, oldest first; `at` in UTC."""
    c = registry_versions.c
    rows = connection.execute(
        sa.select(c.id, c.at, c.user_name, c.action, c.reason, c.old, c.new, c.reverted_by)
        .where(c.kind == kind, c.record_id == record_id).order_by(c.id)
    ).all()
    frame = pd.DataFrame(
        [(row[0], row[1], row[2], row[3], row[4], _loads(row[5]), _loads(row[6]), row[7])
         for row in rows], columns=HISTORY_COLUMNS)
    frame["at"] = pd.to_datetime(frame["at"], utc=True)
    frame["reverted_by"] = frame["reverted_by"].astype("Int64")
    return frame.astype({"change_id": "int64"})


def _loads(text: str | None) -> dict | None:
    return None if text is None else json.loads(text)
