"""Two regions side by side: progress of the same indicator on one unit-free scale.

Progress (the share of the way from baseline to target) is unit-free, so a
national target in 万件 and a Chongqing target in 件 share an axis; the
dashed line of each region is where its own plan says it should be.

`comparison_rows` picks each region's headline target, `pair_order` orders
the shared indicators (most divergent first) and `compare_chart` draws one
page of them (at most PAGE_SIZE panels).  The figure is built as plain dicts
in one `go.Figure` call: make_subplots and add_hline(row="all") cost ten
times more than the data.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from indicators.service import history_of
from layouts.figures.common import GRID_COLOUR, base_layout, empty_figure
from layouts.figures.detail import planned_points
from layouts.figures.format import distinct_labels, indicator_name, region_name, shorten_name
from layouts.text.i18n import t

REGION_COLOURS = ("#1F3A5F", "#B8860B", "#6A51A3")
REGION_SYMBOLS = ("circle", "square", "diamond")
COLUMNS = 3
PAGE_SIZE = 12  # small multiples per page: four rows of three
PANEL_PX = 250
H_SPACING = 0.05
# Documents a region's headline target is taken from, most specific first.
DOCUMENT_KIND_PREFERENCE = ("plan", "outline", "action_plan", "law", "rule")
# Schedule ratios closer than this count as level pegging.
LEVEL_BAND = 0.05


def comparison_rows(report: pd.DataFrame, regions: Sequence[str], documents: Mapping) -> pd.DataFrame:
    """One headline target per (indicator, region), for indicators with a target in every region.

    Headline: the five-year plan's target before an outline's; then the earliest
    target year.  Rows keep the report's (registry) order.
    """
    if report.empty:
        return report
    rows = report[report["region"].isin(regions)]
    kinds = rows["document_id"].map(lambda d: documents[d].kind if d in documents else "")
    rank = kinds.map(lambda k: DOCUMENT_KIND_PREFERENCE.index(k) if k in DOCUMENT_KIND_PREFERENCE else 99)
    ranked = rows.assign(_rank=rank).sort_values(["_rank", "target_year"], kind="stable")
    headline = ranked.drop_duplicates(["indicator_id", "region"]).drop(columns="_rank").sort_index()
    counts = headline.groupby("indicator_id")["region"].nunique()
    shared = counts[counts == len(set(regions))].index
    return headline[headline["indicator_id"].isin(shared)].reset_index(drop=True)


def pair_order(rows: pd.DataFrame, region_a: str, region_b: str) -> pd.DataFrame:
    """One row per shared indicator: `difference` = B's schedule ratio minus A's.

    Ordered by the size of the difference, largest first (where the two regions
    diverge most); indicators that cannot be compared (a ratio missing) last;
    ties in registry order.
    """
    if rows.empty:
        return pd.DataFrame({"indicator_id": pd.Series(dtype=str), "difference": pd.Series(dtype=float)})
    position = {code: i for i, code in enumerate(dict.fromkeys(rows["indicator_id"]))}
    ratios = rows.pivot(index="indicator_id", columns="region", values="schedule_ratio")
    ratios = ratios.apply(pd.to_numeric, errors="coerce")
    order = pd.DataFrame({"indicator_id": ratios.index,
                          "difference": (ratios[region_b] - ratios[region_a]).to_numpy()})
    order["_size"] = order["difference"].abs()
    order["_position"] = order["indicator_id"].map(position)
    order = order.sort_values(["_size", "_position"], ascending=[False, True], na_position="last")
    return order[["indicator_id", "difference"]].reset_index(drop=True)


def verdict_counts(differences: pd.Series) -> dict[str, int]:
    """How many indicators B is ahead of / level with / behind A on, and how many cannot tell."""
    values = pd.to_numeric(differences, errors="coerce")
    return {"ahead": int((values >= LEVEL_BAND).sum()), "behind": int((values <= -LEVEL_BAND).sum()),
            "level": int((values.abs() < LEVEL_BAND).sum()), "unknown": int(values.isna().sum())}


def compare_chart(
    rows: pd.DataFrame, history: pd.DataFrame, lang: str, regions: Mapping,
    region_order: Sequence[str],
) -> go.Figure:
    """compare_figure as a validated graph object (for tests and scripts)."""
    return go.Figure(compare_figure(rows, history, lang, regions, region_order))


def compare_figure(
    rows: pd.DataFrame, history: pd.DataFrame, lang: str, regions: Mapping,
    region_order: Sequence[str],
) -> dict:
    """Small multiples, one per indicator (the first PAGE_SIZE of `rows`, in their order):
    progress by year per region, with each region's schedule dashed.  A plain figure dict:
    validating it as graph objects took more than half the comparison page's time."""
    names = [region_name(code, regions, lang) for code in region_order] + ["—", "—"]
    title = t("fig.compare.title", lang, a=names[0], b=names[1])
    indicators = list(dict.fromkeys(rows["indicator_id"]))[:PAGE_SIZE] if len(rows) else []
    if not indicators:
        return empty_figure(title, t("compare.none", lang, a=names[0], b=names[1])).to_dict()
    records = rows.to_dict("records")
    by_key = {(r["indicator_id"], r["region"]): r for r in records}
    first = {}
    for record in records:
        first.setdefault(record["indicator_id"], record)
    own = _history_by_target(history, [r["target_id"] for r in records])
    data = []
    for position, indicator in enumerate(indicators):
        axes = _axis_names(position)
        for order, code in enumerate(region_order):
            row = by_key.get((indicator, code))
            if row is not None:
                data += [dict(trace, xaxis=axes[0], yaxis=axes[1])
                         for trace in _region_traces(row, own.get(str(row["target_id"])), order,
                                                     names[order], lang, position == 0)]
    names = [indicator_name(first[i], lang) for i in indicators]
    titles = distinct_labels([shorten_name(name, 18 if lang != "en" else 40, lang) for name in names],
                             names)
    return {"data": data, "layout": _grid_layout(titles, title, _y_range(data), lang)}


