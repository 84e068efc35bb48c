"""SQL for the actuals store: current values, diffs and bulk inserts (reverts: reverts.py).

The current value of a series (indicator, region, year) is the version from
the newest upload that is not reverted.  Revert uploads carry no versions of
their own; they only switch uploads off (or, reverting a revert, on again).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import sqlalchemy as sa

from indicators.store.compact import CHUNK_ROWS, chunk_frame, joined, newest_sorted
from indicators.store.schema import VERSION_KINDS, actual_versions, upload_rows, uploads

KEY = ["indicator_id", "region", "year"]
CURRENT_COLUMNS = ["indicator_id", "region", "year", "value", "note", "upload_id"]
# Where each value was published (revision 0004); after the others, so positions hold.
SOURCE_COLUMNS = ["source", "url", "published", "quote"]
WITH_SOURCES = CURRENT_COLUMNS + SOURCE_COLUMNS
OLD_SOURCES = [f"old_{name}" for name in SOURCE_COLUMNS]
NEW_SOURCES = [f"new_{name}" for name in SOURCE_COLUMNS]
DIFF_COLUMNS = [
    "indicator_id", "region", "year", "old_value", "new_value", "old_note", "new_note", "action",
    "source_sheet", "source_row", *NEW_SOURCES, *OLD_SOURCES,
]


def current_select(indicator_id: str | None = None, region: str | None = None,
                   sources: bool = False) -> sa.Select:
    """The current version of each key; sources: with SOURCE_COLUMNS after the others."""
    names = WITH_SOURCES if sources else CURRENT_COLUMNS
    versions = actual_versions.c
    recency = sa.func.row_number().over(
        partition_by=[versions.indicator_id, versions.region, versions.year],
        order_by=versions.upload_id.desc(),
    )
    ranked = (
        sa.select(*(versions[name] for name in names), recency.label("recency"))
        .join(uploads, uploads.c.id == versions.upload_id)
        .where(uploads.c.kind.in_(VERSION_KINDS), uploads.c.reverted_by_upload_id.is_(None))
    )
    if indicator_id is not None:
        ranked = ranked.where(versions.indicator_id == indicator_id)
    if region is not None:
        ranked = ranked.where(versions.region == region)
    ranked = ranked.subquery()
    return (
        sa.select(*(ranked.c[name] for name in names))
        .where(ranked.c.recency == 1)
        .order_by(ranked.c.indicator_id, ranked.c.region, ranked.c.year)
    )


def current_frame(connection: sa.Connection, indicator_id: str | None = None,
                  region: str | None = None, sources: bool = False) -> pd.DataFrame:
    if indicator_id is None and region is None:
        return all_current_frame(connection, sources)
    names = WITH_SOURCES if sources else CURRENT_COLUMNS
    rows = connection.execute(current_select(indicator_id, region, sources)).all()
    # Column by column: five times faster than a frame of 300,000 row objects.
    columns = list(zip(*rows, strict=True)) if rows else [()] * len(names)
    return typed_current(pd.DataFrame(
        {name: pd.Series(values, dtype=object) for name, values in zip(names, columns, strict=True)}
    ))


def all_current_frame(connection: sa.Connection, sources: bool = False) -> pd.DataFrame:
    """Every current value: what each report after a commit starts from.

    Same rows as current_select without filters, three times faster at 300,000
    versions: the newest version per series is picked in pandas rather than by
    a window function and a sort in the database, and the rows are fetched as
    plain tuples from the driver's cursor (SQLAlchemy's row objects cost as
    much as the query).  The statement binds only the module's own constants.
    Text columns come back categorical (store.compact's canonical form): at
    national scale 2.16 million rows in about 50 MiB instead of 900.
    """
    names = WITH_SOURCES if sources else CURRENT_COLUMNS
    versions = actual_versions.c
    live = (
        sa.select(*(versions[name] for name in names))
        .join(uploads, uploads.c.id == versions.upload_id)
        .where(uploads.c.kind.in_(VERSION_KINDS), uploads.c.reverted_by_upload_id.is_(None))
    )
    sql = str(live.compile(dialect=connection.dialect, compile_kwargs={"literal_binds": True}))
    cursor = connection.connection.driver_connection.cursor()
    chunks = []
    try:
        cursor.execute(sql)
        # In chunks, each made compact before the next is fetched (store.compact: issue 18).
        while rows := cursor.fetchmany(CHUNK_ROWS):
            chunks.append(chunk_frame(rows, names))
    finally:
        cursor.close()
    return newest_sorted(joined(chunks, names))


def typed_current(frame: pd.DataFrame) -> pd.DataFrame:
    # NULL sources (versions stored before revision 0004, or none given) read as "".
    texts = {name: frame[name].fillna("").astype("str") for name in SOURCE_COLUMNS if name in frame}
    return frame.assign(**texts).astype(
        {"indicator_id": "str", "region": "str", "year": "int64", "value": "float64",
         "note": "str", "upload_id": "int64"}
    )


def old_side(current: pd.DataFrame) -> pd.DataFrame:
    """KEY, old_value, old_note and OLD_SOURCES of current values (sources "" when absent)."""
    old = current.rename(columns={"value": "old_value", "note": "old_note"})[KEY + ["old_value", "old_note"]]
    return old.assign(**{f"old_{name}": current.get(name, "") for name in SOURCE_COLUMNS})


def diff_against(rows: pd.DataFrame, current: pd.DataFrame, *, keep_notes: bool,
                 keep_sources: bool = False) -> pd.DataFrame:
    """What storing rows would do to each series: added, changed or unchanged.

    keep_notes: the file had no note column, so a stored note stays as it is.
    keep_sources: the file had no source columns, so a value it leaves as it
    is keeps its stored source; a new or changed value has none (the old
    source does not vouch for a different number).
    """
    merged = rows.merge(old_side(current), on=KEY, how="left")
    merged["new_value"] = merged["value"].astype("float64")
    if keep_notes:
        merged["new_note"] = merged["old_note"].fillna("").astype("str")
    else:
        merged["new_note"] = merged["note"].astype("str")
    same_value = (merged["old_value"] == merged["new_value"]).to_numpy()
    for name in SOURCE_COLUMNS:
        given = merged[name].astype("str") if name in merged else pd.Series("", index=merged.index)
        if keep_sources:
            given = merged[f"old_{name}"].fillna("").astype("str").where(same_value, "")
        merged[f"new_{name}"] = given
    return with_actions(merged)[DIFF_COLUMNS]


def with_actions(frame: pd.DataFrame) -> pd.DataFrame:
    """Label each row by comparing old and new value, note and sources (a missing side is NaN)."""
    frame = frame.copy()
    for name in OLD_SOURCES + NEW_SOURCES:
        if name not in frame:
            frame[name] = ""
    old_missing = frame["old_value"].isna()
    new_missing = frame["new_value"].isna()
    same = (frame["old_value"] == frame["new_value"]) & (
        frame["old_note"].fillna("") == frame["new_note"].fillna("")
    )
    for old, new in zip(OLD_SOURCES, NEW_SOURCES, strict=True):
        same &= frame[old].fillna("") == frame[new].fillna("")
    frame["action"] = np.select(
        [old_missing, new_missing, same], ["added", "removed", "unchanged"], default="changed"
    )
    if "source_sheet" not in frame:
        frame["source_sheet"] = None
        frame["source_row"] = None
    return frame


def version_rows(diff: pd.DataFrame) -> pd.DataFrame:
    """The actual_versions rows of a diff: new value, note and sources (blank sources as NULL)."""
    versions = diff.rename(columns={"new_value": "value", "new_note": "note",
                                    **dict(zip(NEW_SOURCES, SOURCE_COLUMNS, strict=True))})
    versions = versions[KEY + ["value", "note", *SOURCE_COLUMNS]].copy()
    for name in SOURCE_COLUMNS:
        versions[name] = versions[name].astype(object).where(versions[name].fillna("") != "", None)
    return versions


def action_counts(diff: pd.DataFrame) -> dict[str, int]:
    counts = diff["action"].value_counts()
    return {action: int(counts.get(action, 0)) for action in ("added", "changed", "unchanged", "removed")}


def insert_rows(connection: sa.Connection, table: sa.Table, frame: pd.DataFrame, upload_id: int) -> None:
    """Insert frame's columns of table (plus upload_id): COPY on PostgreSQL, else one executemany.

    The rows go to the driver as tuples, not through table.insert(): on a
    100,000-row commit SQLAlchemy's per-row parameter processing cost more
    than SQLite's own work, and psycopg's executemany several times more than
    COPY.  The values are already plain Python scalars (_column_values).
    """
    if frame.empty:
        return
    columns = [column for column in table.columns if column.name in frame.columns]
    prepared = [_column_values(frame[column.name], getattr(column.type, "length", None))
                for column in columns]
    rows = list(zip([int(upload_id)] * len(frame), *prepared, strict=True))
    quote = connection.dialect.identifier_preparer.quote
    names = ", ".join(quote(name) for name in ["upload_id", *(column.name for column in columns)])
    if connection.dialect.name == "postgresql":
        _copy_rows(connection, f"COPY {quote(table.name)} ({names}) FROM STDIN", rows)
        return
    marks = ", ".join([placeholder(connection)] * (len(columns) + 1))
    connection.exec_driver_sql(f"INSERT INTO {quote(table.name)} ({names}) VALUES ({marks})", rows)


def _copy_rows(connection: sa.Connection, copy_sql: str, rows: list[tuple]) -> None:
    """psycopg's COPY on the connection's own DBAPI connection: inside the same transaction."""
    cursor = connection.connection.driver_connection.cursor()
    with cursor, cursor.copy(copy_sql) as copy:
        for row in rows:
            copy.write_row(row)


def placeholder(connection: sa.Connection) -> str:
    """The driver's positional parameter marker: ? for sqlite3, %s for psycopg."""
    return "?" if connection.dialect.paramstyle in ("qmark", "numeric") else "%s"


def _column_values(column: pd.Series, limit: int | None) -> list:
    """The column as values every DB driver accepts: Python scalars, None for NaN/NA, cut text."""
    values = column.tolist()  # Python scalars for numeric columns
    numpy_kind = column.dtype.kind if isinstance(column.dtype, np.dtype) else ""
    if numpy_kind and numpy_kind in "iub":
        return values
    if numpy_kind == "f":
        return [None if value != value else value for value in values]  # NaN is not itself
    kinds = set(map(type, values))
    if kinds <= {str, float, type(None)}:  # text, with NaN where a merge found nothing
        if float in kinds:
            values = [None if value.__class__ is float and value != value else value for value in values]
    else:
        values = [_plain(value) for value in values]  # may hold numpy scalars, NA
    if limit is not None and _longest(values) > limit:
        # PostgreSQL refuses text longer than the column (a long CSV name as sheet).
        values = [value[:limit] if value.__class__ is str else value for value in values]
    return values


def _longest(values: list) -> int:
    try:
        return max(map(len, values), default=0)  # at C speed when every value is text
    except TypeError:  # None or numbers among them
        return max((len(value) for value in values if value.__class__ is str), default=0)


def _plain(value: object) -> object:
    """numpy scalars and NaN to what every DB driver accepts."""
    if value is None:
        return None
    if isinstance(value, float) and np.isnan(value):
        return None
    if isinstance(value, np.generic):
        value = value.item()
        return None if isinstance(value, float) and np.isnan(value) else value
    if value is pd.NA:
        return None
    return value












def upload_rows_frame(connection: sa.Connection, upload_id: int) -> pd.DataFrame:
    columns = [column for column in upload_rows.c if column.name not in ("id", "upload_id")]
    rows = connection.execute(
        sa.select(*columns).where(upload_rows.c.upload_id == upload_id).order_by(upload_rows.c.id)
    ).all()
    frame = pd.DataFrame(rows, columns=[column.name for column in columns])
    return frame.astype({"year": "int64", "old_value": "float64", "new_value": "float64",
                         "source_row": "Int64"})
