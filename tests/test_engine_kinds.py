"""Kinds, comparators and the special cases of the method, hand-computed."""

from __future__ import annotations

import pandas as pd
import pytest

from indicators.engine import gap_report
from tests.test_engine import check, make_actuals, make_targets, report_row

BLANK_RATIOS = {"progress_ratio": None, "schedule_ratio": None, "growth_ratio": None}

KIND_CASES = [
    pytest.param(
        # 新增 100 over the 2021-2025 plan; flows: 2020 (before the plan) 7, 2021 30, 2022 20.
        {"kind": "cumulative", "baseline_year": None, "target_value": 100},
        "year,value\n2020,7\n2021,30\n2022,20",
        {
            "baseline_year": 2020,  # the year before plan_start 2021
            "baseline_value": 0,
            "baseline_source": "cumulative_zero",
            "latest_value": 50,  # 30 + 20; the 2020 flow is outside the plan
            "time_share": 0.4,  # (2022-2020)/5
            "planned_value": 40,  # linear 0 + 100*0.4
            "progress_ratio": 0.5,
            "schedule_ratio": 1.25,  # 50/40
            "gap_to_path": -10,  # ahead of the path
            "growth_ratio": None,  # CAGR from 0 is undefined
            "required_annual_growth": 0.259921,  # (100/50)^(1/3)-1
            # points (2020,0), (2021,30), (2022,50): slope 25, mean (2021, 26.67)
            "projected_value": 126.666667,  # 26.67 + 25*4
            "status": "on_track",
        },
        id="cumulative-from-zero",
    ),
    pytest.param(
        # 累计 with a text baseline: 10 in 2020, +5 +5 -> 20 in 2022; target 30.
        {"kind": "cumulative", "baseline_value": 10, "target_value": 30},
        "year,value\n2021,5\n2022,5",
        {
            "baseline_source": "text",
            "latest_value": 20,
            "planned_value": 18,  # 10 + 20*0.4
            "schedule_ratio": 1.25,  # 10/8
            "status": "on_track",
        },
        id="cumulative-with-text-baseline",
    ),
    pytest.param(
        # Range 8-10 from 4 (2020): 6 in 2023, planned 4 + 4*0.6 = 6.4.
        {"comparator": "range", "baseline_value": 4, "target_value": 8, "target_low": 8,
         "target_high": 10},
        "year,value\n2023,6",
        {
            "target_value": 8,
            "target_low": 8,
            "target_high": 10,
            "progress_ratio": 0.5,  # (6-4)/(8-4)
            "schedule_ratio": 2 / 2.4,  # 0.8333
            "status": "slightly_behind",
        },
        id="range-low-bound",
    ),
    pytest.param(
        {"comparator": "range", "baseline_value": 4, "target_value": 8, "target_low": 8,
         "target_high": 10},
        "year,value\n2023,12",
        {"status": "achieved"},  # above the high bound still meets the low bound
        id="range-above-high-bound",
    ),
    pytest.param(
        # 全覆盖: 60% (2020) -> 100%; 90 in 2023, planned 60 + 40*0.6 = 84.
        {"comparator": "coverage", "unit": "%", "baseline_value": 60, "target_value": 100},
        "year,value\n2023,90",
        {"schedule_ratio": 1.25, "gap_to_target": 10, "status": "on_track"},  # 30/24
        id="coverage",
    ),
    pytest.param(
        {"comparator": "coverage", "unit": "%", "baseline_value": 60, "target_value": 100},
        "year,value\n2023,100",
        {"status": "achieved", "gap_to_target": 0},
        id="coverage-complete",
    ),
]


@pytest.mark.parametrize(("target", "actual_text", "expected"), KIND_CASES)
def test_kinds(target, actual_text, expected):
    check(report_row(target, actual_text), expected)


def test_cumulative_ignores_flows_after_the_target_year():
    row = report_row(
        {"kind": "cumulative", "baseline_year": None, "target_value": 100},
        "year,value\n2021,30\n2025,20\n2026,500",
    )
    assert row["latest_value"] == 50  # 30 + 20; 2026 belongs to the next plan
    assert row["latest_year"] == 2025
    assert row["status"] == "missed"  # 50 < 100 in the target year (q = 50/100)


HOLD_CASES = [
    # target == baseline: the comparator alone decides; ratios stay blank.
    (">=", 85, 86, "achieved"),  # 服判息诉率 85% held
    (">=", 85, 84, "behind"),
    ("<=", 5, 4, "achieved"),
    ("<=", 5, 6, "behind"),
    ("==", 5, 5, "achieved"),
    ("==", 5, 5.1, "behind"),
]


@pytest.mark.parametrize(("comparator", "level", "actual", "status"), HOLD_CASES)
def test_hold_a_level(comparator, level, actual, status):
    direction = -1 if comparator == "<=" else 1
    target = {"comparator": comparator, "direction": direction, "baseline_value": level,
              "target_value": level}
    row = report_row(target, f"year,value\n2023,{actual}")
    check(row, {"status": status, **BLANK_RATIOS})
    assert "保持水平" in row["note_zh"]


