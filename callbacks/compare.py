"""Compare callbacks: a region or page change re-renders the body; a click on a point opens details.

`render` is a plain function (tested directly); the registered callbacks only
pass values on.
"""

from __future__ import annotations

from dash import Dash, Input, Output, State, ctx

from callbacks.overview import detail_path
from callbacks.url_sync import sync_query
from indicators.service import TrackerService
from layouts import ids
from layouts.pages import compare as page
from layouts.text.i18n import normalise_language


def render(service: TrackerService, lang: str | None, region_a: object, region_b: object,
           active_page: object, trigger: object = page.PAGER) -> tuple:
    """Body, page count, page shown and pager style; a new region starts again at page 1."""
    number = active_page if trigger == page.PAGER else 1
    choice = page.choose(service, region_a, region_b, number)
    return page.page_outputs(service, normalise_language(lang), choice)


def register(app: Dash, service: TrackerService) -> None:
    regions = list(service.registry.regions)
    sync_query(app, [
        ("a", Input(page.REGION_A, "value"), regions[0] if regions else None),
        ("b", Input(page.REGION_B, "value"), regions[1] if len(regions) > 1 else None),
        ("page", Input(page.PAGER, "active_page"), 1),
    ])

    @app.callback(
        Output(page.BODY, "children"),
        Output(page.PAGER, "max_value"),
        Output(page.PAGER, "active_page"),
        Output(page.PAGER, "style"),
        Input(page.REGION_A, "value"),
        Input(page.REGION_B, "value"),
        Input(page.PAGER, "active_page"),
        State(ids.LANG_STORE, "data"),
        prevent_initial_call=True,
    )
    def _render(region_a, region_b, active_page, lang):
        return render(service, lang, region_a, region_b, active_page, ctx.triggered_id)

    @app.callback(
        Output(page.NAV, "pathname"),
        Input(page.CHART, "clickData"),
        prevent_initial_call=True,
    )
    def _open_detail(click_data):
        return detail_path(click_data)
