"""The frame around every page: header with navigation, language toggle, banner, footer.

The page itself, the navigation labels, the banner and the footer are filled
by the router callback from the URL and the language kept in the browser; the
shell renders them once in the default language so the first paint is never
blank.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from indicators.service import TrackerService
from layouts import ids
from layouts.i18n import normalise_language, t

BRAND = "brand-title"
SAMPLE_BANNER = "sample-banner"
FOOTER = "footer"
TITLE_STORE = "title-store"  # the router writes the tab title; a clientside callback applies it

# Path prefix -> i18n key of the navigation label, in navigation order.
NAV_ITEMS = (
    ("/", "nav.overview"),
    ("/indicator", "nav.detail"),
    ("/compare", "nav.compare"),
    ("/upload", "nav.upload"),
    ("/history", "nav.history"),
    ("/method", "nav.method"),
)


def app_shell(service: TrackerService) -> html.Div:
    lang = normalise_language(service.settings.app.default_language)
    return html.Div(
        className="app-root",
        children=[
            dcc.Location(id=ids.URL, refresh=False),
            dcc.Store(id=ids.LANG_STORE, storage_type="local", data=lang),
            dcc.Store(id=TITLE_STORE, data=app_title(service, lang)),
            html.Header(
                className="app-header",
                children=html.Div(
                    className="app-header-inner",
                    children=[
                        dcc.Link(app_title(service, lang), href="/", id=BRAND, className="brand"),
                        html.Nav(navigation(lang, "/"), id=ids.NAVBAR, className="app-nav"),
                        dbc.Button(
                            t("lang.switch", lang),
                            id=ids.LANG_TOGGLE,
                            className="lang-toggle",
                            color="light",
                            size="sm",
                            title=t("lang.switch_title", lang),
                            n_clicks=0,
                        ),
                    ],
                ),
            ),
            html.Div(sample_banner(service, lang), id=SAMPLE_BANNER),
            html.Main(id=ids.PAGE_CONTENT, className="app-main"),
            html.Footer(footer(service, lang), id=FOOTER, className="app-footer"),
        ],
    )


def app_title(service: TrackerService, lang: str) -> str:
    app = service.settings.app
    return app.title_en if normalise_language(lang) == "en" else app.title_zh


def navigation(lang: str, pathname: str | None) -> list:
    """Links to the six pages; "/indicator" alone opens the detail page's picker."""
    active = active_prefix(pathname)
    return [
        dcc.Link(
            t(key, lang),
            href=prefix,
            className="nav-link active" if prefix == active else "nav-link",
            id="nav-" + key.split(".")[1],
        )
        for prefix, key in NAV_ITEMS
    ]


def active_prefix(pathname: str | None) -> str:
    path = (pathname or "/").rstrip("/") or "/"
    for prefix, _ in NAV_ITEMS[1:]:
        if path == prefix or path.startswith(prefix + "/"):
            return prefix
    return "/"


def sample_banner(service: TrackerService, lang: str) -> list:
    if not showing_sample(service):
        return []
    return [
        html.Div(
            [html.Strong("⚠ "), t("shell.sample_banner", lang)],
            className="sample-banner",
            role="status",
        )
    ]


def showing_sample(service: TrackerService) -> bool:
    """True while some current value still comes from the sample upload."""
    return service.store.sample_in_use()


def footer(service: TrackerService, lang: str) -> list:
    return [
        html.Span(t("shell.footer", lang)),
        html.Span(" · "),
        dcc.Link(t("nav.method", lang), href="/method"),
    ]
