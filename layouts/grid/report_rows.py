"""The gap report's rows as the grid shows them: names, links and statuses in the UI language.

Built column by column (names looked up once per indicator, not once per
row), because a province-wide report has tens of thousands of rows and the
server-side grid filters and sorts this very frame.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import quote

import numpy as np
import pandas as pd

from indicators.engine import forecast_label
from indicators.exports.formats import BLANK, RATIO, d3_formats, indicator_decimals, rounded_report
from layouts.figures.format import (
    attribute_label,
    document_short,
    indicator_name,
    region_name,
    status_word,
    unit_name,
)
from layouts.text.i18n import category_label

# Report columns shown as they are (numbers and years); the grid formats them.
PLAIN_COLUMNS = (
    "progress_ratio", "time_share", "schedule_ratio", "unit", "baseline_year", "baseline_value",
    "target_year", "target_value", "latest_year", "latest_value", "gap_to_target", "gap_to_path",
    "projected_value", "required_annual_growth", "completion_rate",
)
# The grid's value formatters, from the exports' formats (indicators.exports.formats): ratios
# as percentages, values with their row's precision (the row's `decimals` field).
PERCENT_FORMATTER = {"function": f"params.value == null ? '{BLANK}' : "
                                 f"d3.format('{d3_formats()[RATIO]}')(params.value)"}
VALUE_FORMATTER = {"function": f"params.value == null ? '{BLANK}' : "
                               "d3.format(',.' + (params.data.decimals ?? 2) + 'f')(params.value)"}


def detail_href(indicator_id: str, region: str) -> str:
    return f"/indicator/{quote(str(indicator_id))}/{quote(str(region))}"


def grid_frame(report: pd.DataFrame, lang: str, documents: Mapping, regions: Mapping) -> pd.DataFrame:
    """One row per target with the grid's fields (see report_table.COLUMNS)."""
    indicator = report["indicator_id"].astype(str)
    region_code = report["region"].astype(str)
    names = _per_value(report.drop_duplicates("indicator_id"), "indicator_id",
                       lambda row: indicator_name(row, lang))
    name = _per_unique(indicator, names.__getitem__)
    # Quoted once per indicator and region, then joined row by row in plain Python:
    # string arithmetic and per-row maps over 180,000 pandas strings took seconds.
    links = [f"/indicator/{quoted}/{where}" for quoted, where in zip(
        _made(indicator, quote), _made(region_code, quote), strict=True)]
    status_code = report["status"].astype(str)
    note_column = "note_en" if lang == "en" else "note_zh"
    note = report[note_column] if note_column in report else pd.Series("", index=report.index)
    frame = pd.DataFrame({
        "name": name,
        "href": pd.Series(links, index=report.index),  # the name's link (assets' DetailLink)
        "region": _per_unique(region_code, lambda c: region_name(c, regions, lang)),
        "document_id": _per_unique(report["document_id"].astype(str),
                                   lambda d: document_short(d, documents, lang)),
        "category": _category(report, lang),
        "status": _per_unique(status_code, lambda c: status_word(c, lang)),
        "status_code": status_code,
        "forecast": _forecast(report, lang),
        "attribute": _attribute(report, lang),
        "note_zh": note.fillna("").astype(str),
        "indicator_id": indicator,
        "region_code": region_code,
        "target_id": report["target_id"].astype(str),
    }, index=report.index)
    # At their formats' precision (indicators.exports.formats): no float noise reaches the grid.
    rounded = rounded_report(report, [column for column in PLAIN_COLUMNS if column in report])
    for column in PLAIN_COLUMNS:
        frame[column] = rounded.get(column, np.nan)
    frame["decimals"] = indicator_decimals(report)
    if lang == "en" and "unit" in report:
        frame["unit"] = _per_unique(report["unit"].fillna("").astype(str), lambda u: unit_name(u, lang))
    return frame.reset_index(drop=True)


def grid_records(frame: pd.DataFrame) -> list[dict]:
    """JSON-safe rows: blanks (NaN, pd.NA) become None, numbers plain Python numbers."""
    if frame.empty:
        return []
    # Column by column into Python objects: DataFrame.where/to_dict on the grid's string
    # columns took about 0.1 s for a block of 100 rows, this about 3 ms.
    columns = [_plain(frame[name]) for name in frame.columns]
    names = [str(name) for name in frame.columns]
    return [dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True)]


def _plain(values: pd.Series) -> np.ndarray:
    """Python objects, blanks (NaN, pd.NA) as None."""
    return values.to_numpy(dtype=object, na_value=None)


def grid_rows(report: pd.DataFrame, lang: str, documents: Mapping, regions: Mapping) -> list[dict]:
    return grid_records(grid_frame(report, lang, documents, regions))


def _per_value(unique_rows: pd.DataFrame, key: str, make) -> dict:
    return {str(row[key]): make(row) for row in unique_rows.to_dict("records")}


def _per_unique(values: pd.Series, make) -> pd.Series:
    """make(value) for each row, called once per distinct value."""
    return pd.Series(_made(values, make), index=values.index)


def _made(values: pd.Series, make) -> np.ndarray:
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    made = np.empty(len(uniques), dtype=object)
    made[:] = [make(value) for value in uniques]
    return made[codes]


def _category(report: pd.DataFrame, lang: str) -> pd.Series:
    if "category" not in report:
        return pd.Series("", index=report.index)
    return _per_unique(report["category"].fillna("").astype(str), lambda c: category_label(c, lang))


def _forecast(report: pd.DataFrame, lang: str) -> pd.Series:
    """The forecast verdict in the UI language ('—' when there is none)."""
    codes = report["forecast"].fillna("not_judged").astype(str) if "forecast" in report else \
        pd.Series("not_judged", index=report.index)
    return _per_unique(codes, lambda c: forecast_label(c, "en" if lang == "en" else "zh"))


def _attribute(report: pd.DataFrame, lang: str) -> pd.Series:
    if "attribute" not in report:
        return pd.Series("", index=report.index)
    return _per_unique(report["attribute"].fillna("").astype(str), lambda w: attribute_label(w, lang))

