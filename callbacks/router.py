"""Routing: the URL and the browser's language pick the page and the words around it.

`render_page` is a plain function (tested directly); the registered callback
only passes the URL and the language through.  Page modules are imported
when first routed to, so a page under construction cannot stop the others.

The first page travels inside the layout (`shell_layout`, Dash's layout as a
function): the browser asks for /_dash-layout from the page it opened, so the
Referer names the address, and the router's outputs for it are rendered into
the shell in the default language.  The page is drawn as soon as the layout
arrives, with no router round trip before it (issue 16); the router callback
(prevent_initial_call) then runs only when the address or the language
changes, or when the layout could not tell the address (no Referer).  The
language lives in the browser's localStorage, which the server never sees; a
cookie repeats it (REMEMBER_LANG_JS), and when it names another language than
the default the layout leaves the page to the router as before, so a viewer
reading English never sees the Chinese page first.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from urllib.parse import parse_qs, unquote, urlsplit

from dash import Dash, Input, Output, State, html
from dash.exceptions import PreventUpdate
from flask import has_request_context, request

from callbacks.auth import current_role, current_user_name
from indicators.errors import TrackerError
from indicators.service import TrackerService
from layouts import ids
from layouts.pages.shell import (
    BRAND,
    FOOTER,
    SAMPLE_BANNER,
    TITLE_STORE,
    FirstPage,
    Viewer,
    app_shell,
    app_title,
    footer,
    navigation,
    sample_banner,
)
from layouts.text.i18n import normalise_language, t
from layouts.text.plans import label

# First path segment -> (page module, i18n key of its title).
PAGES = {
    "": ("layouts.pages.overview", "nav.overview"),
    "indicator": ("layouts.pages.detail", "nav.detail"),
    "compare": ("layouts.pages.compare", "nav.compare"),
    "upload": ("layouts.pages.upload", "nav.upload"),
    "history": ("layouts.pages.history", "nav.history"),
    "method": ("layouts.pages.method", "nav.method"),
    "audit": ("layouts.pages.audit", "nav.audit"),
    "plans": ("layouts.pages.plans", "nav.plans"),
}
# Pages whose layout depends on the user's role (they take a `role` keyword).
ROLE_AWARE = {"layouts.pages.upload", "layouts.pages.history", "layouts.pages.audit", "layouts.pages.detail",
              "layouts.pages.plans"}
# Query parameters a page accepts from the URL (e.g. /?region=CN-CQ).
QUERY_PARAMS = {
    "layouts.pages.overview": ("document", "region", "category", "as_of"),
    "layouts.pages.detail": ("as_of",),
    "layouts.pages.compare": ("a", "b", "page"),
}
SET_TITLE_JS = """
function(title) {
    if (title) { document.title = title; }
}
"""
LANG_COOKIE = "tracker_lang"  # the language store's value, for the layout to read
REMEMBER_LANG_JS = """
function(lang) {
    if (lang) { document.cookie = 'COOKIE=' + encodeURIComponent(lang) + '; path=PATH; max-age=31536000; SameSite=Lax'; }
}
"""


def route(pathname: str | None, search: str | None = None) -> tuple[str | None, str, dict]:
    """(page module or None when unknown, title key, keyword parameters for its layout)."""
    parts = [unquote(part) for part in (pathname or "/").split("/") if part]
    head = parts[0] if parts else ""
    if head not in PAGES:
        return None, "shell.not_found", {}
    module, title_key = PAGES[head]
    params: dict[str, str] = {}
    if head == "indicator":
        if len(parts) > 3:
            return None, "shell.not_found", {}
        params = dict(zip(("indicator_id", "region"), parts[1:], strict=False))
    elif len(parts) > 1:
        return None, "shell.not_found", {}
    query = parse_qs((search or "").lstrip("?"))
    for key in QUERY_PARAMS.get(module, ()):
        if query.get(key):
            params[key] = query[key][0]
    return module, title_key, params


def render_page(service: TrackerService, pathname: str | None, search: str | None, lang: str | None) -> tuple:
    """Everything the router callback writes, in the order of its outputs."""
    lang = normalise_language(lang)
    module, title_key, params = route(pathname, search)
    user = Viewer(current_user_name(), current_role())
    if module in ROLE_AWARE:
        params["role"] = user.role
    if module is None:
        page = not_found(lang)
    else:
        try:
            page = importlib.import_module(module).layout(service, lang, **params)
        except TrackerError as exc:
            page = error_page(exc, lang)
    title = f"{label(title_key, lang)} · {app_title(service, lang)}"
    return (
        page,
        navigation(lang, pathname, user),
        sample_banner(service, lang),
        footer(service, lang),
        t("lang.switch", lang),
        app_title(service, lang),
        title,
    )


def not_found(lang: str) -> html.Div:
    return html.Div(className="empty-state", children=[
        html.Div(t("shell.not_found", lang), className="empty-title"),
        html.P(t("shell.not_found_hint", lang)),
        html.A(t("shell.back_home", lang), href="/", className="btn btn-primary"),
    ])


def error_page(error: TrackerError, lang: str) -> html.Div:
    """A refused or failed page says what went wrong and what to do, not a traceback."""
    return html.Div(className="empty-state", children=[
        html.Div(t("shell.page_error", lang), className="empty-title"),
        html.Pre(error.message, className="small-note", style={"whiteSpace": "pre-wrap"}),
        html.P(error.hint or "", className="small-note"),
    ])


def shell_layout(app: Dash, service: TrackerService) -> Callable[[], html.Div]:
    """app.layout: the shell, with the page the browser opened when the request names it."""
    layout_path = app.config.requests_pathname_prefix + "_dash-layout"

    def layout() -> html.Div:
        address = opened_address(layout_path, app.config.requests_pathname_prefix)
        if address is None or not default_language_wanted(service):
            return app_shell(service)
        return app_shell(service, first_page(service, *address))

    return layout


def first_page(service: TrackerService, pathname: str, search: str) -> FirstPage:
    """The router's outputs for this address in the default language, as the shell holds them."""
    lang = service.settings.app.default_language
    return FirstPage(pathname, search, *render_page(service, pathname, search, lang))


