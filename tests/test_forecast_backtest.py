"""The forecast rule against a plain alternative, on the real published national series.

data/published/published_actuals.csv (a colleague's file, read with the
importer exactly as staff would upload it) holds the national plan's
indicators for 2019-2025.  For each target of the plan's indicator table and
each as-of year y with a later published figure, the checkpoint is the last
published year L of the series: "seen from y, will the series reach the
plan's target value by L?", against what L's figure shows.  (For the two
series with a 2025 figure, L is the real target year.)

- chosen: the engine's rule (trend line through baseline and actuals, plus
  growth achieved against growth required, the schedule deciding a tie);
- plain: extend the change between the last two points (the baseline counts
  as a point) to L.

A verdict is "right" when it says reach / not reach as the outcome does, and
"exact" when it also tells exceeding (by more than the 10 % margin) from
meeting.  The README quotes these counts.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from indicators.config import PROJECT_ROOT, load_config
from indicators.engine import gap_report, targets_frame
from indicators.importing import parse_upload
from indicators.registry import load_registry

PUBLISHED = PROJECT_ROOT / "data" / "published" / "published_actuals.csv"
MARGIN = 0.10
REACHING = ("exceed", "on_time")


def verdict(direction: float, value: float, target: float) -> str:
    if direction * (value - target) > MARGIN * abs(target):
        return "exceed"
    return "on_time" if direction * (value - target) >= 0 else "difficult"


def two_year_trend(points: list[tuple[float, float]], year: int) -> float:
    (y1, v1), (y2, v2) = points[-2], points[-1]
    return v2 + (v2 - v1) / (y2 - y1) * (year - y2)


@pytest.fixture(scope="module")
def checkpoints() -> pd.DataFrame:
    settings = load_config()
    registry = load_registry(settings)
    parsed = parse_upload(Path(PUBLISHED).read_bytes(), PUBLISHED.name, registry, settings)
    assert not parsed.errors
    actuals = parsed.rows
    targets = targets_frame(registry)
    plan = targets[(targets["document_id"] == "cn_ip_plan_14th") & targets["attribute"].ne("")]
    rows = []
    for target in plan.to_dict("records"):
        series = actuals[(actuals["indicator_id"] == target["indicator_id"])
                         & (actuals["region"] == target["region"])].sort_values("year")
        base_year, base_value = target["baseline_year"], target["baseline_value"]
        years = [int(year) for year in series["year"] if year > base_year]
        if len(years) < 2:
            continue
        last = years[-1]
        at_last = plan[plan["target_id"] == target["target_id"]].assign(target_year=last)
        for as_of in years[:-1]:
            chosen = gap_report(at_last, actuals, as_of, settings.status).report.iloc[0]
            if chosen["forecast"] == "not_judged":
                continue
            seen = series[(series["year"] > base_year) & (series["year"] <= as_of)]
            points = [(base_year, base_value), *zip(seen["year"], seen["value"], strict=True)]
            plain_value = two_year_trend(points, last)
            outcome = float(series.loc[series["year"] == last, "value"].iloc[0])
            direction, goal = target["direction"], target["target_value"]
            rows.append({
                "target_id": target["target_id"], "as_of": as_of, "checkpoint": last,
                "chosen": chosen["forecast"], "plain": verdict(direction, plain_value, goal),
                "outcome": verdict(direction, outcome, goal),
                "chosen_error": abs(chosen["projected_value"] - outcome) / outcome,
                "plain_error": abs(plain_value - outcome) / outcome,
            })
    return pd.DataFrame(rows)


def scores(frame: pd.DataFrame, method: str) -> tuple[int, int]:
    right = (frame[method].isin(REACHING) == frame["outcome"].isin(REACHING)).sum()
    exact = (frame[method] == frame["outcome"]).sum()
    return int(right), int(exact)


def test_the_chosen_rule_is_at_least_as_right_as_the_two_year_trend(checkpoints):
    assert len(checkpoints) == 20  # 6 series with two or more published years after the base
    assert scores(checkpoints, "chosen") == (20, 19)
    assert scores(checkpoints, "plain") == (20, 18)


def test_a_one_year_dip_misleads_the_two_year_trend(checkpoints):
    # 知识产权使用费 fell from 3872.5 (2022) to 3765.2 (2023) as published; 2024 was 3987.1,
    # 13.9 % over the 3500 target.  The last two points bend the plain line down.
    row = checkpoints.set_index(["target_id", "as_of"]).loc[("cn_plan_ip_royalty_trade_2025", 2023)]
    assert (row["chosen"], row["plain"], row["outcome"]) == ("exceed", "on_time", "exceed")


def test_the_two_year_trend_is_closer_on_the_number_itself(checkpoints):
    # Said plainly in the README: on the value at the checkpoint the plain line errs less
    # (pledge financing accelerated, which a straight line through all years underrates).
    assert checkpoints["chosen_error"].mean() == pytest.approx(0.0895, abs=5e-4)
    assert checkpoints["plain_error"].mean() == pytest.approx(0.0776, abs=5e-4)
