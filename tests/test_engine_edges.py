"""Edge cases: undefined CAGR, single points, late data, targets met at baseline."""

from __future__ import annotations

import numpy as np
import pytest

from indicators.engine import gap_report
from tests.test_engine import check, make_actuals, make_targets, report_row

BLANK_RATIOS = {"progress_ratio": None, "schedule_ratio": None, "growth_ratio": None}


def test_zero_baseline_has_ratios_but_no_growth_ratio():
    # 0 -> 10, 5 in 2023: planned 6; CAGR from 0 is undefined.
    row = report_row({"baseline_value": 0, "target_value": 10}, "year,value\n2023,5")
    check(row, {
        "progress_ratio": 0.5, "schedule_ratio": 5 / 6, "growth_ratio": None,
        "required_annual_growth": 2 ** 0.5 - 1,  # (10/5)^(1/2)-1
        "status": "slightly_behind",
    })


def test_negative_baseline():
    # -5 -> 10, 0 in 2023: planned -5 + 15*0.6 = 4; q = 5/9; (10/0) has no growth rate.
    row = report_row({"baseline_value": -5, "target_value": 10}, "year,value\n2023,0")
    check(row, {
        "progress_ratio": 1 / 3, "schedule_ratio": 5 / 9, "growth_ratio": None,
        "required_annual_growth": None, "status": "behind",
    })


def test_negative_actual_has_no_required_growth():
    row = report_row({"baseline_value": 5, "target_value": 10}, "year,value\n2023,-2")
    check(row, {"required_annual_growth": None, "growth_ratio": None, "status": "moving_away"})


def test_geometric_path_falls_back_to_linear_from_zero():
    target = {"baseline_value": 0, "target_value": 10, "path": "geometric"}
    row = report_row(target, "year,value\n2023,5")
    check(row, {"planned_value": 6, "schedule_ratio": 5 / 6})  # linear: 0 + 10*0.6
    assert "linear path used" in row["note_en"]


def test_single_point_at_the_baseline_year_is_not_assessable():
    # q is undefined at y = y0 (planned - v0 = 0); one point gives no projection.
    row = report_row({"baseline_value": 66, "target_value": 140}, "year,value\n2020,66")
    check(row, {"time_share": 0, "progress_ratio": 0, "schedule_ratio": None,
                "projected_value": None, "status": "not_assessable"})


def test_single_point_without_baseline_has_no_projection():
    target = {"baseline_year": None, "plan_start": None, "target_value": 10}
    check(report_row(target, "year,value\n2023,5"), {"projected_value": None})


def test_data_after_the_target_year():
    # 2026 = 130: s clamps to 1, planned = 140, q = 64/74 = 0.865; no years left.
    # Past the target year the schedule no longer matters: 130 < 140 is missed.
    row = report_row({"baseline_value": 66, "target_value": 140}, "year,value\n2026,130")
    check(row, {
        "time_share": 1, "planned_value": 140, "schedule_ratio": 64 / 74,
        "gap_to_path": 10, "required_annual_growth": None, "status": "missed",
    })
    assert "after the target year" in row["note_en"]


def test_as_of_before_the_late_data_uses_the_earlier_actual():
    row = report_row({"baseline_value": 66, "target_value": 140},
                     "year,value\n2024,120\n2026,130", as_of=2025)
    assert (row["latest_year"], row["latest_value"]) == (2024, 120)


@pytest.mark.parametrize(("actual", "status"), [(12, "achieved"), (11, "achieved"),
                                                 (10, "achieved"), (9, "behind")])
def test_target_already_met_at_baseline(actual, status):
    # Baseline 12 already beats the target 10 (higher is better): ratios would mislead.
    row = report_row({"baseline_value": 12, "target_value": 10}, f"year,value\n2023,{actual}")
    check(row, {"status": status, **BLANK_RATIOS})
    assert "基期已达到目标" in row["note_zh"]


def test_lower_is_better_achieved():
    row = report_row({"baseline_value": 10, "target_value": 5, "direction": -1},
                     "year,value\n2023,4.9")
    check(row, {"status": "achieved", "gap_to_target": -0.1})


def test_unit_conversion_rounding_still_meets_the_target():
    # 0.07 × 100 is 7.000000000000001 in binary; a typed 7 meets it.
    row = report_row({"baseline_value": 5, "target_value": 0.07 * 100}, "year,value\n2023,7")
    assert row["status"] == "achieved"


def test_target_year_equal_to_baseline_year():
    # No time to elapse: the whole way is due at once, s = 1, q = (8-5)/(10-5);
    # 2025 is the target year, so 8 < 10 is missed.
    target = {"baseline_year": 2025, "baseline_value": 5, "target_value": 10}
    row = report_row(target, "year,value\n2025,8")
    check(row, {"time_share": 1, "schedule_ratio": 0.6, "status": "missed"})


def test_unverified_target_says_so():
    row = report_row({"baseline_value": 66, "target_value": 140, "verified": False},
                     "year,value\n2023,100")
    assert "not verified" in row["note_en"]


def test_extreme_values_give_blanks_not_infinities():
    targets = make_targets({"baseline_value": 1e-300, "target_value": 1e300, "path": "geometric"},
                           {"baseline_value": -1e308, "target_value": 1e308})
    result = gap_report(targets, make_actuals("year,value\n2021,1e308\n2023,-1e308"))
    numbers = result.report.select_dtypes("number").to_numpy(dtype=float, na_value=np.nan)
    assert not np.isinf(numbers).any()
