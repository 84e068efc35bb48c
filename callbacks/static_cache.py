"""A year of browser caching for the static files whose address changes when they do.

Dash fingerprints its component bundles (`/_dash-component-suites/dash/
dash-renderer/build/dash_renderer.v4_4_1m1764000000.min.js`) and sends them
with a year's max-age itself.  The files of assets/ it links as
`/assets/style.css?m=<modification time>`: the query changes when the file
does, so a request that carries one may be cached as long; one without it
(typed by hand) is revalidated as before.  The page, its layout and every
callback answer are data, never cached.

Compression of all of these is Flask-Compress's (app.py: `compress=True`):
brotli, zstd or gzip as the browser asks, nothing when it does not.
"""

from __future__ import annotations

import dash
from flask import Response, request

A_YEAR = 31_536_000


def install(app: dash.Dash) -> None:
    prefix = app.config.requests_pathname_prefix + app.config.assets_url_path.strip("/") + "/"
    app.server.after_request(lambda response: cache_assets(prefix, response))


def cache_assets(prefix: str, response: Response) -> Response:
    if response.status_code == 200 and request.path.startswith(prefix) and request.args.get("m"):
        response.cache_control.public = True
        response.cache_control.max_age = A_YEAR
        response.cache_control.immutable = True
    return response
