"""数据上传 Upload page: template download, drop zone, preview, commit.

The page itself is static; callbacks/upload.py fills PREVIEW and RESULT with
the pure builders below, from plain dicts (a "preview view") so the builders
can be tested without a database or a browser.
"""

from __future__ import annotations

import math

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from indicators.accounts import role_at_least
from indicators.config import Settings
from indicators.importing import UploadIssue
from indicators.registry import Registry
from indicators.service import TrackerService
from layouts.figures.format import unit_name
from layouts.text.grid_locale import grid_locale
from layouts.text.i18n import pick
from layouts.text.staff import size_label, t

TEMPLATE_XLSX = "upload-template-xlsx"
TEMPLATE_CSV = "upload-template-csv"
TEMPLATE_DOWNLOAD = "upload-template-download"
DROP = "upload-drop"
PENDING = "upload-pending"        # dcc.Store: {"content", "file_name", "sha256"} while committable
PREVIEW = "upload-preview"
READY = "upload-ready"  # the preview's last line: ready to commit, or blocked
COMMIT = "upload-commit"
RESULT = "upload-result"
COUNTS = "upload-counts"
ERRORS_GRID = "upload-errors-grid"
WARNINGS_GRID = "upload-warnings-grid"
ROWS_GRID = "upload-rows-grid"

ACCEPT = ".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
MAX_VISIBLE_ROWS = 10   # longer tables scroll inside the grid
HEADER_PX, ROW_PX = 49, 42  # AG Grid's default quartz header and row heights
# Not the status palette: these count rows, they do not judge progress.
COUNT_COLOUR, ERROR_COLOUR, WARNING_COLOUR = "#1F3A5F", "#B02A37", "#8A5A00"
# Staff check what changes first; unchanged rows are the least interesting.
ACTION_ORDER = {"changed": 0, "added": 1, "removed": 2, "unchanged": 3}


def layout(service: TrackerService, lang: str = "zh", role: str = "editor",
           **_params: object) -> html.Div:
    limit = size_label(service.settings.upload.max_bytes)
    # The server refuses uploads below editor anyway; this says so up front.
    staff_part = (
        [_drop_card(lang, limit, service.settings.upload.max_bytes), _preview_card(lang)]
        if role_at_least(role, "editor")
        else [dbc.Alert(t("upload.needs_editor", lang), color="warning", id="upload-needs-editor")]
    )
    return html.Div(
        [
            html.H2(t("upload.title", lang), className="page-title"),
            html.P(t("upload.intro", lang), className="page-subtitle"),
            _template_card(lang),
            *staff_part,
            dcc.Store(id=PENDING, storage_type="memory"),
        ],
        className="staff-page upload-page",
    )


def _template_card(lang: str) -> html.Div:
    buttons = html.Div(
        [
            dbc.Button(t("upload.template_xlsx", lang), id=TEMPLATE_XLSX, color="primary",
                       outline=True, className="me-2"),
            dbc.Button(t("upload.template_csv", lang), id=TEMPLATE_CSV, color="secondary",
                       outline=True),
            dcc.Download(id=TEMPLATE_DOWNLOAD),
        ]
    )
    return _card(t("upload.step_template", lang), [html.P(t("upload.template_help", lang)), buttons])


def _drop_card(lang: str, limit: str, max_bytes: int) -> html.Div:
    drop = dcc.Upload(
        id=DROP,
        children=html.Div(
            [html.Div(t("upload.drop", lang)), html.Small(t("upload.limit", lang, size=limit))]
        ),
        accept=ACCEPT,
        multiple=False,
        max_size=max_bytes,  # the browser refuses larger files before sending them
        className="upload-drop-zone",
        style={
            "border": "2px dashed #8a9bb0", "borderRadius": "6px", "padding": "2rem 1rem",
            "textAlign": "center", "cursor": "pointer", "backgroundColor": "#f7f9fb",
        },
    )
    return _card(t("upload.step_file", lang), [drop])


def _preview_card(lang: str) -> html.Div:
    return _card(
        t("upload.step_preview", lang),
        [
            html.Div(html.P(t("upload.no_file", lang), className="muted"), id=PREVIEW),
            dbc.Button(t("upload.commit", lang), id=COMMIT, color="success", disabled=True,
                       className="mt-2"),
            html.Div(id=RESULT, className="mt-3"),
        ],
    )


