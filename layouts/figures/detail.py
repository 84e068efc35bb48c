"""The detail page's charts: one series' trajectory, and its gap to the path year by year.

Inputs are engine output for one indicator and region: the report rows of
its targets, their history rows, and the stored series (year, value).  The
traces are built in detail_traces.py.

Both charts are built as plain plotly figure dicts (trajectory_figure,
gap_figure): the page is rebuilt for every series after each commit, and
plotly's graph objects spent most of that time validating add_vline,
add_hline and update calls.  The tests wrap the same dicts in go.Figure
(trajectory_chart, gap_chart), which validates every property.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from indicators.engine import status_colour
from layouts.figures.common import GRID_COLOUR, base_layout, empty_figure
from layouts.figures.detail_traces import (
    DOCUMENT_COLOURS,
    DOCUMENT_SYMBOLS,
    actual_traces,
    baseline_traces,
    planned_path,
    planned_points,
    projection_points,
    projection_traces,
    target_marker,
)
from layouts.figures.format import (
    axis_title,
    document_short,
    format_value,
    indicator_name,
    is_number,
    status_word,
    unit_label,
)
from layouts.text.figure_notes import note
from layouts.text.i18n import t

# planned_points and projection_points stay importable from here: the
# comparison chart and the tests use them.
__all__ = ["gap_chart", "gap_figure", "gap_title", "planned_points", "projection_points",
           "trajectory_chart", "trajectory_figure", "trajectory_title"]

# Bars of a second or third target on the gap chart are hatched, since their
# fill colour is the year's status.
BAR_PATTERNS = ("", "/", ".", "x")
ZERO_GAP = 1e-9  # a gap this small is float noise: the value is on the path
# A figure dict carries no template (go.Figure adds plotly's default one).
# These are the values of that template that show on these charts, so the
# page looks as it did: tick labels push the margins out instead of running
# into the axis titles, hover text is left-aligned, hatching is a
# half-opaque overlay, and the trajectory's zero line is white (unseen on
# the white plot).  Stating a zero-line colour switches the zero line on in
# plotly.js, so only axes that draw one (those with a grid) state it.
TEMPLATE_AXIS = {"automargin": True}
TITLE_STANDOFF = 15
TEMPLATE_ZERO_LINE = {"zerolinecolor": "white", "zerolinewidth": 2}
TEMPLATE_PATTERN = {"fillmode": "overlay", "size": 10}
# The page shows a chart's title above it in HTML, where it wraps at any width: in the SVG a
# long name ran out of a 390 px phone's chart and under the toolbar.  An untitled chart keeps
# this much room at its top for the toolbar.
UNTITLED_TOP = 32


def trajectory_chart(
    targets: pd.DataFrame, history: pd.DataFrame, series: pd.DataFrame, lang: str,
    documents: Mapping | None = None, region_label: str = "",
) -> go.Figure:
    """trajectory_figure as a validated graph object (for tests and scripts)."""
    return go.Figure(trajectory_figure(targets, history, series, lang, documents, region_label))


def trajectory_title(targets: pd.DataFrame, lang: str, region_label: str = "") -> str:
    """'{name}（{region}）：实际值与规划路径' of the series the targets are set for."""
    if targets.empty:
        return t("fig.empty", lang)
    name = indicator_name(targets.iloc[0].to_dict(), lang)
    return t("fig.trajectory.title", lang, name=name, region=region_label)


def trajectory_figure(
    targets: pd.DataFrame, history: pd.DataFrame, series: pd.DataFrame, lang: str,
    documents: Mapping | None = None, region_label: str = "", *, titled: bool = True,
) -> dict:
    """Baseline, targets, planned paths, actuals and least-squares projections of one series;
    titled=False leaves the title to the page (trajectory_title)."""
    documents = documents or {}
    if targets.empty:
        return _untitled(empty_figure(t("fig.empty", lang), t("fig.empty", lang)).to_dict(), titled)
    first = targets.iloc[0].to_dict()
    unit = unit_label(str(first.get("unit") or ""), lang)
    data = actual_traces(targets, history, series, unit, lang, documents)
    data += baseline_traces(targets, unit, lang)
    for position, row in enumerate(targets.to_dict("records")):
        colour = DOCUMENT_COLOURS[position % len(DOCUMENT_COLOURS)]
        symbol = DOCUMENT_SYMBOLS[position % len(DOCUMENT_SYMBOLS)]
        document = document_short(str(row["document_id"]), documents, lang)
        data.append(planned_path(row, colour, document, unit, lang))
        data.append(target_marker(row, colour, symbol, document, unit, lang))
        rows = history[history["target_id"].astype(str) == str(row["target_id"])]
        data += projection_traces(row, rows, colour, document, unit, lang)
    title = trajectory_title(targets, lang, region_label)
    return _untitled({"data": data, "layout": _trajectory_layout(targets, series, title, unit, lang)},
                     titled)


def _untitled(figure: dict, titled: bool) -> dict:
    """The figure without its title (and the room kept for it), when the page shows the title."""
    if titled:
        return figure
    layout = figure["layout"]
    margin = layout.get("margin", {}) | {"t": UNTITLED_TOP}
    return figure | {"layout": layout | {"title": layout["title"] | {"text": ""}, "margin": margin}}


def _trajectory_layout(
    targets: pd.DataFrame, series: pd.DataFrame, title: str, unit: str, lang: str,
) -> dict:
    years = sorted({int(y) for y in targets["target_year"] if is_number(y)})
    return _layout(title, 440) | {
        "margin": {"l": 70, "r": 24, "t": 64, "b": 110}, "hovermode": "closest",
        "legend": {"orientation": "h", "x": 0, "y": -0.18, "yanchor": "top", "font": {"size": 12}},
        "xaxis": _axis(t("fig.trajectory.x", lang), dtick=1, tickformat="d", gridcolor=GRID_COLOUR,
                       range=_year_range(targets, series), **TEMPLATE_ZERO_LINE),
        "yaxis": _axis(axis_title("fig.trajectory.y", unit, lang), gridcolor=GRID_COLOUR,
                       rangemode="tozero" if _all_non_negative(targets, series) else "normal",
                       **TEMPLATE_ZERO_LINE),
        "shapes": [_target_year_line(year) for year in years],
        "annotations": [_target_year_label(year, lang) for year in years],
    }


def _layout(title: str, height: int) -> dict:
    layout = base_layout(title, height=height)
    return layout | {"hoverlabel": layout["hoverlabel"] | {"align": "left"}}


def _axis(title: str, **properties: object) -> dict:
    return TEMPLATE_AXIS | {"title": {"text": title, "standoff": TITLE_STANDOFF}} | properties


def _target_year_line(year: int) -> dict:
    """A dashed line over the plot's full height at a target year (what add_vline draws)."""
    return {"type": "line", "x0": year, "x1": year, "xref": "x", "y0": 0, "y1": 1,
            "yref": "y domain", "line": {"color": "#9AA5B1", "width": 1, "dash": "dash"}}


