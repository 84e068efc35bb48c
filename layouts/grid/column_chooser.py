"""Which columns of the gap table show: the reading set by default, the rest on request.

AG Grid's own columns panel is an enterprise feature, so a checklist above the
table picks the columns (remembered in the browser: dcc persistence); a
clientside callback (callbacks.phone) applies it to the grid's columnDefs, and
on a phone shows only PHONE_COLUMNS, with everything else one tap away on the
indicator's page.
"""

from __future__ import annotations

import pandas as pd
from dash import dcc, html

from layouts.text.i18n import translate

CHOOSER = "overview-grid-columns"  # dcc.Checklist of the columns shown
ALWAYS = ("name",)  # never hidden on a wide screen, so not in the chooser
# What a reader wants first: where it stands against its target and its schedule.
DEFAULT_COLUMNS = ("region", "status", "latest_value", "latest_year", "target_value",
                   "target_year", "progress_ratio", "schedule_ratio")
WHEN_PRESENT = ("forecast",)  # default too, where some row of the report has one
PHONE_COLUMNS = ("name", "status", "latest_target", "progress_ratio")
PHONE_ONLY = ("latest_target",)  # latest and target in one narrow column

TEXT: dict[str, tuple[str, str]] = {
    "chooser.summary": ("选择显示的列", "Choose columns"),
    "chooser.phone_note": ("手机上只显示主要列；点击指标名称查看全部数值。",
                           "On a phone only the main columns show; tap an indicator for all "
                           "its figures."),
    "latest_target": ("最新值 / 目标值", "Latest / target"),
}


def default_columns(report: pd.DataFrame) -> list[str]:
    """The columns shown until the reader picks others."""
    shown = list(DEFAULT_COLUMNS)
    for column in WHEN_PRESENT:
        # The few distinct values, not every row: a national report has 180,000.
        if column in report and any(str(value).strip()
                                    for value in report[column].dropna().unique()):
            shown.append(column)
    return shown


def column_chooser(columns: list[tuple[str, str]], shown: list[str], lang: str) -> html.Details:
    """A folded checklist of (column, header) pairs; `shown` are ticked."""
    options = [{"label": header, "value": column} for column, header in columns
               if column not in ALWAYS and column not in PHONE_ONLY]
    return html.Details(className="column-chooser", children=[
        html.Summary(translate(TEXT, "chooser.summary", lang)),
        dcc.Checklist(id=CHOOSER, options=options, value=shown, inline=True,
                      className="column-chooser-list", persistence=f"report-columns-{lang}",
                      persistence_type="local"),
    ])


def phone_note(lang: str) -> html.P:
    return html.P(translate(TEXT, "chooser.phone_note", lang), className="small-note phone-only")


def phone_header(lang: str) -> str:
    return translate(TEXT, "latest_target", lang)
