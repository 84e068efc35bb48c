"""The gap and trajectory engine: how far along every target is, as of a year.

One function, `gap_report`, serves the dashboard, the CLI and the exports.
It works on whole arrays: actuals are matched to targets once (one row per
target and year, sorted), every formula runs over all rows at once, and a
target's report row is its latest history row plus the figures that look
ahead (growth, required growth, projection).  The README (Method) explains the
method with a worked example.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from indicators.config import StatusThresholds
from indicators.engine.evaluation import Latest, evaluation_figures
from indicators.engine.forecast import FORECAST_CODES
from indicators.engine.measures import RowMeasures, row_measures
from indicators.engine.metrics import (
    CODE,
    MODE_PATH,
    growth_ratio,
    projected_value,
    required_annual_growth,
    target_modes,
)
from indicators.engine.notes import note_flags, note_table
from indicators.engine.series import (
    BASELINE_SOURCES,
    ActualRows,
    Baselines,
    actual_columns,
    last_of_each,
    latest_data_year,
    match_actuals,
    resolve_baselines,
    windowed,
)
from indicators.engine.status import STATUS_CODES
from indicators.engine.targets import (
    TARGET_FRAME_COLUMNS,
    EngineInputError,
    TargetArrays,
    complete_targets,
    target_arrays,
    targets_frame,
)

__all__ = [
    "EXTRA_COLUMNS", "HISTORY_COLUMNS", "REPORT_COLUMNS", "TARGET_FRAME_COLUMNS",
    "EngineInputError", "GapReport", "gap_report", "targets_frame",
]

REPORT_COLUMNS = [
    "target_id", "indicator_id", "region", "document_id", "name_zh", "unit", "baseline_year",
    "baseline_value", "target_year", "target_value", "latest_year", "latest_value",
    "time_share", "planned_value", "progress_ratio", "schedule_ratio", "growth_ratio",
    "gap_to_target", "gap_to_path", "required_annual_growth", "projected_value", "status",
]
EXTRA_COLUMNS = [
    "name_en", "category", "kind", "comparator", "direction", "path", "target_low",
    "target_high", "plan_start", "baseline_source", "verified", "secondary_of",
    "note_zh", "note_en",
    # The evaluation (总结评估) figures: 约束性/预期性, 完成率, growth since the
    # baseline, the first year the target was met, and the forecast verdict.
    "attribute", "completion_rate", "achieved_annual_growth", "first_met_year", "forecast",
]
HISTORY_COLUMNS = [
    "target_id", "year", "actual", "planned_value", "gap_to_path", "progress_ratio",
    "schedule_ratio", "status",
]
STATUS_DTYPE = pd.CategoricalDtype(list(STATUS_CODES))
TEXT = pd.StringDtype(na_value=np.nan)  # what astype(str) gives: the default text dtype


@dataclass(frozen=True)
class GapReport:
    report: pd.DataFrame  # one row per target: REPORT_COLUMNS, then EXTRA_COLUMNS
    history: pd.DataFrame  # one row per target and year: HISTORY_COLUMNS
    as_of: int | None  # the year used; None when there are no actuals at all


def gap_report(
    targets: pd.DataFrame,
    actuals: pd.DataFrame,
    as_of: int | None = None,
    thresholds: StatusThresholds | None = None,
) -> GapReport:
    """Gap report of every target against the actuals known up to `as_of`.

    `actuals` needs indicator_id, region, year, value in the indicator's unit;
    other columns are ignored.  `as_of` defaults to the latest year with data.
    """
    thresholds = thresholds or StatusThresholds()
    frame = complete_targets(targets)
    arrays = target_arrays(frame)
    columns = actual_columns(actuals)  # converted once, read twice
    as_of = latest_data_year(columns) if as_of is None else int(as_of)
    with np.errstate(all="ignore"):
        matched = match_actuals(frame, columns, as_of)
        baselines = resolve_baselines(arrays, matched)
        rows = windowed(arrays, matched, baselines)
        modes = target_modes(
            arrays.comparator, arrays.direction, baselines.value, arrays.target_value
        )
        measures = row_measures(arrays, baselines, modes, rows, thresholds)
        report = _report(frame, arrays, baselines, modes, rows, measures, thresholds)
    return GapReport(report=report, history=_history(frame, rows, measures), as_of=as_of)


def _report(
    frame: pd.DataFrame, arrays: TargetArrays, baselines: Baselines, modes: np.ndarray,
    rows: ActualRows, measures: RowMeasures, thresholds: StatusThresholds,
) -> pd.DataFrame:
    size = arrays.size
    last = last_of_each(rows.target)
    owner = rows.target[last]

    def per_target(values_at_last: np.ndarray) -> np.ndarray:
        out = np.full(size, np.nan)
        out[owner] = values_at_last
        return out

    def latest(values: np.ndarray) -> np.ndarray:
        return per_target(values[last])

    latest_year, latest_value = latest(rows.year), latest(rows.value)
    status = np.full(size, CODE["no_data"], dtype=np.int8)
    status[owner] = measures.status[last]
    growth = growth_ratio(
        baselines.year, baselines.value, latest_year, latest_value,
        arrays.target_year, arrays.target_value,
    )
    figures = {
        "time_share": per_target(measures.latest_time_share),
        "planned_value": latest(measures.planned_value),
        "progress_ratio": latest(measures.progress_ratio),
        "schedule_ratio": latest(measures.schedule_ratio),
        "growth_ratio": np.where(modes == MODE_PATH, growth, np.nan),
        "gap_to_target": per_target(measures.latest_gap_to_target),
        "gap_to_path": latest(measures.gap_to_path),
        "required_annual_growth": required_annual_growth(
            latest_year, latest_value, arrays.target_year, arrays.target_value
        ),
        "projected_value": projected_value(
            rows.target, rows.year, rows.value, size,
            baselines.year, baselines.value, arrays.target_year,
        ),
        "status": status,  # codes; words in _report_frame
    }
    latest = Latest(latest_year, latest_value, status)
    figures |= evaluation_figures(frame, arrays, baselines, modes, rows, measures.first_met,
                                  latest, figures, thresholds)
    figures["first_met_year"] = _years(figures["first_met_year"])
    return _report_frame(frame, arrays, baselines, modes, latest_year, latest_value, figures)


def _report_frame(
    frame: pd.DataFrame, arrays: TargetArrays, baselines: Baselines, modes: np.ndarray,
    latest_year: np.ndarray, latest_value: np.ndarray, figures: dict[str, np.ndarray],
) -> pd.DataFrame:
    # The frame's columns are copied (the caller's targets share them); every other
    # array is computed for this report and handed over as it is (copy=False below).
    columns = {name: _own(frame[name]) for name in REPORT_COLUMNS[:6]}
    columns |= {
        "baseline_year": _years(baselines.year),
        "baseline_value": baselines.value,
        "target_year": _years(arrays.target_year),
        "target_value": arrays.target_value,
        "latest_year": _years(latest_year),
        "latest_value": latest_value,
    }
    columns |= figures
    columns |= {name: _own(frame[name]) for name in EXTRA_COLUMNS[:6]}
    columns |= {
        "direction": arrays.direction.astype(np.int64),
        "target_low": arrays.target_low,
        "target_high": arrays.target_high,
        "plan_start": _years(arrays.plan_start),
        "baseline_source": _texts(baselines.source_code, BASELINE_SOURCES),
        "verified": frame["verified"].to_numpy(copy=True),
        "secondary_of": frame["secondary_of"].to_numpy(copy=True),
    }
    flags = note_flags(frame, arrays, baselines, modes, latest_year)
    # Met in an earlier year, below the target now: say so beside the status.
    flags["fell_back"] = np.isin(
        figures["status"], (CODE["met_then_lost"], CODE["missed"])
    ) & np.asarray(pd.notna(figures["first_met_year"]))
    index, zh, en = note_table(flags)
    columns |= {"note_zh": _texts(index, zh), "note_en": _texts(index, en)}
    columns["status"] = _texts(figures["status"], STATUS_CODES)
    columns["forecast"] = _texts(figures["forecast"], FORECAST_CODES)
    # Not copied, so not stacked into 2-D blocks either: that copy of every float
    # column cost more than building them (issue 18).  Same columns, dtypes, values.
    return pd.DataFrame(columns, columns=REPORT_COLUMNS + EXTRA_COLUMNS, copy=False)


def _own(column: pd.Series) -> np.ndarray | pd.api.extensions.ExtensionArray:
    """A copy of a frame column, typed as the DataFrame constructor types its values."""
    if column.dtype == TEXT and len(column) and isinstance(column.iloc[0], str):
        return column.array.copy()  # text already: typing the values again finds the same
    return column.to_numpy(copy=True)


def _texts(codes: np.ndarray, words: Sequence[str]) -> pd.arrays.StringArray:
    """words[codes] as text, each distinct word one object: a handful of words repeated over
    180,000 rows cost 8 bytes a row, not a string each (issue 18).  Built from the codes,
    with no per-row conversion or hashing: the dtype is the one astype(str) gives."""
    return pd.array(np.asarray(words, dtype=object), dtype=TEXT).take(codes)


def _years(values: np.ndarray) -> pd.arrays.IntegerArray:
    """Years as nullable integers, so a missing year is blank rather than NaN-as-float."""
    return pd.array(np.where(np.isfinite(values), values, np.nan), dtype="Float64").astype(
        "Int64"
    )


def _history(frame: pd.DataFrame, rows: ActualRows, measures: RowMeasures) -> pd.DataFrame:
    # One index, so the categories' own uniqueness check reuses this one (cached).
    ids = pd.Index(frame["target_id"].astype(str))
    if ids.is_unique:
        target_id = pd.Categorical.from_codes(rows.target, categories=ids)
    else:
        target_id = ids.to_numpy()[rows.target]
    return pd.DataFrame(
        {
            "target_id": target_id,
            # Exact: years outside 0..9999 never reach the history (series.YEAR_SPAN).
            "year": rows.year.astype(np.int16),
            "actual": rows.value,
            "planned_value": measures.planned_value,
            "gap_to_path": measures.gap_to_path,
            "progress_ratio": measures.progress_ratio,
            "schedule_ratio": measures.schedule_ratio,
            "status": pd.Categorical.from_codes(measures.status, dtype=STATUS_DTYPE),
        },
        columns=HISTORY_COLUMNS,
        copy=False,  # every array is freshly computed; copying a million rows is waste
    )
