"""The frame around every page: header with navigation, language toggle, banner, footer.

The page itself, the navigation labels, the banner and the footer are filled
by the router callback from the URL and the language kept in the browser; the
shell renders them once in the default language so the first paint is never
blank.  Given a `FirstPage` (callbacks.router.first_page: what the router would
write for the address the layout was asked from), the shell carries that page
already, so the browser draws it without a router round trip.
"""

from __future__ import annotations

from typing import NamedTuple
from urllib.parse import quote

import dash_bootstrap_components as dbc
from dash import dcc, html

from indicators.accounts import role_at_least
from indicators.service import TrackerService
from layouts import ids
from layouts.text.i18n import normalise_language, t
from layouts.text.plans import label as nav_label

BRAND = "brand-title"
SAMPLE_BANNER = "sample-banner"
FOOTER = "footer"
TITLE_STORE = "title-store"  # the router writes the tab title; a clientside callback applies it
MENU = "app-menu"  # navigation and language button; folded on a phone
MENU_BUTTON = "app-menu-button"  # the phone's menu button (three bars)

# Path prefix -> i18n key of the navigation label, in navigation order.
NAV_ITEMS = (
    ("/", "nav.overview"),
    ("/indicator", "nav.detail"),
    ("/compare", "nav.compare"),
    ("/upload", "nav.upload"),
    ("/history", "nav.history"),
    ("/method", "nav.method"),
)
AUDIT_ITEM = ("/audit", "nav.audit")
PLANS_ITEM = ("/plans", "nav.plans")  # editors and admins


class Viewer(NamedTuple):
    """Who is looking: the name and role the server's session says."""

    name: str
    role: str  # viewer | editor | admin | anonymous


ANONYMOUS_VIEWER = Viewer("", "anonymous")


class FirstPage(NamedTuple):
    """The first page, rendered into the shell: its address and the router's outputs for it."""

    pathname: str
    search: str
    page: object
    navigation: list
    banner: list
    footer: list
    lang_switch: str
    brand: str
    title: str


def app_shell(service: TrackerService, first: FirstPage | None = None) -> html.Div:
    lang = normalise_language(service.settings.app.default_language)
    # With the address preset, dcc.Location reports no change when it mounts, so the
    # router (prevent_initial_call) stays quiet; without one it reports the address
    # and the router renders the page as before.
    address = {"pathname": first.pathname, "search": first.search} if first else {}
    return html.Div(
        className="app-root",
        children=[
            dcc.Location(id=ids.URL, refresh=False, **address),
            dcc.Store(id=ids.LANG_STORE, storage_type="local", data=lang),
            dcc.Store(id=TITLE_STORE, data=first.title if first else app_title(service, lang)),
            html.Header(
                className="app-header",
                children=html.Div(
                    className="app-header-inner",
                    children=[
                        dcc.Link(first.brand if first else app_title(service, lang), href="/",
                                 id=BRAND, className="brand"),
                        menu_button(lang),
                        # On a phone the navigation folds behind menu_button (callbacks.phone).
                        html.Div(id=MENU, className="app-menu", children=[
                            html.Nav(first.navigation if first else navigation(lang, "/"),
                                     id=ids.NAVBAR, className="app-nav"),
                            dbc.Button(
                                first.lang_switch if first else t("lang.switch", lang),
                                id=ids.LANG_TOGGLE,
                                className="lang-toggle",
                                color="light",
                                size="sm",
                                title=t("lang.switch_title", lang),
                                n_clicks=0,
                            ),
                        ]),
                    ],
                ),
            ),
            html.Div(first.banner if first else sample_banner(service, lang), id=SAMPLE_BANNER),
            html.Main(first.page if first else None, id=ids.PAGE_CONTENT, className="app-main"),
            html.Footer(first.footer if first else footer(service, lang), id=FOOTER,
                        className="app-footer"),
        ],
    )


def menu_button(lang: str) -> html.Button:
    """Three bars; shown by the stylesheet only below Bootstrap's md breakpoint (768 px)."""
    name = "Menu" if lang == "en" else "菜单"  # callbacks.phone keeps the title in the page's language
    return html.Button(
        [html.Span(className="menu-bar"), html.Span(className="menu-bar"),
         html.Span(className="menu-bar")],
        id=MENU_BUTTON, className="menu-button", n_clicks=0, type="button",
        title=name, **{"aria-label": name, "aria-controls": MENU, "aria-expanded": "false"},
    )


def app_title(service: TrackerService, lang: str) -> str:
    app = service.settings.app
    return app.title_en if normalise_language(lang) == "en" else app.title_zh


def navigation(lang: str, pathname: str | None, user: Viewer = ANONYMOUS_VIEWER) -> list:
    """Links to the six pages (plus the audit log for admins) and who is logged in.

    "/indicator" alone opens the detail page's picker.
    """
    active = active_prefix(pathname)
    items = [*NAV_ITEMS, *((PLANS_ITEM,) if role_at_least(user.role, "editor") else ()),
             *((AUDIT_ITEM,) if role_at_least(user.role, "admin") else ())]
    links = [
        dcc.Link(
            nav_label(key, lang),
            href=prefix,
            className="nav-link active" if prefix == active else "nav-link",
            id="nav-" + key.split(".")[1],
        )
        for prefix, key in items
    ]
    return [*links, account_links(lang, pathname, user)]


LOGOUT_BUTTON = {"background": "none", "border": 0, "font": "inherit", "cursor": "pointer"}


def account_links(lang: str, pathname: str | None, user: Viewer) -> html.Span:
    """The user's name and role with a logout link, or a login link."""
    if user.role == "anonymous":
        target = quote(pathname or "/", safe="/")
        return html.Span(html.A(t("auth.login", lang), href=f"/login?next={target}&lang={lang}",
                                id="nav-login", className="nav-link"), className="nav-account")
    return html.Span(
        [
            html.Span(t("auth.user_role", lang, name=user.name, role=t("role." + user.role, lang)),
                      className="nav-user", id="nav-user"),
            # /logout ends a session only on POST, so a link or a prefetch cannot log anyone out.
            html.Form(html.Button(t("auth.logout", lang), type="submit", id="nav-logout",
                                  className="nav-link", style=LOGOUT_BUTTON),
                      # The language goes along, so the login page that follows speaks it too.
                      action=f"/logout?lang={lang}", method="post", style={"margin": 0}),
        ],
        className="nav-account",
    )


def active_prefix(pathname: str | None) -> str:
    path = (pathname or "/").rstrip("/") or "/"
    for prefix, _ in (*NAV_ITEMS[1:], PLANS_ITEM, AUDIT_ITEM):
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
    return service.sample_in_use()  # cached per data version; the store query reads every row


def footer(service: TrackerService, lang: str) -> list:
    return [
        html.Span(t("shell.footer", lang)),
        html.Span(" · "),
        dcc.Link(t("nav.method", lang), href="/method"),
    ]