def _card(title: str, body: list) -> html.Div:
    return html.Div([html.H3(title, className="section-title"), *body], className="card-panel")


def preview_panel(view: dict, lang: str) -> list:
    """The preview: counts, errors, warnings, then the rows with old and new values.

    `view` holds file_name, sha256, counts {added, changed, unchanged}, errors and
    warnings (lists of {sheet, row, column, message}) and rows (see ROW_FIELDS).
    """
    errors, warnings = view.get("errors", []), view.get("warnings", [])
    parts: list = [
        html.P(t("upload.file", lang, name=view["file_name"], sha=view["sha256"][:12]),
               className="small-note"),
        count_badges(view["counts"], lang),
    ]
    if errors:
        parts += [_subheading(t("upload.errors_title", lang, n=len(errors)), ERROR_COLOUR),
                  problem_grid(ERRORS_GRID, errors, lang)]
    if warnings:
        parts += [_subheading(t("upload.warnings_title", lang, n=len(warnings)), WARNING_COLOUR),
                  problem_grid(WARNINGS_GRID, warnings, lang)]
    parts.append(_subheading(t("upload.rows_title", lang)))
    if view.get("rows"):
        parts.append(value_rows_grid(ROWS_GRID, view["rows"], lang))
    else:
        parts.append(html.P(t("upload.no_rows", lang), className="muted"))
    status_key, colour = ("upload.commit_blocked", "danger") if errors else ("upload.commit_ready", "success")
    # In its own element, so that a commit can clear "no errors, click Commit" (callbacks.upload).
    parts.append(html.Div(dbc.Alert(t(status_key, lang), color=colour, className="mt-3 mb-0 py-2"),
                          id=READY))
    return parts


def _subheading(text: str, colour: str = "inherit") -> html.H4:
    return html.H4(text, style={"fontSize": "1rem", "fontWeight": 600, "color": colour,
                                "margin": "18px 0 8px"})


def count_badges(counts: dict, lang: str) -> html.Div:
    """Three numbers side by side: added, changed, unchanged."""
    box = {"textAlign": "center", "padding": "6px 22px", "border": "1px solid #DDE3EA",
           "borderRadius": "6px", "minWidth": "96px", "background": "#FAFBFC"}
    boxes = [
        html.Div(
            [html.Div(str(counts.get(kind, 0)), id=f"upload-count-{kind}",
                      style={"fontSize": "1.8rem", "fontWeight": 700, "color": COUNT_COLOUR}),
             html.Div(t(f"upload.{kind}", lang), className="small-note")],
            style=box,
        )
        for kind in ("added", "changed", "unchanged")
    ]
    return html.Div(boxes, id=COUNTS, style={"display": "flex", "flexWrap": "wrap", "gap": "10px"})


def problem_grid(grid_id: str, problems: list[dict], lang: str) -> dag.AgGrid:
    # A CSV has no sheets; the importer names its one sheet after the file.
    no_sheets = not any(problem["sheet"] for problem in problems)
    columns = [
        {"field": "sheet", "headerName": t("col.sheet", lang), "width": 130, "hide": no_sheets},
        {"field": "row", "headerName": t("col.row", lang), "width": 80, "type": "numericColumn"},
        {"field": "column", "headerName": t("col.column", lang), "width": 120},
        {"field": "message", "headerName": t("col.message", lang), "flex": 1, "minWidth": 300,
         "wrapText": True, "autoHeight": True},
    ]
    return staff_grid(grid_id, columns, problems, lang)


ROW_FIELDS = ("change", "indicator", "region", "year", "unit", "old_value", "new_value", "note")


def value_rows_grid(grid_id: str, rows: list[dict], lang: str) -> dag.AgGrid:
    """Rows of values with the stored value before and the value after."""
    number = {"type": "numericColumn", "width": 120,
              "valueFormatter": {"function": "params.value == null ? '' : String(params.value)"}}
    columns = [
        {"field": "change", "headerName": t("col.change", lang), "width": 95},
        {"field": "indicator", "headerName": t("col.indicator", lang), "flex": 2, "minWidth": 200},
        {"field": "region", "headerName": t("col.region", lang), "width": 110},
        {"field": "year", "headerName": t("col.year", lang), "width": 85},
        {"field": "unit", "headerName": t("col.unit", lang), "width": 80},
        {"field": "old_value", "headerName": t("col.old_value", lang), **number},
        {"field": "new_value", "headerName": t("col.new_value", lang), **number},
        {"field": "note", "headerName": t("col.note", lang), "flex": 1, "minWidth": 140},
    ]
    return staff_grid(grid_id, columns, rows, lang)


