"""Regenerate data/sample/sample_actuals.csv from the registry (SAMPLE data, not statistics).

    .venv/bin/python data/sample/make_sample.py

For every indicator and region with targets it writes yearly values for
2021-2024 between the baseline and the goal, in the indicator's unit.  The
values follow a fixed pattern, not chance, so the file is the same on every
run: some series on track, some slightly behind, some behind, one moving
away from its target, some with the latest year missing, and every eleventh
with no data at all.  The script then runs the file through the importer and
fails if it reports any error.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

from indicators.config import load_config  # noqa: E402
from indicators.exports import frame_to_csv_bytes  # noqa: E402
from indicators.importing import check_against_stored, parse_upload  # noqa: E402
from indicators.registry import (  # noqa: E402
    Registry,
    Target,  # noqa: E402
    load_registry,
)

OUTPUT = Path(__file__).resolve().parent / "sample_actuals.csv"
YEARS = (2021, 2022, 2023, 2024)
# Share of the planned progress each pattern reaches; None means moving away.
PATTERNS = (1.05, 0.8, 0.45, 1.0, None, 0.9)
LATEST_MISSING_EVERY = 4
NO_DATA_EVERY = 11
# Units of things counted one by one (件 is excluded: 每万人口… ratios are in 件 too).
COUNT_UNITS = {"个", "家", "人", "项", "所", "单", "人次"}


def main_target(registry: Registry, indicator_id: str, region: str) -> Target:
    """The target that best describes the series: one with a baseline and a number, latest first."""
    targets = registry.targets_of(indicator_id, region)
    return max(targets, key=lambda t: (t.baseline is not None, t.goal_value is not None, t.target_year))


def plan_start(registry: Registry, target: Target) -> int:
    document = registry.documents[target.document]
    return document.period_start or target.target_year - 4


def yearly_values(registry: Registry, target: Target, unit: str, pattern: float | None) -> dict[int, float]:
    scale = target.scale_to(unit)
    goal = target.goal_value * scale if target.goal_value is not None else None
    first_year = plan_start(registry, target)
    if target.kind == "cumulative":
        # The engine sums yearly values over the plan, so write yearly amounts.
        per_year = (goal or 100.0) / (target.target_year - first_year + 1)
        share = pattern if pattern is not None else 0.3
        return {year: per_year * share for year in YEARS}
    if target.baseline is not None:
        start, start_year = target.baseline.value * scale, target.baseline.year
    else:
        start, start_year = (goal or 100.0) * 0.75, first_year - 1
    goal = goal if goal is not None else start * 1.2
    span = max(target.target_year - start_year, 1)
    values = {}
    for year in YEARS:
        planned = start + (goal - start) * (year - start_year) / span
        if pattern is None:
            values[year] = start - abs(goal - start) * 0.05 * (year - start_year)
        else:
            values[year] = start + (planned - start) * pattern
        if goal == start:  # a "hold the level" target: small movements around it
            values[year] = start * (1 + 0.01 * ((year % 3) - 1))
    return values


def rounded(value: float, unit: str) -> float:
    """Whole numbers for things counted one by one; two decimals for ratios and amounts."""
    if unit in COUNT_UNITS or (unit == "件" and abs(value) >= 100):
        return float(max(round(value), 1))
    if unit == "%" or abs(value) < 100:
        return round(value, 2)
    return float(round(value)) if abs(value) >= 1000 else round(value, 1)


def sample_frame(registry: Registry) -> pd.DataFrame:
    series = sorted({(t.indicator, t.region) for t in registry.targets.values()})
    rows = []
    for index, (indicator_id, region) in enumerate(series):
        if index % NO_DATA_EVERY == NO_DATA_EVERY - 1:
            continue
        unit = registry.indicators[indicator_id].unit
        pattern = PATTERNS[index % len(PATTERNS)]
        values = yearly_values(registry, main_target(registry, indicator_id, region), unit, pattern)
        for year, value in values.items():
            if year == YEARS[-1] and index % LATEST_MISSING_EVERY == LATEST_MISSING_EVERY - 1:
                continue
            value = max(rounded(value, unit), 0.0)
            if unit == "%":
                value = min(value, 100.0)
            rows.append((indicator_id, region, year, value, ""))
    return pd.DataFrame(rows, columns=["indicator_id", "region", "year", "value", "note"])


def main() -> int:
    settings = load_config()
    registry = load_registry(settings)
    content = frame_to_csv_bytes(sample_frame(registry))
    parsed = parse_upload(content, OUTPUT.name, registry, settings)
    jumps = check_against_stored(parsed, parsed.rows.iloc[0:0].assign(upload_id=0))
    for issue in parsed.errors + jumps:
        print(f"error: {issue}", file=sys.stderr)
    if not parsed.ok or jumps:
        return 1
    OUTPUT.write_bytes(content)
    print(f"wrote {OUTPUT.relative_to(ROOT)}: {len(parsed.rows)} values, {len(parsed.warnings)} warning(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
