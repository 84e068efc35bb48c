"""Callbacks, registered explicitly on each app by `register_all`.

Each module exposes `register(app, service)`; nothing is registered at import
time, so every app built by `create_app` gets its own full set.
"""

from __future__ import annotations

import importlib

import dash

from indicators.service import TrackerService

CALLBACK_MODULES = (
    "callbacks.router",
    "callbacks.overview",
    "callbacks.detail",
    "callbacks.compare",
    "callbacks.upload",
    "callbacks.history",
    "callbacks.audit",
    "callbacks.plans",
    "callbacks.detail_revise",
    "callbacks.phone",
)


def register_all(app: dash.Dash, service: TrackerService) -> None:
    for name in CALLBACK_MODULES:
        importlib.import_module(name).register(app, service)
