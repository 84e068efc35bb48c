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

    def slice(self, low: int, high: int) -> ActualRows:
        """Rows low..high-1 as views (no copy)."""
        return ActualRows(self.target[low:high], self.year[low:high], self.value[low:high])


# Where a baseline comes from; Baselines.source_code indexes this.
BASELINE_SOURCES = ("text", "first_actual", "cumulative_zero", "none")
_SOURCE = {source: np.int8(code) for code, source in enumerate(BASELINE_SOURCES)}


@dataclass(frozen=True)
class Baselines:
    year: np.ndarray  # float64, NaN when the target has none
    value: np.ndarray
    source_code: np.ndarray  # int8 index into BASELINE_SOURCES

    @property
    def source(self) -> np.ndarray:
        """'text' | 'first_actual' | 'cumulative_zero' | 'none' per target (object array)."""
        return np.asarray(BASELINE_SOURCES, dtype=object)[self.source_code]


@dataclass(frozen=True)
class ActualColumns:
    """The columns of an actuals frame the engine reads, converted once per report."""

    indicator: pd.Series
    region: pd.Series
    year: np.ndarray  # float64
    value: np.ndarray  # float64
    usable: np.ndarray  # a finite value, in a year within YEAR_SPAN


def actual_columns(actuals: pd.DataFrame) -> ActualColumns:
    missing = [column for column in ACTUAL_COLUMNS if column not in actuals.columns]
    if missing and len(actuals):
        raise EngineInputError(
            f"actuals frame lacks column(s) {missing}",
            hint="pass ActualsStore.current_actuals() or a frame with "
            "indicator_id, region, year, value",
        )
    if missing:
        empty = pd.Series([], dtype=object)
        none = np.array([], dtype=float)
        return ActualColumns(empty, empty, none, none, np.array([], dtype=bool))
    year = pd.to_numeric(actuals["year"], errors="coerce").to_numpy("float64", na_value=np.nan)
    value = pd.to_numeric(actuals["value"], errors="coerce").to_numpy("float64", na_value=np.nan)
    usable = np.isfinite(value) & (year >= YEAR_SPAN[0]) & (year <= YEAR_SPAN[1])
    return ActualColumns(actuals["indicator_id"], actuals["region"], year, value, usable)


def latest_data_year(actuals: pd.DataFrame | ActualColumns) -> int | None:
    """The default as-of year: the latest year with any finite value."""
    columns = actuals if isinstance(actuals, ActualColumns) else actual_columns(actuals)
    years = columns.year[columns.usable]
    return int(years.max()) if len(years) else None


def match_actuals(
    targets: pd.DataFrame, actuals: pd.DataFrame | ActualColumns, as_of: int | None
) -> ActualRows:
    """Every usable actual up to `as_of`, repeated for each target of its series."""
    columns = actuals if isinstance(actuals, ActualColumns) else actual_columns(actuals)
    target_series, series_of_actual = _series_codes(targets, columns.indicator, columns.region)
    usable = columns.usable & (series_of_actual >= 0)
    if as_of is not None:
        usable &= columns.year <= as_of
    series, year, value = series_of_actual, columns.year, columns.value
    if not usable.all():  # all usable (the usual case): no copies of 2 million rows
        series, year, value = series[usable], year[usable], value[usable]
    series, year, value = _sorted_unique(series, year.astype(np.int64), value)
    return _expand(target_series, series, year, value)


def _series_codes(
    targets: pd.DataFrame, indicator: pd.Series, region: pd.Series
) -> tuple[np.ndarray, np.ndarray]:
    """Series number of each target and of each actual (-1: no target has it).

    Numbers follow the ids' sorted order, so actuals sorted by indicator and region
    (as the store returns them) need no sort by series (see _sorted_unique).
    """
    target_indicator, indicators = pd.factorize(targets["indicator_id"].astype(str), sort=True)
    target_region, regions = pd.factorize(targets["region"].astype(str), sort=True)
    lookup = np.full((len(indicators) + 1, len(regions) + 1), -1, dtype=np.int64)
    target_series = target_indicator * (len(regions) + 1) + target_region
    lookup[target_indicator, target_region] = target_series
    # Row and column -1 of the lookup stay -1: actuals of unknown series.
    indicator_code, indicator_position = _codes(indicator, indicators)
    region_code, region_position = _codes(region, regions)
    if len(indicator_position) * len(region_position) <= max(len(indicator_code), 1 << 16):
        # Few distinct ids (categories): one lookup by the actuals' own codes, not three.
        table = lookup[np.ix_(indicator_position, region_position)]
        return target_series, table[indicator_code, region_code]
    return target_series, lookup[indicator_position[indicator_code], region_position[region_code]]


