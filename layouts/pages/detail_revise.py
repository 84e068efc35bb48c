"""修订目标 Revise target: the editors' panel under a detail page, and the note saying which
registry version the page's report used.

A target picked from the series' targets fills the inputs; a change, a retirement or a
revert needs a reason; the target's history lists every change with who, when, why and
what changed.  Builders take plain values so the tests need no database.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from layouts.figures.format import attribute_label, unit_name
from layouts.pages.upload import staff_grid
from layouts.text.english import actor_label, audit_cell
from layouts.text.plans import t

TARGET = "revise-target"
REASON = "revise-reason"
SAVE = "revise-save"
RETIRE_FROM = "revise-retire-from"
RETIRE = "revise-retire"
HISTORY = "revise-history"
REVERT = "revise-revert"
MESSAGE = "revise-message"
VERSION_NOTE = "detail-registry-version"

# The target fields an editor may revise here, in form order; selects offer these values.
FIELDS = ("target_year", "comparator", "target_value", "target_low", "target_high", "kind",
          "baseline_year", "baseline_value")
CHOICES = {"comparator": (">=", "<=", "==", "range", "coverage", "increase"),
           "kind": ("level", "annual", "cumulative")}
SHOWN_CHANGES = 4  # changed fields listed per history row before "…"


def field_id(field: str) -> str:
    return f"revise-{field.replace('_', '-')}"


def revise_panel(targets: list[tuple[str, str]], lang: str) -> html.Div:
    """The panel: pick a target (id, label), edit it, retire it, see and revert its history."""
    inputs = []
    for field in FIELDS:
        if field in CHOICES:
            control = dcc.Dropdown(id=field_id(field), options=list(CHOICES[field]), clearable=False)
        else:
            control = dcc.Input(id=field_id(field), type="number", className="form-control")
        inputs.append(html.Div([html.Label(t(f"col.{field}", lang), htmlFor=field_id(field)),
                                control], className="plans-doc-field"))
    return html.Div(className="card-panel revise-panel", id="revise-panel", children=[
        html.H3(t("revise.title", lang), className="section-title"),
        html.P(t("revise.help", lang), className="small-note"),
        html.Label(t("revise.target", lang), htmlFor=TARGET),
        dcc.Dropdown(id=TARGET, options=[{"label": label, "value": key} for key, label in targets],
                     value=targets[0][0] if len(targets) == 1 else None, clearable=False),
        html.Div(inputs, className="plans-doc-form mt-2"),
        html.Label(t("revise.reason", lang), htmlFor=REASON, className="mt-2"),
        dcc.Textarea(id=REASON, className="form-control", style={"height": "3.5rem"}),
        dbc.Button(t("revise.save", lang), id=SAVE, color="primary", className="mt-2 me-2"),
        html.Div([html.Label(t("revise.retire_from", lang), htmlFor=RETIRE_FROM),
                  dcc.Input(id=RETIRE_FROM, type="text", className="form-control",
                            placeholder="2026-01-01"),
                  dbc.Button(t("revise.retire", lang), id=RETIRE, color="danger", outline=True,
                             className="mt-2")], className="plans-doc-field mt-2"),
        html.Div(id=MESSAGE, className="mt-2"),
        html.H4(t("revise.history", lang), className="plans-subhead"),
        history_grid([], lang),
        dbc.Button(t("revise.revert", lang), id=REVERT, color="secondary", outline=True,
                   className="mt-2"),
    ])


def retired_mark(target: Any, lang: str) -> str:
    """"（自 2026-01-01 起停用）" after a retired target's label; nothing for a current one."""
    day = getattr(target, "retired_from", None)
    return t("revise.retired_mark", lang, day=day.isoformat()) if day else ""


def field_values(target: Any | None) -> list:
    """The inputs' values for a registry Target (None for every input when no target)."""
    if target is None:
        return [None] * len(FIELDS)
    baseline = target.baseline
    values = {"baseline_year": baseline.year if baseline else None,
              "baseline_value": baseline.value if baseline else None}
    return [values[field] if field in values else getattr(target, field) for field in FIELDS]


