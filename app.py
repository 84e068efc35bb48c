"""Dash app: `python app.py` serves the dashboard with waitress on 127.0.0.1:8050.

HOST and PORT in the environment override app.host and app.port of
config.yaml; TRACKER_CONFIG names another config.yaml.

`create_app(config=None)` builds a fresh app with its own callbacks, so any
number of apps can live in one process (the tests make many).  Nothing heavy
runs at import time.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Mapping
from pathlib import Path

import dash
import flask
import waitress

from callbacks import (
    bundle_compression,
    plotly_bundle,
    register_all,
    router,
    security_headers,
    static_cache,
)
from callbacks.auth import setup_auth
from indicators.accounts import ensure_first_admin
from indicators.config import Settings, load_config
from indicators.service import TrackerService, release_free_memory

ASSETS = Path(__file__).resolve().parent / "assets"
SERVER_THREADS = 8  # waitress worker threads: callbacks wait on the database, not the CPU


def create_app(config: Settings | str | Path | None = None) -> dash.Dash:
    """Build the app from a Settings object, a config.yaml path, or the default."""
    settings = config if isinstance(config, Settings) else load_config(config)
    service = TrackerService.open(settings)
    server = flask.Flask(__name__)
    app = dash.Dash(
        __name__,
        server=server,
        title=settings.app.title_zh,
        assets_folder=str(ASSETS),
        assets_path_ignore=["^vendor$"],  # served on demand (callbacks.plotly_bundle), not on every page
        suppress_callback_exceptions=True,
        update_title=None,
        compress=True,  # Flask-Compress: brotli/zstd/gzip as the browser asks (callbacks.static_cache)
    )
    app.layout = router.shell_layout(app, service)  # the shell with the first page inside
    app.server.config["TRACKER_SERVICE"] = service
    # Flask refuses bodies beyond this (413): an upload travels base64-encoded
    # (4/3 of its size) inside a JSON callback request.
    app.server.config["MAX_CONTENT_LENGTH"] = settings.upload.max_bytes * 4 // 3 + 256 * 1024
    setup_auth(app, service)  # sessions, /login, and the guard in front of every callback
    register_all(app, service)
    static_cache.install(app)  # a year's caching for assets/ files linked with ?m=<mtime>
    bundle_compression.install(app)  # bundles at zstd 19 / brotli 10, once per process
    static_cache.install_preloads(app)  # the overview's lazy scripts download with the bundles
    plotly_bundle.install(app)  # dcc.Graph gets the basic plotly.js bundle (scatter, bar)
    security_headers.install(app)  # CSP with the hashes of Dash's inline scripts
    return app


def create_server(config: Settings | str | Path | None = None):
    """The Flask (WSGI) server, for gunicorn: `gunicorn "app:create_server()"`.

    Each worker watches the data version and warms up after a change made by any
    process (indicators.service.watch).  Not with gunicorn's --preload: the watching
    thread would start in the master and not survive the fork into the workers.
    """
    app = create_app(config)
    serve_long(app.server.config["TRACKER_SERVICE"])
    return app.server


def serve_long(service: TrackerService) -> None:
    """What a server process does once its app is built, before the first request:
    freeze_long_lived, then the watcher that warms this process after any change
    (indicators.service.watch)."""
    freeze_long_lived()
    service.watch()


def freeze_long_lived() -> None:
    """Leave everything built so far out of the cycle collector's passes.

    The registry and the targets frame live as long as the process: at national scale
    a million objects that every full pass walked again (a 180,000-target registry's
    series index took 2.1 s to build instead of 0.4 s).  They hold no reference
    cycles, so reference counting still frees an old registry replaced by a newer one.
    Then the pages the registry's read freed go back to the system (service.memory).
    """
    gc.collect()  # what is garbage now is freed, not frozen
    gc.freeze()
    release_free_memory()  # what the registry's read freed goes back to the system


def main() -> int:
    """Serve with waitress, a production WSGI server that also runs on Windows."""
    settings = load_config(os.environ.get("TRACKER_CONFIG"))
    try:
        host, port = listen_address(settings, os.environ)
    except ValueError as exc:
        print(f"错误 error: {exc}", file=sys.stderr)
        return 2
    app = create_app(settings)
    service: TrackerService = app.server.config["TRACKER_SERVICE"]
    if service.loaded_sample:
        print("已载入示例数据 (sample data loaded into the empty database)", file=sys.stderr)
    announce_first_admin(service)
    serve_long(service)  # a CLI import or another process's commit: warmed up here too
    print(f"服务地址 serving on http://{host}:{port}/", file=sys.stderr)
    waitress.serve(app.server, host=host, port=port, threads=SERVER_THREADS,
                   ident=security_headers.SERVER_NAME)  # the Server header; not "waitress"
    return 0


def listen_address(settings: Settings, environ: Mapping[str, str]) -> tuple[str, int]:
    """HOST and PORT from the environment, else app.host and app.port from config.yaml."""
    host = environ.get("HOST") or settings.app.host
    port_text = environ.get("PORT")
    if not port_text:
        return host, settings.app.port
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise ValueError(f"PORT={port_text!r} is not a port number (1-65535)")
    return host, int(port_text)


def announce_first_admin(service: TrackerService) -> None:
    """With no account yet, create "admin" and print its generated password, the only time."""
    first_admin = ensure_first_admin(service.store)
    if first_admin is None:
        return
    if first_admin.password is None:
        print(f"first admin '{first_admin.name}' created with TRACKER_ADMIN_PASSWORD", file=sys.stderr)
        return
    print(f"已创建管理员 {first_admin.name}，初始密码（仅显示这一次）: {first_admin.password}\n"
          f"first admin '{first_admin.name}' created; password (shown once): "
          f"{first_admin.password}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