@pytest.mark.parametrize(
    ("values", "status"),
    [
        ("2021,10\n2022,12", "on_track"),  # 12 > 10
        ("2021,10\n2022,10", "behind"),  # not above the previous year
        ("2021,10\n2022,12\n2023,11", "behind"),
        ("2021,10", "not_assessable"),  # nothing to compare with
    ],
)
def test_increase_compares_with_the_previous_value(values, status):
    target = {"comparator": "increase", "baseline_year": None, "target_value": None}
    row = report_row(target, "year,value\n" + values)
    check(row, {"status": status, "gap_to_target": None, **BLANK_RATIOS})


def test_increase_uses_a_text_baseline_before_the_first_actual():
    target = {"comparator": "increase", "baseline_value": 9, "target_value": None}
    assert report_row(target, "year,value\n2021,10")["status"] == "on_track"  # 10 > 9


def test_first_actual_at_or_before_plan_start_becomes_the_baseline():
    # No baseline in the text; plan starts 2021: the 2021 actual (5) is the baseline.
    row = report_row(
        {"baseline_year": None, "target_value": 10},
        "year,value\n2019,3\n2020,4\n2021,5\n2023,7",
    )
    check(row, {
        "baseline_year": 2021, "baseline_value": 5, "baseline_source": "first_actual",
        "time_share": 0.5,  # (2023-2021)/(2025-2021)
        "planned_value": 7.5,  # 5 + 5*0.5
        "schedule_ratio": 0.8,  # 2/2.5
        "status": "slightly_behind",
    })
    assert "基期" in row["note_zh"] and "plan's start year" in row["note_en"]


def test_first_actual_falls_back_to_an_earlier_year_when_the_start_year_has_none():
    row = report_row({"baseline_year": None, "target_value": 10}, "year,value\n2019,3\n2022,6")
    assert (row["baseline_year"], row["baseline_value"]) == (2019, 3)


def test_no_baseline_anywhere_leaves_ratios_blank():
    target = {"baseline_year": None, "plan_start": None, "target_value": 10}
    short = report_row(target, "year,value\n2023,8")
    check(short, {"baseline_source": "none", "status": "not_assessable",
                  "time_share": None, "planned_value": None, "gap_to_target": 2,
                  **BLANK_RATIOS})
    assert "比率留空" in short["note_zh"]
    assert report_row(target, "year,value\n2023,11")["status"] == "achieved"


def test_no_actual_is_no_data():
    targets = make_targets({"baseline_value": 66, "target_value": 140})
    result = gap_report(targets, make_actuals("year,value\n2023,1", indicator="other"))
    check(result.report.iloc[0], {"status": "no_data", "latest_year": None,
                                  "latest_value": None, "projected_value": None})
    assert result.history.empty


def test_empty_actuals_give_no_as_of_and_no_data():
    targets = make_targets({"baseline_value": 66, "target_value": 140})
    empty = pd.DataFrame(columns=["indicator_id", "region", "year", "value"])
    result = gap_report(targets, empty)
    assert result.as_of is None
    assert result.report["status"].tolist() == ["no_data"]
    assert gap_report(targets, pd.DataFrame()).report["status"].tolist() == ["no_data"]


def test_series_are_matched_on_indicator_and_region():
    targets = make_targets(
        {"baseline_value": 66, "target_value": 140},
        {"region": "CN", "baseline_value": 2180, "target_value": 3200},
    )
    actuals = pd.concat([
        make_actuals("year,value\n2023,100"),
        make_actuals("year,value\n2023,2700", region="CN"),
    ])
    report = gap_report(targets, actuals).report
    assert report["latest_value"].tolist() == [100, 2700]


def test_the_last_of_repeated_rows_wins_and_blank_values_are_skipped():
    actuals = make_actuals("""
        indicator_id,region,year,value
        pledge,CN-CQ,2023,90
        pledge,CN-CQ,2022,80
        pledge,CN-CQ,2023,100
        pledge,CN-CQ,2024,
        pledge,CQ,2023,1
    """)
    result = gap_report(make_targets({"baseline_value": 66, "target_value": 140}), actuals)
    row = result.report.iloc[0]
    assert (row["latest_year"], row["latest_value"]) == (2023, 100)
    assert result.history["actual"].tolist() == [80, 100]


def test_categorical_columns_give_the_same_report():
    targets = make_targets({"baseline_value": 66, "target_value": 140})
    actuals = make_actuals("year,value\n2021,80\n2023,100")
    plain = gap_report(targets, actuals).report
    categorical = actuals.astype({"indicator_id": "category", "region": "category"})
    pd.testing.assert_frame_equal(gap_report(targets, categorical).report, plain)


def test_an_empty_targets_frame_gives_an_empty_report():
    targets = make_targets({"baseline_value": 66, "target_value": 140}).iloc[:0]
    result = gap_report(targets, make_actuals("year,value\n2023,100"))
    assert result.report.empty and result.history.empty
    assert result.as_of == 2023
