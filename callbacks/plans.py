"""Plans page callbacks: each turns one browser event into one call of plans_flow /
plans_publish.

Everything that reads a plan file, edits the draft set, saves it or opens a saved one
writes an output protected for editors; publishing's output is protected with the role
config.yaml lets publish.  So the server refuses a hand-made POST from a viewer or a
visitor before any of it runs, and each body asks require_role again.
"""

from __future__ import annotations

import dash
from dash import Input, Output, State
from dash.exceptions import PreventUpdate

from callbacks import plans_flow as flow
from callbacks import plans_publish as publishing
from callbacks.auth import protect_outputs
from indicators.service import TrackerService
from layouts import ids
from layouts.pages import plans as page
from layouts.text.i18n import normalise_language

DOC_OUTPUTS = [Output(page.doc_input_id(field), "value", allow_duplicate=True)
               for field in page.DOC_FIELDS]
DOC_STATES = [State(page.doc_input_id(field), "value") for field in page.DOC_FIELDS]
LANG = State(ids.LANG_STORE, "data")
STAFF_OUTPUTS = (f"{page.SET_STORE}.data", f"{page.GRID}.rowData", f"{page.START_MESSAGE}.children",
                 f"{page.EDIT_MESSAGE}.children", f"{page.SAVE_MESSAGE}.children",
                 f"{page.SETS_GRID}.rowData", f"{page.PROBLEMS}.children",
                 *(f"{page.doc_input_id(field)}.value" for field in page.DOC_FIELDS))


def _rows(allow_duplicate: bool = True) -> Output:
    return Output(page.GRID, "rowData", allow_duplicate=allow_duplicate)


def register(app: dash.Dash, service: TrackerService) -> None:
    protect_outputs(app, STAFF_OUTPUTS, "editor")
    protect_outputs(app, [f"{page.PUBLISH_RESULT}.children"], publishing.publish_role(service))
    _register_drafting(app, service)
    _register_editing(app, service)
    _register_saving(app, service)


def _register_drafting(app: dash.Dash, service: TrackerService) -> None:
    @app.callback(
        Output(page.SET_STORE, "data"), _rows(False), Output(page.START_MESSAGE, "children"),
        Output(page.PROBLEMS, "children"), *DOC_OUTPUTS,
        Input(page.DROP, "contents"), Input(page.PASTE_GO, "n_clicks"),
        State(page.DROP, "filename"), State(page.PASTE, "value"), LANG,
        prevent_initial_call=True,
    )
    def _start(contents, _clicks, file_name, pasted, lang):
        from_file = dash.ctx.triggered_id == page.DROP
        if from_file and not contents:
            raise PreventUpdate
        return flow.start(service, from_file, contents, file_name, pasted, normalise_language(lang))

    @app.callback(Output(page.QUOTE, "children"), Input(page.GRID, "selectedRows"),
                  State(page.SET_STORE, "data"), LANG, prevent_initial_call=True)
    def _quote(selected, store, lang):
        return flow.quote_panel(store, selected, normalise_language(lang))

    @app.callback(Output(page.HITS, "options"), Output(page.HITS_NOTE, "children"),
                  Input(page.TEXT_QUERY, "value"), State(page.SET_STORE, "data"), LANG,
                  prevent_initial_call=True)
    def _hits(query, store, lang):
        return flow.hits(store, query, normalise_language(lang))

    @app.callback(Output(page.MANUAL_QUOTE, "value"), Input(page.HITS, "value"),
                  State(page.SET_STORE, "data"), prevent_initial_call=True)
    def _pick(line, store):
        return flow.hit_text(store, line)