def staff_grid(grid_id: str, columns: list[dict], rows: list[dict], lang: str = "zh",
               dashGridOptions: dict | None = None, **options) -> dag.AgGrid:  # noqa: N803
    """A sortable, filterable grid as tall as its rows, up to a scrolling maximum.

    A fixed height rather than domLayout=autoHeight, which leaves a blank band
    under short tables.
    """
    return dag.AgGrid(
        id=grid_id,
        rowData=rows,
        columnDefs=columns,
        defaultColDef={"sortable": True, "filter": True, "resizable": True},
        style=grid_style(len(rows)),
        className="staff-grid",
        dashGridOptions={"localeText": grid_locale(lang), **(dashGridOptions or {})},
        **options,
    )


def grid_style(row_count: int) -> dict:
    visible_rows = max(1, min(row_count, MAX_VISIBLE_ROWS))
    return {"height": f"{HEADER_PX + ROW_PX * visible_rows + 4}px", "width": "100%"}


def commit_result(upload_id: object, row_count: int, lang: str) -> dbc.Alert:
    return dbc.Alert(
        [
            html.Span(t("upload.committed", lang, id=upload_id, n=row_count), id="upload-committed"),
            " ",
            dcc.Link(t("upload.to_overview", lang), href="/", className="alert-link me-3"),
            dcc.Link(t("upload.to_history", lang), href="/history", className="alert-link"),
        ],
        color="success",
    )


def message(text: str, colour: str = "danger") -> dbc.Alert:
    return dbc.Alert(text, color=colour)


def issue_rows(issues: list[UploadIssue], file_name: str = "") -> list[dict]:
    """Errors or warnings as grid rows: sheet, Excel row, column (letter and header), message.

    A CSV's single "sheet" carries the file's name; it is left blank, as staff
    know no sheet by that name.
    """
    return [
        {
            "sheet": "" if issue.sheet == file_name else issue.sheet,
            "row": issue.row,
            "column": f"{issue.column}（{issue.header}）" if issue.column and issue.header
            else issue.column or issue.header or "",
            "message": issue.message,
        }
        for issue in issues
    ]


def value_rows(diff: pd.DataFrame, registry: Registry, settings: Settings, lang: str) -> list[dict]:
    """A store diff (indicator_id, region, year, old/new value and note, action) as grid rows."""
    regions = {region.code: pick(region.name_zh, region.name_en, lang) for region in settings.regions}
    rows = []
    for record in diff.itertuples(index=False):
        indicator = registry.indicators.get(record.indicator_id)
        rows.append({
            "action": record.action,
            "change": t(f"change.{record.action}", lang),
            "indicator_id": record.indicator_id,
            "indicator": pick(indicator.name_zh, indicator.name_en, lang) if indicator
            else record.indicator_id,
            "region": regions.get(record.region, record.region),
            "year": int(record.year),
            "unit": unit_name(indicator.unit, lang) if indicator else "",
            "old_value": _number(record.old_value),
            "new_value": _number(record.new_value),
            "note": _note(record.old_note, record.new_note),
        })
    return sorted(rows, key=lambda row: ACTION_ORDER.get(row["action"], len(ACTION_ORDER)))


def _number(value: object) -> float | None:
    """NaN and missing become None, which JSON and the grid show as an empty cell."""
    if value is None or value is pd.NA:
        return None
    number = float(value)
    return None if math.isnan(number) else number


def _note(old: object, new: object) -> str:
    old_text = "" if old is None or (isinstance(old, float) and math.isnan(old)) else str(old)
    new_text = "" if new is None or (isinstance(new, float) and math.isnan(new)) else str(new)
    if old_text and new_text and old_text != new_text:
        return f"{old_text} → {new_text}"
    return new_text or old_text
