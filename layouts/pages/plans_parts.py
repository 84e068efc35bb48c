"""Pieces of the plans page, built from plain dicts so tests need no database or browser.

A draft row here is a DraftRow as JSON (model_dump(mode="json")) plus two keys the
grid shows and the service never sees: `_problems` (the row's problems as text in
the UI language) and `_bad` (the fields they name, which the grid colours).
A problem is {record, field, message_zh, message_en}, a RegistryProblem as JSON.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from layouts.pages.upload import staff_grid
from layouts.text.grid_locale import grid_locale
from layouts.text.plans import t

GRID_ONLY = ("_problems", "_bad")  # keys the grid adds to a row; stripped before the service
COMPARATORS = (">=", "<=", "==", "range", "coverage", "increase")
KINDS = ("level", "annual", "cumulative", "unspecified")
CATEGORIES = ("creation", "use", "protection", "management_service", "environment_talent",
              "international")
QUOTE_RADIUS = 2     # lines shown above and below a draft's own line
MAX_HITS = 20        # text search results listed
GRID_HEIGHT = "330px"
BAD_CELL = "plans-bad-cell"  # assets/plans.css colours it

# Editable columns of the drafts grid: field, width, and the values a select offers.
DRAFT_COLUMNS: tuple[tuple[str, int, tuple[str, ...] | None], ...] = (
    ("decision", 96, ("pending", "accept", "reject")),
    ("link", 96, ("existing", "new")),
    ("name_zh", 220, None),
    ("indicator_id", 150, None),
    ("unit", 80, None),
    ("region", 90, None),
    ("target_year", 90, None),
    ("comparator", 100, COMPARATORS),
    ("target_value", 100, None),
    ("target_low", 80, None),
    ("target_high", 80, None),
    ("kind", 100, KINDS),
    ("baseline_year", 95, None),
    ("baseline_value", 95, None),
    ("attribute", 90, ("预期性", "约束性")),
    ("wording", 110, None),
    ("new_indicator_name_en", 170, None),
    ("new_indicator_category", 150, CATEGORIES),
    ("new_indicator_direction", 130, ("higher", "lower")),
    ("section", 140, None),
    ("quote", 260, None),
)
# Select columns whose codes the grid shows as words of the UI language.
WORDED = {"decision": "decision", "link": "link"}


def draft_columns(lang: str) -> list[dict]:
    columns: list[dict] = [
        {"field": "key", "headerName": t("col.key", lang), "width": 80, "pinned": "left",
         "editable": False},
        {"field": "_problems", "headerName": t("col.problems", lang), "width": 240,
         "editable": False, "wrapText": True, "autoHeight": True,
         "cellStyle": {"color": "#B02A37", "lineHeight": "1.3"}},
    ]
    for field, width, values in DRAFT_COLUMNS:
        column: dict = {"field": field, "headerName": t(f"col.{field}", lang), "width": width,
                        "editable": True,
                        "cellClassRules": {BAD_CELL: f"params.data._bad && params.data._bad.includes('{field}')"}}
        if values is not None:
            column.update(cellEditor="agSelectCellEditor", cellEditorParams={"values": list(values)})
        if field in WORDED:
            column["refData"] = {code: t(f"{WORDED[field]}.{code}", lang) for code in values or ()}
        columns.append(column)
    columns.insert(2, {"field": "line", "headerName": t("col.line", lang), "width": 70,
                       "editable": False})
    columns.append({"field": "confidence", "headerName": t("col.confidence", lang), "width": 90,
                    "editable": False})
    return columns


def draft_grid(grid_id: str, rows: list[dict], lang: str) -> dag.AgGrid:
    """Every draft, each field editable in place; one row selected at a time."""
    return dag.AgGrid(
        id=grid_id,
        rowData=rows,
        columnDefs=draft_columns(lang),
        defaultColDef={"resizable": True, "sortable": True},
        getRowId="params.data.key",
        style={"height": GRID_HEIGHT, "width": "100%"},
        className="staff-grid plans-grid",
        dashGridOptions={
            "localeText": grid_locale(lang),
            "rowSelection": {"mode": "singleRow", "checkboxes": False, "enableClickSelection": True},
            "stopEditingWhenCellsLoseFocus": True,
            # ~25 columns: render them all, so every field is in the page (and findable by tests).
            "suppressColumnVirtualisation": True,
        },
    )


def annotate(rows: Iterable[Mapping], problems: Sequence[Mapping], lang: str) -> list[dict]:
    """Rows with their own problems written in and their bad fields named."""
    by_record: dict[str, list[Mapping]] = {}
    for problem in problems:
        by_record.setdefault(str(problem.get("record", "")), []).append(problem)
    annotated = []
    for row in rows:
        own = by_record.get(str(row.get("key")), [])
        clean = {key: value for key, value in row.items() if key not in GRID_ONLY}
        clean["_problems"] = "；".join(problem_text(problem, lang) for problem in own)
        clean["_bad"] = sorted({str(problem.get("field") or "") for problem in own} - {""})
        annotated.append(clean)
    return annotated


def strip_grid_keys(row: Mapping) -> dict:
    return {key: value for key, value in row.items() if key not in GRID_ONLY}


def problem_text(problem: Mapping, lang: str) -> str:
    message = problem.get("message_en") if lang == "en" else problem.get("message_zh")
    message = message or problem.get("message_zh") or ""
    field = problem.get("field")
    return f"{field}：{message}" if field and not str(message).startswith(str(field)) else str(message)


def problem_panel(problems: Sequence[Mapping], lang: str) -> list:
    """Every problem as a list item naming its record (draft key or document) and field."""
    if not problems:
        return [dbc.Alert(t("plans.no_problems", lang), color="success", className="py-2 mb-0")]
    items = [
        html.Li([html.Strong(_record_label(problem, lang)), " ", problem_text(problem, lang)],
                className="plans-problem")
        for problem in problems
    ]
    return [html.H4(t("plans.problems_title", lang, n=len(problems)), className="plans-subhead"),
            html.Ul(items, className="plans-problems")]


def _record_label(problem: Mapping, lang: str) -> str:
    record = str(problem.get("record") or "")
    return f"[{record or t('plans.document_record', lang)}]"


def quote_context(lines: Sequence[str], line: object, quote: str, lang: str,
                  radius: int = QUOTE_RADIUS) -> list:
    """The draft's own line among its neighbours, the quote marked where it stands."""
    if not isinstance(line, int) or isinstance(line, bool) or not 1 <= line <= len(lines):
        return [html.P(t("plans.quote_missing", lang), className="muted")]
    first, last = max(1, line - radius), min(len(lines), line + radius)
    shown = [
        html.Div([html.Span(f"{number}", className="plans-line-no"),
                  *_marked(lines[number - 1], quote if number == line else "")],
                 className="plans-line current" if number == line else "plans-line")
        for number in range(first, last + 1)
    ]
    return [html.H4(t("plans.quote_title", lang, line=line), className="plans-subhead"),
            html.Div(shown, className="plans-context")]


