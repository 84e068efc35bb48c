"""Where each report row's latest value was published, for the report and its exports.

The gap report says which value it compared (latest_year, latest_value); this
adds that value's source, link and release date from the current actuals, as
the last columns, so a reader of the exported file can check the number
against its release.  For a cumulative target the latest value is a sum:
the columns then name the source of its latest year.
"""

from __future__ import annotations

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
    matched = keys.merge(found, on=SERIES_YEAR, how="left", sort=False)
    columns = {name: (matched[source].fillna("").astype(str).to_numpy() if source in matched
                      else "")
               for name, source in LATEST_SOURCE_COLUMNS.items()}
    return report.assign(**columns)
