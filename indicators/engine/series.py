"""Actuals matched to targets: one row per (target, year), on whole arrays.

A measured series (indicator, region) may carry several targets, so every
actual is repeated once per target of its series.  Rows come out sorted by
target position, then year; every later step relies on that order to find a
target's first, previous and latest row without a Python loop.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from indicators.engine.targets import EngineInputError, TargetArrays

ACTUAL_COLUMNS = ("indicator_id", "region", "year", "value")
# Years outside this span cannot be real statistics; they are left out rather
# than allowed to overflow the integer sort key.
YEAR_SPAN = (0, 9999)


@dataclass(frozen=True)
class ActualRows:
    target: np.ndarray  # int64 position in the targets frame
    year: np.ndarray  # float64
    value: np.ndarray  # float64; for cumulative targets the running total

    def __len__(self) -> int:
        return len(self.target)

    def take(self, keep: np.ndarray) -> ActualRows:
        return ActualRows(self.target[keep], self.year[keep], self.value[keep])


@dataclass(frozen=True)
class Baselines:
    year: np.ndarray  # float64, NaN when the target has none
    value: np.ndarray
    source: np.ndarray  # 'text' | 'first_actual' | 'cumulative_zero' | 'none'


def actual_columns(actuals: pd.DataFrame) -> tuple[pd.Series, pd.Series, np.ndarray, np.ndarray]:
    missing = [column for column in ACTUAL_COLUMNS if column not in actuals.columns]
    if missing and len(actuals):
        raise EngineInputError(
            f"actuals frame lacks column(s) {missing}",
            hint="pass ActualsStore.current_actuals() or a frame with "
            "indicator_id, region, year, value",
        )
    if missing:
        empty = pd.Series([], dtype=object)
        return empty, empty, np.array([], dtype=float), np.array([], dtype=float)
    year = pd.to_numeric(actuals["year"], errors="coerce").to_numpy("float64", na_value=np.nan)
    value = pd.to_numeric(actuals["value"], errors="coerce").to_numpy("float64", na_value=np.nan)
    return actuals["indicator_id"], actuals["region"], year, value


def latest_data_year(actuals: pd.DataFrame) -> int | None:
    """The default as-of year: the latest year with any finite value."""
    _, _, year, value = actual_columns(actuals)
    usable = np.isfinite(value) & (year >= YEAR_SPAN[0]) & (year <= YEAR_SPAN[1])
    return int(year[usable].max()) if usable.any() else None


def match_actuals(targets: pd.DataFrame, actuals: pd.DataFrame, as_of: int | None) -> ActualRows:
    """Every usable actual up to `as_of`, repeated for each target of its series."""
    indicator, region, year, value = actual_columns(actuals)
    target_series, series_of_actual = _series_codes(targets, indicator, region)
    usable = (series_of_actual >= 0) & np.isfinite(value)
    usable &= (year >= YEAR_SPAN[0]) & (year <= YEAR_SPAN[1])
    if as_of is not None:
        usable &= year <= as_of
    series, year, value = series_of_actual[usable], year[usable].astype(np.int64), value[usable]
    series, year, value = _sorted_unique(series, year, value)
    return _expand(target_series, series, year, value)


def _series_codes(
    targets: pd.DataFrame, indicator: pd.Series, region: pd.Series
) -> tuple[np.ndarray, np.ndarray]:
    """Series number of each target and of each actual (-1: no target has it)."""
    target_indicator, indicators = pd.factorize(targets["indicator_id"].astype(str))
    target_region, regions = pd.factorize(targets["region"].astype(str))
    lookup = np.full((len(indicators) + 1, len(regions) + 1), -1, dtype=np.int64)
    target_series = target_indicator * (len(regions) + 1) + target_region
    lookup[target_indicator, target_region] = target_series
    # Row and column -1 of the lookup stay -1: actuals of unknown series.
    actual_series = lookup[_codes(indicator, indicators), _codes(region, regions)]
    return target_series, actual_series


def _codes(column: pd.Series, index: pd.Index) -> np.ndarray:
    """Position of each value in `index`, -1 when absent; categorical columns stay cheap."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        lookup = np.append(index.get_indexer(column.cat.categories.astype(str)), -1)
        return lookup[column.cat.codes.to_numpy()]
    uniques_code, uniques = pd.factorize(column)
    lookup = np.append(index.get_indexer(pd.Index(uniques).astype(str)), -1)
    return lookup[uniques_code]


