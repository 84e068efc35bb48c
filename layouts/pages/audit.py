"""审计日志 Audit log (admins): every commit, revert, note, login and user change.

Read-only by design: the page lists rows and offers a CSV export, and there is
no control that edits or deletes an audit row (the database refuses it too).
"""

from __future__ import annotations

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from indicators.accounts import role_at_least
from indicators.exports import audit_table
from indicators.service import TrackerService
from indicators.store import list_audit
from layouts.text.english import audit_cell
from layouts.text.grid_locale import grid_locale
from layouts.text.i18n import translate

GRID = "audit-grid"
EXPORT = "audit-export"
DOWNLOAD = "audit-download"
PAGE_LIMIT = 2000  # newest rows shown; the CSV export has them all

TEXT: dict[str, tuple[str, str]] = {
    "title": ("审计日志", "Audit log"),
    "intro": (
        "记录每次提交、撤销、备注、登录和用户变更（谁、何时、做了什么、涉及多少行）。"
        "日志只追加，不能修改或删除。",
        "Every commit, revert, note, login and user change: who, when, what and how many "
        "rows. The log is append-only; nothing can edit or delete it.",
    ),
    "export": ("导出 CSV", "Export CSV"),
    "empty": ("暂无审计记录。", "No audit entries yet."),
    "admins_only": ("审计日志仅管理员可见。", "The audit log is for administrators only."),
    "shown": ("显示最新 {shown} 条，共 {total} 条。", "Showing the newest {shown} of {total}."),
}


def t(key: str, lang: str, **fields: object) -> str:
    return translate(TEXT, key, lang, **fields)


def layout(service: TrackerService, lang: str = "zh", role: str = "anonymous",
           **_params: object) -> html.Div:
    header = [html.H2(t("title", lang), className="page-title"),
              html.P(t("intro", lang), className="page-subtitle")]
    if not role_at_least(role, "admin"):
        return html.Div([*header, dbc.Alert(t("admins_only", lang), color="warning")],
                        className="staff-page audit-page")
    frame = list_audit(service.store)
    body = [html.P(t("empty", lang), className="muted")] if frame.empty else [
        dbc.Button(t("export", lang), id=EXPORT, color="primary", outline=True, size="sm",
                   className="mb-2"),
        dcc.Download(id=DOWNLOAD),
        html.P(t("shown", lang, shown=min(len(frame), PAGE_LIMIT), total=len(frame)),
               className="small-note"),
        audit_grid(audit_table(frame.head(PAGE_LIMIT), lang), lang),
    ]
    return html.Div([*header, html.Div(body, className="card-panel")],
                    className="staff-page audit-page")


def audit_grid(table: pd.DataFrame, lang: str = "zh") -> dag.AgGrid:
    shown = table.astype(object).where(table.notna(), "").map(lambda cell: audit_cell(cell, lang))
    return dag.AgGrid(
        id=GRID,
        columnDefs=[{"field": str(column), "headerName": str(column)} for column in table.columns],
        rowData=shown.astype(str).to_dict("records"),
        defaultColDef={"sortable": True, "filter": True, "resizable": True},
        dashGridOptions={"pagination": True, "paginationPageSize": 50,
                         "localeText": grid_locale(lang)},
        style={"height": "600px"},
    )
