"""Final statuses, the met-then-lost case and the forecast verdict, against hand-computed frames.

Every target is its own series (indicator id = target id), all with baseline
(2020, v0) and target year 2025; the as-of year is the latest with data, 2025.
Each expected row states its arithmetic in the comment above it.
"""

from __future__ import annotations

import io
import textwrap

import numpy as np
import pandas as pd
import pytest

from indicators.config import StatusThresholds
from indicators.engine import gap_report
from tests.test_engine import make_actuals, make_targets


def frame(text: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(textwrap.dedent(text).strip()))


def targets_from(text: str) -> pd.DataFrame:
    rows = frame(text).to_dict("records")
    return make_targets(*[{**row, "indicator_id": row["target_id"]} for row in rows]).assign(
        target_id=[row["target_id"] for row in rows])


def actuals_from(text: str) -> pd.DataFrame:
    return make_actuals(text)  # full rows: indicator_id,region,year,value


TARGETS = """
target_id,baseline_value,target_value,direction
met_early,66,140,1
exceeded,66,140,1
on_time,66,140,1
missed,66,140,1
fell_back,66,140,1
met_then_missed,66,140,1
lower_exceeded,10,5,-1
"""

ACTUALS = """
indicator_id,region,year,value
met_early,CN-CQ,2023,145
met_early,CN-CQ,2025,150
exceeded,CN-CQ,2023,100
exceeded,CN-CQ,2025,160
on_time,CN-CQ,2023,100
on_time,CN-CQ,2025,145
missed,CN-CQ,2023,100
missed,CN-CQ,2025,120
fell_back,CN-CQ,2022,145
fell_back,CN-CQ,2023,130
met_then_missed,CN-CQ,2022,145
met_then_missed,CN-CQ,2025,130
lower_exceeded,CN-CQ,2023,6
lower_exceeded,CN-CQ,2025,4.4
"""

# met_early: 145 >= 140 in 2023 (before 2025) and 150 >= 140 in 2025; rate 150/140.
# exceeded: 160 - 140 = 20 > 0.10 * 140 = 14; rate 160/140.
# on_time: 145 - 140 = 5 <= 14, met in the target year only: achieved; rate 145/140.
# missed: 120 < 140 in 2025; rate 120/140; gap 140 - 120 = 20.
# fell_back: met in 2022 (145), 130 < 140 in 2023, target year ahead; rate 130/140.
#   Forecast: line through (2020,66) (2022,145) (2023,130) at 2025: mean x -10/3 from
#   2025, mean y 341/3, sxy 111.667, sxx 4.667, slope 23.93 -> 193.43, beyond 140 + 14;
#   growth (130/66)^(1/3)-1 = 25.4 % >= (140/130)^(1/2)-1 = 3.8 %: exceed.
# met_then_missed: met in 2022, 130 < 140 in the target year: missed (with a note).
# lower_exceeded: lower is better, 4.4 <= 5 and 5 - 4.4 = 0.6 > 0.10 * 5; rate 5/4.4.
EXPECTED = """
target_id,status,completion_rate,first_met_year,forecast,gap_to_target
met_early,met_early,1.0714286,2023,not_judged,-10
exceeded,exceeded,1.1428571,,not_judged,-20
on_time,achieved,1.0357143,,not_judged,-5
missed,missed,0.8571429,,not_judged,20
fell_back,met_then_lost,0.9285714,2022,exceed,10
met_then_missed,missed,0.9285714,2022,not_judged,10
lower_exceeded,exceeded,1.1363636,,not_judged,-0.6
"""


def check_frame(report: pd.DataFrame, expected_text: str) -> None:
    expected = frame(expected_text).set_index("target_id")
    actual = report.set_index("target_id").loc[expected.index, expected.columns]
    for column in expected.columns:
        for target_id in expected.index:
            want, got = expected.loc[target_id, column], actual.loc[target_id, column]
            where = f"{target_id}.{column}"
            if pd.isna(want):
                assert pd.isna(got), f"{where}: expected blank, got {got}"
            elif isinstance(want, str):
                assert got == want, f"{where}: {got} != {want}"
            else:
                assert float(got) == pytest.approx(float(want), rel=1e-6), where


@pytest.fixture(scope="module")
def final() -> pd.DataFrame:
    return gap_report(targets_from(TARGETS), actuals_from(ACTUALS)).report


def test_every_final_status_and_the_met_then_lost_case(final):
    check_frame(final, EXPECTED)


def test_a_target_that_fell_back_says_so_in_its_note(final):
    notes = final.set_index("target_id")["note_zh"]
    assert "此前曾达到目标" in notes["fell_back"] and "此前曾达到目标" in notes["met_then_missed"]
    assert "此前曾达到目标" not in notes["missed"]


def test_history_tells_the_year_it_was_met_from_the_year_it_fell_back():
    result = gap_report(targets_from(TARGETS), actuals_from(ACTUALS))
    history = result.history[result.history["target_id"] == "fell_back"]
    assert history["status"].astype(str).tolist() == ["achieved", "met_then_lost"]


def test_before_the_target_year_the_schedule_statuses_stay():
    # as of 2023 the missed target is 100 against 110.4 planned: q = 34/44.4 = 0.766.
    report = gap_report(targets_from(TARGETS), actuals_from(ACTUALS), as_of=2023).report
    by_id = report.set_index("target_id")["status"]
    assert by_id["missed"] == "slightly_behind"
    assert by_id["met_early"] == "achieved"  # met, the target year still ahead
    # ... except a target met and lost again: q = 64/44.4 = 1.44 would read on track.
    assert by_id["fell_back"] == "met_then_lost"


