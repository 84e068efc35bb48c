"""The detail page shows each chart's title above the chart in HTML (it wraps on a phone)
and hands dcc.Graph the chart without one; the figures keep their title for scripts."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from layouts.figures.detail import (
    UNTITLED_TOP,
    gap_figure,
    gap_title,
    trajectory_figure,
    trajectory_title,
)
from tests.test_figures_detail_dict import SERIES, history, targets  # noqa: F401 - fixtures


@pytest.mark.parametrize(("lang", "title"), [("zh", "高价值专利（全国）：实际值与规划路径"),
                                             ("en", "HV patents (China): actuals and planned path")])
def test_the_titles_the_page_shows(targets, lang, title):  # noqa: F811
    region = "全国" if lang == "zh" else "China"
    assert trajectory_title(targets, lang, region) == title
    assert gap_title(lang) == ("与规划路径的差距（逐年，柱色为当年状态）" if lang == "zh"
                               else "Gap to the planned path by year (bar colour: that year's status)")


@pytest.mark.parametrize("empty", [False, True])
def test_an_untitled_chart_has_no_title_and_room_for_the_toolbar(targets, history, empty):  # noqa: F811
    shown = targets.iloc[0:0] if empty else targets
    gaps = history.iloc[0:0] if empty else history
    for titled, untitled in (
        (trajectory_figure(shown, history, SERIES, "zh"),
         trajectory_figure(shown, history, SERIES, "zh", titled=False)),
        (gap_figure(targets, gaps, "zh"), gap_figure(targets, gaps, "zh", titled=False)),
    ):
        assert go.Figure(titled).layout.title.text
        fig = go.Figure(untitled)  # still a figure plotly accepts
        assert not fig.layout.title.text and fig.layout.margin.t == UNTITLED_TOP
        assert untitled["data"] == titled["data"]


def test_the_detail_page_puts_the_titles_above_its_charts(tmp_path):
    from dash import dcc, html

    from layouts.pages import detail
    from tests.view_fixtures import open_service

    service = open_service(tmp_path)
    report = service.report().report
    row = report.iloc[0]
    page = detail.layout(service, "en", row["indicator_id"], row["region"])
    found = []

    def walk(node):
        if isinstance(node, html.H3) and detail.CHART_TITLE in (node.className or ""):
            found.append(node.children)
        if isinstance(node, dcc.Graph):
            found.append(node.figure["layout"]["title"]["text"])
        children = getattr(node, "children", None)
        for child in children if isinstance(children, list) else [children]:
            if child is not None and not isinstance(child, str):
                walk(child)

    walk(page)
    assert len(found) == 4 and found[1] == found[3] == ""
    assert found[0].endswith("actuals and planned path") and found[2].startswith("Gap to")
