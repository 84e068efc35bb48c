"""上传记录 History page: every upload, its rows, and a revert with confirmation.

Shaping functions turn the store's records into grid rows; they are pure, so
the tests check them without a browser.  Times are shown in Beijing time
(UTC+8, no daylight saving), the local time of every user of this tool.
"""

from __future__ import annotations

import datetime as dt

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from indicators.accounts import role_at_least
from indicators.exports.clock import beijing_time
from indicators.service import TrackerService
from layouts.pages.upload import staff_grid, value_rows_grid
from layouts.text.english import actor_label
from layouts.text.staff import t

GRID = "history-grid"
DETAIL = "history-detail"
ROWS_GRID = "history-rows-grid"
MESSAGE = "history-message"
REVERT = "history-revert"
MODAL = "history-modal"
MODAL_BODY = "history-modal-body"
CONFIRM = "history-confirm"
CANCEL = "history-cancel"



def layout(service: TrackerService, lang: str = "zh", role: str = "editor",
           **_params: object) -> html.Div:
    rows = upload_grid_rows(service.store.uploads(), lang)
    return html.Div(
        [
            html.H2(t("history.title", lang), className="page-title"),
            html.P(t("history.intro", lang), className="page-subtitle"),
            html.Div(id=MESSAGE),
            html.Div(
                [
                    uploads_grid(rows, lang) if rows else _empty(lang),
                    # Hidden, not removed, for viewers: its callbacks still need the id.
                    dbc.Button(t("history.revert", lang), id=REVERT, color="danger",
                               outline=True, disabled=True, className="mt-3",
                               style=None if role_at_least(role, "editor") else {"display": "none"}),
                ],
                className="card-panel",
            ),
            html.Div(html.P(t("history.select", lang), className="muted"), id=DETAIL,
                     className="card-panel"),
            _confirm_modal(lang),
        ],
        className="staff-page history-page",
    )


def _empty(lang: str) -> html.Div:
    return html.Div(
        [
            html.P(t("history.empty", lang)),
            dcc.Link(t("history.go_upload", lang), href="/upload", className="btn btn-primary"),
            # The callbacks listen to the grid, so it exists even when empty.
            html.Div(uploads_grid([], lang), style={"display": "none"}),
        ]
    )


def _confirm_modal(lang: str) -> dbc.Modal:
    return dbc.Modal(
        [
            dbc.ModalHeader(dbc.ModalTitle(t("history.revert", lang))),
            dbc.ModalBody(id=MODAL_BODY),
            dbc.ModalFooter(
                [
                    dbc.Button(t("history.cancel", lang), id=CANCEL, color="secondary"),
                    dbc.Button(t("history.confirm_button", lang), id=CONFIRM, color="danger"),
                ]
            ),
        ],
        id=MODAL,
        is_open=False,
    )


def uploads_grid(rows: list[dict], lang: str) -> dag.AgGrid:
    count = {"width": 82, "filter": False}
    columns = [
        {"field": "id", "headerName": t("col.id", lang), "width": 90, "sort": "desc",
         "filter": False},
        {"field": "time", "headerName": t("col.time", lang), "width": 175},
        {"field": "user", "headerName": t("col.user", lang), "width": 110},
        {"field": "file", "headerName": t("col.file", lang), "flex": 2, "minWidth": 170},
        {"field": "kind", "headerName": t("col.kind", lang), "width": 105},
        {"field": "rows", "headerName": t("col.rows", lang), **count},
        {"field": "added", "headerName": t("col.added", lang), **count},
        {"field": "changed", "headerName": t("col.changed", lang), **count},
        {"field": "unchanged", "headerName": t("col.unchanged", lang), **count, "width": 92},
        {"field": "removed", "headerName": t("col.removed", lang), **count},
        {"field": "reverted", "headerName": t("col.reverted", lang), "flex": 1, "minWidth": 120},
    ]
    return staff_grid(
        GRID, columns, rows, lang,
        getRowId="params.data.row_id",
        dashGridOptions={"rowSelection": {"mode": "singleRow", "checkboxes": False,
                                          "enableClickSelection": True}},
    )


def local_time(moment: dt.datetime) -> str:
    """An aware UTC time as Beijing wall-clock time; naive times are taken as UTC."""
    return beijing_time(moment)


def upload_grid_rows(uploads: pd.DataFrame, lang: str) -> list[dict]:
    """One grid row per upload, from ActualsStore.uploads() (newest first)."""
    return [_grid_row(upload, lang) for upload in uploads.to_dict("records")]


def _grid_row(upload: dict, lang: str) -> dict:
    reverted_by = _optional_id(upload["reverted_by_upload_id"])
    return {
        "row_id": str(upload["id"]),  # AG Grid wants string row ids
        "id": int(upload["id"]),
        "time": local_time(upload["created_at"].to_pydatetime()),
        "user": actor_label(upload["user"], lang),
        "file": upload["file_name"] or _label_without_file(upload, lang),
        "kind": t(_kind_key(upload), lang),
        "rows": int(upload["rows_total"]),
        "added": int(upload["added"]),
        "changed": int(upload["changed"]),
        "unchanged": int(upload["unchanged"]),
        "removed": int(upload["removed"]),
        "reverted": t("no", lang) if reverted_by is None
        else t("history.reverted_by", lang, id=reverted_by),
        "revertable": reverted_by is None,
    }


def _optional_id(value: object) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def _kind_key(upload: dict) -> str:
    # A note change on a sample value is still a note change, whatever its is_sample says.
    if upload["kind"] in ("revert", "note"):
        return f"kind.{upload['kind']}"
    return "kind.sample" if upload["is_sample"] else "kind.upload"


def _label_without_file(upload: dict, lang: str) -> str:
    """What stands in the file column of a revert or a note change."""
    if upload["kind"] == "note":
        return t("history.note_file", lang)
    target = _optional_id(upload.get("reverts_upload_id"))
    return t("history.revert_of", lang, id=target) if target is not None else ""


def detail_panel(upload: dict, rows: list[dict], lang: str) -> list:
    """The selected upload's rows (old and new values), or a note that it changed nothing."""
    title = html.H3(t("history.rows_title", lang, id=upload["id"], file=upload["file"]),
                    className="section-title")
    if not rows:
        return [title, html.P(t("history.no_rows", lang), className="muted")]
    return [title, value_rows_grid(ROWS_GRID, rows, lang)]
