"""A year of browser caching for the static files whose address changes when they do.

Dash fingerprints its component bundles (`/_dash-component-suites/dash/
dash-renderer/build/dash_renderer.v4_4_1m1764000000.min.js`) and sends them
with a year's max-age itself.  The files of assets/ it links as
`/assets/style.css?m=<modification time>`: the query changes when the file
does, so a request that carries one may be cached as long; one without it
(typed by hand) is revalidated as before.  The page, its layout and every
callback answer are data, never cached.

Compression of all of these is Flask-Compress's (app.py: `compress=True`):
brotli, zstd or gzip as the browser asks, nothing when it does not; the
component bundles are compressed harder, once per process, by
callbacks.bundle_compression (`bundle_key` below says what is a bundle).

The overview's page also names, in `<link rel="preload">`, the scripts its
chart and table load only once they are on the page (dcc's async-graph and
async-dropdown chunks, plotly.js, AG Grid's community module): they download
beside the main bundles instead of after the layout has arrived (issue 16).
The addresses are the ones the bundles' webpack loaders ask for (no
crossorigin attribute: none of the loaders sets one); the other pages are
left as they were.
"""

from __future__ import annotations

import dash
from dash.fingerprint import check_fingerprint
from flask import Request, Response, request

from callbacks import plotly_bundle

A_YEAR = 31_536_000
# Under <requests prefix>_dash-component-suites/: dash 4.4's dcc and dash-ag-grid 35.
LAZY_CHUNKS = ("dash/dcc/async-graph.js", "dash/dcc/async-dropdown.js",
               "dash_ag_grid/async-community.js")
PRELOADED_PAGES = ("",)  # the overview: the path after the routes prefix
SUITES = "_dash-component-suites/"


def bundle_key(req: Request) -> str:
    """The bundle's address without its fingerprint, or "" for anything that is not a bundle.

    Matched by the URL rule Flask chose (Dash's suites rule, plotly_bundle's), not the path:
    a page address that merely contains the words must never share a bundle's entry.
    """
    rule = req.url_rule.rule if req.url_rule is not None else ""
    return check_fingerprint(req.path)[0] if SUITES in rule else ""


def install(app: dash.Dash) -> None:
    prefix = app.config.requests_pathname_prefix + app.config.assets_url_path.strip("/") + "/"
    app.server.after_request(lambda response: cache_assets(prefix, response))


def cache_assets(prefix: str, response: Response) -> Response:
    if response.status_code == 200 and request.path.startswith(prefix) and request.args.get("m"):
        response.cache_control.public = True
        response.cache_control.max_age = A_YEAR
        response.cache_control.immutable = True
    return response


def install_preloads(app: dash.Dash) -> None:
    """Add the preload links to the index of PRELOADED_PAGES (Dash's interpolate_index)."""
    links = "".join(f'<link rel="preload" as="script" href="{href}">' for href in preload_addresses(app))
    interpolate = app.interpolate_index
    routes_prefix = app.config.routes_pathname_prefix

    def interpolate_index(**parts: str) -> str:
        if request.path.removeprefix(routes_prefix).strip("/") in PRELOADED_PAGES:
            # After the page's own scripts, so those are asked for first: one gunicorn
            # worker answers one request at a time, and the page waits for its scripts.
            parts = {**parts, "scripts": parts.get("scripts", "") + links}
        return interpolate(**parts)

    app.interpolate_index = interpolate_index


def preload_addresses(app: dash.Dash) -> list[str]:
    suites = app.config.requests_pathname_prefix + SUITES
    return [suites + LAZY_CHUNKS[0], plotly_bundle.address(app),
            *(suites + chunk for chunk in LAZY_CHUNKS[1:])]
