"""对比 National vs Chongqing: where Chongqing runs ahead of or behind the national pace.

For each indicator with a target in every configured region, the headline
target of each region (see figures_compare.comparison_rows) is compared on the
unit-free progress scale, in small multiples and in a table.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd
from dash import dcc, html

from indicators.service import TrackerService
from layouts.detail_parts import status_badge
from layouts.figures import graph_config
from layouts.figures_compare import compare_chart, comparison_rows
from layouts.figures_format import (
    document_short,
    format_percent,
    indicator_name,
    is_number,
    region_name,
)
from layouts.i18n import t
from layouts.overview import no_data_callout
from layouts.report_table import detail_href

CHART = "compare-chart"
NAV = "compare-nav"
# Schedule ratios closer than this count as level pegging.
LEVEL_BAND = 0.05


def layout(service: TrackerService, lang: str = "zh", **_params: object) -> html.Div:
    # Built once per data version and language; then every viewer gets it at once.
    return service.view(("compare", lang), lambda: _build(service, lang))


def _build(service: TrackerService, lang: str) -> html.Div:
    registry = service.registry
    gap = service.report()
    regions = list(registry.regions)
    rows = comparison_rows(gap.report, regions, registry.documents)
    history = gap.history[gap.history["target_id"].astype(str).isin(rows["target_id"].astype(str))] \
        if len(rows) else gap.history.iloc[0:0]
    children: list = [
        html.H2(t("compare.title", lang), className="page-title"),
        html.P(t("compare.subtitle", lang) + (" · " + t("common.as_of", lang, year=gap.as_of)
                                              if gap.as_of is not None else ""),
               className="page-subtitle"),
    ]
    if gap.as_of is None:
        children.append(no_data_callout(lang))
    children += [
        html.Div(className="card-panel", children=[
            dcc.Graph(id=CHART, figure=compare_chart(rows, history, lang, registry.regions, regions),
                      config=graph_config("compare")),
            html.P(t("compare.chart_help", lang), className="chart-legend-note"),
        ]),
        html.Div(className="card-panel", children=[
            html.H3(t("compare.table_title", lang), className="section-title"),
            comparison_table(rows, regions, lang, registry.regions, registry.documents),
        ]),
        dcc.Location(id=NAV, refresh="callback-nav"),
    ]
    return html.Div(children, className="compare-page")


def comparison_table(
    rows: pd.DataFrame, regions: Sequence[str], lang: str, region_names: Mapping,
    documents: Mapping,
) -> html.Div:
    if rows.empty:
        return html.P(t("compare.none", lang), className="muted")
    names = [region_name(code, region_names, lang) for code in regions]
    head = html.Thead(html.Tr(
        [html.Th(t("compare.indicator", lang))] + [html.Th(name) for name in names]
        + [html.Th(t("compare.verdict", lang))]
    ))
    body = []
    for _, group in rows.groupby("indicator_id", sort=False):
        by_region = {row["region"]: row for row in group.to_dict("records")}
        cells = [html.Td(indicator_name(group.iloc[0].to_dict(), lang))]
        cells += [_region_cell(by_region.get(code), code, lang, documents) for code in regions]
        cells.append(html.Td(verdict(by_region, regions, lang, region_names)))
        body.append(html.Tr(cells))
    return html.Div(html.Table([head, html.Tbody(body)], className="table compare-summary"),
                    className="table-responsive")


def _region_cell(row: Mapping | None, code: str, lang: str, documents: Mapping) -> html.Td:
    if row is None:
        return html.Td("—")
    progress = t("compare.progress_pair", lang, progress=format_percent(row.get("progress_ratio")),
                 time=format_percent(row.get("time_share")))
    return html.Td([
        status_badge(str(row["status"]), lang), html.Br(),
        dcc.Link(progress, href=detail_href(row["indicator_id"], code)),
        html.Div(document_short(str(row["document_id"]), documents, lang), className="small-note"),
    ])


def verdict(by_region: Mapping, regions: Sequence[str], lang: str, region_names: Mapping) -> object:
    """Whether the second region (Chongqing) is ahead of, level with or behind the first."""
    if len(regions) < 2:
        return "—"
    first, second = (by_region.get(code) or {} for code in regions[:2])
    a, b = first.get("schedule_ratio"), second.get("schedule_ratio")
    if not (is_number(a) and is_number(b)):
        return html.Span(t("compare.cannot_compare", lang), className="muted")
    difference = float(b) - float(a)
    fields = {"region": region_name(regions[1], region_names, lang),
              "other": region_name(regions[0], region_names, lang),
              "points": f"{abs(difference) * 100:.0f}"}
    if abs(difference) < LEVEL_BAND:
        return html.Span(t("compare.level", lang, **fields))
    key, style = ("compare.ahead", "lead-ahead") if difference > 0 else ("compare.behind", "lead-behind")
    return html.Span(t(key, lang, **fields), className=style)