def _target_year_label(year: int, lang: str) -> dict:
    """The line's label, just left of its foot (add_vline's annotation_position="bottom left")."""
    return {"text": t("fig.trajectory.target_year", lang, year=year), "showarrow": False,
            "x": year, "xref": "x", "xanchor": "right", "y": 0, "yref": "y domain",
            "yanchor": "bottom", "font": {"size": 12, "color": "#5B6472"}}


def _year_range(targets: pd.DataFrame, series: pd.DataFrame) -> list[float]:
    """Every baseline, actual and target year, with half a year's room for the markers."""
    years = pd.concat([targets["baseline_year"], targets["target_year"],
                       series.get("year", pd.Series(dtype=float))])
    years = pd.to_numeric(years, errors="coerce").dropna()
    return [float(years.min()) - 0.5, float(years.max()) + 0.5]


def _all_non_negative(targets: pd.DataFrame, series: pd.DataFrame) -> bool:
    values = pd.concat([targets["target_value"], targets["baseline_value"],
                        series.get("value", pd.Series(dtype=float))])
    return bool((pd.to_numeric(values, errors="coerce").dropna() >= 0).all())


def gap_chart(
    targets: pd.DataFrame, history: pd.DataFrame, lang: str, documents: Mapping | None = None,
) -> go.Figure:
    """gap_figure as a validated graph object (for tests and scripts)."""
    return go.Figure(gap_figure(targets, history, lang, documents))


def gap_title(lang: str) -> str:
    return t("fig.gap.title", lang)


def gap_figure(
    targets: pd.DataFrame, history: pd.DataFrame, lang: str, documents: Mapping | None = None,
    *, titled: bool = True,
) -> dict:
    """Gap to the planned path per year (positive: behind), bars coloured by that year's status;
    titled=False leaves the title to the page (gap_title)."""
    return _untitled(_gap_figure(targets, history, lang, documents or {}), titled)


