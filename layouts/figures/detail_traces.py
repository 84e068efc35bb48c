"""The trajectory chart's traces, as plain plotly trace dicts (see detail.py).

The planned path and the projection use the engine's own formulas
(planned_points, projection_points), so the chart draws exactly what the
report computes.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from indicators.engine import planned_value, projected_value, time_share
from layouts.figures.format import document_short, is_number
from layouts.text.i18n import t

ACTUAL_COLOUR = "#1F3A5F"
# One colour per document on a chart (targets, paths, projections); none of
# them is a status colour, so no line reads as a status.
DOCUMENT_COLOURS = ("#6A51A3", "#2B8CBE", "#8C6D31", "#525252")
DOCUMENT_SYMBOLS = ("star", "diamond-wide", "hexagram", "star-square")


def hover(unit: str) -> str:
    suffix = "%" if unit == "%" else f" {unit}" if unit else ""
    return "%{fullData.name}<br>%{x}: %{y:,.4~g}" + suffix + "<extra></extra>"


def actual_traces(
    targets: pd.DataFrame, history: pd.DataFrame, series: pd.DataFrame, unit: str, lang: str,
    documents: Mapping,
) -> list[dict]:
    """The stored series; a cumulative target also gets its running total."""
    cumulative = targets["kind"].astype(str) == "cumulative"
    traces = []
    if not cumulative.all() and len(series):
        ordered = series.sort_values("year")
        traces.append(_actual_line(ordered["year"], ordered["value"], t("fig.trajectory.actual", lang),
                                   {"size": 9}, unit))
    for row in targets[cumulative].to_dict("records"):
        rows = history[history["target_id"].astype(str) == str(row["target_id"])]
        if rows.empty:
            continue
        name = t("fig.trajectory.actual_cumulative", lang)
        if cumulative.sum() > 1:
            name += f"（{document_short(str(row['document_id']), documents, lang)}）"
        traces.append(_actual_line(rows["year"], rows["actual"], name,
                                   {"size": 9, "symbol": "square"}, unit))
    return traces


def _actual_line(years: pd.Series, values: pd.Series, name: str, marker: dict, unit: str) -> dict:
    return {
        "type": "scatter", "x": years.astype(int).tolist(), "y": values.astype(float).tolist(),
        "mode": "lines+markers", "name": name, "line": {"color": ACTUAL_COLOUR, "width": 3},
        "marker": marker, "hovertemplate": hover(unit),
    }


def baseline_traces(targets: pd.DataFrame, unit: str, lang: str) -> list[dict]:
    """One trace with every distinct baseline point; none when no target has a baseline."""
    points = targets[targets["baseline_year"].map(is_number) & targets["baseline_value"].map(is_number)]
    points = points.drop_duplicates(["baseline_year", "baseline_value"])
    if points.empty:
        return []
    return [{
        "type": "scatter", "x": points["baseline_year"].astype(int).tolist(),
        "y": points["baseline_value"].astype(float).tolist(),
        "mode": "markers", "name": t("fig.trajectory.baseline", lang),
        "marker": {"size": 13, "symbol": "circle-open", "color": "#333333", "line": {"width": 3}},
        "hovertemplate": hover(unit),
    }]


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


def planned_path(row: Mapping, colour: str, document: str, unit: str, lang: str) -> dict:
    years, values = planned_points(row)
    return {
        "type": "scatter", "x": years, "y": values, "mode": "lines",
        "name": t("fig.trajectory.path", lang, document=document),
        "line": {"color": colour, "width": 2, "dash": "dot"}, "hovertemplate": hover(unit),
    }


def target_marker(row: Mapping, colour: str, symbol: str, document: str, unit: str, lang: str) -> dict:
    """The target at its year; a range target (low to high) gets an error bar up to its top."""
    trace = {
        "type": "scatter", "x": [int(row["target_year"])],
        "y": [float(row["target_value"]) if is_number(row.get("target_value")) else None],
        "mode": "markers", "name": t("fig.trajectory.target", lang, document=document),
        "marker": {"size": 18, "symbol": symbol, "color": colour,
                   "line": {"color": "#FFFFFF", "width": 1}},
        "hovertemplate": hover(unit),
    }
    low, high = row.get("target_low"), row.get("target_high")
    if is_number(low) and is_number(high):
        trace["error_y"] = {"type": "data", "symmetric": False, "array": [float(high) - float(low)],
                            "arrayminus": [0.0], "color": colour, "thickness": 2}
    return trace


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


def projection_traces(
    row: Mapping, history: pd.DataFrame, colour: str, document: str, unit: str, lang: str,
) -> list[dict]:
    """The projection line of one target; none when there is nothing to project from."""
    years, values = projection_points(row, history)
    if not years:
        return []
    return [{
        "type": "scatter", "x": years, "y": values, "mode": "lines+markers",
        "name": t("fig.trajectory.projection", lang, document=document),
        "line": {"color": colour, "width": 2, "dash": "dash"},
        "marker": {"size": [0, 10], "symbol": "circle-open", "color": colour},
        "hovertemplate": hover(unit),
    }]