def _marked(text: str, quote: str) -> list:
    """The text with the quote in <mark>; the whole line is marked when the quote is not in it
    verbatim (a quote trimmed or joined from two lines)."""
    if not quote:
        return [text]
    start = text.find(quote)
    if start < 0:
        return [html.Mark(text)]
    return [text[:start], html.Mark(quote), text[start + len(quote):]]


def search_hits(lines: Sequence[str], query: str | None, lang: str,
                limit: int = MAX_HITS) -> tuple[list[dict], str]:
    """(radio options {label, value: line number}, a note) for the lines holding the query."""
    words = (query or "").strip()
    if not words:
        return [], ""
    found = [number for number, text in enumerate(lines, start=1) if words in text]
    options = [{"label": f"{number}：{lines[number - 1].strip()}", "value": number}
               for number in found[:limit]]
    if not found:
        return [], t("plans.hits_none", lang)
    note = t("plans.hits_many", lang, n=len(found), shown=limit) if len(found) > limit else ""
    return options, note


def sets_rows(frame: pd.DataFrame, lang: str) -> list[dict]:
    """Saved draft sets (PlanDesk.list_sets) as grid rows, newest first."""
    rows = []
    for record in frame.to_dict("records"):
        rows.append({
            "row_id": str(record["id"]), "id": int(record["id"]),
            "title": _text(record.get("title_zh")), "file": _text(record.get("file_name")),
            "status": t(f"status.{record.get('status')}", lang),
            "updated_by": _text(record.get("updated_by")),
            "updated_at": _text(record.get("updated_at")),
            "rows": int(record.get("rows") or 0), "accepted": int(record.get("accepted") or 0),
        })
    return sorted(rows, key=lambda row: -row["id"])


def _text(value: object) -> str:
    """A frame cell as text: missing (None, NaN, NaT) is blank."""
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def sets_grid(grid_id: str, rows: list[dict], lang: str) -> dag.AgGrid:
    columns = [
        {"field": "id", "headerName": t("col.set_id", lang), "width": 80},
        {"field": "title", "headerName": t("col.title", lang), "flex": 2, "minWidth": 200},
        {"field": "file", "headerName": t("col.file", lang), "flex": 1, "minWidth": 140},
        {"field": "status", "headerName": t("col.status", lang), "width": 95},
        {"field": "rows", "headerName": t("col.rows", lang), "width": 80},
        {"field": "accepted", "headerName": t("col.accepted", lang), "width": 90},
        {"field": "updated_by", "headerName": t("col.updated_by", lang), "width": 110},
        {"field": "updated_at", "headerName": t("col.updated_at", lang), "width": 170},
    ]
    return staff_grid(grid_id, columns, rows, lang, getRowId="params.data.row_id",
                      dashGridOptions={"rowSelection": {"mode": "singleRow", "checkboxes": False,
                                                        "enableClickSelection": True}})


def publish_result(result: Mapping, lang: str) -> dbc.Alert:
    """What publishing made: the document, its targets, the new indicators; a way to see them."""
    text = t("plans.published", lang, document=result["document_id"],
             targets=len(result["target_ids"]), indicators=len(result["indicator_ids"]))
    return dbc.Alert([html.Span(text, id="plans-published"), " ",
                      dcc.Link(t("plans.to_overview", lang), href="/", className="alert-link")],
                     color="success")


def refusal(problems: Sequence[Mapping], lang: str, head_key: str = "plans.publish_refused") -> dbc.Alert:
    """A refused publish: why, with every problem named."""
    return dbc.Alert([html.P(t(head_key, lang), className="mb-1"), *problem_panel(problems, lang)],
                     color="danger", id="plans-refused")