def _gap_figure(targets: pd.DataFrame, history: pd.DataFrame, lang: str, documents: Mapping) -> dict:
    unit = unit_label(str(targets.iloc[0]["unit"]) if len(targets) else "", lang)
    title = gap_title(lang)
    rows = history[history["gap_to_path"].map(is_number)] if len(history) else history
    if rows.empty:
        return empty_figure(title, t("fig.gap.empty", lang)).to_dict()
    data = []
    for position, row in enumerate(targets.to_dict("records")):
        bars = rows[(rows["target_id"].astype(str) == str(row["target_id"]))
                    & _after_baseline(rows["year"], row.get("baseline_year"))]
        if len(bars):
            data.append(_gap_bars(bars, row, position, unit, lang, documents))
    if not data:
        return empty_figure(title, t("fig.gap.empty", lang)).to_dict()
    layout = _gap_layout(title, unit, lang, several=len(data) > 1)
    if all(abs(gap) < ZERO_GAP for trace in data for gap in trace["y"]):
        layout = _all_on_path(layout, targets, lang)
    return {"data": data, "layout": layout}


def _all_on_path(layout: dict, targets: pd.DataFrame, lang: str) -> dict:
    """Every gap zero: plotly would draw bare bars on a meaningless -1..1 axis.  The axis spans
    a tenth of the planned change instead, and a short line says what the flat bars mean."""
    changes = [abs(float(row["target_value"]) - float(row["baseline_value"]))
               for row in targets.to_dict("records")
               if is_number(row.get("target_value")) and is_number(row.get("baseline_value"))]
    span = max([change / 10 for change in changes if change > 0] or [1.0])
    yaxis = layout["yaxis"] | {"range": [-span, span]}
    text = {"text": note("fig.gap.all_zero", lang), "xref": "paper", "yref": "paper", "x": 0.5,
            "y": 0.75, "showarrow": False, "font": {"color": "#555555"}}
    return layout | {"yaxis": yaxis, "annotations": [*layout.get("annotations", []), text]}


def _gap_layout(title: str, unit: str, lang: str, several: bool) -> dict:
    return _layout(title, 300) | {
        "margin": {"l": 70, "r": 20, "t": 56, "b": 48}, "barmode": "group", "showlegend": several,
        "legend": {"orientation": "h", "x": 0, "y": -0.2, "yanchor": "top"},
        "xaxis": _axis(t("fig.trajectory.x", lang), dtick=1, tickformat="d"),
        "yaxis": _axis(axis_title("fig.gap.y", unit, lang), gridcolor=GRID_COLOUR, zeroline=False),
        # Zero gap across the plot's full width (what add_hline(y=0) draws).
        "shapes": [{"type": "line", "x0": 0, "x1": 1, "xref": "x domain", "y0": 0, "y1": 0,
                    "yref": "y", "line": {"color": "#333333", "width": 1}}],
    }


def _after_baseline(years: pd.Series, baseline_year: object) -> pd.Series:
    """Years after the baseline: before it the path is not defined, so no gap is shown."""
    if not is_number(baseline_year):
        return pd.Series(True, index=years.index)
    return years.astype(int) > int(baseline_year)


def _gap_bars(
    bars: pd.DataFrame, row: Mapping, position: int, unit: str, lang: str, documents: Mapping,
) -> dict:
    statuses = bars["status"].astype(str).tolist()
    return {
        "type": "bar", "x": bars["year"].astype(int).tolist(),
        "y": bars["gap_to_path"].astype(float).tolist(),
        "name": document_short(str(row["document_id"]), documents, lang),
        "marker": {"color": [status_colour(code) for code in statuses],
                   "line": {"color": "#FFFFFF", "width": 1},
                   "pattern": TEMPLATE_PATTERN | {"shape": BAR_PATTERNS[position % len(BAR_PATTERNS)],
                                                  "fgcolor": "#FFFFFF", "solidity": 0.25}},
        "customdata": [[status_word(code, lang), format_value(gap, unit)]
                       for code, gap in zip(statuses, bars["gap_to_path"], strict=True)],
        "hovertemplate": "%{fullData.name}<br>%{x}: %{customdata[1]}<br>%{customdata[0]}"
                         "<extra></extra>",
    }
