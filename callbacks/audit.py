"""Audit log export (admins only, checked in the server)."""

from __future__ import annotations

import datetime as dt

from dash import Dash, Input, Output, State, dcc
from dash.exceptions import PreventUpdate

from callbacks.auth import protect_outputs, require_role
from indicators.exports import audit_csv, safe_file_name
from indicators.service import TrackerService
from indicators.store import list_audit
from layouts import ids
from layouts.pages.audit import DOWNLOAD, EXPORT


def audit_download(service: TrackerService, lang: str | None) -> dict:
    require_role("admin", "exporting the audit log")
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d")
    name = safe_file_name(f"{'audit_log' if lang == 'en' else '审计日志'}_{stamp}.csv")
    return dcc.send_bytes(audit_csv(list_audit(service.store), lang or "zh"), name)


def register(app: Dash, service: TrackerService) -> None:
    protect_outputs(app, [f"{DOWNLOAD}.data"], "admin")

    @app.callback(
        Output(DOWNLOAD, "data"),
        Input(EXPORT, "n_clicks"),
        State(ids.LANG_STORE, "data"),
        prevent_initial_call=True,
    )
    def _export(n_clicks, lang):
        if not n_clicks:
            raise PreventUpdate
        return audit_download(service, lang)
