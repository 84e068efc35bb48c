"""The overview's progress chart: every target's progress against time elapsed, by category.

Built as a plain plotly figure dict: the overview is re-rendered for every
data version, and plotly's graph objects spent over a second validating
make_subplots, add_vline and update calls for sixty targets.  The tests wrap
the same dict in go.Figure (progress_chart), which validates every property.
A dict carries no template, so the few template values the chart relied on
(left-aligned hover text) are stated here, and the margins are computed, not automatic.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from indicators.engine import STATUS_CODES, status_colour
from layouts.figures.common import (
    GRID_COLOUR,
    TIME_SHARE_COLOUR,
    TRACK_COLOUR,
    base_layout,
    empty_figure,
)
from layouts.figures.format import is_number, status_word
from layouts.figures.labels import text_em, wrap_label
from layouts.figures.progress_look import NARROW, NARROW_BELOW_PX, WIDE, Look
from layouts.figures.progress_text import progress_hover, row_labels
from layouts.text.catalogue import CATEGORY_LABELS
from layouts.text.i18n import category_label, t

# What the bars, labels and hovers read of a report row (format.target_text, indicator_name).
CHART_COLUMNS = ("target_id", "indicator_id", "region", "document_id", "category", "status",
                 "progress_ratio", "time_share", "name_zh", "name_en", "unit", "baseline_year",
                 "baseline_value", "latest_year", "latest_value", "comparator", "target_year",
                 "target_value", "target_low", "target_high")
# The chart's x range; a point beyond it sits on the edge as an arrow.
PROGRESS_RANGE = (-0.25, 1.35)
AXIS_RANGE = (-0.32, 1.42)
TITLE_COLOUR = "#1F3A5F"
# Row labels beside the bars: their estimated width (labels.text_em, which measured 2-6 %
# under Chromium's on the sample's labels) times this, plus the tick's standoff.
LABEL_WIDTH_FACTOR = 1.1
LABEL_STANDOFF_PX = 16


def progress_chart(report: pd.DataFrame, lang: str, documents: Mapping | None = None,
                   regions: Mapping | None = None) -> go.Figure:
    """progress_figure as a validated graph object (for tests and scripts)."""
    return go.Figure(progress_figure(report, lang, documents, regions))


def progress_figure(report: pd.DataFrame, lang: str, documents: Mapping | None = None,
                    regions: Mapping | None = None) -> dict:
    """Every target's progress_ratio against its time share, one block per category.

    Rows are target ids (labels via ticktext, so two targets with the same
    label never collapse); each point carries [indicator_id, region,
    target_id] as customdata for the click-through to the detail page.
    """
    return progress_views(report, lang, documents, regions, narrow=False)[0]


def narrow_layout(report: pd.DataFrame, lang: str, documents: Mapping | None = None,
                  regions: Mapping | None = None) -> dict | None:
    """The phone's layout of progress_figure's data: labels above the bars (None: no chart)."""
    return progress_views(report, lang, documents, regions)[1]


def progress_views(report: pd.DataFrame, lang: str, documents: Mapping | None = None,
                   regions: Mapping | None = None, narrow: bool = True) -> tuple[dict, dict | None]:
    """progress_figure and narrow_layout (None unless `narrow`) of one report, its rows
    split into blocks and labelled once for both."""
    title = t("fig.progress.title", lang)
    rows = _chart_rows(report)
    if rows.empty:
        return empty_figure(title, t("fig.progress.empty", lang)).to_dict(), None
    documents, regions = documents or {}, regions or {}
    blocks = _category_blocks(rows)
    texts = [row_labels(block, lang, documents, regions) for _, block in blocks]
    data: list[dict] = []
    for number, (_, block) in enumerate(blocks, start=1):
        data += _block_traces(block, number, lang, documents, regions)
    data += _legend_traces(set(rows["status"].astype(str)), lang)
    figure = {"data": data, "layout": chart_layout(blocks, texts, title, WIDE, lang)}
    if not narrow:
        return figure, None
    return figure, {"layout": chart_layout(blocks, texts, title, NARROW, lang),
                    "track_width": NARROW.track_width, "narrow_below": NARROW_BELOW_PX}


def _chart_rows(report: pd.DataFrame) -> pd.DataFrame:
    """The targets with a progress ratio, in the columns the chart reads (CHART_COLUMNS).

    The labels and hovers read rows as records, and a record of all fifty-odd report
    columns cost more than the chart's own work (a region's overview: 0.1 s of 0.2 s).
    """
    rows = report[report["progress_ratio"].map(is_number)] if len(report) else report
    return rows[[name for name in CHART_COLUMNS if name in rows.columns]]


def chart_layout(blocks: list[tuple[str, pd.DataFrame]], texts: list[list[str]], title: str,
                 look: Look, lang: str) -> dict:
    """One block of rows per category, each as tall as its rows and their labels need
    (texts: each block's row labels, progress_text.row_labels)."""
    labels = [[wrap_label(text, look.label_em, look.max_lines) for text in block]
              for block in texts]
    lines = [max(len(label) for label in block) for block in labels]
    heights = [len(block) * (look.row_px + look.line_px * n) for (_, block), n in zip(blocks, lines, strict=True)]
    title_lines = wrap_label(title, look.title_em, 3)
    top = 14 + 34 * len(title_lines) - 12 + look.legend_px + 30
    height = top + sum(heights) + look.gap_px * (len(blocks) - 1) + look.margin["b"]
    layout = _layout("<br>".join(title_lines), height, top, len(title_lines), look,
                     _left_margin(labels, look))
    y, plot_px = 0, height - top - look.margin["b"]
    for number, ((category, block), block_labels, px) in enumerate(
            zip(blocks, labels, heights, strict=True), start=1):
        domain = [max(1 - (y + px) / plot_px, 0.0), 1 - y / plot_px]
        y += px + look.gap_px
        layout |= _block_axes(number, domain, block, block_labels, look)
        x_ref, y_ref = _refs(number)
        layout["annotations"].append(_block_title(category_label(category, lang), domain[1], look))
        layout["shapes"].append({"type": "line", "x0": 1.0, "x1": 1.0, "xref": x_ref, "y0": 0,
                                 "y1": 1, "yref": f"{y_ref} domain",
                                 "line": {"color": TITLE_COLOUR, "width": 1.5, "dash": "dot"}})
    layout[_axis_name("x", len(blocks))]["title"] = {"text": t("fig.progress.x", lang),
                                                      "standoff": 15}
    return layout


def _refs(number: int) -> tuple[str, str]:
    suffix = "" if number == 1 else str(number)
    return f"x{suffix}", f"y{suffix}"


def _axis_name(letter: str, number: int) -> str:
    return f"{letter}axis" + ("" if number == 1 else str(number))


def _left_margin(labels: list[list[list[str]]], look: Look) -> int:
    """Room for the widest row label line beside the bars (a phone's labels are inside).

    The margins are stated rather than left to plotly's automargin: measuring every
    tick label and laying the chart out again doubled the time it took to draw.
    """
    if look.inside:
        return look.margin["l"]
    widest = max(text_em(line) for block in labels for label in block for line in label)
    return max(look.margin["l"], round(widest * look.font_size * LABEL_WIDTH_FACTOR) + LABEL_STANDOFF_PX)


def _layout(title: str, height: int, top: int, title_lines: int, look: Look, left: int) -> dict:
    layout = base_layout(title, height=height)
    # The title and the legend just under it stay put however tall the figure is.
    # (plotly.js anchors a title of several lines by its first line: the rest hang lower.)
    layout["title"] |= {"y": 1 - (12 + 12 * (title_lines - 1)) / height, "yref": "container",
                        "yanchor": "top"}
    # A dict carries no plotly.py template: state what the default template gave the chart.
    layout["hoverlabel"] = layout["hoverlabel"] | {"align": "left"}
    return layout | {
        "margin": {**look.margin, "l": left, "t": top}, "barmode": "overlay", "hovermode": "closest",
        "bargap": 0.4,
        "legend": {"orientation": "h", "x": 0, "xref": "container",
                   "y": 1 - (20 + 34 * title_lines - 12) / height,
                   "yref": "container", "yanchor": "top", "font": {"size": 13}},
        "annotations": [], "shapes": [],
    }


def _block_axes(number: int, domain: list[float], block: pd.DataFrame, labels: list[list[str]],
                look: Look) -> dict:
    x_ref, y_ref = _refs(number)
    ids = block["target_id"].astype(str).tolist()
    low, high = AXIS_RANGE
    y_axis = {
        "anchor": x_ref, "domain": domain, "type": "category", "categoryorder": "array",
        "categoryarray": ids, "tickvals": ids, "autorange": "reversed",
        "ticktext": ["<br>".join(label) for label in labels],
        # Faint row lines lead the eye from a label to its dot.
        "tickfont": {"size": look.font_size}, "fixedrange": True, "showgrid": not look.inside,
        "gridcolor": "#ECEFF3", "automargin": False,
    }
    if look.inside:
        # Each label sits just above its track, starting at the left edge of the plot.
        lines = max(len(label) for label in labels)
        y_axis |= {"ticklabelposition": "inside", "ticks": "", "ticklabelstandoff": 2,
                   "ticklabelshift": round(look.line_px * lines / 2 + 8)}
    return {
        _axis_name("x", number): {
            "anchor": y_ref, "domain": [0.0, 1.0], "range": [low, high], "tickformat": ".0%",
            "tickvals": list(look.tickvals), "showticklabels": True,
            "gridcolor": GRID_COLOUR, "zeroline": True, "zerolinecolor": "#9AA5B1",
            "zerolinewidth": 2, "fixedrange": True, "automargin": False,
        },
        _axis_name("y", number): y_axis,
    }


def _block_title(text: str, top: float, look: Look) -> dict:
    # Wide: category titles end where the row labels end, just left of the plot area.
    # Narrow: they start at the left edge, above the block's first label.
    shift = 4 if look.inside else 0
    return {"text": f"<b>{text}</b>", "x": 0, "xref": "paper",
            "xanchor": "left" if look.inside else "right", "y": top, "yref": "paper",
            "yanchor": "bottom", "yshift": shift, "showarrow": False,
            "font": {"size": 14, "color": TITLE_COLOUR}}


def _legend_traces(statuses: set[str], lang: str) -> list[dict]:
    """Legend entries as empty traces: a plain circle per status, whatever the data's symbols."""
    return [{"type": "scatter", "x": [None], "y": [None], "mode": "markers",
             "name": status_word(code, lang), "legendgroup": code, "showlegend": True,
             "hoverinfo": "skip", "xaxis": "x", "yaxis": "y",
             "marker": {"color": status_colour(code), "size": 12, "symbol": "circle"}}
            for code in STATUS_CODES if code in statuses]


def _category_blocks(rows: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
    """Rows split by category in the registry's order, each sorted worst first."""
    known = list(CATEGORY_LABELS)
    # Plain object arrays: comparing pandas' string columns costs a call per category.
    categories = (rows["category"].astype(str).to_numpy(dtype=object) if "category" in rows
                  else np.full(len(rows), "", dtype=object))
    order = known + sorted(set(categories) - set(known))
    blocks = []
    for category in order:
        block = rows[categories == category]
        if len(block):
            blocks.append((category, block.sort_values(["progress_ratio", "target_id"])))
    return blocks


def _block_traces(block: pd.DataFrame, number: int, lang: str, documents: Mapping,
                  regions: Mapping) -> list[dict]:
    x_ref, y_ref = _refs(number)
    records = block.to_dict("records")  # once per block: the points are grouped in Python
    ids = [str(record["target_id"]) for record in records]
    time_name = t("fig.progress.time_share", lang)
    traces = [
        {"type": "bar", "x": [1.0] * len(ids), "y": ids, "orientation": "h", "width": 0.5,
         "marker": {"color": TRACK_COLOUR}, "hoverinfo": "skip", "showlegend": False,
         "name": "track"},
        {"type": "scatter", "x": block["time_share"].astype(float).tolist(), "y": ids,
         "mode": "markers", "name": time_name, "legendgroup": "time_share",
         "marker": {"symbol": "line-ns", "size": 18,
                    "line": {"width": 3, "color": TIME_SHARE_COLOUR}},
         "showlegend": number == 1, "hovertemplate": f"{time_name} %{{x:.0%}}<extra></extra>"},
    ]
    by_status: dict[str, list[dict]] = {}
    for record in records:
        by_status.setdefault(str(record["status"]), []).append(record)
    for code in STATUS_CODES:
        if code in by_status:
            traces.append(_status_points(by_status[code], code, lang, documents, regions))
    return [trace | {"xaxis": x_ref, "yaxis": y_ref} for trace in traces]


def _status_points(records: list[dict], code: str, lang: str, documents: Mapping,
                   regions: Mapping) -> dict:
    low, high = PROGRESS_RANGE
    progress = [float(record["progress_ratio"]) for record in records]
    symbols = ["triangle-right" if p > high else "triangle-left" if p < low else "circle"
               for p in progress]
    return {
        "type": "scatter", "x": [min(max(p, low), high) for p in progress],
        "y": [str(record["target_id"]) for record in records], "mode": "markers",
        "marker": {"color": status_colour(code), "size": 13, "symbol": symbols,
                   "line": {"color": "#FFFFFF", "width": 1}},
        "name": status_word(code, lang), "legendgroup": code, "showlegend": False,
        "customdata": [[r["indicator_id"], r["region"], r["target_id"]] for r in records],
        "text": [progress_hover(r, lang, documents, regions) for r in records],
        "hovertemplate": "%{text}<extra></extra>",
    }
