"""Overview callbacks: filters re-render the body, export buttons download, a click opens details.

The bodies are plain functions of the service and the inputs, so the tests
call them without a browser; the registered callbacks only pass values on.
"""

from __future__ import annotations

import json

from dash import ALL, Dash, Input, Output, State, ctx, dcc
from dash.exceptions import PreventUpdate

from callbacks.url_sync import sync_query
from indicators.exports import (
    display_names,
    report_file_name,
    report_to_csv,
    report_to_xlsx,
    safe_file_name,
)
from indicators.service import TrackerService
from layouts import ids
from layouts.figures.format import status_word
from layouts.grid.query import matching_positions, query_rows
from layouts.grid.report_rows import grid_frame
from layouts.grid.report_table import GRID, detail_href
from layouts.pages import overview as page
from layouts.pages.overview_filters import filter_options, is_large
from layouts.text.i18n import normalise_language

FILTERS = (page.DOCUMENT_FILTER, page.REGION_FILTER, page.CATEGORY_FILTER, page.AS_OF_FILTER)


def filtered_body(service: TrackerService, lang: str | None, *filters: object) -> list:
    selection = page.selection_from(service, *filters)
    return page.overview_body(service, normalise_language(lang), selection)


def grid_block(service: TrackerService, request: dict | None, lang: str | None,
               *filters: object) -> dict:
    """Rows the large report grid asks for (its infinite row model), filtered and sorted here."""
    if not request:
        raise PreventUpdate
    lang = normalise_language(lang)
    # The same block for the next viewer in one lookup (each lookup asks the database's version).
    asked = json.dumps([request.get(part) for part in ("filterModel", "sortModel", "startRow",
                                                       "endRow")], sort_keys=True, default=str)
    key = ("grid_block", lang, *(None if value is None else str(value) for value in filters), asked)
    return service.view(key, lambda: _block(service, request, lang, filters))


def _block(service: TrackerService, request: dict, lang: str, filters: tuple) -> dict:
    selection = page.selection_from(service, *filters)
    registry = service.registry
    # The display frame is built once per data version, language and filter, then only sliced.
    frame = service.view(("grid_frame", lang, selection), lambda: grid_frame(
        service.filtered_report(selection).report, lang, registry.documents, registry.regions))
    # Scrolling asks block after block with the same filter and sort: their order is kept.
    models = json.dumps([request.get("filterModel"), request.get("sortModel")], sort_keys=True,
                        default=str)
    order = service.view(("grid_order", lang, selection, models),
                         lambda: matching_positions(frame, request))
    return query_rows(frame, request, order)


def searched_options(service: TrackerService, kind: str, search: str | None, selected: str | None,
                     lang: str | None) -> list[dict]:
    """A large project's document or region filter: the options matching what was typed."""
    if search is None or not is_large(service):
        raise PreventUpdate  # a small project's filters carry every option already
    return filter_options(service, kind, normalise_language(lang), search, selected)


def export_file(service: TrackerService, file_format: str, lang: str | None, *filters: object) -> dict:
    """The filtered gap report as the CLI writes it (same functions, same metadata)."""
    lang = normalise_language(lang)
    selection = page.selection_from(service, *filters)
    gap = service.filtered_report(selection)
    name = report_file_name(gap.as_of, file_format, lang)
    if file_format == "xlsx":
        meta = {"thresholds": service.settings.status, "region": selection.region or "",
                "document_id": selection.document or ""}
        if selection.category:
            meta["category"] = selection.category
        names = display_names(service.registry.regions, service.registry.documents, lang)
        content = report_to_xlsx(gap.report, lang, gap.as_of, meta, names)
    else:
        content = report_to_csv(gap.report, lang)
    return dcc.send_bytes(content, name)


def evaluation_file(service: TrackerService, lang: str | None, *filters: object) -> dict:
    """The evaluation report (Word) of the documents in the filtered report, as the CLI writes it."""
    # Imported on first use: python-docx is not needed to start the app or view a page.
    from indicators.exports.evaluation import EvaluationRequest, evaluation_docx

    lang = normalise_language(lang)
    gap = service.filtered_report(page.selection_from(service, *filters))
    request = EvaluationRequest(report=gap.report, documents=service.registry.documents,
                                as_of=gap.as_of, thresholds=service.settings.status,
                                actuals=service.actuals(), lang=lang)
    documents = gap.report["document_id"].astype(str).unique()
    subject = documents[0] if len(documents) == 1 else "all"
    name = safe_file_name(f"evaluation_{subject}_{gap.as_of or 'latest'}.docx")
    return dcc.send_bytes(evaluation_docx(request), name)