def _sorted_unique(
    series: np.ndarray, year: np.ndarray, value: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sort by (series, year); of repeated (series, year) keep the last given."""
    key = series * (YEAR_SPAN[1] + 1) + year
    if len(key) > 1 and not (np.diff(key) > 0).all():
        order = np.argsort(key, kind="stable")
        key, series, year, value = key[order], series[order], year[order], value[order]
        last = np.append(key[1:] != key[:-1], True)
        series, year, value = series[last], year[last], value[last]
    return series, year, value


def _expand(
    target_series: np.ndarray, series: np.ndarray, year: np.ndarray, value: np.ndarray
) -> ActualRows:
    start = np.searchsorted(series, target_series, side="left")
    count = np.searchsorted(series, target_series, side="right") - start
    total = int(count.sum())
    target = np.repeat(np.arange(len(target_series), dtype=np.int64), count)
    first_out = np.cumsum(count) - count
    source = np.arange(total, dtype=np.int64) + np.repeat(start - first_out, count)
    return ActualRows(target, year[source].astype(np.float64), value[source])


def last_of_each(target: np.ndarray) -> np.ndarray:
    """Positions of each target's last row (rows sorted by target)."""
    if len(target) == 0:
        return np.array([], dtype=np.int64)
    return np.flatnonzero(np.append(target[1:] != target[:-1], True))


def earlier_any(target: np.ndarray, flags: np.ndarray) -> np.ndarray:
    """Per row: whether an earlier row of the same target is flagged (rows sorted by target)."""
    before = np.cumsum(flags, dtype=np.int64) - flags  # flagged rows before this one, all targets
    if len(target) == 0:
        return before > 0
    starts = np.flatnonzero(np.append(True, target[1:] != target[:-1]))
    sizes = np.diff(np.append(starts, len(target)))
    return before - np.repeat(before[starts], sizes) > 0


def previous_value(rows: ActualRows) -> np.ndarray:
    """The same target's previous row value (NaN for a target's first row)."""
    previous = np.full(len(rows), np.nan)
    if len(rows) > 1:
        same = rows.target[1:] == rows.target[:-1]
        previous[1:] = np.where(same, rows.value[:-1], np.nan)
    return previous


def resolve_baselines(arrays: TargetArrays, rows: ActualRows) -> Baselines:
    """Text baseline; else 0 before the plan for cumulative; else an early actual."""
    year = arrays.text_baseline_year.copy()
    value = arrays.text_baseline_value.copy()
    has_text = np.isfinite(year) & np.isfinite(value)
    source = np.where(has_text, "text", "none").astype(object)
    zero = ~has_text & arrays.cumulative & np.isfinite(arrays.plan_start)
    year = np.where(has_text, year, np.where(zero, arrays.plan_start - 1, np.nan))
    value = np.where(has_text, value, np.where(zero, 0.0, np.nan))
    source[zero] = "cumulative_zero"
    # The latest actual at or before the plan's start year stands in for a
    # baseline the text does not give.
    wanted = ~has_text & ~arrays.cumulative & np.isfinite(arrays.plan_start)
    early = wanted[rows.target] & (rows.year <= arrays.plan_start[rows.target])
    candidates = rows.take(early)
    last = last_of_each(candidates.target)
    found = candidates.target[last]
    year[found] = candidates.year[last]
    value[found] = candidates.value[last]
    source[found] = "first_actual"
    return Baselines(year, value, source)


def windowed(arrays: TargetArrays, rows: ActualRows, baselines: Baselines) -> ActualRows:
    """Turn a cumulative target's yearly values into running totals over its plan.

    Only years y0+1 .. target year count: a flow before the plan or after its
    end year belongs to another plan period.
    """
    cumulative = arrays.cumulative[rows.target]
    if not cumulative.any():
        return rows
    y0 = baselines.year[rows.target]
    inside = (rows.year <= arrays.target_year[rows.target]) & ~(rows.year <= y0)
    rows = rows.take(~cumulative | inside)
    cumulative = arrays.cumulative[rows.target]
    running = rows.value.copy()
    sums = pd.Series(rows.value[cumulative]).groupby(rows.target[cumulative], sort=False).cumsum()
    start = np.nan_to_num(baselines.value[rows.target[cumulative]], nan=0.0)
    running[cumulative] = start + sums.to_numpy()
    return ActualRows(rows.target, rows.year, running)
