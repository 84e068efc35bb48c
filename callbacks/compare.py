"""Compare callbacks: a click on a point opens that region's detail page."""

from __future__ import annotations

from dash import Dash, Input, Output

from callbacks.overview import detail_path
from indicators.service import TrackerService
from layouts import compare as page


def register(app: Dash, service: TrackerService) -> None:
    @app.callback(
        Output(page.NAV, "pathname"),
        Input(page.CHART, "clickData"),
        prevent_initial_call=True,
    )
    def _open_detail(click_data):
        return detail_path(click_data)
