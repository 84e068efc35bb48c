"""总览 Overview: status tiles, the evaluation summary, filters, the progress chart, the gap
report and missing data.

`layout` builds the page with its filters; `overview_body` builds everything
below the filters and is what the filter callback re-renders.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
from dash import dcc, html

from indicators.engine import (
    STATUS_CODES,
    assessable_count,
    document_summaries,
    furthest_behind,
    status_colour,
    status_text_colour,
)
from indicators.registry import Registry
from indicators.service import ReportFilter, Scope, TrackerService
from layouts.figures.common import graph_config
from layouts.figures.format import status_word
from layouts.figures.progress import progress_views
from layouts.grid.column_chooser import column_chooser, default_columns, phone_note
from layouts.grid.report_table import GRID_CLIENT_LIMIT, missing_data_list, report_grid
from layouts.pages.overview_filters import filter_options, is_large
from layouts.text.i18n import category_label, t
from layouts.text.overview_scale import text as scale_text

DOCUMENT_FILTER = "overview-document"
REGION_FILTER = "overview-region"
CATEGORY_FILTER = "overview-category"
AS_OF_FILTER = "overview-as-of"
BODY = "overview-body"
CHART = "overview-chart"
CHART_BOX = "overview-chart-box"  # the chart's panel: its width picks the layout (callbacks.phone)
CHART_NARROW = "overview-chart-narrow"  # dcc.Store: the chart's phone layout
EXPORT_CSV = "overview-export-csv"
EXPORT_XLSX = "overview-export-xlsx"
EXPORT_DOCX = "overview-export-docx"  # the evaluation report (Word) of the documents in view
SUMMARY = "overview-summary"
DOWNLOAD = "overview-download"
NAV = "overview-nav"  # dcc.Location(refresh="callback-nav"): a chart click opens a detail page
TILE = "status-tile"  # pattern-matching id type: {"type": TILE, "status": code}
# More targets than this and the chart shows only the furthest behind (a taller chart is unreadable).
CHART_LIMIT = 60


def tile_id(code: str) -> dict:
    return {"type": TILE, "status": code}


def layout(
    service: TrackerService, lang: str = "zh", document: str | None = None,
    region: str | None = None, category: str | None = None, as_of: str | int | None = None,
    **_params: object,
) -> html.Div:
    # Kept whole per data version: one cache lookup instead of one per part (each asks the
    # database for its version).
    key = ("overview_page", lang, *(None if value is None else str(value)
                                    for value in (document, region, category, as_of)))
    return service.view(key, lambda: _page(service, lang, document, region, category, as_of))


def _page(service: TrackerService, lang: str, document: str | None, region: str | None,
          category: str | None, as_of: str | int | None) -> html.Div:
    selection = selection_from(service, document, region, category, as_of)
    return html.Div(
        className="overview-page",
        children=[
            html.H2(t("overview.title", lang), className="page-title"),
            html.Div(service.view(("overview_filters", lang, selection),
                                  lambda: _filters(service, lang, selection)), className="card-panel"),
            html.Div(overview_body(service, lang, selection), id=BODY),
            dcc.Location(id=NAV, refresh="callback-nav"),
        ],
    )


def selection_from(
    service: TrackerService, document: str | None, region: str | None,
    category: str | None, as_of: str | int | None,
) -> ReportFilter:
    """A ReportFilter from filter values or URL parameters; unknown values mean 'all'."""
    registry = service.registry
    year = int(as_of) if str(as_of or "").isdigit() else None
    years = service.data_years()
    if year not in years or (year == years[-1] and service.report().as_of == year):
        year = None  # the default report's year: one report computed and cached, not two
    return ReportFilter(
        as_of=year,
        document=document if document in registry.documents else None,
        region=region if region in registry.regions else None,
        category=category if category in _categories(service) else None,
    )


def _categories(service: TrackerService) -> list[str]:
    return service.view(("categories",), lambda: list(dict.fromkeys(
        service.targets["category"].astype(str).unique())))


def _filters(service: TrackerService, lang: str, selection: ReportFilter) -> html.Div:
    documents = filter_options(service, "document", lang, selected=selection.document)
    regions = filter_options(service, "region", lang, selected=selection.region)
    categories = [{"label": category_label(c, lang), "value": c} for c in _categories(service)]
    years = [{"label": t("common.year_suffix", lang, year=y), "value": y}
             for y in reversed(service.data_years())]
    latest = years[0]["value"] if years else None
    search = is_large(service)  # thousands of regions and plans: type to find one
    return html.Div(
        className="filter-bar",
        children=[
            _filter(t("overview.filter_document", lang), DOCUMENT_FILTER, documents,
                    selection.document, lang, searchable=search),
            _filter(t("overview.filter_region", lang), REGION_FILTER, regions, selection.region,
                    lang, narrow=True, searchable=search),
            _filter(t("overview.filter_category", lang), CATEGORY_FILTER, categories,
                    selection.category, lang),
            _filter(t("overview.filter_as_of", lang), AS_OF_FILTER, years,
                    selection.as_of or latest, lang, narrow=True, clearable=False),
            html.Div(
                className="export-buttons",
                children=[
                    html.Button(t("overview.export_csv", lang), id=EXPORT_CSV, n_clicks=0,
                                className="btn btn-outline-primary btn-sm me-2"),
                    html.Button(t("overview.export_xlsx", lang), id=EXPORT_XLSX, n_clicks=0,
                                className="btn btn-primary btn-sm me-2"),
                    html.Button(t("overview.export_docx", lang), id=EXPORT_DOCX, n_clicks=0,
                                title=t("overview.export_docx_help", lang),
                                className="btn btn-primary btn-sm"),
                    dcc.Download(id=DOWNLOAD),
                ],
            ),
        ],
    )


def _filter(
    label: str, component_id: str, options: list[dict], value: object, lang: str,
    narrow: bool = False, clearable: bool = True, searchable: bool = False,
) -> html.Div:
    placeholder = t("common.all", lang)
    if searchable:
        placeholder += " · " + scale_text("overview.filter_search", lang)
    return html.Div(
        className="filter narrow" if narrow else "filter",
        children=[
            html.Label(label, htmlFor=component_id),
            dcc.Dropdown(id=component_id, options=options, value=value, clearable=clearable,
                         placeholder=placeholder, searchable=searchable),
        ],
    )


def overview_body(service: TrackerService, lang: str, selection: ReportFilter) -> list:
    # Built once per data version, language and filter; then every viewer gets it at once.
    # A region's page reads that region's series only: another region's upload hands it on.
    # The year is in the key: which releases are overdue (expected_releases) depends on it.
    scope = Scope(regions=frozenset({selection.region})) if selection.region else None
    return service.view(("overview_body", lang, selection, dt.date.today().year),
                        lambda: _build_body(service, lang, selection), scope)


def _build_body(service: TrackerService, lang: str, selection: ReportFilter) -> list:
    gap = service.filtered_report(selection)
    report, registry = gap.report, service.registry
    children: list = []
    if gap.as_of is None:
        children.append(no_data_callout(lang))
    subtitle = t("overview.subtitle", lang, count=len(report))
    if gap.as_of is not None:
        subtitle = t("common.as_of", lang, year=gap.as_of) + " · " + subtitle
    children += [
        html.P(subtitle, className="page-subtitle"),
        status_tiles(report["status"].astype(str).tolist(), lang),
        summary_panel(report, gap.as_of, lang, registry, service.settings.overview.summary_limit),
        progress_panel(report, lang, registry),
        html.Div(className="card-panel", children=[
            html.H3(t("overview.table_title", lang), className="section-title"),
            html.P(t("overview.table_help", lang) if len(report) <= GRID_CLIENT_LIMIT
                   else t("overview.table_help_large", lang, count=len(report)),
                   className="small-note"),
            *report_table_parts(report, lang, registry),
        ]),
        html.Div(className="card-panel", id="overview-missing", children=[
            html.H3(t("overview.missing_title", lang), className="section-title"),
            missing_data_list(report, gap.as_of, lang, registry.regions,
                              service.expected_releases(selection)),
        ]),
    ]
    return children


def report_table_parts(report: pd.DataFrame, lang: str, registry: Registry) -> list:
    """The column chooser (wide screens), the phone's note, and the gap table."""
    grid = report_grid(report, lang, registry.documents, registry.regions)
    columns = [(column["field"], column["headerName"]) for column in grid.columnDefs]
    return [column_chooser(columns, default_columns(report), lang), phone_note(lang), grid]


