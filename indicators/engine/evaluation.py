"""The evaluation columns of the report: what a 总结评估 adds to the gap figures.

约束性/预期性 (attribute), 完成率 (completion_rate), the annual growth achieved
since the baseline, the first year the target was met before its target year,
and the forecast verdict (forecast.py) for targets whose final figure is not
known yet.  Computed per target on whole arrays, like the rest of the report.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from indicators.config import StatusThresholds
from indicators.engine.forecast import ForecastFacts, forecast_index
from indicators.engine.metrics import CODE, MODE_INCREASE, cagr, completion_rate, tracked_modes
from indicators.engine.series import ActualRows, Baselines
from indicators.engine.targets import TargetArrays


@dataclass(frozen=True)
class Latest:
    """Each target's latest row: year, value and status (NaN / no_data without one)."""

    year: np.ndarray
    value: np.ndarray
    status: np.ndarray  # int8 index into STATUS_CODES


def evaluation_figures(
    frame: pd.DataFrame, arrays: TargetArrays, baselines: Baselines, modes: np.ndarray,
    rows: ActualRows, first_met: np.ndarray, latest: Latest, figures: dict[str, np.ndarray],
    thresholds: StatusThresholds,
) -> dict[str, np.ndarray]:
    """attribute, completion_rate, achieved_annual_growth, first_met_year (float), forecast
    (an int8 index into FORECAST_CODES).

    `first_met` flags each target's first row that met the target before the target year;
    `figures` must hold projected_value and required_annual_growth already.
    """
    numeric = modes != MODE_INCREASE  # 'steady growth' targets have no number to compare with
    achieved_growth = cagr(baselines.value, latest.value, latest.year - baselines.year)
    first_met_year = np.full(arrays.size, np.nan)
    first_met_year[rows.target[first_met]] = rows.year[first_met]
    assessable = ~np.isin(latest.status, (CODE["no_data"], CODE["not_assessable"]))
    facts = ForecastFacts(
        pending=tracked_modes(modes) & assessable & (latest.year < arrays.target_year),
        direction=arrays.direction, latest_value=latest.value, target_value=arrays.target_value,
        projected_value=figures["projected_value"],
        required_growth=figures["required_annual_growth"], achieved_growth=achieved_growth,
        on_schedule=np.isin(latest.status, (CODE["on_track"], CODE["achieved"])),
    )
    return {
        # A copy: the report holds it as it is, and it may be the caller's own column.
        "attribute": frame["attribute"].fillna("").astype(str).to_numpy(copy=True),
        "completion_rate": np.where(
            numeric, completion_rate(latest.value, arrays.target_value, arrays.direction), np.nan
        ),
        "achieved_annual_growth": np.where(numeric, achieved_growth, np.nan),
        "first_met_year": first_met_year,
        "forecast": forecast_index(facts, thresholds),
    }