def tile_filter(code: str | None, current: dict | None, lang: str | None) -> dict:
    """The gap report's filter for one status tile; the same tile again clears it."""
    if not code:
        raise PreventUpdate
    wanted = {"status": {"filterType": "text", "type": "equals",
                         "filter": status_word(code, normalise_language(lang))}}
    return {} if current == wanted else wanted


SCROLL_TO_GRID_JS = """
function(clicks) {
    const grid = document.getElementById('GRID_ID');
    if (grid && (clicks || []).some(Boolean)) { grid.scrollIntoView({behavior: 'smooth'}); }
}
""".replace("GRID_ID", GRID)


def detail_path(click_data: dict | None) -> str:
    """The detail page of the clicked point (customdata = [indicator_id, region, target_id])."""
    points = (click_data or {}).get("points") or []
    custom = points[0].get("customdata") if points else None
    if not custom or len(custom) < 2:
        raise PreventUpdate
    return detail_href(custom[0], custom[1])


def register(app: Dash, service: TrackerService) -> None:
    # After a commit (warm_in_background) the default overview is built for the new data
    # version in this process too, so its first viewer finds it cached.
    service.on_warm(lambda: page.layout(service, normalise_language(
        service.settings.app.default_language)))
    @app.callback(
        Output(page.BODY, "children"),
        *(Input(component, "value") for component in FILTERS),
        State(ids.LANG_STORE, "data"),
        prevent_initial_call=True,
    )
    def _filter(document, region, category, as_of, lang):
        return filtered_body(service, lang, document, region, category, as_of)

    @app.callback(
        Output(GRID, "getRowsResponse"),
        Input(GRID, "getRowsRequest"),
        *(State(component, "value") for component in FILTERS),
        State(ids.LANG_STORE, "data"),
        prevent_initial_call=True,
    )
    def _grid_rows(request, document, region, category, as_of, lang):
        return grid_block(service, request, lang, document, region, category, as_of)

    for component, kind in ((page.DOCUMENT_FILTER, "document"), (page.REGION_FILTER, "region")):
        app.callback(
            Output(component, "options"),
            Input(component, "search_value"),
            State(component, "value"),
            State(ids.LANG_STORE, "data"),
            prevent_initial_call=True,
        )(lambda search, value, lang, kind=kind: searched_options(service, kind, search, value, lang))

    @app.callback(
        Output(page.DOWNLOAD, "data"),
        Input(page.EXPORT_CSV, "n_clicks"),
        Input(page.EXPORT_XLSX, "n_clicks"),
        Input(page.EXPORT_DOCX, "n_clicks"),
        *(State(component, "value") for component in FILTERS),
        State(ids.LANG_STORE, "data"),
        prevent_initial_call=True,
    )
    def _export(csv_clicks, xlsx_clicks, docx_clicks, document, region, category, as_of, lang):
        if not (csv_clicks or xlsx_clicks or docx_clicks):
            raise PreventUpdate
        if ctx.triggered_id == page.EXPORT_DOCX:
            return evaluation_file(service, lang, document, region, category, as_of)
        file_format = "xlsx" if ctx.triggered_id == page.EXPORT_XLSX else "csv"
        return export_file(service, file_format, lang, document, region, category, as_of)

    @app.callback(
        Output(GRID, "filterModel"),
        Input({"type": page.TILE, "status": ALL}, "n_clicks"),
        State(GRID, "filterModel"),
        State(ids.LANG_STORE, "data"),
        prevent_initial_call=True,
    )
    def _tile(clicks, current, lang):
        if not any(clicks):
            raise PreventUpdate
        return tile_filter((ctx.triggered_id or {}).get("status"), current, lang)

    sync_query(app, [
        ("document", Input(page.DOCUMENT_FILTER, "value"), None),
        ("region", Input(page.REGION_FILTER, "value"), None),
        ("category", Input(page.CATEGORY_FILTER, "value"), None),
        ("as_of", Input(page.AS_OF_FILTER, "value"), State(page.AS_OF_FILTER, "options")),
    ])

    app.clientside_callback(SCROLL_TO_GRID_JS, Input({"type": page.TILE, "status": ALL}, "n_clicks"),
                            prevent_initial_call=True)

    @app.callback(
        Output(page.NAV, "pathname"),
        Input(page.CHART, "clickData"),
        prevent_initial_call=True,
    )
    def _open_detail(click_data):
        return detail_path(click_data)