def summary_panel(report: pd.DataFrame, as_of: int | None, lang: str, registry: Registry,
                  limit: int | None = None) -> html.Div | None:
    """评估摘要: the evaluation's summary sentence for each document in view (the first
    `limit` of them: a national view has thousands, the filters reach the others)."""
    if report.empty or as_of is None:
        return None
    sentences = document_summaries(report, registry.documents, as_of, lang, limit)
    total = report["document_id"].nunique()
    limited = [html.P(scale_text("overview.summary_limited", lang, shown=len(sentences), total=total),
                      className="small-note summary-limited")] if len(sentences) < total else []
    return html.Div(className="card-panel", id=SUMMARY, children=[
        html.H3(t("overview.summary_title", lang), className="section-title"),
        *(html.P(text, className="summary-sentence") for _, text in sentences),
        *limited,
        html.P(t("overview.summary_help", lang), className="small-note"),
    ])


def progress_panel(report: pd.DataFrame, lang: str, registry: Registry) -> html.Div:
    """The progress chart; of a large report only the CHART_LIMIT targets furthest behind."""
    ranked = assessable_count(report)
    shown = report  # small reports: every target, as the chart has always drawn them
    notes = [html.P(t("overview.chart_help", lang), className="chart-legend-note")]
    if ranked > CHART_LIMIT:
        shown = furthest_behind(report, CHART_LIMIT)
        notes.append(html.P(t("overview.chart_limited", lang, shown=CHART_LIMIT, total=ranked),
                            className="chart-legend-note chart-limited"))
    figure, narrow = progress_views(shown, lang, registry.documents, registry.regions)
    # Whole on the page, as tall as its rows: no scroll box of its own.
    return html.Div(className="card-panel", id=CHART_BOX, children=[
        *notes,
        dcc.Graph(id=CHART, figure=figure, config=graph_config("progress", lang)),
        dcc.Store(id=CHART_NARROW, data=narrow),
    ])


def status_tiles(statuses: list[str], lang: str) -> html.Div:
    """One large tile per status with its count, in the palette's colours."""
    total = len(statuses)
    tiles = []
    for code in STATUS_CODES:
        count = statuses.count(code)
        share = f"{count / total:.0%}" if total else "—"
        tiles.append(html.Div(
            className="status-tile" + (" is-zero" if count == 0 else ""),
            id=tile_id(code), n_clicks=0, role="button", title=t("overview.tile_click", lang),
            style={"backgroundColor": status_colour(code), "color": status_text_colour(code)},
            children=[
                html.Div(status_word(code, lang), className="tile-label"),
                html.Div(str(count), className="tile-count"),
                html.Div(t("overview.tile_share", lang, share=share), className="tile-share"),
            ],
        ))
    return html.Div(tiles, className="status-tiles")


def no_data_callout(lang: str) -> html.Div:
    return html.Div(
        className="empty-state",
        children=[
            html.Div(t("common.no_data_title", lang), className="empty-title"),
            html.P(t("common.no_data_hint", lang)),
            dcc.Link(t("common.go_upload", lang), href="/upload", className="btn btn-primary"),
        ],
    )
