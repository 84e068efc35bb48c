"""The forecast verdict next to a status while a target's final figure is not known yet.

Evaluations write 预计可超额完成 / 预计可如期完成 / 预计完成难度较大 beside each
indicator.  The verdict reads two signals (README "Method"):

- the trend: the least-squares line through the baseline and the actuals
  (`projected_value`) read at the target year, against the target;
- the pace: the annual growth achieved since the baseline against the annual
  growth still required from the latest value to the target.

Both favourable: on time, or beyond it when the trend passes the target by
more than the exceed margin.  Both against: difficult.  When they disagree,
the schedule status settles it (on track or met: on time; else difficult).
A signal that cannot be computed (one point only, a non-positive value)
leaves the other to decide; with neither, or once the target year's actual
is known, there is no verdict ("—").  The rules are FORECAST_RULES, in order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

from indicators.config import StatusThresholds

FORECAST_CODES = ("exceed", "on_time", "difficult", "not_judged")

FORECAST_LABELS_ZH = MappingProxyType({
    "exceed": "预计可超额完成",
    "on_time": "预计可如期完成",
    "difficult": "预计完成难度较大",
    "not_judged": "—",
})
FORECAST_LABELS_EN = MappingProxyType({
    "exceed": "Expected to exceed",
    "on_time": "Expected on time",
    "difficult": "Hard to reach",
    "not_judged": "—",
})


@dataclass(frozen=True)
class ForecastFacts:
    """Per target; every array has one entry per target."""

    pending: np.ndarray  # assessable, and the target year's actual is not known yet
    direction: np.ndarray
    latest_value: np.ndarray
    target_value: np.ndarray
    projected_value: np.ndarray
    required_growth: np.ndarray  # from the latest value to the target, per year
    achieved_growth: np.ndarray  # from the baseline to the latest value, per year
    on_schedule: np.ndarray  # status on track or achieved


@dataclass(frozen=True)
class Signals:
    trend_known: np.ndarray
    trend_reaches: np.ndarray
    trend_beyond: np.ndarray
    pace_known: np.ndarray
    pace_enough: np.ndarray
    pending: np.ndarray
    on_schedule: np.ndarray


Rule = tuple[str, Callable[[Signals], np.ndarray]]

# First match wins.  "not known" counts as agreeing, so one signal can decide alone.
FORECAST_RULES: tuple[Rule, ...] = (
    ("not_judged", lambda s: ~s.pending | (~s.trend_known & ~s.pace_known)),
    ("exceed", lambda s: s.trend_known & s.trend_beyond & (s.pace_enough | ~s.pace_known)),
    ("on_time", lambda s: (s.trend_reaches | ~s.trend_known) & (s.pace_enough | ~s.pace_known)),
    ("difficult", lambda s: ~s.trend_reaches & ~s.pace_enough),
    ("on_time", lambda s: s.on_schedule),
    ("difficult", lambda s: np.ones_like(s.pending)),
)


def signals(facts: ForecastFacts, thresholds: StatusThresholds) -> Signals:
    """The two signals, each as known / favourable flags."""
    direction, goal = facts.direction, facts.target_value
    scale = np.abs(goal)
    trend_gap = direction * (facts.projected_value - goal)  # positive: beyond the target
    trend_known = np.isfinite(trend_gap)
    met_now = direction * (facts.latest_value - goal) >= 0
    # Growth in the direction of the target: positive when moving the right way.
    needed = direction * facts.required_growth
    made = direction * facts.achieved_growth
    pace_known = met_now | (np.isfinite(needed) & np.isfinite(made))
    return Signals(
        trend_known=trend_known,
        trend_reaches=trend_known & (trend_gap >= -thresholds.forecast.projection_slack * scale),
        trend_beyond=trend_known & (trend_gap > thresholds.exceed_margin * scale),
        pace_known=pace_known,
        pace_enough=met_now | (pace_known & (made >= thresholds.forecast.growth_ratio * needed)),
        pending=facts.pending,
        on_schedule=facts.on_schedule,
    )


def forecast_codes(facts: ForecastFacts, thresholds: StatusThresholds) -> np.ndarray:
    """The verdict code per target (FORECAST_CODES), as an object array."""
    return np.asarray(FORECAST_CODES, dtype=object)[forecast_index(facts, thresholds)]


def forecast_index(facts: ForecastFacts, thresholds: StatusThresholds) -> np.ndarray:
    """The verdict per target as an int8 index into FORECAST_CODES."""
    flags = signals(facts, thresholds)
    conditions = [rule(flags) for _, rule in FORECAST_RULES]
    # Small integers, not strings: selecting among words builds a fixed-width text array.
    return np.select(conditions, [FORECAST_CODES.index(code) for code, _ in FORECAST_RULES],
                     default=FORECAST_CODES.index("not_judged")).astype(np.int8)


def forecast_label(code: str, lang: str = "zh") -> str:
    """Words of one verdict code; an unknown code is shown as itself."""
    labels = FORECAST_LABELS_EN if lang == "en" else FORECAST_LABELS_ZH
    return labels.get(code, code)
