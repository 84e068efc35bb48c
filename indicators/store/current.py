"""Current values of only the series an upload touches, by an indexed lookup.

A preview or commit needs the stored values of the file's keys (and, for the
jump warnings, the years next to them), not all current actuals: loading all
300,000 of them took 2.3 s, most of a preview's time.  The series and their
year spans go to the database as a list joined to actual_versions, which
SQLite and PostgreSQL both answer from ix_actual_versions_series (one index
search per series): on SQLite a VALUES list, in chunks within its parameter
limit; on PostgreSQL four arrays.  Plain driver SQL, since
SQLAlchemy compiling tens of thousands of bound values cost more than the
query.
"""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa

from indicators.store.queries import KEY, WITH_SOURCES, placeholder, typed_current
from indicators.store.schema import VERSION_KINDS

# SQLite: four parameters per series, 20,000 per query, under its limit of 32,766.
SERIES_PER_QUERY = 5_000
SERIES_AS_VALUES = "WITH series (indicator_id, region, low, high) AS (VALUES {rows})"
# PostgreSQL: the whole list as four arrays in one query; planning a long VALUES list took longer.
SERIES_AS_ARRAYS = ("unnest(CAST(%s AS text[]), CAST(%s AS text[]), CAST(%s AS integer[]), "
                    "CAST(%s AS integer[])) AS series (indicator_id, region, low, high)")
VERSIONS_OF_SERIES = """{with_series}
SELECT v.indicator_id, v.region, v.year, v.value, v.note, v.upload_id,
    v.source, v.url, v.published, v.quote
FROM {series}
JOIN actual_versions v ON v.indicator_id = series.indicator_id AND v.region = series.region
    AND v.year BETWEEN series.low AND series.high
JOIN uploads u ON u.id = v.upload_id
WHERE u.kind IN ({kinds}) AND u.reverted_by_upload_id IS NULL
"""
# The kinds are constants, not input: safe to write into the SQL.
KINDS = ", ".join(f"'{kind}'" for kind in VERSION_KINDS)


def current_of(connection: sa.Connection, keys: pd.DataFrame, margin: int = 0) -> pd.DataFrame:
    """Current values, with their sources (WITH_SOURCES), of the series in keys (KEY columns).

    For each series (indicator, region) every year from its first year in keys
    minus margin to its last plus margin: a superset of keys, in no particular order.
    """
    spans = series_spans(keys, margin)
    if not spans:
        return newest([])
    if connection.dialect.name == "postgresql":
        sql = VERSIONS_OF_SERIES.format(with_series="", series=SERIES_AS_ARRAYS, kinds=KINDS)
        return newest(connection.exec_driver_sql(sql, tuple(map(list, zip(*spans, strict=True)))).all())
    found: list[tuple] = []
    for start in range(0, len(spans), SERIES_PER_QUERY):
        chunk = spans[start:start + SERIES_PER_QUERY]
        rows = ", ".join([f"({', '.join([placeholder(connection)] * 4)})"] * len(chunk))
        sql = VERSIONS_OF_SERIES.format(with_series=SERIES_AS_VALUES.format(rows=rows),
                                        series="series", kinds=KINDS)
        found += connection.exec_driver_sql(sql, tuple(value for span in chunk for value in span)).all()
    return newest(found)


def series_spans(keys: pd.DataFrame, margin: int) -> list[tuple[str, str, int, int]]:
    """(indicator, region, first year - margin, last year + margin) per series in keys."""
    if keys.empty:
        return []
    years = keys.groupby(["indicator_id", "region"], sort=False)["year"].agg(["min", "max"])
    return [(str(indicator), str(region), int(low) - margin, int(high) + margin)
            for (indicator, region), low, high in zip(years.index, years["min"], years["max"],
                                                      strict=True)]


def newest(versions: list[tuple]) -> pd.DataFrame:
    """The current value of each key: its version from the newest active upload."""
    columns = list(zip(*versions, strict=True)) if versions else [()] * len(WITH_SOURCES)
    frame = typed_current(pd.DataFrame(
        {name: pd.Series(values, dtype=object) for name, values in zip(WITH_SOURCES, columns, strict=True)}
    ))
    frame = frame.sort_values("upload_id", kind="stable").drop_duplicates(KEY, keep="last")
    return frame.reset_index(drop=True)
