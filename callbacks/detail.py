"""Detail callbacks: the as-of year re-renders the page body for the series in the URL;
editors change the note of one year's value and the data table refreshes.

Saving a note is checked twice: the server refuses the callback's POST to
anyone below editor (protect_outputs), and save_note asks require_role itself.
"""

from __future__ import annotations

import dash
from dash import Dash, Input, Output, State
from dash.exceptions import PreventUpdate

from callbacks.auth import current_role, current_user_name, protect_outputs, require_role
from callbacks.router import route
from callbacks.url_sync import sync_query
from indicators.errors import TrackerError
from indicators.service import TrackerService
from indicators.store import NoteUnchanged
from layouts import ids
from layouts.pages import detail as page
from layouts.pages.detail_parts import (
    DATA_TABLE,
    NOTE_MESSAGE,
    NOTE_SAVE,
    NOTE_TEXT,
    NOTE_YEAR,
    data_table,
    note_of_year,
)
from layouts.pages.upload import message
from layouts.text.i18n import normalise_language, t

NOTE_OUTPUTS = (f"{DATA_TABLE}.children", f"{NOTE_MESSAGE}.children")


def body_for(service: TrackerService, pathname: str | None, as_of: int | None, lang: str | None,
             role: str = "viewer") -> list:
    """The detail body for the series named in the path, as of the chosen year."""
    indicator_id, region = series_in(service, pathname)
    year = as_of if as_of in service.data_years() else None
    return page.detail_body(service, normalise_language(lang), indicator_id, region, year, role)


def series_in(service: TrackerService, pathname: str | None) -> tuple[str, str]:
    """(indicator id, region) of a detail path naming a known series, else PreventUpdate."""
    module, _, params = route(pathname)
    if module != "layouts.pages.detail" or "region" not in params:
        raise PreventUpdate
    if params["indicator_id"] not in service.registry.indicators:
        raise PreventUpdate
    if params["region"] not in service.registry.regions:
        raise PreventUpdate
    return params["indicator_id"], params["region"]


def current_note(service: TrackerService, pathname: str | None, year: int | None) -> str:
    """The stored note of the picked year, to start editing from."""
    indicator_id, region = series_in(service, pathname)
    if not _is_year(year):
        raise PreventUpdate
    return note_of_year(service.store.series_history(indicator_id, region), year)


def save_note(service: TrackerService, pathname: str | None, year: int | None, text: str | None,
              lang: str | None) -> tuple:
    """(data table, message) after an editor saved the note of one year's value."""
    lang = normalise_language(lang)
    indicator_id, region = series_in(service, pathname)
    if not _is_year(year):
        raise PreventUpdate
    try:
        require_role("editor", "changing a note")
        upload_id = service.store.set_note(indicator_id, region, year, str(text or ""),
                                           current_user_name())
    except NoteUnchanged:
        return dash.no_update, message(t("detail.note_unchanged", lang), "secondary")
    except TrackerError as exc:
        return dash.no_update, message(t("detail.note_failed", lang, msg=exc.message))
    service.warm_in_background()
    stored = service.store.series_history(indicator_id, region)
    table = data_table(stored, service.registry.indicators[indicator_id].unit, lang)
    return table, message(t("detail.note_saved", lang, id=upload_id), "success")


def _is_year(value: object) -> bool:
    # The dropdown sends an int; a hand-made request might send anything.
    return isinstance(value, int) and not isinstance(value, bool)


def register(app: Dash, service: TrackerService) -> None:
    protect_outputs(app, NOTE_OUTPUTS, "editor")
    sync_query(app, [("as_of", Input(page.AS_OF, "value"), State(page.AS_OF, "options"))])

    @app.callback(
        Output(page.BODY, "children"),
        Input(page.AS_OF, "value"),
        State(ids.URL, "pathname"),
        State(ids.LANG_STORE, "data"),
        prevent_initial_call=True,
    )
    def _as_of(as_of, pathname, lang):
        return body_for(service, pathname, as_of, lang, current_role())

    @app.callback(
        Output(NOTE_TEXT, "value"),
        Input(NOTE_YEAR, "value"),
        State(ids.URL, "pathname"),
        prevent_initial_call=True,
    )
    def _pick_year(year, pathname):
        return current_note(service, pathname, year)

    @app.callback(
        Output(DATA_TABLE, "children"),
        Output(NOTE_MESSAGE, "children"),
        Input(NOTE_SAVE, "n_clicks"),
        State(NOTE_YEAR, "value"),
        State(NOTE_TEXT, "value"),
        State(ids.URL, "pathname"),
        State(ids.LANG_STORE, "data"),
        running=[(Output(NOTE_SAVE, "disabled"), True, False)],
        prevent_initial_call=True,
    )
    def _save(n_clicks, year, text, pathname, lang):
        if not n_clicks:
            raise PreventUpdate
        return save_note(service, pathname, year, text, lang)
