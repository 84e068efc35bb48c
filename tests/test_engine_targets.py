"""targets_frame: registry records to engine rows, in the indicator's unit."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from indicators.config import load_config
from indicators.engine import (
    STATUS_CODES,
    TARGET_FRAME_COLUMNS,
    EngineInputError,
    gap_report,
    targets_frame,
)
from indicators.registry import load_registry

REGISTRY = """
documents:
  - {id: plan, title_zh: 规划, title_en: Plan, issuer: 国务院, level: national, kind: plan,
     region: CN, period_start: 2021, period_end: 2025}
  - {id: outline, title_zh: 纲要, title_en: Outline, issuer: 国务院, level: national,
     kind: outline, region: CN}
indicators:
  - {id: overseas, name_zh: 海外发明专利授权量, name_en: Overseas grants, unit: 件,
     category: creation}
  - {id: cases, name_zh: 结案周期, name_en: Case duration, unit: 天, category: protection,
     direction: lower}
  - {id: platforms, name_zh: 平台, name_en: Platforms, unit: 个, category: use}
targets:
  - {id: overseas_2025, indicator: overseas, region: CN, document: plan, section: 表,
     quote: 4万 9万件, line: 1, unit: 万件, baseline: {year: 2020, value: 4},
     target_year: 2025, target_value: 9, comparator: ">=", kind: level}
  - {id: cases_2025, indicator: cases, region: CN, document: outline, section: 文,
     quote: 结案周期, line: 2, baseline: {year: 2019, value: 120}, target_year: 2025,
     target_value: 100, comparator: "<=", kind: level}
  - {id: platforms_2025, indicator: platforms, region: CN, document: plan, section: 专栏,
     quote: 1—2个, line: 3, target_year: 2025, target_low: 1, target_high: 2,
     comparator: range, kind: cumulative}
  - {id: coverage_2025, indicator: platforms, region: CN-CQ, document: outline, section: 文,
     quote: 全覆盖, line: 4, target_year: 2025, target_value: 100, comparator: coverage,
     kind: level}
"""


@pytest.fixture
def frame(mini_project) -> pd.DataFrame:
    config = mini_project(registry=REGISTRY)
    return targets_frame(load_registry(load_config(config)))


def test_columns_and_one_row_per_target(frame):
    assert list(frame.columns) == TARGET_FRAME_COLUMNS
    assert frame["target_id"].tolist() == [
        "overseas_2025", "cases_2025", "platforms_2025", "coverage_2025"
    ]


def test_values_are_converted_to_the_indicator_unit(frame):
    overseas = frame.set_index("target_id").loc["overseas_2025"]
    assert overseas["unit"] == "件"
    assert overseas["baseline_value"] == 40_000  # 4 万件
    assert overseas["target_value"] == 90_000  # 9 万件


def test_direction_range_coverage_and_plan_start(frame):
    rows = frame.set_index("target_id")
    assert rows.loc["cases_2025", "direction"] == -1
    assert rows.loc["overseas_2025", "direction"] == 1
    assert rows.loc["platforms_2025", ["target_value", "target_low", "target_high"]].tolist() == [
        1, 1, 2
    ]
    assert rows.loc["coverage_2025", "target_value"] == 100
    assert rows.loc["overseas_2025", "plan_start"] == 2021  # the document's period
    assert rows.loc["cases_2025", "plan_start"] == 2019  # no period: the baseline year
    assert pd.isna(rows.loc["coverage_2025", "plan_start"])  # neither


def test_report_on_a_registry_frame(frame):
    actuals = pd.DataFrame({
        "indicator_id": ["overseas", "cases", "platforms", "platforms"],
        "region": ["CN", "CN", "CN", "CN"],
        "year": [2023, 2023, 2021, 2022],
        "value": [70_000, 110, 1, 0],
    })
    report = gap_report(frame, actuals).report.set_index("target_id")
    # 40000 -> 90000: planned 40000 + 50000*0.6 = 70000 -> q = 1
    assert report.loc["overseas_2025", "status"] == "on_track"
    # 120 (2019) -> 100 (2025), lower is better: planned 120 - 20*4/6 = 106.67, q = 10/13.33
    assert report.loc["cases_2025", "schedule_ratio"] == pytest.approx(0.75)
    assert report.loc["platforms_2025", "status"] == "achieved"  # 1 + 0 meets the low bound
    assert report.loc["coverage_2025", "status"] == "no_data"


def test_missing_required_column_is_a_clear_error():
    with pytest.raises(EngineInputError, match="target_year"):
        gap_report(pd.DataFrame({"target_id": ["t"], "indicator_id": ["a"], "region": ["CN"]}),
                   pd.DataFrame())


def test_real_registry_smoke():
    """Every real target gets a status; a series with one target is met by its own value."""
    frame = targets_frame(load_registry(load_config()))
    assert frame["target_id"].is_unique
    single = frame.groupby(["indicator_id", "region"])["target_id"].transform("size") == 1
    judged = single & frame["target_value"].notna() & (frame["kind"] != "cumulative")
    chosen = frame[judged]
    actuals = pd.DataFrame({
        "indicator_id": chosen["indicator_id"], "region": chosen["region"],
        "year": chosen["target_year"], "value": chosen["target_value"],
    })
    report = gap_report(frame, actuals).report
    assert len(report) == len(frame)
    assert set(report["status"]) <= set(STATUS_CODES)
    met = report[judged.to_numpy()]
    assert (met["status"] == "achieved").all(), met.loc[met["status"] != "achieved", "target_id"]
    assert np.isfinite(met["gap_to_target"].astype(float)).all()
