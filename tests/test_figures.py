"""Figure builders: traces, names, colours and values, on hand-built engine frames."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from indicators.engine import STATUS_COLOURS
from layouts.figures.common import graph_config
from layouts.figures.compare import compare_chart, comparison_rows
from layouts.figures.detail import gap_chart, planned_points, projection_points, trajectory_chart
from layouts.figures.format import format_number, format_percent, format_value, target_text
from layouts.figures.progress import PROGRESS_RANGE, progress_chart

REPORT_CSV = """\
target_id,indicator_id,region,document_id,name_zh,name_en,unit,category,baseline_year,baseline_value,target_year,target_value,latest_year,latest_value,time_share,progress_ratio,schedule_ratio,projected_value,status,kind,comparator,path
a,hv,CN,plan,高价值专利,HV patents,件,creation,2020,6.3,2025,12,2023,9.4,0.6,0.5439,0.9064,11.53,slightly_behind,level,>=,linear
b,hv,CN-CQ,cq_plan,高价值专利,HV patents,件,creation,2020,3.5,2025,8,2023,4.6,0.6,0.2444,0.4074,5.42,behind,level,>=,linear
c,pledge,CN,plan,质押融资,Pledge,亿元,use,2020,2180,2025,3200,2022,2600,0.4,0.4118,1.0294,3233,on_track,level,>=,linear
d,big,CN,plan,远超目标,Far beyond,件,use,2020,1,2025,2,2023,5,0.6,4.0,6.6,9,achieved,level,>=,linear
e,share,CN,plan,无数据,No data,%,use,2020,11.6,2025,13,,,,,,,no_data,level,>=,linear
"""

HISTORY_CSV = """\
target_id,year,actual,planned_value,gap_to_path,progress_ratio,schedule_ratio,status
a,2020,6.3,6.3,0.0,0.0,,not_assessable
a,2021,7.5,7.44,-0.06,0.2105,1.0526,on_track
a,2022,8.5,8.58,0.08,0.386,0.9649,on_track
a,2023,9.4,9.72,0.32,0.5439,0.9064,slightly_behind
b,2021,4.0,4.4,0.4,0.1111,0.5556,behind
b,2023,4.6,6.2,1.6,0.2444,0.4074,behind
"""


def frame(text: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(text))


@pytest.fixture
def report() -> pd.DataFrame:
    return frame(REPORT_CSV)


@pytest.fixture
def history() -> pd.DataFrame:
    return frame(HISTORY_CSV)


def data_traces(fig):
    """Traces that carry target points (legend-only traces have no customdata)."""
    return [trace for trace in fig.data if trace.customdata is not None]


def test_progress_chart_colours_each_status_from_the_palette(report):
    fig = progress_chart(report, "zh")
    by_name = {trace.name: trace for trace in data_traces(fig)}
    assert set(by_name) == {"已完成", "符合序时进度", "略滞后", "滞后"}
    assert by_name["滞后"].marker.color == STATUS_COLOURS["behind"]
    assert by_name["符合序时进度"].marker.color == STATUS_COLOURS["on_track"]
    assert list(by_name["略滞后"].x) == [0.5439]


def test_progress_chart_leaves_out_targets_without_progress(report):
    fig = progress_chart(report, "zh")
    plotted = {row[2] for trace in data_traces(fig) for row in trace.customdata}
    assert plotted == {"a", "b", "c", "d"}


def test_progress_chart_points_carry_indicator_and_region_for_click_through(report):
    fig = progress_chart(report, "zh")
    behind = next(trace for trace in data_traces(fig) if trace.name == "滞后")
    assert [list(row) for row in behind.customdata] == [["hv", "CN-CQ", "b"]]


def test_progress_beyond_the_axis_sits_on_the_edge_as_an_arrow(report):
    fig = progress_chart(report, "zh")
    achieved = next(trace for trace in data_traces(fig) if trace.name == "已完成")
    assert list(achieved.x) == [PROGRESS_RANGE[1]]
    assert list(achieved.marker.symbol) == ["triangle-right"]
    assert "400.0%" in achieved.text[0]  # the hover keeps the true value (issue 16: 0.1 %)


def test_progress_chart_marks_time_share_per_target_and_groups_by_category(report):
    fig = progress_chart(report, "zh")
    time_traces = [trace for trace in fig.data if trace.name == "时间进度"]
    # creation block (a, b) first, then use (c, d): one time-share trace per block
    assert [list(trace.x) for trace in time_traces] == [[0.6, 0.6], [0.4, 0.6]]
    # within a block the slowest target comes first
    assert list(time_traces[0].y) == ["b", "a"]
    titles = [annotation.text for annotation in fig.layout.annotations]
    assert titles == ["<b>知识产权创造</b>", "<b>知识产权运用</b>"]


def test_progress_chart_hover_and_labels_follow_the_language(report):
    english = progress_chart(report, "en")
    trace = next(trace for trace in data_traces(english) if trace.name == "Behind")
    assert "Progress: 24.4%" in trace.text[0]  # issue 16: one decimal
    assert "Time elapsed: 60.0%" in trace.text[0]
    assert english.layout.title.text == "Progress of every target against time elapsed"


def test_progress_chart_height_grows_with_the_number_of_targets(report):
    small = progress_chart(report.head(2), "zh")
    large = progress_chart(pd.concat([report.head(4)] * 10, ignore_index=True).assign(
        target_id=lambda f: [f"t{i}" for i in range(len(f))]), "zh")
    assert large.layout.height > small.layout.height + 30 * 20


def test_empty_progress_chart_says_why(report):
    fig = progress_chart(report[report["status"] == "no_data"], "zh")
    assert fig.data == ()
    assert "没有可计算进度的目标" in fig.layout.annotations[0].text


def test_planned_path_is_the_engine_formula_year_by_year():
    years, values = planned_points({"baseline_year": 2020, "baseline_value": 6.3,
                                    "target_year": 2025, "target_value": 12, "path": "linear"})
    assert years == [2020, 2021, 2022, 2023, 2024, 2025]
    # 6.3 + 5.7 * s for s = 0, 0.2, ..., 1
    assert values == pytest.approx([6.3, 7.44, 8.58, 9.72, 10.86, 12.0])
    _, curved = planned_points({"baseline_year": 2020, "baseline_value": 100, "target_year": 2022,
                                "target_value": 400, "path": "geometric"})
    assert curved == pytest.approx([100, 200, 400])  # 100 * 4^(s) for s = 0, 0.5, 1


def test_projection_runs_the_least_squares_line_from_the_latest_year(report, history):
    row = report.iloc[0].to_dict()
    years, values = projection_points(row, history[history["target_id"] == "a"])
    # points (2020, 6.3) (2021, 7.5) (2022, 8.5) (2023, 9.4): slope 5.15/5 = 1.03,
    # mean (2021.5, 7.925); at 2023: 7.925 + 1.03*1.5 = 9.47; at 2025 the report's 11.53
    assert years == [2023, 2025]
    assert values == pytest.approx([9.47, 11.53])


def test_trajectory_chart_shows_baseline_target_path_actuals_and_projection(report, history):
    targets = report[report["target_id"] == "a"]
    series = pd.DataFrame({"year": [2021, 2022, 2023], "value": [7.5, 8.5, 9.4]})
    fig = trajectory_chart(targets, history, series, "zh", region_label="全国")
    names = [trace.name for trace in fig.data]
    assert names == ["实际值", "基期值", "规划路径：plan", "目标：plan", "趋势外推：plan"]
    actual, baseline, path, target, projection = fig.data
    assert list(actual.y) == [7.5, 8.5, 9.4]
    assert (list(baseline.x), list(baseline.y)) == ([2020], [6.3])
    assert (list(target.x), list(target.y)) == ([2025], [12.0])
    assert projection.line.dash == "dash"
    assert fig.layout.shapes[0].x0 == 2025  # the target year is marked
    assert fig.layout.yaxis.title.text == "数值（件）"


def test_cumulative_targets_plot_their_running_total(report, history):
    targets = report[report["target_id"] == "a"].assign(kind="cumulative")
    fig = trajectory_chart(targets, history, pd.DataFrame({"year": [], "value": []}), "en")
    assert fig.data[0].name == "Actual (cumulative)"
    assert list(fig.data[0].y) == [6.3, 7.5, 8.5, 9.4]


def test_gap_chart_colours_bars_by_that_years_status_after_the_baseline(report, history):
    fig = gap_chart(report[report["target_id"] == "a"], history, "zh")
    bars = fig.data[0]
    assert list(bars.x) == [2021, 2022, 2023]  # the baseline year has no gap to show
    assert list(bars.y) == [-0.06, 0.08, 0.32]
    assert list(bars.marker.color) == [STATUS_COLOURS["on_track"], STATUS_COLOURS["on_track"],
                                       STATUS_COLOURS["slightly_behind"]]


def test_gap_chart_with_every_gap_zero_shows_a_scaled_axis_and_says_why(report, history):
    # Issue 16: all gaps zero drew bare bars on an empty -1..1 axis.
    on_path = history.assign(gap_to_path=0.0)
    fig = gap_chart(report[report["target_id"] == "a"], on_path, "zh")
    assert list(fig.data[0].y) == [0.0, 0.0, 0.0]
    assert tuple(fig.layout.yaxis.range) == pytest.approx((-0.57, 0.57))  # (12 - 6.3) / 10
    assert "差距为 0" in fig.layout.annotations[0].text
    english = gap_chart(report[report["target_id"] == "a"], on_path, "en")
    assert english.layout.annotations[0].text == "On the planned path every year (gap 0)"


def test_gap_chart_without_history_says_so(report, history):
    fig = gap_chart(report[report["target_id"] == "c"], history, "zh")
    assert fig.data == ()
    assert fig.layout.annotations[0].text.startswith("基期之后尚无实际数据")


class Doc:
    def __init__(self, kind: str) -> None:
        self.kind = kind


def test_comparison_rows_take_the_plan_target_of_indicators_in_both_regions(report):
    outline = report.iloc[[0]].assign(target_id="a_outline", document_id="outline")
    rows = comparison_rows(pd.concat([outline, report]), ["CN", "CN-CQ"],
                           {"plan": Doc("plan"), "cq_plan": Doc("plan"), "outline": Doc("outline")})
    assert sorted(rows["target_id"]) == ["a", "b"]


def test_compare_chart_draws_each_region_on_the_progress_scale(report, history):
    rows = report[report["target_id"].isin(["a", "b"])]
    fig = compare_chart(rows, history, "zh", {}, ["CN", "CN-CQ"])
    measured = [trace for trace in fig.data if trace.mode == "lines+markers"]
    assert [trace.name for trace in measured] == ["CN", "CN-CQ"]
    # progress starts at 0 in the baseline year, then the history's progress ratios
    assert list(measured[1].x) == [2020, 2021, 2023]
    assert list(measured[1].y) == pytest.approx([0.0, 0.1111, 0.2444])
    schedule = next(trace for trace in fig.data if trace.line.dash == "dash")
    assert list(schedule.y) == pytest.approx([0, 0.2, 0.4, 0.6, 0.8, 1.0])
    assert fig.layout.yaxis.tickformat == ".0%"


def test_compare_chart_without_shared_indicators_says_so():
    fig = compare_chart(pd.DataFrame(columns=["indicator_id"]), pd.DataFrame(), "en", {},
                        ["CN", "CN-CQ"])
    assert fig.layout.annotations[0].text == "No indicator has targets in both CN and CN-CQ"
    assert fig.layout.title.text == "CN vs CN-CQ: progress"


def test_graph_config_offers_png_download_without_logo():
    config = graph_config("progress")
    assert config["displaylogo"] is False
    assert config["toImageButtonOptions"]["format"] == "png"


@pytest.mark.parametrize(
    ("value", "expected"),
    [(1234.5, "1,234.5"), (3200.0, "3,200"), (12.3456, "12.35"), (0.000123, "0.000123"),
     (0, "0"), (float("nan"), "—"), (None, "—"), (-2.5, "-2.5")],
)
def test_format_number(value, expected):
    assert format_number(value) == expected


def test_format_value_and_percent_carry_units():
    assert format_value(3200, "亿元") == "3,200 亿元"
    assert format_value(45.6, "%") == "45.6%"
    assert format_percent(0.853) == "85.3%"  # issue 16: one decimal everywhere
    assert format_percent(None) == "—"


def test_target_text_reads_the_comparator():
    row = {"unit": "件", "comparator": ">=", "target_value": 12, "target_year": 2025}
    assert target_text(row, "zh") == "≥ 12 件（2025年）"
    ranged = {"unit": "家", "comparator": "range", "target_low": 8, "target_high": 10,
              "target_value": 8, "target_year": 2025}
    assert target_text(ranged, "en") == "8–10 (2025)"  # a measure word has no English unit


def test_compare_progress_of_a_target_without_history_is_empty_not_an_error():
    from layouts.figures.compare import _measured

    empty = pd.DataFrame({"year": pd.Series(dtype="int64"),
                          "progress_ratio": pd.Series(dtype=object)})
    measured = _measured({"baseline_year": 2020}, empty)
    assert list(measured.columns) == ["year", "progress_ratio"] and measured.empty


def test_chart_toolbar_words_follow_the_ui_language() -> None:
    from layouts.figures import graph_config

    chinese = graph_config("progress", "zh")
    assert chinese["locale"] == "zh-CN"
    words = chinese["locales"]["zh-CN"]["dictionary"]
    assert words["Download plot as a PNG"] == "下载图表为PNG格式" and words["Zoom in"] == "放大"
    english = graph_config("progress", "en")
    assert "locale" not in english and "locales" not in english
    assert english["toImageButtonOptions"]["filename"] == "progress"
    # Plotly Cloud never receives a chart's data from this app.
    assert {"sendChartToCloud", "sendDataToCloud"} <= set(english["modeBarButtonsToRemove"])