def _register_editing(app: dash.Dash, service: TrackerService) -> None:
    @app.callback(_rows(), Input(page.ACCEPT, "n_clicks"), Input(page.REJECT, "n_clicks"),
                  State(page.GRID, "selectedRows"), State(page.GRID, "rowData"),
                  prevent_initial_call=True)
    def _decide(_accept, _reject, selected, rows):
        return flow.decide(rows, selected, "accept" if dash.ctx.triggered_id == page.ACCEPT else "reject")

    @app.callback(Output(page.LINK_SEARCH, "options"), Input(page.LINK_SEARCH, "search_value"),
                  State(page.LINK_SEARCH, "value"), LANG, prevent_initial_call=True)
    def _options(query, chosen, lang):
        return flow.indicator_options(service, query, chosen, normalise_language(lang))

    @app.callback(_rows(), Output(page.EDIT_MESSAGE, "children"),
                  Input(page.LINK_APPLY, "n_clicks"), Input(page.NEW_APPLY, "n_clicks"),
                  State(page.GRID, "rowData"), State(page.GRID, "selectedRows"),
                  State(page.LINK_SEARCH, "value"), LANG, prevent_initial_call=True)
    def _link(_existing, _new, rows, selected, chosen, lang):
        new = dash.ctx.triggered_id == page.NEW_APPLY
        return flow.link(service, rows, selected, chosen, new, normalise_language(lang))

    @app.callback(_rows(), Output(page.PROBLEMS, "children", allow_duplicate=True),
                  Input(page.CHECK, "n_clicks"), State(page.SET_STORE, "data"),
                  State(page.GRID, "rowData"), *DOC_STATES, LANG, prevent_initial_call=True)
    def _check(_clicks, store, rows, *values):
        *doc_values, lang = values
        return flow.check(service, store, rows, doc_values, normalise_language(lang))

    @app.callback(_rows(), Output(page.EDIT_MESSAGE, "children", allow_duplicate=True),
                  Input(page.ADD_ROW, "n_clicks"), State(page.SET_STORE, "data"),
                  State(page.GRID, "rowData"), State(page.HITS, "value"),
                  State(page.MANUAL_QUOTE, "value"), *DOC_STATES, LANG, prevent_initial_call=True)
    def _add(_clicks, store, rows, line, quote, *values):
        *doc_values, lang = values
        return flow.add_row(service, store, rows, doc_values, line, quote, normalise_language(lang))


def _register_saving(app: dash.Dash, service: TrackerService) -> None:
    @app.callback(
        Output(page.SET_STORE, "data", allow_duplicate=True), _rows(),
        Output(page.SAVE_MESSAGE, "children"), Output(page.SETS_GRID, "rowData"),
        Output(page.PROBLEMS, "children", allow_duplicate=True),
        Input(page.SAVE, "n_clicks"), State(page.SET_STORE, "data"), State(page.GRID, "rowData"),
        *DOC_STATES, LANG, running=[(Output(page.SAVE, "disabled"), True, False)],
        prevent_initial_call=True,
    )
    def _save(_clicks, store, rows, *values):
        *doc_values, lang = values
        return publishing.save(service, store, rows, doc_values, normalise_language(lang))

    @app.callback(
        Output(page.SET_STORE, "data", allow_duplicate=True), _rows(),
        Output(page.SAVE_MESSAGE, "children", allow_duplicate=True),
        Output(page.PROBLEMS, "children", allow_duplicate=True), *DOC_OUTPUTS,
        Input(page.OPEN, "n_clicks"), State(page.SETS_GRID, "selectedRows"), LANG,
        prevent_initial_call=True,
    )
    def _open(_clicks, selected, lang):
        return publishing.open_set(service, selected, normalise_language(lang))

    @app.callback(
        Output(page.PUBLISH_RESULT, "children"), _rows(),
        Output(page.SETS_GRID, "rowData", allow_duplicate=True),
        Output(page.SET_STORE, "data", allow_duplicate=True),
        Input(page.PUBLISH, "n_clicks"), State(page.SET_STORE, "data"), State(page.GRID, "rowData"),
        *DOC_STATES, State(page.REASON, "value"), LANG,
        running=[(Output(page.PUBLISH, "disabled"), True, False)], prevent_initial_call=True,
    )
    def _publish(_clicks, store, rows, *values):
        *doc_values, reason, lang = values
        return publishing.publish(service, store, rows, doc_values, reason, normalise_language(lang))
