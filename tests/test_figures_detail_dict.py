"""The detail page's charts as plain figure dicts: plotly accepts them, they hold hand-checked
values, and the page hands them to dcc.Graph without building graph objects."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from indicators.engine import STATUS_COLOURS
from layouts.figures.detail import (
    TEMPLATE_AXIS,
    TEMPLATE_PATTERN,
    TEMPLATE_ZERO_LINE,
    TITLE_STANDOFF,
    gap_figure,
    trajectory_figure,
)
from layouts.pages import detail
from tests.view_fixtures import open_service

# Target a: 6.3 (2020) -> 12 (2025), latest 9.4 in 2023.  Target r: a range target
# of 10 to 14 in 2027 from another document, with no actual yet.
REPORT_CSV = """\
target_id,indicator_id,region,document_id,name_zh,name_en,unit,baseline_year,baseline_value,target_year,target_value,target_low,target_high,latest_year,projected_value,status,kind,path
a,hv,CN,plan,高价值专利,HV patents,件,2020,6.3,2025,12,,,2023,11.53,slightly_behind,level,linear
r,hv,CN,outline,高价值专利,HV patents,件,2020,6.3,2027,10,10,14,,,no_data,level,linear
"""

HISTORY_CSV = """\
target_id,year,actual,planned_value,gap_to_path,status
a,2020,6.3,6.3,0.0,not_assessable
a,2021,7.5,7.44,-0.06,on_track
a,2022,8.5,8.58,0.08,on_track
a,2023,9.4,9.72,0.32,slightly_behind
r,2021,7.5,7.04,-0.46,achieved
"""

SERIES = pd.DataFrame({"year": [2021, 2022, 2023], "value": [7.5, 8.5, 9.4]})


@pytest.fixture
def targets() -> pd.DataFrame:
    return pd.read_csv(io.StringIO(REPORT_CSV))


@pytest.fixture
def history() -> pd.DataFrame:
    return pd.read_csv(io.StringIO(HISTORY_CSV))


def test_trajectory_figure_is_a_plain_dict_that_plotly_accepts(targets, history):
    figure = trajectory_figure(targets, history, SERIES, "zh", region_label="全国")
    assert isinstance(figure, dict) and all(isinstance(trace, dict) for trace in figure["data"])
    fig = go.Figure(figure)  # validates every property; raises on a misspelt one
    assert [trace.name for trace in fig.data] == [
        "实际值", "基期值", "规划路径：plan", "目标：plan", "趋势外推：plan",
        "规划路径：outline", "目标：outline",  # no actual for r, so no projection
    ]
    assert fig.layout.title.text == "高价值专利（全国）：实际值与规划路径"
    assert list(fig.data[0].y) == [7.5, 8.5, 9.4]


def test_trajectory_figure_draws_the_engine_path_projection_and_range(targets, history):
    fig = go.Figure(trajectory_figure(targets, history, SERIES, "zh"))
    path, target, projection, range_target = fig.data[2], fig.data[3], fig.data[4], fig.data[6]
    # 6.3 + 5.7 * s for s = 0, 0.2, ..., 1
    assert list(path.x) == [2020, 2021, 2022, 2023, 2024, 2025]
    assert list(path.y) == pytest.approx([6.3, 7.44, 8.58, 9.72, 10.86, 12.0])
    assert (list(target.x), list(target.y)) == ([2025], [12.0])
    assert target.error_y.array is None  # a single value, no range bar
    # least squares through (2020, 6.3) ... (2023, 9.4) is 9.47 at 2023; the report's 11.53 at 2025
    assert list(projection.x) == [2023, 2025]
    assert list(projection.y) == pytest.approx([9.47, 11.53])
    # the range 10..14 drawn as a bar from its low end up 4
    assert (list(range_target.y), list(range_target.error_y.array)) == ([10.0], [4.0])
    assert fig.layout.xaxis.range == (2019.5, 2027.5)
    assert fig.layout.yaxis.rangemode == "tozero"


def test_each_target_year_is_a_vertical_line_shape_with_its_label(targets, history):
    fig = go.Figure(trajectory_figure(targets, history, SERIES, "en"))
    lines = [(shape.x0, shape.x1, shape.xref, shape.y0, shape.y1, shape.yref)
             for shape in fig.layout.shapes]
    assert lines == [(2025, 2025, "x", 0, 1, "y domain"), (2027, 2027, "x", 0, 1, "y domain")]
    assert fig.layout.shapes[0].line.dash == "dash"
    labels = [(note.text, note.x, note.yref, note.xanchor) for note in fig.layout.annotations]
    assert labels == [("Target year 2025", 2025, "y domain", "right"),
                      ("Target year 2027", 2027, "y domain", "right")]


def test_gap_figure_colours_bars_by_status_and_hatches_the_second_target(targets, history):
    figure = gap_figure(targets, history, "zh")
    assert isinstance(figure, dict)
    fig = go.Figure(figure)
    plan, outline = fig.data
    assert list(plan.x) == [2021, 2022, 2023]  # the baseline year has no gap
    assert list(plan.y) == [-0.06, 0.08, 0.32]
    assert list(plan.marker.color) == [STATUS_COLOURS["on_track"], STATUS_COLOURS["on_track"],
                                       STATUS_COLOURS["slightly_behind"]]
    assert [row[0] for row in plan.customdata] == ["符合序时进度", "符合序时进度", "略滞后"]
    assert (plan.marker.pattern.shape, outline.marker.pattern.shape) == ("", "/")
    assert fig.layout.showlegend is True  # two targets: the legend tells the bars apart
    zero = fig.layout.shapes[0]
    assert (zero.y0, zero.y1, zero.yref, zero.x0, zero.x1, zero.xref) == (0, 0, "y", 0, 1, "x domain")


def test_gap_figure_of_one_target_has_no_legend(targets, history):
    fig = go.Figure(gap_figure(targets[targets["target_id"] == "a"], history, "zh"))
    assert len(fig.data) == 1 and fig.layout.showlegend is False


def test_empty_figures_are_dicts_that_say_why(targets, history):
    no_targets = go.Figure(trajectory_figure(targets.iloc[0:0], history, SERIES, "zh"))
    assert no_targets.data == () and no_targets.layout.annotations[0].text
    no_gaps = gap_figure(targets, history.iloc[0:0], "zh")
    assert isinstance(no_gaps, dict)
    assert go.Figure(no_gaps).layout.annotations[0].text.startswith("基期之后尚无实际数据")


def test_the_stated_template_look_is_plotlys_default_template():
    # The dicts have no template; what they state instead must be what it drew.
    template = pio.templates["plotly"]
    for axis in (template.layout.xaxis, template.layout.yaxis):
        assert {key: axis[key] for key in TEMPLATE_AXIS | TEMPLATE_ZERO_LINE} == \
            TEMPLATE_AXIS | TEMPLATE_ZERO_LINE
        assert axis.title.standoff == TITLE_STANDOFF
    assert template.layout.hoverlabel.align == "left"
    pattern = template.data.bar[0].marker.pattern
    assert {key: pattern[key] for key in TEMPLATE_PATTERN} == TEMPLATE_PATTERN


def test_detail_page_hands_dcc_graph_plain_dicts(tmp_path):
    page = detail.layout(open_service(tmp_path), "zh", indicator_id="hv_patents", region="CN")
    graphs = {node.id: node.figure for node in _walk(page) if getattr(node, "figure", None)}
    assert all(isinstance(figure, dict) for figure in graphs.values())
    trajectory = go.Figure(graphs[detail.TRAJECTORY])
    assert list(trajectory.data[0].y) == [7.5, 8.5, 9.4]
    assert [shape.x0 for shape in trajectory.layout.shapes] == [2025]  # both targets are for 2025
    plan, outline = go.Figure(graphs[detail.GAP]).data
    assert list(plan.y) == pytest.approx([-0.06, 0.08, 0.32])  # 7.44 - 7.5, 8.58 - 8.5, 9.72 - 9.4
    # the outline's baseline is the 2021 actual 7.5: planned 8.625 in 2022 and 9.75 in 2023
    assert list(outline.x) == [2022, 2023]
    assert list(outline.y) == pytest.approx([0.125, 0.35])


def _walk(component: object) -> Iterator[object]:
    """Every component in a layout tree, depth first."""
    yield component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list | tuple) else [children]:
        if child is not None and not isinstance(child, str | int | float):
            yield from _walk(child)
