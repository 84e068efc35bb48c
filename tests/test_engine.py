"""Gap engine formulas against hand-computed values.

Each case states the arithmetic in a comment; expected numbers are written as
that arithmetic (or its decimal result), never taken from the engine.
"""

from __future__ import annotations

import io
import textwrap

import numpy as np
import pandas as pd
import pytest

from indicators.config import StatusThresholds
from indicators.engine import EXTRA_COLUMNS, HISTORY_COLUMNS, REPORT_COLUMNS, gap_report

TARGET_DEFAULTS = {
    "indicator_id": "pledge", "region": "CN-CQ", "document_id": "cq_plan", "name_zh": "指标",
    "name_en": "indicator", "unit": "亿元", "category": "use", "direction": 1,
    "comparator": ">=", "kind": "level", "path": "linear", "baseline_year": 2020,
    "baseline_value": np.nan, "target_year": 2025, "target_value": np.nan,
    "target_low": np.nan, "target_high": np.nan, "plan_start": 2021, "verified": True,
    "secondary_of": None,
}


def make_targets(*rows: dict) -> pd.DataFrame:
    records = [
        {"target_id": f"t{number}", **TARGET_DEFAULTS, **row} for number, row in enumerate(rows)
    ]
    return pd.DataFrame(records)


def make_actuals(text: str, indicator: str = "pledge", region: str = "CN-CQ") -> pd.DataFrame:
    """Inline CSV of year,value (or full rows when the header says so)."""
    frame = pd.read_csv(io.StringIO(textwrap.dedent(text).strip()))
    if "indicator_id" not in frame.columns:
        frame.insert(0, "indicator_id", indicator)
        frame.insert(1, "region", region)
    return frame


def report_row(target: dict, actual_text: str, **kwargs) -> pd.Series:
    return gap_report(make_targets(target), make_actuals(actual_text), **kwargs).report.iloc[0]


def check(row: pd.Series, expected: dict) -> None:
    for column, value in expected.items():
        if value is None:
            assert pd.isna(row[column]), f"{column}: expected blank, got {row[column]}"
        elif isinstance(value, str):
            assert row[column] == value, f"{column}: {row[column]} != {value}"
        else:
            assert row[column] == pytest.approx(value, rel=1e-4), column


CHONGQING_PLEDGE = {"baseline_value": 66, "target_value": 140}

FORMULA_CASES = [
    pytest.param(
        # Chongqing 知识产权质押融资登记金额 66 (2020) -> 140 亿元 (2025), 100 in 2023.
        CHONGQING_PLEDGE, "year,value\n2023,100",
        {
            "time_share": 0.6,  # (2023-2020)/(2025-2020)
            "planned_value": 110.4,  # 66 + 74*0.6
            "progress_ratio": 34 / 74,  # (100-66)/(140-66) = 0.45946
            "schedule_ratio": 34 / 44.4,  # (100-66)/(110.4-66) = 0.76577
            "gap_to_target": 40,  # 140-100
            "gap_to_path": 10.4,  # 110.4-100
            # ((100/66)^(1/3)-1) / ((140/66)^(1/5)-1) = 0.148559/0.162299
            "growth_ratio": 0.91534,
            "required_annual_growth": 0.183216,  # (140/100)^(1/2)-1
            "projected_value": 122.6667,  # line (2020,66)-(2023,100): 66 + 34/3*5
            "status": "slightly_behind",  # 0.60 <= 0.766 < 0.95
        },
        id="chongqing-pledge-linear",
    ),
    pytest.param(
        {"baseline_value": 100, "target_value": 200, "path": "geometric"},
        "year,value\n2023,150",
        {
            "planned_value": 151.57166,  # 100*2^0.6
            "progress_ratio": 0.5,  # 50/100
            "schedule_ratio": 0.969524,  # 50/51.57166
            "gap_to_path": 1.57166,
            "growth_ratio": 0.973209,  # (1.5^(1/3)-1)/(2^(1/5)-1) = 0.144714/0.148698
            "required_annual_growth": 0.154701,  # (200/150)^(1/2)-1
            "status": "on_track",
        },
        id="geometric-path",
    ),
    pytest.param(
        # Lower is better: 10 -> 5, actual 9 in 2023.
        {"baseline_value": 10, "target_value": 5, "direction": -1},
        "year,value\n2023,9",
        {
            "planned_value": 7,  # 10 + (5-10)*0.6
            "progress_ratio": 0.2,  # (9-10)/(5-10)
            "schedule_ratio": 1 / 3,  # (9-10)/(7-10)
            "gap_to_target": 4,  # -1*(5-9): still 4 above the target
            "gap_to_path": 2,  # -1*(7-9): 2 above the planned path
            "growth_ratio": 0.266602,  # (0.9^(1/3)-1)/(0.5^(1/5)-1) = -0.034511/-0.129449
            "required_annual_growth": -0.254644,  # (5/9)^(1/2)-1
            "projected_value": 25 / 3,  # line (2020,10)-(2023,9): 10 - 5/3
            "status": "behind",  # 0 <= 0.333 < 0.60
        },
        id="lower-is-better",
    ),
    pytest.param(
        CHONGQING_PLEDGE, "year,value\n2023,60",
        {
            "progress_ratio": -6 / 74,
            "schedule_ratio": -6 / 44.4,  # -0.135
            "gap_to_target": 80,
            "gap_to_path": 50.4,
            "growth_ratio": -0.192666,  # ((60/66)^(1/3)-1)/0.162299 = -0.031270/0.162299
            "status": "moving_away",
        },
        id="moving-away",
    ),
    pytest.param(
        CHONGQING_PLEDGE, "year,value\n2023,150",
        {
            "progress_ratio": 84 / 74,
            "gap_to_target": -10,  # negative: beyond the target
            "required_annual_growth": -0.033908,  # (140/150)^(1/2)-1
            "status": "achieved",
        },
        id="achieved-early",
    ),
    pytest.param(
        # Two actuals: least squares through (2020,66), (2021,80), (2023,100).
        CHONGQING_PLEDGE, "year,value\n2021,80\n2023,100",
        {
            # x from 2025: -5,-4,-2 (mean -11/3); y mean 82; Sxy = 52, Sxx = 42/9;
            # slope 52/(42/9) = 11.142857; at x=0: 82 + 11.142857*11/3
            "projected_value": 122.857143,
            "latest_year": 2023,
            "latest_value": 100,
        },
        id="projection-three-points",
    ),
    pytest.param(
        # Actuals at or before the baseline year do not count twice or tilt the line:
        # the fit uses (2020,66) and (2023,100) only, as in the first case.
        CHONGQING_PLEDGE, "year,value\n2019,50\n2020,66\n2023,100",
        {"projected_value": 122.6667},
        id="projection-ignores-years-up-to-baseline",
    ),
]