def default_language_wanted(service: TrackerService) -> bool:
    """False when the browser's language cookie names another language than the default."""
    default = normalise_language(service.settings.app.default_language)
    return normalise_language(request.cookies.get(LANG_COOKIE) or default) == default


def opened_address(layout_path: str, prefix: str) -> tuple[str, str] | None:
    """(pathname, search) of the page asking for the layout, from its Referer; None if unknown.

    The address as the browser's location spells it (still percent-encoded), so
    dcc.Location finds it unchanged.  Only a same-host page inside the app counts.
    """
    if not has_request_context() or request.path != layout_path:
        return None
    referrer = urlsplit(request.headers.get("Referer", ""))
    if referrer.netloc != request.host or not referrer.path.startswith(prefix):
        return None
    return referrer.path, "?" + referrer.query if referrer.query else ""


def toggle_language(lang: str | None) -> str:
    return "en" if normalise_language(lang) == "zh" else "zh"


def register(app: Dash, service: TrackerService) -> None:
    @app.callback(
        Output(ids.PAGE_CONTENT, "children"),
        Output(ids.NAVBAR, "children"),
        Output(SAMPLE_BANNER, "children"),
        Output(FOOTER, "children"),
        Output(ids.LANG_TOGGLE, "children"),
        Output(BRAND, "children"),
        Output(TITLE_STORE, "data"),
        Input(ids.URL, "pathname"),
        Input(ids.URL, "search"),
        Input(ids.LANG_STORE, "data"),
        prevent_initial_call=True,  # the layout carries the first page (shell_layout)
    )
    def _route(pathname, search, lang):
        return render_page(service, pathname, search, lang)

    @app.callback(
        Output(ids.LANG_STORE, "data"),
        Input(ids.LANG_TOGGLE, "n_clicks"),
        State(ids.LANG_STORE, "data"),
        prevent_initial_call=True,
    )
    def _toggle(n_clicks, lang):
        if not n_clicks:
            raise PreventUpdate
        return toggle_language(lang)

    app.clientside_callback(SET_TITLE_JS, Input(TITLE_STORE, "data"))
    remember = REMEMBER_LANG_JS.replace("COOKIE", LANG_COOKIE).replace(
        "PATH", app.config.requests_pathname_prefix)
    app.clientside_callback(remember, Input(ids.LANG_STORE, "data"))
