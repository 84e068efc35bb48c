"""National vs Chongqing: progress of the same indicator side by side, on one scale.

Progress (the share of the way from baseline to target) is unit-free, so a
national target in 万件 and a Chongqing target in 件 share an axis; the
dashed line of each region is where its own plan says it should be.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from layouts.figures import GRID_COLOUR, base_layout, empty_figure
from layouts.figures_detail import planned_points
from layouts.figures_format import (
    format_percent,
    indicator_name,
    is_number,
    region_name,
    short_label,
)
from layouts.i18n import t

REGION_COLOURS = ("#1F3A5F", "#B8860B", "#6A51A3")
REGION_SYMBOLS = ("circle", "square", "diamond")
COLUMNS = 3
PANEL_PX = 250
# Documents a region's headline target is taken from, most specific first.
DOCUMENT_KIND_PREFERENCE = ("plan", "outline", "action_plan", "law", "rule")


def comparison_rows(report: pd.DataFrame, regions: Sequence[str], documents: Mapping) -> pd.DataFrame:
    """One headline target per (indicator, region), for indicators with a target in every region.

    Headline: the five-year plan's target before an outline's; then the earliest
    target year.
    """
    if report.empty:
        return report
    rows = report[report["region"].isin(regions)]
    kinds = rows["document_id"].map(lambda d: documents[d].kind if d in documents else "")
    rank = kinds.map(lambda k: DOCUMENT_KIND_PREFERENCE.index(k) if k in DOCUMENT_KIND_PREFERENCE else 99)
    ranked = rows.assign(_rank=rank).sort_values(["indicator_id", "region", "_rank", "target_year"])
    headline = ranked.drop_duplicates(["indicator_id", "region"]).drop(columns="_rank")
    counts = headline.groupby("indicator_id")["region"].nunique()
    shared = counts[counts == len(regions)].index
    return headline[headline["indicator_id"].isin(shared)].reset_index(drop=True)


def compare_chart(
    rows: pd.DataFrame, history: pd.DataFrame, lang: str, regions: Mapping,
    region_order: Sequence[str],
) -> go.Figure:
    """Small multiples: progress by year per region, with each region's schedule dashed."""
    title = t("fig.compare.title", lang)
    indicators = list(dict.fromkeys(rows["indicator_id"])) if len(rows) else []
    if not indicators:
        return empty_figure(title, t("compare.none", lang))
    grid_rows = math.ceil(len(indicators) / COLUMNS)
    names = [short_label(indicator_name(rows[rows["indicator_id"] == i].iloc[0].to_dict(), lang),
                         18 if lang != "en" else 40) for i in indicators]
    fig = make_subplots(
        rows=grid_rows, cols=COLUMNS, shared_yaxes=True, subplot_titles=names,
        horizontal_spacing=0.05, vertical_spacing=min(0.5 / grid_rows, 110 / (grid_rows * PANEL_PX)),
    )
    low, high = -0.2, 1.2
    for position, indicator in enumerate(indicators):
        cell = {"row": position // COLUMNS + 1, "col": position % COLUMNS + 1}
        for order, code in enumerate(region_order):
            match = rows[(rows["indicator_id"] == indicator) & (rows["region"] == code)]
            if match.empty:
                continue
            row = match.iloc[0].to_dict()
            own = history[history["target_id"].astype(str) == str(row["target_id"])]
            for trace in _region_traces(row, own, order, region_name(code, regions, lang), lang,
                                        show_legend=position == 0):
                fig.add_trace(trace, **cell)
                values = [v for v in trace.y if is_number(v)]
                low, high = min([low, *values]), max([high, *values])
    _style_compare(fig, title, grid_rows, (max(low, -1.0) - 0.05, min(high, 2.5) + 0.05), lang)
    return fig


def _region_traces(
    row: Mapping, history: pd.DataFrame, order: int, region: str, lang: str, show_legend: bool,
) -> list[go.Scatter]:
    colour = REGION_COLOURS[order % len(REGION_COLOURS)]
    traces = []
    years, progress = _schedule(row)
    if years:
        traces.append(go.Scatter(
            x=years, y=progress, mode="lines", line={"color": colour, "width": 1.5, "dash": "dash"},
            name=t("fig.compare.schedule", lang, region=region), legendgroup=f"schedule-{order}",
            showlegend=show_legend, hovertemplate=f"{t('fig.compare.schedule', lang, region=region)}"
            " %{x}: %{y:.0%}<extra></extra>",
        ))
    measured = _measured(row, history)
    traces.append(go.Scatter(
        x=measured["year"].astype(int).tolist(), y=measured["progress_ratio"].astype(float).tolist(),
        mode="lines+markers", name=region, legendgroup=f"region-{order}", showlegend=show_legend,
        line={"color": colour, "width": 3},
        marker={"size": 8, "symbol": REGION_SYMBOLS[order % len(REGION_SYMBOLS)]},
        customdata=[[row["indicator_id"], row["region"], row["target_id"]]] * len(measured),
        hovertemplate=f"{region} %{{x}}: %{{y:.0%}}<extra></extra>",
    ))
    return traces


def _measured(row: Mapping, history: pd.DataFrame) -> pd.DataFrame:
    """Progress by year after the baseline (at the baseline it is 0 by definition)."""
    usable = history[history["progress_ratio"].map(is_number).astype(bool)]
    if is_number(row.get("baseline_year")):
        usable = usable[usable["year"].astype(int) > int(row["baseline_year"])]
        start = pd.DataFrame({"year": [int(row["baseline_year"])], "progress_ratio": [0.0]})
        if len(usable):
            usable = pd.concat([start, usable[["year", "progress_ratio"]]], ignore_index=True)
    return usable[["year", "progress_ratio"]]


def _schedule(row: Mapping) -> tuple[list[int], list[float]]:
    """Where the plan says progress should be each year: the planned path as a share."""
    years, values = planned_points(row)
    if not years:
        return [], []
    base, goal = float(row["baseline_value"]), float(row["target_value"])
    if goal == base:
        return [], []
    return years, [(value - base) / (goal - base) for value in values]


def _style_compare(fig: go.Figure, title: str, grid_rows: int, y_range: tuple, lang: str) -> None:
    height = grid_rows * PANEL_PX + 150
    fig.update_layout(
        **base_layout(title, height=height), margin={"l": 64, "r": 20, "t": 110, "b": 40},
        hovermode="closest",
        legend={"orientation": "h", "x": 0, "xref": "container", "y": 1 - 44 / height,
                "yref": "container", "yanchor": "top"},
    )
    fig.update_layout(title={"y": 1 - 12 / height, "yref": "container", "yanchor": "top"})
    fig.update_yaxes(range=list(y_range), tickformat=".0%", gridcolor=GRID_COLOUR,
                     zeroline=True, zerolinecolor="#9AA5B1")
    fig.update_yaxes(title_text=t("fig.compare.y", lang), col=1)
    fig.update_xaxes(dtick=1, tickformat="d", gridcolor=GRID_COLOUR)
    fig.add_hline(y=1.0, line={"color": "#1F3A5F", "width": 1, "dash": "dot"}, row="all", col="all")
    for annotation in fig.layout.annotations:
        annotation.update(font={"size": 13, "color": "#1F3A5F"})


def progress_text(row: Mapping) -> str:
    """'62%（序时 60%）'-style pair used in the comparison table."""
    return f"{format_percent(row.get('progress_ratio'))} / {format_percent(row.get('time_share'))}"
