"""对比 Two regions compared: where region B runs ahead of or behind region A.

The viewer picks a reference region A and a region B (by default the first two
configured regions: national and Chongqing); every indicator with a headline
target in both (see figures.compare.comparison_rows) is compared on the
unit-free progress scale.  Indicators are ordered most divergent first and
shown PAGE_SIZE at a time, in small multiples and in a table of the same page.

`layout(service, lang, a=, b=, page=)` takes the URL's ?a=CN&b=CN-CQ&page=2
(for the router's QUERY_PARAMS); `page_outputs` is what the page's one callback
re-renders, cached per data version, language, regions and page.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import NamedTuple

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from indicators.service import TrackerService
from layouts.figures.common import graph_config
from layouts.figures.compare import (
    LEVEL_BAND,
    PAGE_SIZE,
    compare_figure,
    comparison_rows,
    pair_order,
    verdict_counts,
)
from layouts.figures.format import (
    document_short,
    format_percent,
    indicator_name,
    is_number,
    region_name,
)
from layouts.grid.report_table import detail_href
from layouts.pages.detail_parts import status_badge
from layouts.pages.overview import no_data_callout
from layouts.text.i18n import pick, t

CHART = "compare-chart"
NAV = "compare-nav"
BODY = "compare-body"
REGION_A = "compare-region-a"
REGION_B = "compare-region-b"
PAGER = "compare-pager"
HIDDEN = {"display": "none"}


class Choice(NamedTuple):
    """What the viewer asked for: reference region, compared region, page (from 1)."""

    region_a: str
    region_b: str
    page: int


class Pairing(NamedTuple):
    """Two regions' headline targets for their shared indicators, and their order."""

    rows: pd.DataFrame   # one row per (indicator, region)
    order: pd.DataFrame  # indicator_id, difference (B - A schedule ratio), most divergent first


def choose(service: TrackerService, a: object = None, b: object = None, page: object = None) -> Choice:
    """A Choice from selector values or URL parameters; unknown values mean the defaults."""
    codes = list(service.registry.regions)
    default_a = codes[0] if codes else ""
    default_b = codes[1] if len(codes) > 1 else default_a
    digits = str(page or "")
    number = int(digits) if re.fullmatch(r"[0-9]{1,5}", digits) and int(digits) > 0 else 1
    return Choice(a if a in codes else default_a, b if b in codes else default_b, number)


def layout(service: TrackerService, lang: str = "zh", a: str | None = None, b: str | None = None,
           page: str | int | None = None, **_params: object) -> html.Div:
    choice = choose(service, a, b, page)
    body, pages, number, pager_style = page_outputs(service, lang, choice)
    return html.Div(className="compare-page", children=[
        html.H2(t("compare.title", lang), className="page-title"),
        html.Div(className="card-panel", children=[
            _selectors(service, lang, choice),
            # The pager stays outside the body: the callback sets its pages and active page.
            dbc.Pagination(id=PAGER, max_value=pages, active_page=number, first_last=True,
                           previous_next=True, fully_expanded=False, style=pager_style,
                           class_name="compare-pager mt-2 mb-0"),
        ]),
        html.Div(body, id=BODY),
        dcc.Location(id=NAV, refresh="callback-nav"),
    ])


def _selectors(service: TrackerService, lang: str, choice: Choice) -> html.Div:
    options = [{"label": pick(r.name_zh, r.name_en, lang), "value": r.code}
               for r in service.registry.regions.values()]
    return html.Div(className="filter-bar", children=[
        # Wide enough for a whole region name ("China (national)"), not cut to "China (n…".
        html.Div(className="filter region-filter", children=[
            html.Label(t(key, lang), htmlFor=component),
            dcc.Dropdown(id=component, options=options, value=value, clearable=False,
                         searchable=len(options) > 10),
        ]) for key, component, value in (("compare.region_a", REGION_A, choice.region_a),
                                          ("compare.region_b", REGION_B, choice.region_b))
    ])


def page_outputs(service: TrackerService, lang: str, choice: Choice) -> tuple[list, int, int, dict]:
    """(body children, page count, page shown, pager style): what the page's callback writes.

    Built once per data version, language, regions and page; then every viewer gets it at once.
    """
    return service.view(("compare_body", lang, choice), lambda: _build_body(service, lang, choice))


def pairing(service: TrackerService, region_a: str, region_b: str) -> Pairing:
    """Headline rows and order of one pair of regions, shared by all its pages and languages."""
    def build() -> Pairing:
        if region_a == region_b:
            return Pairing(pd.DataFrame(), pair_order(pd.DataFrame(), region_a, region_b))
        rows = comparison_rows(service.report().report, [region_a, region_b],
                               service.registry.documents)
        return Pairing(rows, pair_order(rows, region_a, region_b))

    return service.view(("compare_pair", region_a, region_b), build)


