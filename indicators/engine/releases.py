"""Which national series should have a newer official figure by now: what staff collect next.

A series' next release is expected for the year after its latest stored
value.  It is overdue once that year is before the current year: the figures
for year t come out during year t + 1 (README of data/published), so in 2026
a series whose latest value is for 2024 is missing the 2025 figure.  Series
without any stored value are not listed here; the missing-data list names them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

NATIONAL_REGIONS = ("CN",)
RELEASE_COLUMNS = [
    "indicator_id", "region", "name_zh", "name_en", "unit", "latest_year", "latest_value",
    "expected_year",
]


def expected_releases(report: pd.DataFrame, actuals: pd.DataFrame, current_year: int,
                      regions: tuple[str, ...] = NATIONAL_REGIONS) -> pd.DataFrame:
    """One row per series of the report in `regions` whose next figure is overdue.

    latest_year and latest_value are the newest stored value of the series
    (whatever year the report is as of); expected_year = latest_year + 1 <
    current_year.  Most overdue first, then by name.
    """
    series = report[report["region"].isin(regions)].drop_duplicates(["indicator_id", "region"])
    series = series[["indicator_id", "region", "name_zh", "name_en", "unit"]]
    values = actuals[actuals["region"].isin(regions)]
    values = values[np.isfinite(pd.to_numeric(values["value"], errors="coerce"))]
    if series.empty or values.empty:
        return pd.DataFrame({column: pd.Series(dtype=object) for column in RELEASE_COLUMNS})
    latest = (values.sort_values("year", kind="stable")
              .drop_duplicates(["indicator_id", "region"], keep="last")
              [["indicator_id", "region", "year", "value"]]
              .rename(columns={"year": "latest_year", "value": "latest_value"})
              # Categorical keys (store.compact) would make the merged keys plain objects.
              .astype({"indicator_id": "str", "region": "str"}))
    found = series.merge(latest, on=["indicator_id", "region"], how="inner")
    found = found.astype({"latest_year": "int64", "latest_value": "float64"})
    found["expected_year"] = found["latest_year"] + 1
    overdue = found[found["expected_year"] < int(current_year)]
    return (overdue.sort_values(["expected_year", "name_zh"], kind="stable")
            [RELEASE_COLUMNS].reset_index(drop=True))
