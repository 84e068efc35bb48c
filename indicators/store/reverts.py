"""Revert bookkeeping: which uploads a revert switches off or on, and what it changed.

A revert upload carries no versions of its own; it only switches uploads off
(or, reverting a revert, on again), so a chain of reverts is walked and
flipped as a whole.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
import sqlalchemy as sa

from indicators.store.queries import DIFF_COLUMNS, KEY, old_side, with_actions
from indicators.store.schema import actual_versions, uploads


def version_keys(connection: sa.Connection, upload_id: int) -> pd.DataFrame:
    versions = actual_versions.c
    rows = connection.execute(
        sa.select(versions.indicator_id, versions.region, versions.year).where(versions.upload_id == upload_id)
    ).all()
    return pd.DataFrame(rows, columns=KEY).astype({"year": "int64"})


def revert_chain(connection: sa.Connection, upload_id: int) -> list[sa.RowMapping]:
    """The upload and, while it is a revert, what it reverts: [revert, ..., original upload]."""
    chain = []
    next_id: int | None = upload_id
    while next_id is not None:
        row = connection.execute(sa.select(uploads).where(uploads.c.id == next_id)).mappings().one()
        chain.append(row)
        next_id = row["reverts_upload_id"] if row["kind"] == "revert" else None
    return chain


def chain_conflict(chain: list[sa.RowMapping]) -> sa.RowMapping | None:
    """A link whose state something else has changed since, or None.

    In an undisturbed chain the head is on, the upload it reverts is off
    (reverted by the head), the next one is on again, and so on.  If a later
    revert changed a link, flipping the chain would undo that revert silently.
    """
    for position in range(1, len(chain)):
        expected = chain[position - 1]["id"] if position % 2 == 1 else None
        if chain[position]["reverted_by_upload_id"] != expected:
            return chain[position]
    return None


def switch_chain(connection: sa.Connection, chain: Iterable[sa.RowMapping], revert_id: int) -> None:
    """Reverting the head of the chain flips every link below it.

    Reverting a revert switches the upload it had reverted back on; reverting
    a revert of a revert switches it off again, and so on.
    """
    reverted_by: int | None = revert_id
    for link in chain:
        connection.execute(
            sa.update(uploads).where(uploads.c.id == link["id"]).values(reverted_by_upload_id=reverted_by)
        )
        # The link is switched off by reverted_by; what it reverted flips the other way.
        reverted_by = link["id"] if reverted_by is None else None


def revert_diff(before: pd.DataFrame, after: pd.DataFrame, keys: pd.DataFrame) -> pd.DataFrame:
    """Old (before the revert) and new (after) value of every series the revert touched."""
    old = old_side(before)
    new = old_side(after)
    new.columns = [name.replace("old_", "new_", 1) for name in new.columns]
    merged = keys.drop_duplicates().merge(old, on=KEY, how="left").merge(new, on=KEY, how="left")
    merged = merged[merged["old_value"].notna() | merged["new_value"].notna()]
    return with_actions(merged)[DIFF_COLUMNS].sort_values(KEY, ignore_index=True)
