"""Figure builders: pure functions of engine output (DataFrames) and the UI language.

The overview's progress chart lives here with the helpers every chart
shares; the detail charts are in figures_detail.py and the comparison in
figures_compare.py.  Nothing here reads the database or the URL.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from indicators.status import STATUS_CODES, status_colour
from layouts.figures_format import (
    document_title,
    format_percent,
    format_point,
    indicator_name,
    is_number,
    region_name,
    short_label,
    status_word,
    target_text,
)
from layouts.i18n import CATEGORY_LABELS, category_label, t

FONT_FAMILY = '"PingFang SC","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC",sans-serif'
TEXT_COLOUR = "#1A1A1A"
GRID_COLOUR = "#E5E9EF"
TRACK_COLOUR = "#E8ECF1"
TIME_SHARE_COLOUR = "#333333"

# The overview chart's x range; a point beyond it sits on the edge as an arrow.
PROGRESS_RANGE = (-0.25, 1.35)
AXIS_RANGE = (-0.32, 1.42)
ROW_PX = 24
BLOCK_GAP_PX = 62
MARGIN = {"l": 236, "r": 24, "t": 136, "b": 40}


def graph_config(filename: str) -> dict:
    """dcc.Graph config: no plotly logo, a PNG download button at print resolution."""
    return {
        "displaylogo": False,
        "modeBarButtonsToRemove": ["lasso2d", "select2d", "autoScale2d"],
        "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2},
    }


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


def progress_chart(
    report: pd.DataFrame, lang: str, documents: Mapping | None = None,
    regions: Mapping | None = None,
) -> go.Figure:
    """Every target's progress_ratio against its time share, one block per category.

    Rows are target ids (labels via ticktext, so two targets with the same
    label never collapse); each point carries [indicator_id, region,
    target_id] as customdata for the click-through to the detail page.
    """
    title = t("fig.progress.title", lang)
    rows = report[report["progress_ratio"].map(is_number)] if len(report) else report
    if rows.empty:
        return empty_figure(title, t("fig.progress.empty", lang))
    blocks = _category_blocks(rows)
    height = len(rows) * ROW_PX + len(blocks) * BLOCK_GAP_PX + MARGIN["t"] + MARGIN["b"]
    plot_px = height - MARGIN["t"] - MARGIN["b"]
    fig = make_subplots(
        rows=len(blocks), cols=1, shared_xaxes=True,
        row_heights=[len(block) for _, block in blocks],
        vertical_spacing=BLOCK_GAP_PX / plot_px if len(blocks) > 1 else 0.0,
        subplot_titles=[category_label(category, lang) for category, _ in blocks],
    )
    for position, (_, block) in enumerate(blocks, start=1):
        _add_block(fig, block, position, lang, documents or {}, regions or {})
    _add_legend(fig, set(rows["status"].astype(str)), lang)
    _style_progress(fig, height, title, lang, len(blocks))
    return fig


def _add_legend(fig: go.Figure, statuses: set[str], lang: str) -> None:
    """Legend entries as empty traces: a plain circle per status, whatever the data's symbols."""
    for code in STATUS_CODES:
        if code in statuses:
            fig.add_trace(go.Scatter(
                x=[None], y=[None], mode="markers", name=status_word(code, lang),
                marker={"color": status_colour(code), "size": 12, "symbol": "circle"},
                legendgroup=code, showlegend=True, hoverinfo="skip",
            ), row=1, col=1)