def _history_by_target(history: pd.DataFrame, target_ids: Sequence) -> dict[str, pd.DataFrame]:
    """The history rows of the given targets, grouped once (not one filter per panel)."""
    if history is None or history.empty or "target_id" not in history:
        return {}
    wanted = history_of(history, pd.Series(list(target_ids), dtype=object))
    return {str(key): group for key, group in wanted.groupby("target_id", observed=True, sort=False)}


def _axis_names(position: int) -> tuple[str, str]:
    suffix = "" if position == 0 else str(position + 1)
    return f"x{suffix}", f"y{suffix}"


def _region_traces(
    row: Mapping, history: pd.DataFrame | None, order: int, region: str, lang: str, show_legend: bool,
) -> list[dict]:
    colour = REGION_COLOURS[order % len(REGION_COLOURS)]
    traces = []
    years, progress = _schedule(row)
    if years:
        schedule = t("fig.compare.schedule", lang, region=region)
        traces.append({
            "type": "scatter", "x": years, "y": progress, "mode": "lines",
            "line": {"color": colour, "width": 1.5, "dash": "dash"}, "name": schedule,
            "legendgroup": f"schedule-{order}", "showlegend": show_legend,
            "hovertemplate": f"{schedule} %{{x}}: %{{y:.0%}}<extra></extra>",
        })
    years, measured = _measured_points(row, history)
    traces.append({
        "type": "scatter", "x": years, "y": measured, "mode": "lines+markers",
        "name": region, "legendgroup": f"region-{order}", "showlegend": show_legend,
        "line": {"color": colour, "width": 3},
        "marker": {"size": 8, "symbol": REGION_SYMBOLS[order % len(REGION_SYMBOLS)]},
        "customdata": [[row["indicator_id"], row["region"], row["target_id"]]] * len(years),
        "hovertemplate": f"{region} %{{x}}: %{{y:.0%}}<extra></extra>",
    })
    return traces