def test_the_exceed_margin_comes_from_the_thresholds(final):
    # With a 20 % margin, 160 is 14.3 % over 140: achieved, not exceeded.
    wide = StatusThresholds(exceed_margin=0.20)
    report = gap_report(targets_from(TARGETS), actuals_from(ACTUALS), thresholds=wide).report
    assert report.set_index("target_id").loc["exceeded", "status"] == "achieved"


def test_hold_and_increase_targets_get_achieved_or_missed_in_the_target_year():
    targets = make_targets(
        {"target_id": "hold_ok", "indicator_id": "hold_ok", "baseline_value": 85, "target_value": 85},
        {"target_id": "hold_no", "indicator_id": "hold_no", "baseline_value": 85, "target_value": 85},
        {"target_id": "up_ok", "indicator_id": "up_ok", "comparator": "increase"},
        {"target_id": "up_no", "indicator_id": "up_no", "comparator": "increase"},
    ).assign(target_id=["hold_ok", "hold_no", "up_ok", "up_no"])
    actuals = actuals_from("""
        indicator_id,region,year,value
        hold_ok,CN-CQ,2025,86
        hold_no,CN-CQ,2025,84
        up_ok,CN-CQ,2024,10
        up_ok,CN-CQ,2025,11
        up_no,CN-CQ,2024,10
        up_no,CN-CQ,2025,9
    """)
    report = gap_report(targets, actuals).report.set_index("target_id")
    assert report["status"].to_dict() == {
        "hold_ok": "achieved", "hold_no": "missed", "up_ok": "achieved", "up_no": "missed"}
    assert np.isnan(report.loc["up_ok", "completion_rate"])  # 'steady growth' has no number


FORECAST_TARGETS = """
target_id,baseline_value,target_value,direction
steady,66,140,1
slow,66,140,1
late_surge,66,140,1
late_surge_far,66,300,1
"""
FORECAST_ACTUALS = """
indicator_id,region,year,value
steady,CN-CQ,2021,80
steady,CN-CQ,2022,95
steady,CN-CQ,2023,112
slow,CN-CQ,2021,70
slow,CN-CQ,2022,74
slow,CN-CQ,2023,78
late_surge,CN-CQ,2021,67
late_surge,CN-CQ,2022,68
late_surge,CN-CQ,2023,120
late_surge_far,CN-CQ,2021,67
late_surge_far,CN-CQ,2022,68
late_surge_far,CN-CQ,2023,170
"""
# x = year - 2025 over 2020..2023 (-5..-2): mean -3.5, sxx = 5.
# steady: y 66 80 95 112, mean 88.25, sxy 76.5, slope 15.3 -> 88.25 + 15.3*3.5 = 141.80
#   >= 140 but < 154; growth (112/66)^(1/3)-1 = 19.3 % >= (140/112)^(1/2)-1 = 11.8 %: on time.
# slow: y 66 70 74 78, slope 4 -> 72 + 4*3.5 = 86 < 140; growth 5.7 % < 34.0 %: difficult.
# late_surge: y 66 67 68 120, mean 80.25, sxy 81.5, slope 16.3 -> 137.30 < 140, but growth
#   (120/66)^(1/3)-1 = 22.0 % >= (140/120)^(1/2)-1 = 8.0 %: they disagree; q = 54/44.4 = 1.22
#   is on track, so on time.
# late_surge_far: target 300, y 66 67 68 170, mean 92.75, sxy 156.5, slope 31.3 -> 202.30
#   < 300; growth 37.1 % >= 32.8 %: disagree; planned 66 + 234*0.6 = 206.4,
#   q = 104/140.4 = 0.741 is slightly behind, so difficult.
FORECAST_EXPECTED = """
target_id,status,projected_value,forecast
steady,on_track,141.8,on_time
slow,behind,86,difficult
late_surge,on_track,137.3,on_time
late_surge_far,slightly_behind,202.3,difficult
"""


def test_forecast_verdicts():
    report = gap_report(targets_from(FORECAST_TARGETS), actuals_from(FORECAST_ACTUALS)).report
    check_frame(report, FORECAST_EXPECTED)


def test_forecast_growth_threshold_comes_from_the_thresholds():
    # late_surge_far grows 37.1 % a year against 32.8 % required; asking 1.2 times the
    # required (39.4 %) turns the pace against it too: both signals against, difficult.
    strict = StatusThresholds(forecast={"growth_ratio": 1.2})
    report = gap_report(targets_from(FORECAST_TARGETS), actuals_from(FORECAST_ACTUALS),
                        thresholds=strict).report.set_index("target_id")
    assert report.loc["late_surge", "forecast"] == "on_time"  # 22.0 % >= 1.2 * 8.0 %
    assert report.loc["slow", "forecast"] == "difficult"


def test_no_verdict_without_either_signal():
    # No baseline and one actual short of the target: no line (one point), no growth since
    # a baseline, and the status is not assessable: no verdict.
    target = {"target_id": "lone", "indicator_id": "lone", "baseline_year": None,
              "plan_start": None, "target_value": 10}
    report = gap_report(make_targets(target).assign(target_id=["lone"]),
                        make_actuals("year,value\n2023,5", indicator="lone")).report
    assert (report.loc[0, "status"], report.loc[0, "forecast"]) == ("not_assessable", "not_judged")
    # Met already (12 >= 10): the pace needs nothing more, so on time.
    met = gap_report(make_targets(target).assign(target_id=["lone"]),
                     make_actuals("year,value\n2023,12", indicator="lone")).report
    assert (met.loc[0, "status"], met.loc[0, "forecast"]) == ("achieved", "on_time")
