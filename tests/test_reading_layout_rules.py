"""The rules behind the phone layout: label wrapping, the chart's two looks, the table's columns."""

from __future__ import annotations

import pandas as pd
import pytest

from layouts.figures.labels import text_em, wrap_label
from layouts.figures.progress import narrow_layout, progress_figure
from layouts.grid.column_chooser import DEFAULT_COLUMNS, default_columns
from layouts.grid.report_table import column_defs, header_width

WRAP_CASES = [
    # (label, width em, max lines, expected lines)
    ("每万人口高价值发明专利拥有量 · 重庆 · 规划", 23, 3, ["每万人口高价值发明专利拥有量 · 重庆 · 规划"]),
    # A part that does not fit moves whole to the next line; the separator is dropped.
    ("Invention patents owned per 10,000 people · China", 23, 3,
     ["Invention patents owned per 10,000 people", "China"]),
    # A region is never split between lines.
    ("重点企业和商品市场知识产权风险预警与防范支持数量 · 重庆", 26, 2,
     ["重点企业和商品市场知识产权风险预警与防范支持数量", "重庆"]),
    # Too long for its lines: an ellipsis after the last whole word.
    ("Share of industrial enterprises above designated size implementing the enterprise IP "
     "management standard · Chongqing · plan", 26, 2,
     ["Share of industrial enterprises above designated size", "implementing the enterprise IP management…"]),
]


@pytest.mark.parametrize(("label", "width", "lines", "expected"), WRAP_CASES)
def test_labels_wrap_at_word_boundaries(label, width, lines, expected):
    wrapped = wrap_label(label, width, lines)
    assert wrapped == expected
    assert all(text_em(line) <= width for line in wrapped)


def test_han_characters_are_wider_than_latin_letters():
    assert text_em("目标") == 2.0
    assert text_em("target") < 4.0


def _report() -> pd.DataFrame:
    rows = [("a", "hv", "CN", "知识产权创造", "每万人口高价值发明专利拥有量", 0.4, "behind"),
            ("b", "pl", "CN-CQ", "知识产权运用", "知识产权质押融资登记金额", 0.9, "on_track")]
    frame = pd.DataFrame(rows, columns=["target_id", "indicator_id", "region", "category",
                                        "name_zh", "progress_ratio", "status"])
    return frame.assign(name_en=frame["name_zh"], time_share=0.8, document_id="d", unit="件",
                        baseline_year=2020, baseline_value=1.0, latest_year=2024,
                        latest_value=2.0, target_year=2025, target_value=3.0)


def test_the_phone_layout_puts_labels_inside_and_spans_the_width():
    wide = progress_figure(_report(), "zh")["layout"]
    narrow = narrow_layout(_report(), "zh")["layout"]
    assert wide["yaxis"].get("ticklabelposition") is None and wide["margin"]["l"] > 200
    assert narrow["yaxis"]["ticklabelposition"] == "inside" and narrow["margin"]["l"] < 10
    assert narrow["xaxis"]["tickvals"] == [0, 0.5, 1.0]  # fewer ticks: none piled up
    assert narrow["height"] > wide["height"] - 60  # one label line above each bar


def test_the_wide_margin_is_stated_from_the_widest_label_and_nothing_is_automatic():
    # The widest label is "每万人口高价值发明专利拥有量 · CN" (no region names given):
    # 14 Han (14 em) + " · " (3 x 0.3) + "CN" (2 x 0.62) = 16.14 em; at 13 px, times 1.1,
    # 230.8 -> 231 px, plus 16 px of standoff: 247.
    layout = progress_figure(_report().assign(region="CN"), "zh", regions={})["layout"]
    assert layout["margin"]["l"] == 247
    axes = [key for key in layout if key.startswith(("xaxis", "yaxis"))]
    assert axes and all(layout[axis]["automargin"] is False for axis in axes)


def test_a_long_label_widens_the_margin_past_the_least():
    report = _report().assign(name_zh="开展知识产权风险预警及防控的重点企业和商品市场数量")
    assert progress_figure(report, "zh")["layout"]["margin"]["l"] > 300
    assert narrow_layout(report, "zh")["layout"]["margin"]["l"] == 4  # inside: no margin


def test_the_chart_is_as_tall_as_its_rows():
    one = progress_figure(_report().head(1), "zh")["layout"]["height"]
    two = progress_figure(_report(), "zh")["layout"]["height"]
    assert two > one


def test_narrow_layout_of_an_empty_report_is_none():
    assert narrow_layout(_report().iloc[0:0], "zh") is None


def test_default_columns_add_the_forecast_only_where_there_is_one():
    report = _report()
    assert default_columns(report) == list(DEFAULT_COLUMNS)
    assert default_columns(report.assign(forecast=["", None])) == list(DEFAULT_COLUMNS)
    assert default_columns(report.assign(forecast=["likely", ""]))[-1] == "forecast"


def test_hidden_columns_stay_in_the_definitions_for_the_chooser():
    shown = {c["field"] for c in column_defs("en", ["status"]) if not c["hide"]}
    assert shown == {"name", "status"}
    assert all(not c["hide"] for c in column_defs("en") if c["field"] != "latest_target")


@pytest.mark.parametrize(("header", "fits"), [("目标完成度", "目标完成度"), ("Baseline year", "Baseline")])
def test_a_column_is_as_wide_as_its_headers_longest_word(header, fits):
    assert header_width(header) >= text_em(fits) * 14 + 40
