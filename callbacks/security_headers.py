"""Response headers: a Content-Security-Policy the Dash pages run under, and a neutral Server.

Dash's page has two inline scripts of its own (the renderer's start and, for
clientside callbacks, their code); `app.csp_hashes()` names them, so
script-src needs no 'unsafe-inline'.  The `_dash-config` block is JSON, never
run.  Styles stay 'unsafe-inline': plotly and dash-ag-grid inject <style>
elements at run time.  The login page brings its own policy, with a nonce for
its one script (callbacks.auth_page).

`Server` is left to the WSGI server, each told to say SERVER_NAME: waitress
(`python app.py`) by its `ident`, gunicorn by gunicorn.conf.py.  A header set
here would not replace theirs: waitress would add "Via: waitress", gunicorn a
second line, Werkzeug's development server its own "Werkzeug/… Python/…".
"""

from __future__ import annotations

import dash
from flask import Response

SERVER_NAME = "tracker"
CSP_CONFIG = "TRACKER_CSP"

BASE_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data: blob:",
    "font-src": "'self' data:",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def policy(extra_scripts: list[str] | tuple[str, ...] = ()) -> str:
    """The policy text; `extra_scripts` are hash or nonce sources allowed in script-src."""
    parts = dict(BASE_POLICY)
    if extra_scripts:
        parts["script-src"] = " ".join([parts["script-src"], *extra_scripts])
    return "; ".join(f"{name} {value}" for name, value in parts.items())


def install(app: dash.Dash) -> None:
    app.server.after_request(lambda response: add_headers(app, response))


def add_headers(app: dash.Dash, response: Response) -> Response:
    headers = response.headers
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("Content-Security-Policy", _dash_policy(app))
    return response


def _dash_policy(app: dash.Dash) -> str:
    # Computed at the first response, when every clientside callback is registered.
    config = app.server.config
    if CSP_CONFIG not in config:
        config[CSP_CONFIG] = policy(app.csp_hashes())
    return config[CSP_CONFIG]