@pytest.mark.parametrize(("target", "actual_text", "expected"), FORMULA_CASES)
def test_formulas(target, actual_text, expected):
    check(report_row(target, actual_text), expected)


@pytest.mark.parametrize(
    ("actual", "status"),
    [
        # Baseline 0 (2020) -> 100 (2025); in 2024 s = 0.8 and the planned value is 80.
        (100, "achieved"),
        (76, "on_track"),  # q = 76/80 = 0.95, the boundary counts as on track
        (75.9, "slightly_behind"),
        (48, "slightly_behind"),  # q = 48/80 = 0.60
        (47.9, "behind"),
        (0, "behind"),  # q = 0
        (-1, "moving_away"),  # q = -1/80
    ],
)
def test_status_thresholds_are_inclusive_lower_bounds(actual, status):
    row = report_row({"baseline_value": 0, "target_value": 100}, f"year,value\n2024,{actual}")
    assert row["status"] == status


def test_thresholds_come_from_the_caller():
    # q = 0.766 (the Chongqing case) is on track once on_track drops to 0.75.
    loose = StatusThresholds(on_track=0.75, slightly_behind=0.5)
    row = report_row(CHONGQING_PLEDGE, "year,value\n2023,100", thresholds=loose)
    assert row["status"] == "on_track"


def test_report_and_history_columns_in_order():
    result = gap_report(make_targets(CHONGQING_PLEDGE), make_actuals("year,value\n2023,100"))
    assert list(result.report.columns) == REPORT_COLUMNS + EXTRA_COLUMNS
    assert list(result.history.columns) == HISTORY_COLUMNS


def test_history_has_one_row_per_target_and_year():
    targets = make_targets(CHONGQING_PLEDGE, {**CHONGQING_PLEDGE, "target_value": 100})
    result = gap_report(targets, make_actuals("year,value\n2021,80\n2023,100"))
    history = result.history
    assert len(history) == 4  # two targets × two years
    first = history[history["target_id"] == "t0"].reset_index(drop=True)
    assert first["year"].tolist() == [2021, 2023]
    # 2021: planned 66 + 74*0.2 = 80.8, q = 14/14.8 = 0.9459 (just short of 0.95)
    assert first.loc[0, "planned_value"] == pytest.approx(80.8)
    assert first.loc[0, "schedule_ratio"] == pytest.approx(14 / 14.8)
    assert first["status"].astype(str).tolist() == ["slightly_behind", "slightly_behind"]
    second = history[history["target_id"] == "t1"]
    # 66 -> 100: 2023 planned 66 + 34*0.6 = 86.4, actual 100 >= target -> achieved
    assert second["status"].astype(str).tolist() == ["on_track", "achieved"]


def test_as_of_uses_the_latest_actual_at_or_before_it():
    targets = make_targets(CHONGQING_PLEDGE)
    actuals = make_actuals("year,value\n2021,80\n2023,100")
    result = gap_report(targets, actuals, as_of=2022)
    assert result.as_of == 2022
    row = result.report.iloc[0]
    assert (row["latest_year"], row["latest_value"]) == (2021, 80)
    assert result.history["year"].tolist() == [2021]
    assert gap_report(targets, actuals).as_of == 2023  # default: latest year with data


def test_as_of_defaults_to_the_latest_year_of_any_series():
    other = make_actuals("year,value\n2024,1", indicator="unrelated")
    actuals = pd.concat([make_actuals("year,value\n2023,100"), other])
    result = gap_report(make_targets(CHONGQING_PLEDGE), actuals)
    assert result.as_of == 2024
    assert result.report.iloc[0]["latest_year"] == 2023
