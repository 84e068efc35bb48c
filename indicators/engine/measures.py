"""The per-row measures of the report: time share, planned value, ratios, gaps and status.

Rows are (target, year) pairs sorted by target (series.py).  They are computed
in blocks of whole targets: each formula makes a few temporaries as long as
its input, and at national scale (about 2 million rows) every such temporary
is a fresh 15 MB allocation whose pages the system must hand over first, which
costs more than the arithmetic (issue 18).  A block's temporaries are small,
stay in cache and reuse memory just freed; only the outputs are full length.
Every formula is element-wise, or reads earlier rows of the same target, so
blocks that never split a target give exactly the whole-array result.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np

from indicators.config import StatusThresholds
from indicators.engine.metrics import (
    GE,
    LE,
    MODE_HOLD,
    MODE_PATH,
    RELATIVE_TOLERANCE,
    RowFacts,
    comparator_holds,
    divide,
    finite_or_nan,
    planned_value,
    row_status,
    time_share,
    tracked_modes,
)
from indicators.engine.series import (
    ActualRows,
    Baselines,
    earlier_any,
    last_of_each,
    previous_value,
)
from indicators.engine.targets import TargetArrays

# Rows per block: small enough for a block's temporaries to stay in cache, large
# enough that the Python overhead per block (about a hundred numpy calls) is noise.
BLOCK_ROWS = 1 << 15


@dataclass(frozen=True)
class RowMeasures:
    planned_value: np.ndarray
    progress_ratio: np.ndarray
    schedule_ratio: np.ndarray
    gap_to_path: np.ndarray
    status: np.ndarray  # int8 index into STATUS_CODES
    first_met: np.ndarray  # the target's first row meeting it early (after y0, before yT)
    # Only the report reads these, at each target's last row: one per target with rows.
    latest_time_share: np.ndarray
    latest_gap_to_target: np.ndarray


def row_measures(
    arrays: TargetArrays, baselines: Baselines, modes: np.ndarray, rows: ActualRows,
    thresholds: StatusThresholds,
) -> RowMeasures:
    """Every row's measures, computed block by block (see the module's docstring)."""
    bounds = block_bounds(rows.target, BLOCK_ROWS)
    parts = [
        _block_measures(arrays, baselines, modes, rows.slice(low, high), thresholds)
        for low, high in zip(bounds[:-1], bounds[1:], strict=True)
    ]
    if len(parts) == 1:
        return parts[0]
    return RowMeasures(*(
        np.concatenate([getattr(part, field.name) for part in parts])
        for field in fields(RowMeasures)
    ))


def block_bounds(target: np.ndarray, size: int) -> np.ndarray:
    """Row positions that cut sorted rows into blocks of about `size`, never inside a target.

    Always at least one block (possibly empty), so the outputs keep their dtypes.
    """
    cuts = np.searchsorted(target, target[size::size], side="left")  # each below len(target)
    return np.append(np.unique(np.append(0, cuts)), len(target))


def _block_measures(
    arrays: TargetArrays, baselines: Baselines, modes: np.ndarray, rows: ActualRows,
    thresholds: StatusThresholds,
) -> RowMeasures:
    t, actual = rows.target, rows.value
    base_year, base_value = baselines.year[t], baselines.value[t]
    target_value, direction, mode = arrays.target_value[t], arrays.direction[t], modes[t]
    target_year = arrays.target_year[t]
    share = time_share(rows.year, base_year, target_year)
    planned = planned_value(share, base_value, target_value, arrays.geometric[t])
    on_path = mode == MODE_PATH
    above = actual - base_value
    progress = np.where(on_path, divide(above, target_value - base_value), np.nan)
    schedule = np.where(on_path, divide(above, planned - base_value), np.nan)
    scale = np.abs(target_value)
    beyond = direction * (actual - target_value)  # positive: past the target
    achieved = beyond >= -RELATIVE_TOLERANCE * scale
    holds = np.zeros(len(rows), dtype=bool)
    comparator = arrays.comparator[t]
    hold = mode == MODE_HOLD  # only hold-a-level targets read the comparator
    holds[hold] = comparator_holds(comparator[hold], actual[hold], target_value[hold])
    previous = previous_value(rows)
    # A target's first actual is compared with the baseline when there is one.
    previous = np.where(np.isnan(previous) & (base_year < rows.year), base_value, previous)
    # Only years after the baseline and before the target year count as met early.
    met_early = achieved & tracked_modes(mode) & (rows.year < target_year) & ~(rows.year <= base_year)
    # 超额: past the target by more than the margin; only a >= or <= target can be exceeded.
    exceedable = (comparator == GE) | (comparator == LE)
    exceeded = exceedable & (beyond > thresholds.exceed_margin * scale)
    met_before = earlier_any(t, met_early)
    facts = RowFacts(
        mode=mode, achieved=achieved, holds=holds, rising=actual > previous,
        has_previous=np.isfinite(previous), schedule=schedule, final=rows.year >= target_year,
        met_before=met_before, exceeded=exceeded,
    )
    last = last_of_each(t)
    return RowMeasures(
        planned_value=planned, progress_ratio=progress, schedule_ratio=schedule,
        gap_to_path=finite_or_nan(direction * (planned - actual)),
        status=row_status(facts, thresholds),
        # A target's first met-early row is the one with no met-early row before it.
        first_met=met_early & ~met_before,
        latest_time_share=share[last],
        latest_gap_to_target=finite_or_nan(direction[last] * (target_value[last] - actual[last])),
    )
