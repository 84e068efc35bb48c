"""Detail callbacks: the as-of year re-renders the page body for the series in the URL."""

from __future__ import annotations

from dash import Dash, Input, Output, State
from dash.exceptions import PreventUpdate

from callbacks.router import route
from indicators.service import TrackerService
from layouts import detail as page
from layouts import ids
from layouts.i18n import normalise_language


def body_for(service: TrackerService, pathname: str | None, as_of: int | None, lang: str | None) -> list:
    """The detail body for the series named in the path, as of the chosen year."""
    module, _, params = route(pathname)
    if module != "layouts.detail" or "region" not in params:
        raise PreventUpdate
    year = as_of if as_of in service.data_years() else None
    return page.detail_body(service, normalise_language(lang), params["indicator_id"],
                            params["region"], year)


def register(app: Dash, service: TrackerService) -> None:
    @app.callback(
        Output(page.BODY, "children"),
        Input(page.AS_OF, "value"),
        State(ids.URL, "pathname"),
        State(ids.LANG_STORE, "data"),
        prevent_initial_call=True,
    )
    def _as_of(as_of, pathname, lang):
        return body_for(service, pathname, as_of, lang)