def _build_body(service: TrackerService, lang: str, choice: Choice) -> tuple[list, int, int, dict]:
    registry, gap = service.registry, service.report()
    names = {"a": region_name(choice.region_a, registry.regions, lang),
             "b": region_name(choice.region_b, registry.regions, lang)}
    pair = pairing(service, choice.region_a, choice.region_b)
    pages = max(1, math.ceil(len(pair.order) / PAGE_SIZE))
    number = min(choice.page, pages)
    shown = pair.order.iloc[(number - 1) * PAGE_SIZE:number * PAGE_SIZE]
    children: list = [html.H3(t("compare.heading", lang, **names), className="section-title")]
    subtitle = t("compare.subtitle", lang)
    if gap.as_of is not None:
        subtitle += " · " + t("common.as_of", lang, year=gap.as_of)
    children.append(html.P(subtitle, className="page-subtitle"))
    if gap.as_of is None:
        children.append(no_data_callout(lang))
    if choice.region_a == choice.region_b:
        children.append(html.P(t("compare.same_region", lang), className="muted"))
    elif not len(shown):
        children.append(html.P(t("compare.none", lang, **names), className="muted"))
    else:
        children += _comparison(service, lang, choice, pair, shown, number, pages)
    return children, pages, number, (HIDDEN if pages < 2 else {})


def _comparison(service: TrackerService, lang: str, choice: Choice, pair: Pairing,
                shown: pd.DataFrame, number: int, pages: int) -> list:
    registry, history = service.registry, service.report().history
    regions = [choice.region_a, choice.region_b]
    rank = {code: i for i, code in enumerate(shown["indicator_id"])}
    rows = pair.rows[pair.rows["indicator_id"].isin(rank)]
    rows = rows.assign(_o=rows["indicator_id"].map(rank), _r=rows["region"].map(regions.index))
    rows = rows.sort_values(["_o", "_r"]).drop(columns=["_o", "_r"])
    first = (number - 1) * PAGE_SIZE + 1
    names = {"a": region_name(choice.region_a, registry.regions, lang),
             "b": region_name(choice.region_b, registry.regions, lang)}
    return [
        html.P(t("compare.summary", lang, count=len(pair.order), **names,
                 **verdict_counts(pair.order["difference"])), className="compare-summary-line"),
        html.Div(className="card-panel", children=[
            dcc.Graph(id=CHART, figure=compare_figure(rows, history, lang, registry.regions, regions),
                      config=graph_config("compare", lang)),
            html.P(t("compare.page", lang, page=number, pages=pages, first=first,
                     last=first + len(shown) - 1), className="small-note"),
            html.P(t("compare.chart_help", lang, size=PAGE_SIZE), className="chart-legend-note"),
        ]),
        html.Div(className="card-panel", children=[
            html.H3(t("compare.table_title", lang), className="section-title"),
            comparison_table(rows, shown, regions, lang, registry.regions, registry.documents),
        ]),
    ]


def comparison_table(
    rows: pd.DataFrame, order: pd.DataFrame, regions: list[str], lang: str, region_names: Mapping,
    documents: Mapping,
) -> html.Div:
    """One row per indicator of `order`: each region's status and progress, and the verdict."""
    names = [region_name(code, region_names, lang) for code in regions]
    head = html.Thead(html.Tr(
        [html.Th(t("compare.indicator", lang))] + [html.Th(name) for name in names]
        + [html.Th(t("compare.verdict", lang, a=names[0], b=names[1]))]
    ))
    by_key = {(r["indicator_id"], r["region"]): r for r in rows.to_dict("records")}
    body = []
    for indicator, difference in zip(order["indicator_id"], order["difference"], strict=True):
        cells = [by_key.get((indicator, code)) for code in regions]
        named = next(cell for cell in cells if cell is not None)
        body.append(html.Tr(
            [html.Td(indicator_name(named, lang))]
            + [_region_cell(cell, code, lang, documents) for cell, code in zip(cells, regions, strict=True)]
            + [html.Td(verdict(difference, names, lang))]
        ))
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


def verdict(difference: object, names: list[str], lang: str) -> object:
    """Whether region B (names[1]) is ahead of, level with or behind region A (names[0]),
    from B's schedule ratio minus A's."""
    if not is_number(difference):
        return html.Span(t("compare.cannot_compare", lang), className="muted")
    value = float(difference)
    fields = {"region": names[1], "other": names[0], "points": f"{abs(value) * 100:.0f}"}
    if abs(value) < LEVEL_BAND:
        return html.Span(t("compare.level", lang, **fields))
    key, style = ("compare.ahead", "lead-ahead") if value > 0 else ("compare.behind", "lead-behind")
    return html.Span(t(key, lang, **fields), className=style)
