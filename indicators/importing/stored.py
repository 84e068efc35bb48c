"""Plausibility of an upload against the values already stored, beside parse.check_against_stored.

parse_upload bounds each value by its series' targets and baselines
(values.PlausibleRange); a series without any is bounded here by its stored
values instead, once ActualsStore.preview has them.  A value more than
upload.plausible_factor below the smallest or above the largest stored value
of its series is an error.  The stored values the file replaces are left out,
so a correction is never judged by the value it corrects.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from indicators.importing.issues import IssueLog, UploadIssue, Where
from indicators.importing.parse import KEY, ParsedUpload
from indicators.importing.values import format_number

SERIES = ["indicator_id", "region"]


def check_plausible_against_stored(parsed: ParsedUpload, current: pd.DataFrame) -> list[UploadIssue]:
    """Errors for values far off their series' stored values (current: as for check_against_stored)."""
    log = IssueLog(parsed.lang)
    rows = parsed.rows.reset_index(drop=True)
    if rows.empty or current.empty:
        return log.errors
    spans = _stored_spans(rows, current)
    found = rows[SERIES].merge(spans, on=SERIES, how="left", sort=False)
    factor = parsed.plausible_factor
    values = rows["value"].to_numpy(dtype="float64")
    low, high = found["low"].to_numpy(dtype="float64"), found["high"].to_numpy(dtype="float64")
    referenced = np.array([key in parsed.referenced for key in zip(rows["indicator_id"], rows["region"],
                                                                   strict=True)], dtype=bool)
    flagged = (((values > 0) & (values < low / factor)) | (np.abs(values) > high * factor)) & ~referenced
    for position in np.flatnonzero(flagged).tolist():
        row = rows.loc[position]
        stored = _span_text(low[position], high[position])
        log.error("implausible_history", Where(row["source_sheet"], int(row["source_row"]), row["source_column"]),
                  value=format_number(float(values[position])), unit=parsed.units.get(row["indicator_id"], ""),
                  stored=stored, factor=format_number(factor),
                  low=format_number(low[position] / factor), high=format_number(high[position] * factor))
    return log.errors


def _stored_spans(rows: pd.DataFrame, current: pd.DataFrame) -> pd.DataFrame:
    """Per series: the smallest and largest non-zero stored size the file does not replace."""
    stored = current[KEY + ["value"]].astype({"year": "int64", "value": "float64"})
    replaced = pd.MultiIndex.from_frame(stored[KEY]).isin(pd.MultiIndex.from_frame(rows[KEY]))
    stored = stored[~replaced & (stored["value"] != 0)]
    sizes = stored.assign(size=stored["value"].abs()).groupby(SERIES, sort=False)["size"]
    return sizes.agg(low="min", high="max").reset_index()


def _span_text(low: float, high: float) -> str:
    return format_number(low) if low == high else f"{format_number(low)}–{format_number(high)}"
