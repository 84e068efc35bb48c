"""Figure builders: pure functions of engine output (DataFrames) and the UI language.

The helpers every chart shares; the overview's progress chart is in
progress.py, the detail charts in detail.py and the comparison in
compare.py.  Nothing here reads the database or the URL.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import plotly.graph_objects as go

FONT_FAMILY = '"PingFang SC","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC",sans-serif'
TEXT_COLOUR = "#1A1A1A"
GRID_COLOUR = "#E5E9EF"
TRACK_COLOUR = "#E8ECF1"
TIME_SHARE_COLOUR = "#333333"


def graph_config(filename: str, lang: str = "zh") -> dict:
    """dcc.Graph config: no plotly logo, a PNG download button at print resolution, and
    the toolbar's words in the UI language."""
    config = {
        "displaylogo": False,
        # No "share" button: plotly.js 4 would upload the chart, and its data, to Plotly Cloud.
        "modeBarButtonsToRemove": ["lasso2d", "select2d", "autoScale2d", "sendChartToCloud",
                                   "sendDataToCloud"],
        "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2},
    }
    if lang == "en":
        return config
    # Given inline, so no locale script has to load before plotly.js draws the chart.
    return config | {"locale": "zh-CN", "locales": {"zh-CN": _plotly_chinese()}}


@cache
def _plotly_chinese() -> dict:
    """plotly.js's own zh-CN dictionary and formats (plotly_zh_cn.json, from plotly.js-locales)."""
    words = json.loads((Path(__file__).resolve().parent / "plotly_zh_cn.json").read_text("utf-8"))
    return {"dictionary": words["dictionary"], "format": words["format"]}


def base_layout(title: str, height: int | None = None) -> dict:
    layout = {
        "title": {"text": title, "x": 0, "xanchor": "left", "font": {"size": 17}},
        "font": {"family": FONT_FAMILY, "color": TEXT_COLOUR, "size": 13},
        "paper_bgcolor": "#FFFFFF",
        "plot_bgcolor": "#FFFFFF",
        "hoverlabel": {"font": {"family": FONT_FAMILY}},
    }
    if height is not None:
        layout["height"] = height
    return layout


def empty_figure(title: str, message: str) -> go.Figure:
    """A titled figure that says why it is empty, never a blank plot area."""
    fig = go.Figure()
    fig.update_layout(**base_layout(title, height=260))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    fig.add_annotation(
        text=message, x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False,
        font={"size": 15, "color": "#5B6472"},
    )
    return fig
