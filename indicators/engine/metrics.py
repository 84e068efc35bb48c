"""The formulas of the method, each on whole numpy arrays.

Callers run these under `np.errstate(all="ignore")`: a division by zero or a
power of a negative number yields inf or NaN, and `finite_or_nan` turns every
such result into a blank, which is what "undefined" means in the report.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from indicators.config import StatusThresholds
from indicators.engine.status import STATUS_CODES
from indicators.engine.targets import COMPARATORS

# Relative slack when comparing an actual with a target: a target converted by
# a unit factor (9 万件 -> 90000 件, 0.1 亿 -> 1000 万) may differ from the
# same number typed by staff in the last binary digit.
RELATIVE_TOLERANCE = 1e-9

# How a target is judged; fixed per target from its comparator and baseline.
MODE_PATH = 0  # the normal case: schedule ratio against the planned path
MODE_INCREASE = 1  # 合理稳定增长: latest value against the previous one
MODE_HOLD = 2  # target equals baseline: does the comparator hold?
MODE_MET_AT_BASE = 3  # the baseline already met the target
MODE_NO_BASELINE = 4  # no baseline at all: achieved or not assessable
MODE_NO_TARGET = 5  # no target number (only possible in a hand-built frame)

CODE = {code: np.int8(position) for position, code in enumerate(STATUS_CODES)}
GE, LE, EQ, RANGE, COVERAGE, INCREASE = range(len(COMPARATORS))  # codes of COMPARATORS


def finite_or_nan(values: np.ndarray) -> np.ndarray:
    return np.where(np.isfinite(values), values, np.nan)


def divide(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    """numerator / denominator, NaN where the denominator is 0 or anything is undefined."""
    # x / 0 is inf or NaN, so finite_or_nan alone already blanks a zero denominator.
    return finite_or_nan(numerator / denominator)


def time_share(year: np.ndarray, base_year: np.ndarray, target_year: np.ndarray) -> np.ndarray:
    """(y - y0) / (yT - y0) clamped to [0, 1]; a zero-length plan is complete from y0 on."""
    span = target_year - base_year
    share = np.asarray(np.clip((year - base_year) / span, 0.0, 1.0))
    # Patched in place: at national scale every whole-array temporary costs more than its sum.
    np.copyto(share, year >= base_year, where=~(span > 0))
    np.copyto(share, np.nan, where=~(np.isfinite(base_year) & np.isfinite(year)))
    return share


def geometric_possible(base_value: np.ndarray, target_value: np.ndarray) -> np.ndarray:
    return (base_value > 0) & (target_value > 0)


def planned_value(
    share: np.ndarray, base_value: np.ndarray, target_value: np.ndarray, geometric: np.ndarray
) -> np.ndarray:
    """Linear v0 + (vT - v0)·s, or geometric v0·(vT/v0)^s where both values are positive."""
    planned = base_value + (target_value - base_value) * share
    curve = geometric & geometric_possible(base_value, target_value)
    if curve.any():  # the power is costly; most targets are linear
        base, goal = base_value[curve], target_value[curve]
        planned[curve] = base * np.power(goal / base, share[curve])
    return finite_or_nan(planned)


def cagr(start: np.ndarray, end: np.ndarray, years: np.ndarray) -> np.ndarray:
    """Compound annual growth; defined only for positive values over a positive span."""
    defined = (start > 0) & (end > 0) & (years > 0)
    growth = np.power(end / start, 1.0 / years) - 1.0
    return finite_or_nan(np.where(defined, growth, np.nan))


def growth_ratio(
    base_year: np.ndarray, base_value: np.ndarray, year: np.ndarray, actual: np.ndarray,
    target_year: np.ndarray, target_value: np.ndarray,
) -> np.ndarray:
    """Actual CAGR since the baseline over the CAGR the target requires."""
    achieved_growth = cagr(base_value, actual, year - base_year)
    required_growth = cagr(base_value, target_value, target_year - base_year)
    return divide(achieved_growth, required_growth)


def required_annual_growth(
    year: np.ndarray, actual: np.ndarray, target_year: np.ndarray, target_value: np.ndarray
) -> np.ndarray:
    """(vT / a)^(1 / (yT - y)) - 1 while years remain; blank where the ratio is not positive."""
    ratio = target_value / actual
    growth = np.power(ratio, 1.0 / (target_year - year)) - 1.0
    return finite_or_nan(np.where((year < target_year) & (ratio > 0), growth, np.nan))


def projected_value(
    target: np.ndarray, year: np.ndarray, value: np.ndarray, size: int,
    base_year: np.ndarray, base_value: np.ndarray, target_year: np.ndarray,
) -> np.ndarray:
    """Least-squares line through the baseline and the actuals, evaluated at yT.

    Closed form per target from sums (bincount), in two passes around each
    target's mean so large values do not cancel.  x is measured from yT, so
    the line's value at yT is its intercept.  Rows at or before the baseline
    year are left out: the baseline point already stands for them.
    """
    after_base = ~(year <= base_year[target])
    target, year, value = target[after_base], year[after_base], value[after_base]
    x = year - target_year[target]
    has_base = np.isfinite(base_year) & np.isfinite(base_value)
    base_x = np.where(has_base, base_year - target_year, 0.0)
    base_y = np.where(has_base, base_value, 0.0)
    count = np.bincount(target, minlength=size) + has_base
    mean_x = (np.bincount(target, x, minlength=size) + base_x) / count
    mean_y = (np.bincount(target, value, minlength=size) + base_y) / count
    dx, dy = x - mean_x[target], value - mean_y[target]
    base_dx = np.where(has_base, base_x - mean_x, 0.0)
    base_dy = np.where(has_base, base_y - mean_y, 0.0)
    sxx = np.bincount(target, dx * dx, minlength=size) + base_dx * base_dx
    sxy = np.bincount(target, dx * dy, minlength=size) + base_dx * base_dy
    projection = mean_y - sxy / sxx * mean_x
    return finite_or_nan(np.where((count >= 2) & (sxx > 0), projection, np.nan))


def completion_rate(value: np.ndarray, target_value: np.ndarray, direction: np.ndarray) -> np.ndarray:
    """完成率 as evaluations write it: a / vT when higher is better, vT / a when lower is.

    Defined only where both are positive (a share of a negative number means nothing).
    """
    ratio = np.where(direction < 0, target_value / value, value / target_value)
    return finite_or_nan(np.where((value > 0) & (target_value > 0), ratio, np.nan))


def target_modes(
    comparator: np.ndarray, direction: np.ndarray, base_value: np.ndarray,
    target_value: np.ndarray,
) -> np.ndarray:
    """Which rule judges each target (see the MODE_ constants)."""
    has_base = np.isfinite(base_value)
    change = direction * (target_value - base_value)
    hold = np.abs(target_value - base_value) <= RELATIVE_TOLERANCE * np.abs(target_value)
    return np.select(
        [comparator == INCREASE, ~np.isfinite(target_value), ~has_base, hold, change < 0],
        [MODE_INCREASE, MODE_NO_TARGET, MODE_NO_BASELINE, MODE_HOLD, MODE_MET_AT_BASE],
        default=MODE_PATH,
    ).astype(np.int8)


def comparator_holds(
    comparator: np.ndarray, actual: np.ndarray, target_value: np.ndarray
) -> np.ndarray:
    """Whether the written comparator holds (judges hold-a-level targets).

    A range reads as its low bound here too, as everywhere else in the method.
    """
    slack = RELATIVE_TOLERANCE * np.abs(target_value)
    return np.select(
        [comparator == LE, comparator == EQ],
        [actual <= target_value + slack, np.abs(actual - target_value) <= slack],
        default=actual >= target_value - slack,
    )


def tracked_modes(mode: np.ndarray) -> np.ndarray:
    """Targets whose meeting early, exceeding or falling back is told apart (a real change)."""
    return (mode == MODE_PATH) | (mode == MODE_NO_BASELINE)


@dataclass(frozen=True)
class RowFacts:
    """What the status rules read about each (target, year) row."""

    mode: np.ndarray
    achieved: np.ndarray  # d·(a − vT) ≥ 0
    holds: np.ndarray  # the comparator holds (hold-a-level targets)
    rising: np.ndarray  # above the previous value ('increase' targets)
    has_previous: np.ndarray
    schedule: np.ndarray  # q
    final: np.ndarray  # the row's year is the target year or later
    met_before: np.ndarray  # an earlier row before the target year met the target
    exceeded: np.ndarray  # beyond the target by more than the exceed margin


def row_status(facts: RowFacts, thresholds: StatusThresholds) -> np.ndarray:
    """Status code index per row, in the method's order of rules.

    Final rows (the target year or later) get a final status: the schedule no
    longer matters, only whether the target was met, early, or by a margin.
    """
    mode, final, achieved, schedule = facts.mode, facts.final, facts.achieved, facts.schedule
    increase, hold, tracked = mode == MODE_INCREASE, mode == MODE_HOLD, tracked_modes(mode)
    rules = [
        (increase & ~facts.has_previous, "not_assessable"),
        (increase & final & facts.rising, "achieved"),
        (increase & final, "missed"),
        (increase & facts.rising, "on_track"),
        (increase, "behind"),
        (mode == MODE_NO_TARGET, "not_assessable"),
        (hold & facts.holds, "achieved"),
        (hold & final, "missed"),
        (hold, "behind"),
        (final & achieved & tracked & facts.met_before, "met_early"),
        (final & achieved & tracked & facts.exceeded, "exceeded"),
        (achieved, "achieved"),
        (final, "missed"),
        (tracked & facts.met_before, "met_then_lost"),
        (mode == MODE_MET_AT_BASE, "behind"),
        (~np.isfinite(schedule), "not_assessable"),
        (schedule >= thresholds.on_track, "on_track"),
        (schedule >= thresholds.slightly_behind, "slightly_behind"),
        (schedule >= 0, "behind"),
    ]
    return np.select(
        [condition for condition, _ in rules],
        [CODE[code] for _, code in rules],
        default=CODE["moving_away"],
    ).astype(np.int8)
