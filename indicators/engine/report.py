"""The gap and trajectory engine: how far along every target is, as of a year.

One function, `gap_report`, serves the dashboard, the CLI and the exports.
It works on whole arrays: actuals are matched to targets once (one row per
target and year, sorted), every formula runs over all rows at once, and a
target's report row is its latest history row plus the figures that look
ahead (growth, required growth, projection).  The README (Method) explains the
method with a worked example.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from indicators.config import StatusThresholds
from indicators.engine.evaluation import Latest, evaluation_figures
from indicators.engine.metrics import (
    CODE,
    GE,
    LE,
    MODE_HOLD,
    MODE_PATH,
    RELATIVE_TOLERANCE,
    RowFacts,
    comparator_holds,
    divide,
    finite_or_nan,
    growth_ratio,
    planned_value,
    projected_value,
    required_annual_growth,
    row_status,
    target_modes,
    time_share,
    tracked_modes,
)
from indicators.engine.notes import note_flags, note_texts
from indicators.engine.series import (
    ActualRows,
    Baselines,
    earlier_any,
    last_of_each,
    latest_data_year,
    match_actuals,
    previous_value,
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


@dataclass(frozen=True)
class GapReport:
    report: pd.DataFrame  # one row per target: REPORT_COLUMNS, then EXTRA_COLUMNS
    history: pd.DataFrame  # one row per target and year: HISTORY_COLUMNS
    as_of: int | None  # the year used; None when there are no actuals at all


@dataclass(frozen=True)
class _RowMeasures:
    time_share: np.ndarray
    planned_value: np.ndarray
    progress_ratio: np.ndarray
    schedule_ratio: np.ndarray
    gap_to_target: np.ndarray
    gap_to_path: np.ndarray
    status: np.ndarray  # int8 index into STATUS_CODES
    met_early: np.ndarray  # met the target before the target year (after the baseline)
    met_before: np.ndarray  # an earlier row of the same target is met_early


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
    as_of = latest_data_year(actuals) if as_of is None else int(as_of)
    with np.errstate(all="ignore"):
        matched = match_actuals(frame, actuals, as_of)
        baselines = resolve_baselines(arrays, matched)
        rows = windowed(arrays, matched, baselines)
        modes = target_modes(
            arrays.comparator, arrays.direction, baselines.value, arrays.target_value
        )
        measures = _row_measures(arrays, baselines, modes, rows, thresholds)
        report = _report(frame, arrays, baselines, modes, rows, measures, thresholds)
    return GapReport(report=report, history=_history(frame, rows, measures), as_of=as_of)


def _row_measures(
    arrays: TargetArrays, baselines: Baselines, modes: np.ndarray, rows: ActualRows,
    thresholds: StatusThresholds,
) -> _RowMeasures:
    t, actual = rows.target, rows.value
    base_year, base_value = baselines.year[t], baselines.value[t]
    target_value, direction, mode = arrays.target_value[t], arrays.direction[t], modes[t]
    share = time_share(rows.year, base_year, arrays.target_year[t])
    planned = planned_value(share, base_value, target_value, arrays.geometric[t])
    on_path = mode == MODE_PATH
    progress = np.where(on_path, divide(actual - base_value, target_value - base_value), np.nan)
    schedule = np.where(on_path, divide(actual - base_value, planned - base_value), np.nan)
    scale = np.abs(target_value)
    beyond = direction * (actual - target_value)  # positive: past the target
    achieved = beyond >= -RELATIVE_TOLERANCE * scale
    holds = np.zeros(len(rows), dtype=bool)
    hold = mode == MODE_HOLD  # only hold-a-level targets read the comparator
    holds[hold] = comparator_holds(arrays.comparator[t[hold]], actual[hold], target_value[hold])
    previous = previous_value(rows)
    # A target's first actual is compared with the baseline when there is one.
    previous = np.where(np.isnan(previous) & (base_year < rows.year), base_value, previous)
    target_year = arrays.target_year[t]
    # Only years after the baseline and before the target year count as met early.
    met_early = achieved & tracked_modes(mode) & (rows.year < target_year) & ~(rows.year <= base_year)
    # 超额: past the target by more than the margin; only a >= or <= target can be exceeded.
    exceedable = np.isin(arrays.comparator, (GE, LE))[t]
    exceeded = exceedable & (beyond > thresholds.exceed_margin * scale)
    met_before = earlier_any(t, met_early)
    facts = RowFacts(
        mode=mode, achieved=achieved, holds=holds, rising=actual > previous,
        has_previous=np.isfinite(previous), schedule=schedule, final=rows.year >= target_year,
        met_before=met_before,
        exceeded=exceeded,
    )
    status = row_status(facts, thresholds)
    return _RowMeasures(
        time_share=share,
        planned_value=planned,
        progress_ratio=progress,
        schedule_ratio=schedule,
        gap_to_target=finite_or_nan(direction * (target_value - actual)),
        gap_to_path=finite_or_nan(direction * (planned - actual)),
        status=status,
        met_early=met_early,
        met_before=met_before,
    )


def _report(
    frame: pd.DataFrame, arrays: TargetArrays, baselines: Baselines, modes: np.ndarray,
    rows: ActualRows, measures: _RowMeasures, thresholds: StatusThresholds,
) -> pd.DataFrame:
    size = arrays.size
    last = last_of_each(rows.target)
    owner = rows.target[last]

    def latest(values: np.ndarray) -> np.ndarray:
        out = np.full(size, np.nan)
        out[owner] = values[last]
        return out

    latest_year, latest_value = latest(rows.year), latest(rows.value)
    status = np.full(size, CODE["no_data"], dtype=np.int8)
    status[owner] = measures.status[last]
    growth = growth_ratio(
        baselines.year, baselines.value, latest_year, latest_value,
        arrays.target_year, arrays.target_value,
    )
    figures = {
        "time_share": latest(measures.time_share),
        "planned_value": latest(measures.planned_value),
        "progress_ratio": latest(measures.progress_ratio),
        "schedule_ratio": latest(measures.schedule_ratio),
        "growth_ratio": np.where(modes == MODE_PATH, growth, np.nan),
        "gap_to_target": latest(measures.gap_to_target),
        "gap_to_path": latest(measures.gap_to_path),
        "required_annual_growth": required_annual_growth(
            latest_year, latest_value, arrays.target_year, arrays.target_value
        ),
        "projected_value": projected_value(
            rows.target, rows.year, rows.value, size,
            baselines.year, baselines.value, arrays.target_year,
        ),
        "status": np.asarray(STATUS_CODES, dtype=object)[status],
    }
    latest = Latest(latest_year, latest_value, status)
    # A target's first met-early row is the one with no met-early row before it.
    first_met = measures.met_early & ~measures.met_before
    figures |= evaluation_figures(frame, arrays, baselines, modes, rows, first_met, latest,
                                  figures, thresholds)
    figures["first_met_year"] = _years(figures["first_met_year"])
    return _report_frame(frame, arrays, baselines, modes, latest_year, latest_value, figures)


def _report_frame(
    frame: pd.DataFrame, arrays: TargetArrays, baselines: Baselines, modes: np.ndarray,
    latest_year: np.ndarray, latest_value: np.ndarray, figures: dict[str, np.ndarray],
) -> pd.DataFrame:
    columns = {name: frame[name].to_numpy() for name in REPORT_COLUMNS[:6]}
    columns |= {
        "baseline_year": _years(baselines.year),
        "baseline_value": baselines.value,
        "target_year": _years(arrays.target_year),
        "target_value": arrays.target_value,
        "latest_year": _years(latest_year),
        "latest_value": latest_value,
    }
    columns |= figures
    columns |= {name: frame[name].to_numpy() for name in EXTRA_COLUMNS[:6]}
    columns |= {
        "direction": arrays.direction.astype(np.int64),
        "target_low": arrays.target_low,
        "target_high": arrays.target_high,
        "plan_start": _years(arrays.plan_start),
        "baseline_source": baselines.source,
        "verified": frame["verified"].to_numpy(),
        "secondary_of": frame["secondary_of"].to_numpy(),
    }
    flags = note_flags(frame, arrays, baselines, modes, latest_year)
    # Met in an earlier year, below the target now: say so beside the status.
    flags["fell_back"] = np.isin(figures["status"], ("met_then_lost", "missed")) & np.asarray(
        pd.notna(figures["first_met_year"]))
    columns["note_zh"], columns["note_en"] = note_texts(flags)
    report = pd.DataFrame(columns, columns=REPORT_COLUMNS + EXTRA_COLUMNS)
    for name in ("status", "baseline_source", "note_zh", "note_en", "forecast"):
        report[name] = _shared_texts(report[name].to_numpy())
    return report


def _shared_texts(values: np.ndarray) -> pd.Series:
    """values as text, each distinct text one object: a handful of words repeated over
    180,000 rows cost 8 bytes a row, not a string each (issue 18); same dtype and values."""
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    return pd.Series(np.asarray(uniques, dtype=object)[codes]).astype(str)


def _years(values: np.ndarray) -> pd.arrays.IntegerArray:
    """Years as nullable integers, so a missing year is blank rather than NaN-as-float."""
    return pd.array(np.where(np.isfinite(values), values, np.nan), dtype="Float64").astype(
        "Int64"
    )


def _history(frame: pd.DataFrame, rows: ActualRows, measures: _RowMeasures) -> pd.DataFrame:
    ids = frame["target_id"].astype(str)
    if ids.is_unique:
        target_id = pd.Categorical.from_codes(rows.target, categories=pd.Index(ids))
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
