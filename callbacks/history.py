"""History page callbacks: show an upload's rows, revert it after confirmation.

The selected upload comes from the grid's selectedRows (in the browser), and
every answer is read from the store, so any server process can serve any step.
"""

from __future__ import annotations

import dash
from dash import Input, Output, State, html
from dash.exceptions import PreventUpdate

from callbacks.auth import current_user_name, require_role, revert_owner_only
from indicators.errors import TrackerError
from indicators.service import TrackerService
from layouts import ids
from layouts.pages import history as page
from layouts.pages.upload import grid_style, message, value_rows
from layouts.text.i18n import normalise_language
from layouts.text.staff import t


def selected_upload(selected_rows: list[dict] | None) -> dict | None:
    """The first selected grid row; a row lacking the grid's fields (a hand-made or stale
    request) changes nothing (PreventUpdate)."""
    if not selected_rows:
        return None
    row = selected_rows[0] if isinstance(selected_rows, list) else None
    if not isinstance(row, dict) or not isinstance(row.get("file"), str) \
            or type(row.get("id")) is not int:
        raise PreventUpdate
    return row


def show_detail(service: TrackerService, upload: dict | None, lang: str):
    """(detail children, revert disabled) for the selected grid row."""
    if upload is None:
        return html.P(t("history.select", lang), className="muted"), True
    frame = service.store.upload_rows(upload["id"])
    rows = value_rows(frame, service.registry, service.settings, lang)
    return page.detail_panel(upload, rows, lang), not upload.get("revertable", False)


def confirm_text(upload: dict, lang: str) -> str:
    return t("history.confirm", lang, id=upload["id"], file=upload["file"])


def revert(service: TrackerService, upload: dict, lang: str):
    """(grid rows, grid style, message, revert disabled) after the user confirmed."""
    require_role("editor", "reverting an upload")  # the guard checks too; this holds if it misses
    try:
        # Editors may revert only their own uploads; administrators any.
        service.store.revert(int(upload["id"]), user=current_user_name(),
                             owner_only=revert_owner_only())
    except TrackerError as exc:
        alert = message(t("history.revert_failed", lang, msg=exc.message))
        return dash.no_update, dash.no_update, alert, True
    service.warm_in_background()
    rows = page.upload_grid_rows(service.store.uploads(), lang)
    done = message(t("history.reverted_ok", lang, id=upload["id"]), "success")
    return rows, grid_style(len(rows)), done, True


def register(app: dash.Dash, service: TrackerService) -> None:
    @app.callback(
        Output(page.DETAIL, "children"),
        Output(page.REVERT, "disabled"),
        Input(page.GRID, "selectedRows"),
        State(ids.LANG_STORE, "data"),
        prevent_initial_call=True,
    )
    def _detail(selected_rows, lang):
        return show_detail(service, selected_upload(selected_rows), normalise_language(lang))

    @app.callback(
        Output(page.MODAL, "is_open"),
        Output(page.MODAL_BODY, "children"),
        Input(page.REVERT, "n_clicks"),
        Input(page.CANCEL, "n_clicks"),
        State(page.GRID, "selectedRows"),
        State(ids.LANG_STORE, "data"),
        prevent_initial_call=True,
    )
    def _ask(_revert_clicks, _cancel_clicks, selected_rows, lang):
        upload = selected_upload(selected_rows)
        if dash.ctx.triggered_id != page.REVERT or upload is None:
            return False, dash.no_update
        return True, confirm_text(upload, normalise_language(lang))

    @app.callback(
        Output(page.GRID, "rowData"),
        Output(page.GRID, "style"),
        Output(page.MESSAGE, "children"),
        Output(page.REVERT, "disabled", allow_duplicate=True),
        Output(page.MODAL, "is_open", allow_duplicate=True),
        Input(page.CONFIRM, "n_clicks"),
        State(page.GRID, "selectedRows"),
        State(ids.LANG_STORE, "data"),
        # A second click while the revert runs would only fail: already reverted.
        running=[(Output(page.CONFIRM, "disabled"), True, False)],
        prevent_initial_call=True,
    )
    def _revert(n_clicks, selected_rows, lang):
        upload = selected_upload(selected_rows)
        if not n_clicks or upload is None:
            raise PreventUpdate
        return (*revert(service, upload, normalise_language(lang)), False)
