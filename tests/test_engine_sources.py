"""Where each latest value was published, and which national figures are due (pure functions)."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from indicators.engine import (
    LATEST_SOURCE_COLUMNS,
    RELEASE_COLUMNS,
    expected_releases,
    with_latest_sources,
)

REPORT = pd.DataFrame({
    "target_id": ["a", "b", "c", "d"],
    "indicator_id": ["pledge", "pledge", "hv", "hv"],
    "region": ["CN", "CN", "CN", "CN-CQ"],
    "name_zh": ["质押融资", "质押融资", "高价值专利", "高价值专利"],
    "name_en": ["Pledge", "Pledge", "HV patents", "HV patents"],
    "unit": ["亿元", "亿元", "件", "件"],
    "latest_year": [2023, 2023, 2025, None],
})
ACTUALS = pd.read_csv(io.StringIO(
    "indicator_id,region,year,value,note,upload_id,source,url,published,quote\n"
    "pledge,CN,2022,4868.8,,1,国新办,https://a.cn/1,2023-04-24,\n"
    "pledge,CN,2023,8539.9,,1,国新办,https://a.cn/2,2024-04-24,\n"
    "hv,CN,2025,16,,1,中国知识产权报,,2026-01-29,\n"
    "hv,CN-CQ,2023,7.15,,1,华龙网,,,\n"
), keep_default_na=False)


def test_latest_sources_are_the_last_columns_and_follow_the_latest_year():
    report = with_latest_sources(REPORT, ACTUALS)
    assert list(report.columns) == list(REPORT.columns) + list(LATEST_SOURCE_COLUMNS)
    assert report[list(LATEST_SOURCE_COLUMNS)].values.tolist() == [
        ["国新办", "https://a.cn/2", "2024-04-24"], ["国新办", "https://a.cn/2", "2024-04-24"],
        ["中国知识产权报", "", "2026-01-29"], ["", "", ""]]  # d has no latest value
    assert report.index.equals(REPORT.index)


def test_latest_sources_are_blank_without_source_columns():
    report = with_latest_sources(REPORT, ACTUALS[["indicator_id", "region", "year", "value"]])
    assert (report[list(LATEST_SOURCE_COLUMNS)] == "").all().all()


@pytest.mark.parametrize(("current_year", "due"), [
    # latest pledge 2023 -> 2024 due once 2024 is past; hv 2025 -> 2026 due from 2027
    (2024, []),
    (2025, [("pledge", 2023, 8539.9, 2024)]),
    (2026, [("pledge", 2023, 8539.9, 2024)]),
    (2027, [("pledge", 2023, 8539.9, 2024), ("hv", 2025, 16.0, 2026)]),
])
def test_expected_releases_by_current_year(current_year, due):
    found = expected_releases(REPORT, ACTUALS, current_year)
    assert list(found.columns) == RELEASE_COLUMNS
    assert [(row.indicator_id, row.latest_year, row.latest_value, row.expected_year)
            for row in found.itertuples()] == due


def test_expected_releases_are_national_only_and_ignore_series_outside_the_report():
    found = expected_releases(REPORT, ACTUALS, 2030)
    assert set(found["region"]) == {"CN"}  # CN-CQ hv (2023) is not national
    only_hv = expected_releases(REPORT[REPORT["indicator_id"] == "hv"], ACTUALS, 2030)
    assert only_hv["indicator_id"].tolist() == ["hv"]
    assert expected_releases(REPORT, ACTUALS, 2030, regions=("CN-CQ",))["latest_year"].tolist() == [2023]


def test_expected_releases_of_nothing():
    assert expected_releases(REPORT, ACTUALS.iloc[0:0], 2030).empty
    assert expected_releases(REPORT.iloc[0:0], ACTUALS, 2030).empty