def _measured(row: Mapping, history: pd.DataFrame | None) -> pd.DataFrame:
    """Progress by year after the baseline (at the baseline it is 0 by definition).

    Empty (with its two columns) when the target has no usable history, e.g. every
    actual older than its baseline.
    """
    years, ratios = _measured_points(row, history)
    return pd.DataFrame({"year": pd.Series(years, dtype="int64"),
                         "progress_ratio": pd.Series(ratios, dtype=float)})


def _measured_points(row: Mapping, history: pd.DataFrame | None) -> tuple[list[int], list[float]]:
    if history is None or history.empty:
        return [], []
    years = history["year"].to_numpy(dtype="int64")
    ratios = pd.to_numeric(history["progress_ratio"], errors="coerce").to_numpy(dtype=float)
    keep = np.isfinite(ratios)
    baseline = row.get("baseline_year")
    if baseline is None or pd.isna(baseline):
        return years[keep].tolist(), ratios[keep].tolist()
    keep &= years > int(baseline)
    if not keep.any():
        return [], []
    return [int(baseline), *years[keep].tolist()], [0.0, *ratios[keep].tolist()]


def _schedule(row: Mapping) -> tuple[list[int], list[float]]:
    """Where the plan says progress should be each year: the planned path as a share."""
    years, values = planned_points(row)
    if not years:
        return [], []
    base, goal = float(row["baseline_value"]), float(row["target_value"])
    if goal == base:
        return [], []
    return years, [(value - base) / (goal - base) for value in values]


def _y_range(data: list[dict]) -> list[float]:
    values = [v for trace in data for v in trace["y"] if math.isfinite(v)]
    low, high = min([-0.2, *values]), max([1.2, *values])
    return [max(low, -1.0) - 0.05, min(high, 2.5) + 0.05]


def _grid_layout(titles: list[str], title: str, y_range: list[float], lang: str) -> dict:
    """Axes, panel titles and the 100 % line of each panel, laid out as make_subplots would."""
    grid_rows = math.ceil(len(titles) / COLUMNS)
    height = grid_rows * PANEL_PX + 150
    v_spacing = min(0.5 / grid_rows, 110 / (grid_rows * PANEL_PX))
    width = (1 - (COLUMNS - 1) * H_SPACING) / COLUMNS
    panel = (1 - (grid_rows - 1) * v_spacing) / grid_rows
    layout = base_layout(title, height=height)
    layout.update(
        margin={"l": 64, "r": 20, "t": 110, "b": 40}, hovermode="closest", annotations=[], shapes=[],
        legend={"orientation": "h", "x": 0, "xref": "container", "y": 1 - 44 / height,
                "yref": "container", "yanchor": "top"},
    )
    layout["title"].update(y=1 - 12 / height, yref="container", yanchor="top")
    for position, text in enumerate(titles):
        row, col = divmod(position, COLUMNS)
        left, top = col * (width + H_SPACING), 1 - row * (panel + v_spacing)
        x_name, y_name = _axis_names(position)
        layout[x_name.replace("x", "xaxis")] = {
            "domain": [left, left + width], "anchor": y_name, "dtick": 1, "tickformat": "d",
            "gridcolor": GRID_COLOUR}
        layout[y_name.replace("y", "yaxis")] = {
            "domain": [max(top - panel, 0), top], "anchor": x_name, "range": y_range,
            "tickformat": ".0%", "gridcolor": GRID_COLOUR, "zeroline": True,
            "zerolinecolor": "#9AA5B1", "showticklabels": col == 0,
            "title": {"text": t("fig.compare.y", lang)} if col == 0 else {}}
        layout["annotations"].append({
            "text": text, "x": left + width / 2, "y": top, "xref": "paper", "yref": "paper",
            "xanchor": "center", "yanchor": "bottom", "showarrow": False,
            "font": {"size": 13, "color": "#1F3A5F"}})
        layout["shapes"].append({
            "type": "line", "xref": f"{x_name} domain", "yref": y_name, "x0": 0, "x1": 1,
            "y0": 1.0, "y1": 1.0, "line": {"color": "#1F3A5F", "width": 1, "dash": "dot"}})
    return layout
