"""The detail page's charts: one series' trajectory, and its gap to the path year by year.

Inputs are engine output for one indicator and region: the report rows of
its targets, their history rows, and the stored series (year, value).  The
planned path and the projection use the engine's own formulas, so the chart
draws exactly what the report computes.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from indicators.engine_metrics import planned_value, projected_value, time_share
from indicators.status import status_colour
from layouts.figures import GRID_COLOUR, base_layout, empty_figure
from layouts.figures_format import (
    document_short,
    format_value,
    indicator_name,
    is_number,
    status_word,
)
from layouts.i18n import t

ACTUAL_COLOUR = "#1F3A5F"
# One colour per document on a chart (targets, paths, projections); none of
# them is a status colour, so no line reads as a status.
DOCUMENT_COLOURS = ("#6A51A3", "#2B8CBE", "#8C6D31", "#525252")
DOCUMENT_SYMBOLS = ("star", "diamond-wide", "hexagram", "star-square")
# Bars of a second or third target on the gap chart are hatched, since their
# fill colour is the year's status.
BAR_PATTERNS = ("", "/", ".", "x")


def trajectory_chart(
    targets: pd.DataFrame, history: pd.DataFrame, series: pd.DataFrame, lang: str,
    documents: Mapping | None = None, region_label: str = "",
) -> go.Figure:
    """Baseline, targets, planned paths, actuals and least-squares projections of one series."""
    documents = documents or {}
    if targets.empty:
        return empty_figure(t("fig.empty", lang), t("fig.empty", lang))
    first = targets.iloc[0].to_dict()
    unit = str(first.get("unit") or "")
    title = t("fig.trajectory.title", lang, name=indicator_name(first, lang), region=region_label)
    fig = go.Figure()
    _add_actuals(fig, targets, history, series, unit, lang, documents)
    _add_baselines(fig, targets, unit, lang)
    for position, row in enumerate(targets.to_dict("records")):
        colour = DOCUMENT_COLOURS[position % len(DOCUMENT_COLOURS)]
        symbol = DOCUMENT_SYMBOLS[position % len(DOCUMENT_SYMBOLS)]
        document = document_short(str(row["document_id"]), documents, lang)
        fig.add_trace(_planned_path(row, colour, document, unit, lang))
        fig.add_trace(_target_marker(row, colour, symbol, document, unit, lang))
        rows = history[history["target_id"].astype(str) == str(row["target_id"])]
        projection = _projection(row, rows, colour, document, unit, lang)
        if projection is not None:
            fig.add_trace(projection)
    for year in sorted({int(y) for y in targets["target_year"] if is_number(y)}):
        fig.add_vline(
            x=year, line={"color": "#9AA5B1", "width": 1, "dash": "dash"},
            annotation_text=t("fig.trajectory.target_year", lang, year=year),
            annotation_position="bottom left", annotation_font={"size": 12, "color": "#5B6472"},
        )
    fig.update_layout(
        **base_layout(title, height=440), margin={"l": 70, "r": 24, "t": 64, "b": 110},
        hovermode="closest",
        legend={"orientation": "h", "x": 0, "y": -0.18, "yanchor": "top", "font": {"size": 12}},
    )
    fig.update_xaxes(title_text=t("fig.trajectory.x", lang), dtick=1, tickformat="d",
                     gridcolor=GRID_COLOUR, range=_year_range(targets, series))
    fig.update_yaxes(title_text=t("fig.trajectory.y", lang, unit=unit), gridcolor=GRID_COLOUR,
                     rangemode="tozero" if _all_non_negative(targets, series) else "normal")
    return fig


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


def _hover(unit: str) -> str:
    suffix = "%" if unit == "%" else f" {unit}"
    return "%{fullData.name}<br>%{x}: %{y:,.4~g}" + suffix + "<extra></extra>"


def _add_actuals(
    fig: go.Figure, targets: pd.DataFrame, history: pd.DataFrame, series: pd.DataFrame,
    unit: str, lang: str, documents: Mapping,
) -> None:
    """The stored series; a cumulative target also gets its running total."""
    cumulative = targets["kind"].astype(str) == "cumulative"
    if not cumulative.all() and len(series):
        ordered = series.sort_values("year")
        fig.add_trace(go.Scatter(
            x=ordered["year"].astype(int).tolist(), y=ordered["value"].astype(float).tolist(),
            mode="lines+markers", name=t("fig.trajectory.actual", lang),
            line={"color": ACTUAL_COLOUR, "width": 3}, marker={"size": 9},
            hovertemplate=_hover(unit),
        ))
    for row in targets[cumulative].to_dict("records"):
        rows = history[history["target_id"].astype(str) == str(row["target_id"])]
        if rows.empty:
            continue
        name = t("fig.trajectory.actual_cumulative", lang)
        if cumulative.sum() > 1:
            name += f"（{document_short(str(row['document_id']), documents, lang)}）"
        fig.add_trace(go.Scatter(
            x=rows["year"].astype(int).tolist(), y=rows["actual"].astype(float).tolist(),
            mode="lines+markers", name=name, line={"color": ACTUAL_COLOUR, "width": 3},
            marker={"size": 9, "symbol": "square"}, hovertemplate=_hover(unit),
        ))


def _add_baselines(fig: go.Figure, targets: pd.DataFrame, unit: str, lang: str) -> None:
    points = targets[targets["baseline_year"].map(is_number) & targets["baseline_value"].map(is_number)]
    points = points.drop_duplicates(["baseline_year", "baseline_value"])
    if points.empty:
        return
    fig.add_trace(go.Scatter(
        x=points["baseline_year"].astype(int).tolist(),
        y=points["baseline_value"].astype(float).tolist(),
        mode="markers", name=t("fig.trajectory.baseline", lang),
        marker={"size": 13, "symbol": "circle-open", "color": "#333333", "line": {"width": 3}},
        hovertemplate=_hover(unit),
    ))


def planned_points(row: Mapping) -> tuple[list[int], list[float]]:
    """The planned path year by year from the baseline to the target year (engine formula)."""
    if not (is_number(row.get("baseline_year")) and is_number(row.get("baseline_value"))
            and is_number(row.get("target_value"))):
        return [], []
    start, end = int(row["baseline_year"]), int(row["target_year"])
    years = np.arange(start, max(end, start) + 1, dtype=float)
    size = len(years)
    share = time_share(years, np.full(size, float(start)), np.full(size, float(end)))
    values = planned_value(
        share, np.full(size, float(row["baseline_value"])), np.full(size, float(row["target_value"])),
        np.full(size, str(row.get("path")) == "geometric"),
    )
    return years.astype(int).tolist(), values.tolist()


def _planned_path(row: Mapping, colour: str, document: str, unit: str, lang: str) -> go.Scatter:
    years, values = planned_points(row)
    return go.Scatter(
        x=years, y=values, mode="lines", name=t("fig.trajectory.path", lang, document=document),
        line={"color": colour, "width": 2, "dash": "dot"}, hovertemplate=_hover(unit),
    )


def _target_marker(
    row: Mapping, colour: str, symbol: str, document: str, unit: str, lang: str,
) -> go.Scatter:
    low, high = row.get("target_low"), row.get("target_high")
    is_range = is_number(low) and is_number(high)
    return go.Scatter(
        x=[int(row["target_year"])],
        y=[float(row["target_value"]) if is_number(row.get("target_value")) else None],
        mode="markers", name=t("fig.trajectory.target", lang, document=document),
        marker={"size": 18, "symbol": symbol, "color": colour, "line": {"color": "#FFFFFF", "width": 1}},
        error_y={"type": "data", "symmetric": False, "array": [float(high) - float(low)],
                 "arrayminus": [0.0], "color": colour, "thickness": 2} if is_range else None,
        hovertemplate=_hover(unit),
    )


def projection_points(row: Mapping, history: pd.DataFrame) -> tuple[list[int], list[float]]:
    """The least-squares line from the latest actual's year to the target year.

    The value at the target year is the report's projected_value; the value at
    the latest year comes from the same engine function evaluated there.
    """
    projected, latest = row.get("projected_value"), row.get("latest_year")
    if not (is_number(projected) and is_number(latest)) or int(latest) >= int(row["target_year"]):
        return [], []
    years = history["year"].to_numpy(dtype=float)
    fitted = projected_value(
        np.zeros(len(years), dtype=np.int64), years, history["actual"].to_numpy(dtype=float), 1,
        np.array([_float(row.get("baseline_year"))]), np.array([_float(row.get("baseline_value"))]),
        np.array([float(latest)]),
    )[0]
    if not is_number(fitted):
        return [], []
    return [int(latest), int(row["target_year"])], [float(fitted), float(projected)]


def _float(value: object) -> float:
    return float(value) if is_number(value) else np.nan


def _projection(
    row: Mapping, history: pd.DataFrame, colour: str, document: str, unit: str, lang: str,
) -> go.Scatter | None:
    years, values = projection_points(row, history)
    if not years:
        return None
    return go.Scatter(
        x=years, y=values, mode="lines+markers",
        name=t("fig.trajectory.projection", lang, document=document),
        line={"color": colour, "width": 2, "dash": "dash"},
        marker={"size": [0, 10], "symbol": "circle-open", "color": colour},
        hovertemplate=_hover(unit),
    )


def _gap_bars(
    bars: pd.DataFrame, row: Mapping, position: int, unit: str, lang: str, documents: Mapping,
) -> go.Bar:
    statuses = bars["status"].astype(str).tolist()
    return go.Bar(
        x=bars["year"].astype(int).tolist(), y=bars["gap_to_path"].astype(float).tolist(),
        name=document_short(str(row["document_id"]), documents, lang),
        marker={"color": [status_colour(code) for code in statuses],
                "line": {"color": "#FFFFFF", "width": 1},
                "pattern": {"shape": BAR_PATTERNS[position % len(BAR_PATTERNS)],
                            "fgcolor": "#FFFFFF", "solidity": 0.25}},
        customdata=[[status_word(code, lang), format_value(gap, unit)]
                    for code, gap in zip(statuses, bars["gap_to_path"], strict=True)],
        hovertemplate="%{fullData.name}<br>%{x}: %{customdata[1]}<br>%{customdata[0]}"
                      "<extra></extra>",
    )


def _after_baseline(years: pd.Series, baseline_year: object) -> pd.Series:
    """Years after the baseline: before it the path is not defined, so no gap is shown."""
    if not is_number(baseline_year):
        return pd.Series(True, index=years.index)
    return years.astype(int) > int(baseline_year)


def gap_chart(
    targets: pd.DataFrame, history: pd.DataFrame, lang: str, documents: Mapping | None = None,
) -> go.Figure:
    """Gap to the planned path per year (positive: behind), bars coloured by that year's status."""
    documents = documents or {}
    unit = str(targets.iloc[0]["unit"]) if len(targets) else ""
    title = t("fig.gap.title", lang)
    rows = history[history["gap_to_path"].map(is_number)] if len(history) else history
    if rows.empty:
        return empty_figure(title, t("fig.gap.empty", lang))
    fig = go.Figure()
    for position, row in enumerate(targets.to_dict("records")):
        bars = rows[(rows["target_id"].astype(str) == str(row["target_id"]))
                    & _after_baseline(rows["year"], row.get("baseline_year"))]
        if len(bars):
            fig.add_trace(_gap_bars(bars, row, position, unit, lang, documents))
    if not fig.data:
        return empty_figure(title, t("fig.gap.empty", lang))
    fig.add_hline(y=0, line={"color": "#333333", "width": 1})
    fig.update_layout(
        **base_layout(title, height=300), margin={"l": 70, "r": 20, "t": 56, "b": 48},
        barmode="group", showlegend=len(fig.data) > 1,
        legend={"orientation": "h", "x": 0, "y": -0.2, "yanchor": "top"},
    )
    fig.update_xaxes(dtick=1, tickformat="d", title_text=t("fig.trajectory.x", lang))
    fig.update_yaxes(title_text=t("fig.gap.y", lang, unit=unit), gridcolor=GRID_COLOUR,
                     zeroline=False)
    return fig
