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
from collections.abc import Mapping, Sequence
from typing import NamedTuple

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


class VersionRow(NamedTuple):  # a tuple: the rows of a query in this order are ones too
    id: int
    kind: str
    record_id: str
    action: str
    new: str | None
    reverts: int | None
    reverted_by: int | None


_c = registry_versions.c
_VERSIONS = sa.select(_c.id, _c.kind, _c.record_id, _c.action, _c.new, _c.reverts,
                      _c.reverted_by).order_by(_c.id)


def version_rows(connection: sa.Connection) -> list[VersionRow]:
    return [VersionRow(*row) for row in connection.execute(_VERSIONS).all()]


def current_payloads(rows: list[VersionRow], flips: Mapping[int, int | None] | None = None) -> Payloads:
    """The current record of each kind and id; flips: reverted_by of some rows, as a revert would set."""
    return {kind: {record_id: json.loads(text) for record_id, text in texts.items()}
            for kind, texts in current_texts(rows, flips).items()}


def current_texts(rows: Sequence[VersionRow], flips: Mapping[int, int | None] | None = None
                  ) -> dict[str, dict[str, str]]:
    """current_payloads as the stored JSON texts, not parsed (the registry reads them in bulk)."""
    flips = flips or {}
    latest: dict[tuple[str, str], str | None] = {}
    for row_id, kind, record_id, action, new, _reverts, reverted_by in rows:
        key = (kind, record_id)
        latest.setdefault(key, None)  # the record's place: its first version
        if flips:
            reverted_by = flips.get(row_id, reverted_by)
        if action != "revert" and reverted_by is None:
            latest[key] = new
    texts: dict[str, dict[str, str]] = {kind: {} for kind in KIND_SECTION}
    for (kind, record_id), new in latest.items():
        if new is not None:
            texts[kind][record_id] = new
    return texts


def stored_texts(connection: sa.Connection) -> dict[str, dict[str, str]]:
    """current_texts of every version, read without building a VersionRow for each (a
    worker's read of 180,000 records): a query's rows are tuples in VersionRow's order."""
    return current_texts(connection.execute(_VERSIONS).all())


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
