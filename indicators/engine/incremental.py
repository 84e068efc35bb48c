"""The gap report after a change to a few series, without recomputing every target.

Every report row and history row of a target depends only on the target and
the actuals of its own series (indicator, region), and on the as-of year.  So
after a commit or revert that touched some series, only the targets of those
series are computed again (by `gap_report` itself, on the subset) and their
rows are put in place of the old ones; every other row is the previous
report's.  The result equals a full `gap_report`: same rows, order, dtypes
and values (tests/test_incremental_report.py checks it after random commits
and reverts).  What cannot be patched falls back to the full computation:
a moved as-of year (every time share and status changes), a different set of
targets, or target ids that are not unique (history rows could not be told apart).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from indicators.config import StatusThresholds
from indicators.engine.report import EXTRA_COLUMNS, REPORT_COLUMNS, GapReport, gap_report
from indicators.engine.series import latest_data_year

SERIES = ["indicator_id", "region"]
ENGINE_COLUMNS = REPORT_COLUMNS + EXTRA_COLUMNS  # callers may append their own after these


def changed_series(changed: Iterable[tuple[str, str]] | pd.DataFrame) -> pd.MultiIndex:
    """The (indicator_id, region) pairs, from pairs or a frame with those columns."""
    if isinstance(changed, pd.DataFrame):
        pairs = list(zip(changed["indicator_id"].astype(str), changed["region"].astype(str),
                         strict=True))
    else:
        pairs = [(str(indicator), str(region)) for indicator, region in changed]
    return pd.MultiIndex.from_tuples(sorted(set(pairs)), names=SERIES) if pairs else \
        pd.MultiIndex.from_arrays([[], []], names=SERIES)


def affected_targets(targets: pd.DataFrame, series: pd.MultiIndex) -> np.ndarray:
    """Positions (ascending) of the targets that measure one of `series`."""
    if len(series) == 0 or targets.empty:
        return np.array([], dtype=np.int64)
    # Narrowed by indicator and region first: pairs are built for few targets, not all.
    near = np.flatnonzero(
        targets["indicator_id"].astype(str).isin(series.get_level_values(0)).to_numpy()
        & targets["region"].astype(str).isin(series.get_level_values(1)).to_numpy())
    candidates = targets.iloc[near]
    keys = pd.MultiIndex.from_arrays([candidates["indicator_id"].astype(str),
                                      candidates["region"].astype(str)])
    return near[keys.isin(series)]


def series_actuals(actuals: pd.DataFrame, series: pd.MultiIndex) -> pd.DataFrame:
    """The rows of `actuals` that belong to `series`, in their order.

    The indicator is tested first, on the whole column at once: far fewer
    pairs are built than there are actuals.
    """
    if len(series) == 0 or actuals.empty:
        return actuals.iloc[:0]
    indicators = pd.Index(series.get_level_values(0)).unique()
    near = actuals[actuals["indicator_id"].isin(indicators)]
    keys = pd.MultiIndex.from_arrays([near["indicator_id"].astype(str), near["region"].astype(str)])
    return near[keys.isin(series)]


def incremental_report(
    previous: GapReport,
    targets: pd.DataFrame,
    actuals: pd.DataFrame,
    changed: Iterable[tuple[str, str]] | pd.DataFrame,
    as_of: int | None = None,
    thresholds: StatusThresholds | None = None,
) -> GapReport:
    """gap_report(targets, actuals, as_of, thresholds), reusing `previous` where it still holds.

    `previous` must be the gap report of the same targets and thresholds on the
    actuals before the change, asked with the same `as_of`; `actuals` are the
    current values after it, `changed` every series whose values (or sources)
    the change touched.  Any extra columns of previous.report are dropped.
    With `as_of` given, only the changed series' rows of `actuals` are read,
    so a caller that knows them may pass just those.
    """
    resolved = latest_data_year(actuals) if as_of is None else int(as_of)
    if not can_patch(previous, targets, resolved):
        return gap_report(targets, actuals, as_of, thresholds)
    series = changed_series(changed)
    positions = affected_targets(targets, series)
    columns = list(previous.report.columns[:len(ENGINE_COLUMNS)])
    if len(positions) == 0:
        return GapReport(previous.report[columns], previous.history, resolved)
    part = gap_report(targets.iloc[positions], series_actuals(actuals, series), resolved,
                      thresholds)
    report = splice_rows(previous.report[columns], positions, part.report)
    history = _splice_history(previous.history, positions, part.history)
    return GapReport(report=report, history=history, as_of=resolved)


def can_patch(previous: GapReport, targets: pd.DataFrame, as_of: int | None) -> bool:
    """Whether previous's rows can be reused: same as-of year (resolved), same targets, unique ids."""
    if previous.as_of != as_of or as_of is None:
        return False
    ids = targets["target_id"].astype(str).to_numpy() if "target_id" in targets else None
    if ids is None or len(ids) != len(previous.report):
        return False
    if not isinstance(previous.history["target_id"].dtype, pd.CategoricalDtype):
        return False  # ids were not unique: history rows cannot be matched to targets
    return bool((previous.report["target_id"].astype(str).to_numpy() == ids).all())


