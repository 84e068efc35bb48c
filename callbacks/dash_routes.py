"""Which kind of view a request reaches, read from Flask's routing, not from the raw path.

Dash mounts its views under `routes_pathname_prefix` (DASH_URL_BASE_PATHNAME,
DASH_ROUTES_PATHNAME_PREFIX or the dash.Dash arguments), and may add more:
the MCP endpoint (DASH_MCP_ENABLED), callback API routes, plugin hooks.  The
guard asks `route_kind` what Flask matched, so a prefix, a second URL rule for
the same view or a new Dash route cannot slip past a check on one fixed path.
"""

from __future__ import annotations

from typing import Literal

import dash
from flask import current_app, request

RouteKind = Literal["callback", "form", "internal", "refused", "other", "unrouted"]

UPDATE_VIEW = "_dash-update-component"
INTERNAL_VIEWS = ("_dash-", "_reload-hash")  # Dash's own JSON endpoints, not pages
FORM_ENDPOINTS = frozenset({"tracker_login", "tracker_logout"})  # plain HTML forms of auth_page
# Views nobody may reach: Dash's MCP server runs any callback from a JSON-RPC body, which the
# callback guard does not read.  Matched by the module that defines the view, and by path.
REFUSED_MODULES = ("dash.mcp",)
DEFAULT_MCP_PATH = "_mcp"


def route_kind(app: dash.Dash) -> RouteKind:
    """What the current request reaches: a Dash callback, a login form, Dash's internal
    JSON, a refused view, anything else (pages, assets), or nothing (404/405 follows)."""
    endpoint = request.endpoint
    if endpoint is None or request.url_rule is None:
        return "unrouted"
    view = current_app.view_functions.get(endpoint)
    if _is_refused(app, view, request.url_rule.rule):
        return "refused"
    prefix = app.config.routes_pathname_prefix
    update_endpoint = prefix + UPDATE_VIEW
    if endpoint == update_endpoint or view is current_app.view_functions.get(update_endpoint):
        return "callback"
    if endpoint in FORM_ENDPOINTS:
        return "form"
    if request.path.startswith(tuple(prefix + name for name in INTERNAL_VIEWS)):
        return "internal"
    return "other"


def _is_refused(app: dash.Dash, view: object, rule: str) -> bool:
    module = getattr(view, "__module__", "") or ""
    if module.startswith(REFUSED_MODULES):
        return True
    mcp_path = getattr(app, "_mcp_path", None) or DEFAULT_MCP_PATH
    return rule.rstrip("/") == (app.config.routes_pathname_prefix + str(mcp_path)).rstrip("/")
