"""plotly.js for dcc.Graph: the vendored basic bundle (scatter, bar, pie) instead of the full one.

dcc.Graph takes `window.Plotly` when a page has it, else adds a script whose
address dash-renderer sets (serve_locally): `<prefix>_dash-component-suites/
plotly/package_data/plotly.min.js` (dash 4.4: dcc's Graph loader and the
renderer's `window._dashPlotlyJSURL`).  `install` adds a URL rule for exactly
that address; Werkzeug matches a rule's fixed parts before Dash's
`<package_name>/<path>` rule, so this one answers, with assets/vendor/plotly.js-
basic-dist-min (4.8 MB to parse becomes 1.2 MB; its README says how to refresh it).
Every chart of the app is scatter or bar (layouts/figures), and the zh-CN
locale travels in each graph's config (layouts.figures.common.graph_config).

The answer is cached as Dash caches that address (an ETag, revalidated) and
compressed by Flask-Compress like every other bundle.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import dash
from flask import Response, request

BUNDLE = (Path(__file__).resolve().parent.parent / "assets" / "vendor" / "plotly.js-basic-dist-min"
          / "plotly-basic.min.js")
DASH_PLOTLY_PATH = "_dash-component-suites/plotly/package_data/plotly.min.js"
VERSION_BANNER = re.compile(r"plotly\.js \(basic - minified\) v(\d+\.\d+\.\d+)")


def install(app: dash.Dash) -> None:
    path = app.config.routes_pathname_prefix + DASH_PLOTLY_PATH
    app.server.add_url_rule(path, "tracker_plotly_basic", serve_bundle)


def address(app: dash.Dash) -> str:
    """Where the browser asks for plotly.js (for the page's preload link)."""
    return app.config.requests_pathname_prefix + DASH_PLOTLY_PATH


def serve_bundle() -> Response:
    response = Response(bundle_bytes(), mimetype="text/javascript")  # as Dash sends its bundles
    response.add_etag()
    return response.make_conditional(request)


@cache
def bundle_bytes() -> bytes:
    return BUNDLE.read_bytes()


def bundle_version() -> str | None:
    """The plotly.js version the vendored bundle's banner names."""
    found = VERSION_BANNER.search(bundle_bytes()[:400].decode("utf-8", "replace"))
    return found.group(1) if found else None
