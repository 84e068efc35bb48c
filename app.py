"""Dash app: `python app.py` serves the dashboard on 127.0.0.1:8050.

`create_app(config=None)` builds a fresh app with its own callbacks, so any
number of apps can live in one process (the tests make many).  Nothing heavy
runs at import time.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import dash
import dash_bootstrap_components as dbc

from callbacks import register_all
from indicators.config import Settings, load_config
from indicators.service import TrackerService
from layouts.shell import app_shell

ASSETS = Path(__file__).resolve().parent / "assets"


def create_app(config: Settings | str | Path | None = None) -> dash.Dash:
    """Build the app from a Settings object, a config.yaml path, or the default."""
    settings = config if isinstance(config, Settings) else load_config(config)
    service = TrackerService.open(settings)
    app = dash.Dash(
        __name__,
        title=settings.app.title_zh,
        assets_folder=str(ASSETS),
        external_stylesheets=[dbc.themes.BOOTSTRAP],
        suppress_callback_exceptions=True,
        update_title=None,
    )
    app.layout = app_shell(service)
    app.server.config["TRACKER_SERVICE"] = service
    register_all(app, service)
    return app


def main() -> int:
    settings = load_config(os.environ.get("TRACKER_CONFIG"))
    app = create_app(settings)
    service: TrackerService = app.server.config["TRACKER_SERVICE"]
    if service.loaded_sample:
        print("已载入示例数据 (sample data loaded into the empty database)", file=sys.stderr)
    app.run(host=settings.app.host, port=settings.app.port, debug=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
