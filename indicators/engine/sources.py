"""Where each report row's latest value was published, for the report and its exports.

The gap report says which value it compared (latest_year, latest_value); this
adds that value's source, link and release date from the current actuals, as
the last columns, so a reader of the exported file can check the number
against its release.  For a cumulative target the latest value is a sum:
the columns then name the source of its latest year.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

# Report column -> column of the current actuals it comes from.
LATEST_SOURCE_COLUMNS = {"latest_source": "source", "latest_url": "url",
                         "latest_published": "published"}
SERIES_YEAR = ["indicator_id", "region", "year"]


def with_latest_sources(report: pd.DataFrame, actuals: pd.DataFrame) -> pd.DataFrame:
    """report with LATEST_SOURCE_COLUMNS appended ("" where no source is known)."""
    report = report.drop(columns=[name for name in LATEST_SOURCE_COLUMNS if name in report])
    wanted = [column for column in LATEST_SOURCE_COLUMNS.values() if column in actuals]
    if report.empty or not wanted:
        return report.assign(**dict.fromkeys(LATEST_SOURCE_COLUMNS, ""))
    found = (actuals[SERIES_YEAR + wanted].drop_duplicates(SERIES_YEAR, keep="last")
             .astype({"year": "float64"}))
    keys = report[["indicator_id", "region"]].assign(
        year=pd.to_numeric(report["latest_year"], errors="coerce").astype("float64"))
    # Categorical actuals (store.compact): the report's keys in the same categories, so the
    # merge joins integer codes (a text missing from them matches nothing, as before).
    keys = keys.assign(**{name: _in_categories(keys[name], found[name].dtype)
                          for name in ("indicator_id", "region")
                          if isinstance(found[name].dtype, pd.CategoricalDtype)})
    matched = keys.merge(found, on=SERIES_YEAR, how="left", sort=False)
    columns = {name: (_texts(matched[source]) if source in matched else "")
               for name, source in LATEST_SOURCE_COLUMNS.items()}
    return report.assign(**columns)


def _in_categories(column: pd.Series, dtype: pd.CategoricalDtype) -> pd.Categorical:
    """column's texts as codes of dtype's categories (-1, missing, where absent)."""
    codes = dtype.categories.get_indexer(column.astype(str))
    return pd.Categorical.from_codes(codes, dtype=dtype)


def _texts(column: pd.Series) -> np.ndarray:
    """The column as plain text, "" where the merge found nothing (categorical or not)."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        column = column.astype(object)
    return column.fillna("").astype(str).to_numpy()
