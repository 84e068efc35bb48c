"""Time the full gap report on 1,000,000 actual rows.

Builds a synthetic registry-like targets frame (every kind, comparator and
path; some series with two targets) and one actual per series and year, then
times `gap_report` and, over the same frame in the same run, a plain pandas
`groupby(...).last()` as the yardstick.  Prints one JSON line per figure.

    .venv/bin/python benchmarks/engine.py [--indicators 1000] [--regions 50] [--years 20]

Goal (issue 7): under 1 s, and under 5 times the groupby.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from indicators.engine import gap_report  # noqa: E402

FIRST_YEAR = 2006
KIND_CYCLE = (
    # (kind, comparator, path, has text baseline)
    ("level", ">=", "linear", True),
    ("level", ">=", "geometric", True),
    ("annual", ">=", "linear", True),
    ("cumulative", ">=", "linear", False),
    ("level", "range", "linear", True),
    ("level", "coverage", "linear", True),
    ("level", "increase", "linear", False),
    ("level", ">=", "linear", False),
)


def synthetic_targets(indicators: int, regions: int) -> pd.DataFrame:
    series = indicators * regions
    indicator = np.repeat(np.arange(indicators), regions)
    region = np.tile(np.arange(regions), indicators)
    # Every fifth series carries a second target, as when an outline and a
    # plan both set one for the same series.
    second = np.arange(0, series, 5)
    indicator = np.concatenate([indicator, indicator[second]])
    region = np.concatenate([region, region[second]])
    count = len(indicator)
    cycle = np.arange(count) % len(KIND_CYCLE)
    kinds = np.array(KIND_CYCLE, dtype=object)[cycle]
    rng = np.random.default_rng(7)
    baseline_value = rng.uniform(10, 1000, count)
    has_base = kinds[:, 3].astype(bool)
    target_value = baseline_value * rng.uniform(0.9, 2.0, count)
    comparator = kinds[:, 1]
    target_value = np.where(comparator == "coverage", 100.0, target_value)
    target_value = np.where(comparator == "increase", np.nan, target_value)
    return pd.DataFrame({
        "target_id": [f"t{number}" for number in range(count)],
        "indicator_id": pd.Series(indicator).map(lambda i: f"ind_{i:04d}"),
        "region": pd.Series(region).map(lambda r: f"R{r:02d}"),
        "direction": np.where(np.arange(count) % 11 == 0, -1, 1),
        "comparator": comparator,
        "kind": kinds[:, 0],
        "path": kinds[:, 2],
        "baseline_year": np.where(has_base, 2020, np.nan),
        "baseline_value": np.where(has_base, baseline_value, np.nan),
        "target_year": 2025,
        "target_value": target_value,
        "target_low": np.where(comparator == "range", target_value, np.nan),
        "target_high": np.where(comparator == "range", target_value * 1.2, np.nan),
        "plan_start": 2021,
    })


def synthetic_actuals(indicators: int, regions: int, years: int) -> pd.DataFrame:
    series = indicators * regions
    rng = np.random.default_rng(11)
    indicator_names = np.array([f"ind_{i:04d}" for i in range(indicators)], dtype=object)
    region_names = np.array([f"R{r:02d}" for r in range(regions)], dtype=object)
    return pd.DataFrame({
        "indicator_id": np.repeat(indicator_names, regions * years),
        "region": np.tile(np.repeat(region_names, years), indicators),
        "year": np.tile(np.arange(FIRST_YEAR, FIRST_YEAR + years), series),
        "value": rng.uniform(5, 2000, series * years),
    })


def best_of(runs: int, action: Callable[[], object]) -> float:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        timings.append(time.perf_counter() - started)
    return min(timings)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--indicators", type=int, default=1000)
    parser.add_argument("--regions", type=int, default=50)
    parser.add_argument("--years", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3, help="best of this many runs")
    args = parser.parse_args()
    targets = synthetic_targets(args.indicators, args.regions)
    actuals = synthetic_actuals(args.indicators, args.regions, args.years)
    report_seconds = best_of(args.runs, lambda: gap_report(targets, actuals))
    groupby_seconds = best_of(
        args.runs, lambda: actuals.groupby(["indicator_id", "region"]).last()
    )
    result = gap_report(targets, actuals)
    figures = [
        {"figure": "engine_gap_report", "seconds": round(report_seconds, 4),
         "actual_rows": len(actuals), "targets": len(targets),
         "history_rows": len(result.history)},
        {"figure": "pandas_groupby_last", "seconds": round(groupby_seconds, 4),
         "actual_rows": len(actuals)},
        {"figure": "ratio_engine_to_groupby", "ratio": round(report_seconds / groupby_seconds, 2)},
        {"figure": "peak_rss_mib",
         "value": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)},
    ]
    for figure in figures:
        print(json.dumps(figure))
    return 0


if __name__ == "__main__":
    sys.exit(main())
