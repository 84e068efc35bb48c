"""规划管理 Plans page: a plan's text -> draft targets -> reviewed -> saved -> published.

Three steps on one page for editors (viewers get a notice and no controls):
1. upload (txt/docx/pdf) or paste the text; the document's fields, pre-filled, editable;
2. the drafts in a grid, every field editable, the selected one's quote shown in its
   lines of the text; link to an existing indicator, make a new one, or add a target
   found by searching the text;
3. save (saved sets can be reopened another day) and publish with a reason.

The draft set lives in the browser between steps: SET_STORE keeps its id, file name,
status and text; the grid's rowData keeps the rows; the document inputs the document.
callbacks/plans.py rebuilds the DraftSet from these on every action.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from indicators.accounts import role_at_least
from indicators.service import TrackerService
from layouts.pages.plans_parts import draft_grid, sets_grid, sets_rows
from layouts.text.i18n import pick
from layouts.text.plans import t

DROP = "plans-drop"
PASTE = "plans-paste"
PASTE_GO = "plans-paste-go"
START_MESSAGE = "plans-start-message"
SET_STORE = "plans-set"          # {"id", "file_name", "status", "text": [lines]}
GRID = "plans-grid"
ACCEPT = "plans-accept"
REJECT = "plans-reject"
CHECK = "plans-check"
PROBLEMS = "plans-problems"
QUOTE = "plans-quote"
LINK_SEARCH = "plans-link-search"
LINK_APPLY = "plans-link-apply"
NEW_APPLY = "plans-new-apply"
EDIT_MESSAGE = "plans-edit-message"
TEXT_QUERY = "plans-text-query"
HITS = "plans-hits"
HITS_NOTE = "plans-hits-note"
MANUAL_QUOTE = "plans-manual-quote"
ADD_ROW = "plans-add-row"
SAVE = "plans-save"
SAVE_MESSAGE = "plans-save-message"
SETS_GRID = "plans-sets"
OPEN = "plans-open"
REASON = "plans-reason"
PUBLISH = "plans-publish"
PUBLISH_RESULT = "plans-publish-result"

ACCEPT_FILES = ".txt,.docx,.pdf,text/plain,application/pdf," \
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# The document's fields, in form order; text inputs unless DOC_CHOICES offers a list.
DOC_FIELDS = ("id", "title_zh", "title_en", "issuer", "doc_number", "date", "period_start",
              "period_end", "level", "kind", "region")
DOC_CHOICES = {"level": ("national", "municipal"),
               "kind": ("plan", "outline", "action_plan", "law", "rule")}
NUMBER_FIELDS = ("period_start", "period_end")


def doc_input_id(field: str) -> str:
    return f"plans-doc-{field}"


def layout(service: TrackerService, lang: str = "zh", role: str = "editor",
           **_params: object) -> html.Div:
    head = [html.H2(t("plans.title", lang), className="page-title"),
            html.P(t("plans.intro", lang), className="page-subtitle")]
    if not role_at_least(role, "editor"):
        notice = dbc.Alert(t("plans.needs_editor", lang), color="warning", id="plans-needs-editor")
        return html.Div([*head, notice], className="staff-page plans-page")
    return html.Div(
        [*head, _text_card(service, lang), _drafts_card(lang), _save_card(service, lang),
         dcc.Store(id=SET_STORE, storage_type="memory")],
        className="staff-page plans-page",
    )


def _text_card(service: TrackerService, lang: str) -> html.Div:
    drop = dcc.Upload(id=DROP, children=html.Div(t("plans.drop", lang)), accept=ACCEPT_FILES,
                      multiple=False, max_size=service.settings.upload.max_bytes,
                      className="upload-drop-zone plans-drop")
    paste = [html.Label(t("plans.paste", lang), htmlFor=PASTE, className="mt-3"),
             dcc.Textarea(id=PASTE, className="form-control plans-paste", style={"height": "8rem"}),
             dbc.Button(t("plans.paste_go", lang), id=PASTE_GO, color="primary", outline=True,
                        className="mt-2")]
    return _card(t("plans.step_text", lang),
                 [drop, *paste, html.Div(id=START_MESSAGE, className="mt-2"),
                  html.H4(t("plans.doc_title", lang), className="plans-subhead"),
                  document_form({}, service, lang)])


def document_form(values: dict, service: TrackerService, lang: str) -> html.Div:
    """One labelled input per document field; values pre-fill them."""
    regions = [{"label": pick(r.name_zh, r.name_en, lang), "value": r.code}
               for r in service.settings.regions]
    fields = []
    for field in DOC_FIELDS:
        if field in DOC_CHOICES or field == "region":
            options = regions if field == "region" else [
                {"label": t(f"{field}.{code}", lang), "value": code} for code in DOC_CHOICES[field]]
            control = dcc.Dropdown(id=doc_input_id(field), options=options, value=values.get(field),
                                   clearable=False)
        else:
            # Text, not number, inputs: Dash 4's number input adds steppers a year does not need.
            control = dcc.Input(id=doc_input_id(field), value=values.get(field), type="text",
                                inputMode="numeric" if field in NUMBER_FIELDS else "text",
                                className="form-control", debounce=True)
        fields.append(html.Div([html.Label(t(f"doc.{field}", lang), htmlFor=doc_input_id(field)),
                                control], className="plans-doc-field"))
    return html.Div(fields, className="plans-doc-form")


def _drafts_card(lang: str) -> html.Div:
    actions = html.Div([
        dbc.Button(t("plans.accept", lang), id=ACCEPT, color="success", outline=True, className="me-2"),
        dbc.Button(t("plans.reject", lang), id=REJECT, color="secondary", outline=True, className="me-2"),
        dbc.Button(t("plans.check", lang), id=CHECK, color="primary", outline=True),
    ], className="mb-2")
    link = html.Div([
        html.Label(t("plans.link_search", lang), htmlFor=LINK_SEARCH),
        dcc.Dropdown(id=LINK_SEARCH, options=[], searchable=True, className="plans-link-search"),
        dbc.Button(t("plans.link_apply", lang), id=LINK_APPLY, color="primary", outline=True,
                   className="me-2 mt-2"),
        dbc.Button(t("plans.new_apply", lang), id=NEW_APPLY, color="primary", outline=True,
                   className="mt-2"),
    ], className="plans-link mt-3")
    return _card(t("plans.step_drafts", lang), [
        html.P(t("plans.drafts_help", lang), className="small-note"),
        actions,
        draft_grid(GRID, [], lang),
        html.Div(id=EDIT_MESSAGE, className="mt-2"),
        html.Div(html.P(t("plans.quote_none", lang), className="muted"), id=QUOTE,
                 className="plans-quote mt-2"),
        html.Div(id=PROBLEMS, className="mt-2"),
        link,
        _search_part(lang),
    ])


def _search_part(lang: str) -> html.Div:
    return html.Div([
        html.H4(t("plans.search_title", lang), className="plans-subhead"),
        html.Label(t("plans.search_text", lang), htmlFor=TEXT_QUERY),
        dcc.Input(id=TEXT_QUERY, type="search", className="form-control", debounce=True),
        html.Div(id=HITS_NOTE, className="small-note"),
        dcc.RadioItems(id=HITS, options=[], className="plans-hits"),
        html.Label(t("plans.manual_quote", lang), htmlFor=MANUAL_QUOTE, className="mt-2"),
        dcc.Textarea(id=MANUAL_QUOTE, className="form-control", style={"height": "4rem"}),
        dbc.Button(t("plans.add_row", lang), id=ADD_ROW, color="primary", outline=True,
                   className="mt-2"),
    ], className="plans-search mt-3")


def _save_card(service: TrackerService, lang: str) -> html.Div:
    rows = sets_rows(service.plans.list_sets(), lang)
    return _card(t("plans.step_save", lang), [
        dbc.Button(t("plans.save", lang), id=SAVE, color="primary"),
        html.Div(id=SAVE_MESSAGE, className="mt-2"),
        html.H4(t("plans.sets_title", lang), className="plans-subhead"),
        html.P(t("plans.sets_empty", lang), className="muted") if not rows else None,
        sets_grid(SETS_GRID, rows, lang),
        dbc.Button(t("plans.open", lang), id=OPEN, color="secondary", outline=True, className="mt-2"),
        html.Label(t("plans.reason", lang), htmlFor=REASON, className="mt-3"),
        dcc.Textarea(id=REASON, className="form-control", style={"height": "4rem"}),
        dbc.Button(t("plans.publish", lang), id=PUBLISH, color="success", className="mt-2"),
        html.Div(id=PUBLISH_RESULT, className="mt-2"),
    ])


def _card(title: str, body: list) -> html.Div:
    return html.Div([html.H3(title, className="section-title"), *body], className="card-panel")