def splice_rows(old: pd.DataFrame, positions: np.ndarray, new: pd.DataFrame) -> pd.DataFrame:
    """old with its rows at `positions` replaced by new's rows, column by column.

    Each column keeps old's dtype: the full report's dtypes come from the whole
    targets frame, which a subset might type differently (an all-True object column).
    """
    columns = {}
    for name in old.columns:
        column = old[name]
        values = column.array.copy()
        if isinstance(column.dtype, np.dtype):
            values[positions] = new[name].to_numpy(dtype=column.dtype)
        else:
            values[positions] = new[name].astype(column.dtype).array
        columns[name] = values
    return pd.DataFrame(columns, columns=old.columns, index=old.index)


def _splice_history(old: pd.DataFrame, positions: np.ndarray, new: pd.DataFrame) -> pd.DataFrame:
    """old's history without the targets at `positions`, with new's rows in their place.

    Rows are ordered by target position, then year, in both; a target's rows
    are one block, so the result is old's blocks and new's joined by slices
    (copies, no sort and no mask over the whole frame).
    """
    old_target = old["target_id"].cat.codes.to_numpy().astype(np.int64)
    new_target = positions[new["target_id"].cat.codes.to_numpy()]
    old_low = np.searchsorted(old_target, positions, side="left")
    old_high = np.searchsorted(old_target, positions, side="right")
    new_low = np.searchsorted(new_target, positions, side="left")
    new_high = np.searchsorted(new_target, positions, side="right")
    old_starts = np.append(0, old_high)
    old_ends = np.append(old_low, len(old_target))

    def merged(old_values: np.ndarray, new_values: np.ndarray) -> np.ndarray:
        pieces = [old_values[old_starts[0]:old_ends[0]]]
        for index in range(len(positions)):
            pieces.append(new_values[new_low[index]:new_high[index]])
            pieces.append(old_values[old_starts[index + 1]:old_ends[index + 1]])
        return np.concatenate(pieces)

    columns: dict[str, object] = {}
    for name in old.columns:
        column = old[name]
        if name == "target_id":
            codes = merged(old_target, new_target).astype(column.cat.codes.dtype)
            columns[name] = pd.Categorical.from_codes(codes, dtype=column.dtype)
        elif isinstance(column.dtype, pd.CategoricalDtype):
            codes = new[name].cat.set_categories(column.cat.categories).cat.codes.to_numpy()
            columns[name] = pd.Categorical.from_codes(
                merged(column.cat.codes.to_numpy(), codes.astype(column.cat.codes.dtype)),
                dtype=column.dtype)
        else:
            columns[name] = merged(column.to_numpy(), new[name].to_numpy(dtype=column.dtype))
    return pd.DataFrame(columns, columns=old.columns, copy=False)