def _codes(column: pd.Series, index: pd.Index) -> tuple[np.ndarray, np.ndarray]:
    """(code of each value, -1 when missing; position in `index` of each code, -1 when absent).

    The position of code -1 (the last one) is -1 too.  Categorical columns stay cheap.
    """
    if isinstance(column.dtype, pd.CategoricalDtype):
        position = np.append(index.get_indexer(column.cat.categories.astype(str)), -1)
        return column.cat.codes.to_numpy(), position
    code, uniques = pd.factorize(column)
    return code, np.append(index.get_indexer(pd.Index(uniques).astype(str)), -1)


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
    if len(target) == 0:
        return np.zeros(0, dtype=bool)
    # Each target's first flagged row; a row has a flagged one before it when that
    # row comes earlier.  A lookup over the targets present, not sums over every row.
    flagged = np.flatnonzero(flags)
    owner = target[flagged]
    first = flagged[np.append(True, owner[1:] != owner[:-1])] if len(flagged) else flagged
    low = target[0]
    first_of = np.full(int(target[-1] - low) + 1, len(target), dtype=np.int64)
    first_of[target[first] - low] = first
    return first_of[target - low] < np.arange(len(target))


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
    # Codes, not words: the report turns them into text once (report._texts).
    source = np.where(has_text, _SOURCE["text"], _SOURCE["none"]).astype(np.int8)
    zero = ~has_text & arrays.cumulative & np.isfinite(arrays.plan_start)
    year = np.where(has_text, year, np.where(zero, arrays.plan_start - 1, np.nan))
    value = np.where(has_text, value, np.where(zero, 0.0, np.nan))
    source[zero] = _SOURCE["cumulative_zero"]
    # The latest actual at or before the plan's start year stands in for a
    # baseline the text does not give.
    wanted = ~has_text & ~arrays.cumulative & np.isfinite(arrays.plan_start)
    limit = np.where(wanted, arrays.plan_start, np.nan)  # NaN: never early (one gather, not two)
    early = rows.year <= limit[rows.target]
    candidates = rows.take(early)
    last = last_of_each(candidates.target)
    found = candidates.target[last]
    year[found] = candidates.year[last]
    value[found] = candidates.value[last]
    source[found] = _SOURCE["first_actual"]
    return Baselines(year, value, source)


def windowed(arrays: TargetArrays, rows: ActualRows, baselines: Baselines) -> ActualRows:
    """Turn a cumulative target's yearly values into running totals over its plan.

    Only years y0+1 .. target year count: a flow before the plan or after its
    end year belongs to another plan period.  Only the cumulative targets' rows
    are read (by position), not every row.
    """
    positions = np.flatnonzero(arrays.cumulative[rows.target])
    if len(positions) == 0:
        return rows
    target, year = rows.target[positions], rows.year[positions]
    outside = ~(year <= arrays.target_year[target]) | (year <= baselines.year[target])
    if outside.any():
        keep = np.ones(len(rows), dtype=bool)
        keep[positions[outside]] = False
        rows = rows.take(keep)
        dropped, positions = positions[outside], positions[~outside]
        positions = positions - np.searchsorted(dropped, positions)  # positions once dropped
        target = rows.target[positions]
    running = rows.value.copy()
    sums = pd.Series(rows.value[positions]).groupby(target, sort=False).cumsum()
    start = np.nan_to_num(baselines.value[target], nan=0.0)
    running[positions] = start + sums.to_numpy()
    return ActualRows(rows.target, rows.year, running)