def _category_blocks(rows: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
    """Rows split by category in the registry's order, each sorted worst first."""
    known = list(CATEGORY_LABELS)
    categories = rows["category"].astype(str) if "category" in rows else pd.Series("", rows.index)
    order = known + sorted(set(categories) - set(known))
    blocks = []
    for category in order:
        block = rows[categories == category]
        if len(block):
            blocks.append((category, block.sort_values(["progress_ratio", "target_id"])))
    return blocks


def _add_block(
    fig: go.Figure, block: pd.DataFrame, row: int, lang: str, documents: Mapping,
    regions: Mapping,
) -> None:
    ids = block["target_id"].astype(str).tolist()
    fig.add_trace(
        go.Bar(
            x=[1.0] * len(ids), y=ids, orientation="h", marker_color=TRACK_COLOUR, width=0.5,
            hoverinfo="skip", showlegend=False, name="track",
        ),
        row=row, col=1,
    )
    time_name = t("fig.progress.time_share", lang)
    fig.add_trace(
        go.Scatter(
            x=block["time_share"].astype(float).tolist(), y=ids, mode="markers",
            marker={"symbol": "line-ns", "size": 18, "line": {"width": 3, "color": TIME_SHARE_COLOUR}},
            name=time_name, legendgroup="time_share", showlegend=row == 1,
            hovertemplate=f"{time_name} %{{x:.0%}}<extra></extra>",
        ),
        row=row, col=1,
    )
    for code in STATUS_CODES:
        points = block[block["status"].astype(str) == code]
        if len(points):
            fig.add_trace(_status_points(points, code, lang, documents, regions), row=row, col=1)
    fig.update_yaxes(
        type="category", categoryorder="array", categoryarray=ids, tickvals=ids,
        ticktext=_row_labels(block, lang, documents, regions),
        autorange="reversed", row=row, col=1,
    )


def _status_points(
    points: pd.DataFrame, code: str, lang: str, documents: Mapping, regions: Mapping,
) -> go.Scatter:
    low, high = PROGRESS_RANGE
    progress = points["progress_ratio"].astype(float)
    symbols = ["triangle-right" if p > high else "triangle-left" if p < low else "circle"
               for p in progress]
    records = points.to_dict("records")
    return go.Scatter(
        x=progress.clip(low, high).tolist(),
        y=points["target_id"].astype(str).tolist(),
        mode="markers",
        marker={"color": status_colour(code), "size": 13, "symbol": symbols,
                "line": {"color": "#FFFFFF", "width": 1}},
        name=status_word(code, lang), legendgroup=code, showlegend=False,
        customdata=[[r["indicator_id"], r["region"], r["target_id"]] for r in records],
        text=[progress_hover(r, lang, documents, regions) for r in records],
        hovertemplate="%{text}<extra></extra>",
    )


DOCUMENT_KIND_TAGS = {
    "plan": ("规划", "plan"), "outline": ("纲要", "outline"), "action_plan": ("方案", "action plan"),
    "law": ("法规", "law"), "rule": ("规章", "rule"),
}


def _row_labels(block: pd.DataFrame, lang: str, documents: Mapping, regions: Mapping) -> list[str]:
    """'name · region', plus the document's kind where one series has several targets."""
    series = block["indicator_id"].astype(str) + "|" + block["region"].astype(str)
    repeated = series.duplicated(keep=False).tolist()
    labels = []
    for row, several in zip(block.to_dict("records"), repeated, strict=True):
        name = short_label(indicator_name(row, lang), 15 if lang != "en" else 32)
        region = region_name(str(row["region"]), regions, lang)
        # "重庆市" -> "重庆", "China (national)" -> "China": the hover has the full name.
        region = region.removesuffix("市") if lang != "en" else region.split(" (")[0]
        label = f"{name} · {region}"
        if several:
            document = documents.get(str(row["document_id"]))
            tag = DOCUMENT_KIND_TAGS.get(document.kind if document else "", (str(row["document_id"]),) * 2)
            label += f" · {tag[1] if lang == 'en' else tag[0]}"
        labels.append(label)
    return labels


def progress_hover(row: Mapping, lang: str, documents: Mapping, regions: Mapping) -> str:
    """Hover text of one target: what it is, where it stands, in the UI language."""
    unit = str(row.get("unit") or "")
    lines = [
        f"<b>{indicator_name(row, lang)}</b>",
        f"{t('hover.region', lang)}：{region_name(str(row['region']), regions, lang)}",
        f"{t('hover.document', lang)}：{document_title(str(row['document_id']), documents, lang)}",
        f"{t('hover.baseline', lang)}：{format_point(row.get('baseline_year'), row.get('baseline_value'), unit, lang)}",
        f"{t('hover.target', lang)}：{target_text(row, lang)}",
        f"{t('hover.latest', lang)}：{format_point(row.get('latest_year'), row.get('latest_value'), unit, lang)}",
        f"{t('hover.progress', lang)}：{format_percent(row.get('progress_ratio'))}"
        f"　{t('hover.time_share', lang)}：{format_percent(row.get('time_share'))}",
        f"{t('hover.status', lang)}：{status_word(str(row['status']), lang)}",
        f"<i>{t('hover.click', lang)}</i>",
    ]
    text = "<br>".join(lines)
    return text.replace("：", ": ") if lang == "en" else text


def _style_progress(fig: go.Figure, height: int, title: str, lang: str, blocks: int) -> None:
    low, high = AXIS_RANGE
    fig.update_layout(
        **base_layout(title, height=height),
        margin=MARGIN, barmode="overlay", hovermode="closest", bargap=0.4,
        # Just under the title, however tall the figure is.
        legend={"orientation": "h", "x": 0, "xref": "container", "y": 1 - 46 / height,
                "yref": "container", "yanchor": "top", "font": {"size": 13}},
    )
    fig.update_layout(title={"y": 1 - 12 / height, "yref": "container", "yanchor": "top"})
    fig.update_xaxes(
        range=[low, high], tickformat=".0%", tickvals=[0, 0.25, 0.5, 0.75, 1.0, 1.25],
        showticklabels=True, gridcolor=GRID_COLOUR, zeroline=True, zerolinecolor="#9AA5B1",
        fixedrange=True,
    )
    # Faint row lines lead the eye from a label to its dot.
    fig.update_yaxes(tickfont={"size": 13}, fixedrange=True, showgrid=True, gridcolor="#ECEFF3")
    fig.update_xaxes(title_text=t("fig.progress.x", lang), row=blocks, col=1)
    fig.add_vline(x=1.0, line={"color": "#1F3A5F", "width": 1.5, "dash": "dot"}, row="all", col=1)
    # Category titles end where the row labels end, just left of the plot area.
    for annotation in fig.layout.annotations:
        annotation.update(text=f"<b>{annotation.text}</b>", x=0, xanchor="right",
                          font={"size": 14, "color": "#1F3A5F"})