def changes_from(target: Any, values: list) -> dict:
    """Only the fields the editor changed, in the Target's own shape (baseline as one record)."""
    typed = dict(zip(FIELDS, values, strict=False))
    current = dict(zip(FIELDS, field_values(target), strict=False))
    changed = {field: typed[field] for field in FIELDS
               if field not in ("baseline_year", "baseline_value") and typed[field] != current[field]}
    baseline = (typed["baseline_year"], typed["baseline_value"])
    if baseline != (current["baseline_year"], current["baseline_value"]):
        changed["baseline"] = None if baseline == (None, None) else \
            {"year": baseline[0], "value": baseline[1]}
    return changed


def history_rows(frame: pd.DataFrame, lang: str) -> list[dict]:
    """PlanDesk.target_history as grid rows, newest first."""
    rows = []
    for record in frame.to_dict("records"):
        reverted = record.get("reverted_by")
        rows.append({
            "row_id": str(record["change_id"]), "change_id": int(record["change_id"]),
            "at": str(record["at"]), "user": str(actor_label(str(record["user"]), lang)),
            "action": t(f"action.{record['action']}", lang),
            "reason": str(audit_cell(str(record.get("reason") or ""), lang)),
            "what": what_changed(record.get("old"), record.get("new"), lang),
            "reverted_by": "" if reverted is None or pd.isna(reverted) else f"#{int(reverted)}",
        })
    return sorted(rows, key=lambda row: -row["change_id"])


def what_changed(old: Mapping | None, new: Mapping | None, lang: str = "zh") -> str:
    """"field: old → new" for each field that differs, a few at most."""
    old, new = dict(old or {}), dict(new or {})
    fields = [key for key in sorted(set(old) | set(new)) if old.get(key) != new.get(key)]
    parts = [f"{key}: {_shown(key, old.get(key), lang)} → {_shown(key, new.get(key), lang)}"
             for key in fields[:SHOWN_CHANGES]]
    separator = "; " if lang == "en" else "；"
    return separator.join(parts) + (separator + "…" if len(fields) > SHOWN_CHANGES else "")


# Fields whose registry words (Chinese) have an English form in the English UI.
SHOWN_IN_LANGUAGE = {"attribute": attribute_label, "unit": unit_name}


def _shown(field: str, value: object, lang: str) -> str:
    if value is None:
        return "—"
    if field in SHOWN_IN_LANGUAGE:
        return SHOWN_IN_LANGUAGE[field](str(value), lang)
    if isinstance(value, Mapping) and set(value) == {"year", "value"}:  # a baseline
        return f"{_shown('value', value['value'], lang)} ({value['year']})"
    if isinstance(value, float) and value.is_integer():
        return f"{value:g}"
    return str(value)


def history_grid(rows: list[dict], lang: str):
    columns = [
        {"field": "change_id", "headerName": t("col.change_id", lang), "width": 80},
        {"field": "at", "headerName": t("col.at", lang), "width": 165},
        {"field": "user", "headerName": t("col.user", lang), "width": 100},
        {"field": "action", "headerName": t("col.action", lang), "width": 90},
        {"field": "reason", "headerName": t("col.reason", lang), "flex": 1, "minWidth": 150},
        {"field": "what", "headerName": t("col.what", lang), "flex": 2, "minWidth": 220,
         "wrapText": True, "autoHeight": True},
        {"field": "reverted_by", "headerName": t("col.reverted_by", lang), "width": 90},
    ]
    return staff_grid(HISTORY, columns, rows, lang, getRowId="params.data.row_id",
                      dashGridOptions={"rowSelection": {"mode": "singleRow", "checkboxes": False,
                                                        "enableClickSelection": True}})


def registry_version_note(report: pd.DataFrame, lang: str) -> html.P | None:
    """Which registry version the report used (the `registry_version` of its rows)."""
    if "registry_version" not in report.columns or report.empty:
        return None
    version = report["registry_version"].dropna()
    if version.empty:
        return None
    return html.P(t("revise.registry_version", lang, version=int(version.max())),
                  className="small-note", id=VERSION_NOTE)
