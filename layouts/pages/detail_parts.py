"""Pieces of the detail page: a card per target, the data table with provenance (who
uploaded each value, and where it was published), and (for editors) the control that
changes a stored value's note."""

from __future__ import annotations

from collections.abc import Mapping

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from indicators.engine import forecast_label, status_colour, status_text_colour
from indicators.exports.clock import MINUTES, beijing_time
from indicators.registry import Registry
from layouts.figures.format import (
    DASH,
    attribute_label,
    document_title,
    format_percent,
    format_point,
    format_value,
    format_year,
    is_number,
    label_colon,
    status_word,
    target_text,
    unit_label,
)
from layouts.grid.report_table import HEADERS_EN, HEADERS_ZH
from layouts.pages.source_quote import original, quote_block
from layouts.text.english import actor_label
from layouts.text.i18n import pick, t

# The data table's container (refreshed after a note change) and the note control.
DATA_TABLE = "detail-data-table"
NOTE_YEAR = "detail-note-year"
NOTE_TEXT = "detail-note-text"
NOTE_SAVE = "detail-note-save"
NOTE_MESSAGE = "detail-note-message"
NOTE_MAX_LENGTH = 1000  # as indicators.store.notes.MAX_NOTE_LENGTH
WEB_SCHEMES = ("http://", "https://")  # the only links a value's source may render as

# Report figures shown on a target card, with how to format each.
CARD_FIGURES = (
    ("progress_ratio", "percent"), ("time_share", "percent"), ("schedule_ratio", "percent"),
    ("growth_ratio", "ratio"), ("planned_value", "value"), ("gap_to_target", "value"),
    ("gap_to_path", "value"), ("required_annual_growth", "percent1"),
    ("projected_value", "value"), ("completion_rate", "percent1"),
)


def status_badge(code: str, lang: str) -> html.Span:
    return html.Span(
        status_word(code, lang), className="status-badge",
        style={"backgroundColor": status_colour(code), "color": status_text_colour(code)},
    )


def unverified_mark(lang: str) -> html.Span:
    return html.Span(t("common.unverified", lang), className="unverified-mark",
                     title=t("common.unverified_hint", lang))


def target_card(row: Mapping, registry: Registry, lang: str) -> html.Div:
    target = registry.targets.get(str(row["target_id"]))
    document = registry.documents.get(str(row["document_id"]))
    unit = unit_label(str(row.get("unit") or ""), lang)
    head = [html.Div(document_title(str(row["document_id"]), registry.documents, lang),
                     className="target-doc")]
    if target is not None and target.attribute:
        head.append(html.Div(attribute_label(target.attribute, lang), className="small-note"))
    verdict = html.Div(forecast_text(row, lang), className="small-note forecast-verdict")
    return html.Div(className="target-card", children=[
        html.Div(className="target-head", children=[
            html.Div(head), html.Div([status_badge(str(row["status"]), lang), verdict])]),
        html.Div([html.Strong(t("hover.target", lang) + label_colon(lang)), target_text(row, lang)],
                 className="mt-2"),
        html.Dl(className="figure-list", children=_figures(row, unit, lang)),
        html.P(str(row.get("note_en" if lang == "en" else "note_zh") or ""), className="small-note mt-2"),
        _source(target, document, lang, registry.indicators.get(target.indicator))
        if target is not None else None,
    ])


def forecast_text(row: Mapping, lang: str) -> str:
    """预计：预计可如期完成 beside the status ('—' once the target year's figure is known)."""
    words = forecast_label(str(row.get("forecast") or "not_judged"), "en" if lang == "en" else "zh")
    return f"{t('detail.forecast', lang)}{words}"


def _figures(row: Mapping, unit: str, lang: str) -> list:
    headers = HEADERS_EN if lang == "en" else HEADERS_ZH
    items = [
        (t("hover.baseline", lang), format_point(row.get("baseline_year"), row.get("baseline_value"), unit, lang)),
        (t("hover.latest", lang), format_point(row.get("latest_year"), row.get("latest_value"), unit, lang)),
    ]
    for column, kind in CARD_FIGURES:
        value = row.get(column)
        if kind == "percent":
            text = format_percent(value)
        elif kind == "percent1":
            text = format_percent(value, 1)
        elif kind == "ratio":
            text = f"{float(value):.2f}" if is_number(value) else DASH
        else:
            text = format_value(value, unit)
        label = headers.get(column, column)
        if column == "growth_ratio" and lang == "en":
            label = "Growth ratio"
        elif column == "planned_value" and lang == "en":
            label = "Planned value"
        items.append((label, text))
    return [part for label, text in items for part in (html.Dt(label), html.Dd(text))]


def _source(target, document, lang: str, indicator=None) -> html.Div:
    """Document, section and the quote (a table row under its headers); unverified targets
    say so visibly.  No line number: it refers to a file no reader has.  The document's
    number and section heading are its own words, shown as the original in English."""
    title = pick(document.title_zh, document.title_en, lang) if document else target.document
    quoted = [document.doc_number] if document is not None and document.doc_number else []
    quoted.append(target.section)
    where = "，".join([title, *quoted]) if lang != "en" else \
        [title, ", ", original(", ".join(quoted), lang, labelled=False)]
    children = [
        html.Div([html.Strong(t("detail.source", lang) + label_colon(lang)), *(
            [where] if isinstance(where, str) else where)], className="small-note"),
        *quote_block(target, lang, indicator.name_en if indicator is not None else ""),
    ]
    if target.source == "outside_text":
        children.append(html.Div(t("detail.outside_text", lang), className="small-note"))
    if not target.verified:
        children.insert(0, html.Div([unverified_mark(lang), " ", html.Span(
            t("common.unverified_hint", lang), className="small-note")], className="mt-2"))
    return html.Div(children, className="mt-2")


def data_table(stored: pd.DataFrame, unit: str, lang: str) -> html.Div:
    """Current values by year with where each was published and the upload that set it."""
    if stored.empty:
        return html.P(t("detail.no_values", lang), className="muted")
    head = html.Thead(html.Tr([
        html.Th(t(key, lang), className="text-end" if key == "common.value" else None)
        for key in ("common.year", "common.value", "detail.note", "detail.value_source",
                    "detail.upload", "detail.who", "detail.when")
    ]))
    body = html.Tbody([
        html.Tr([
            html.Td(format_year(row["year"], lang)),
            html.Td(format_value(row["value"], unit_label(unit, lang)), className="text-end"),
            html.Td(str(row.get("note") or "")),
            html.Td(value_source(row, lang), className="value-source"),
            html.Td(html.A(f"#{int(row['upload_id'])}", href="/history")),
            html.Td(str(actor_label(row.get("user") or "", lang))),
            html.Td(upload_time(row.get("created_at"))),
        ])
        for row in stored.sort_values("year").to_dict("records")
    ])
    return html.Div(html.Table([head, body], className="table table-sm table-striped"),
                    className="table-responsive")


def value_source(row: Mapping, lang: str) -> list:
    """The publisher and release date, as a link to the page when there is one.

    The link opens in a new tab without access to this page (noopener); only
    http(s) addresses become links, whatever the database holds.
    """
    source, url = str(row.get("source") or ""), str(row.get("url") or "")
    published = str(row.get("published") or "")
    quote = str(row.get("quote") or "")
    label = source or url
    if not label:
        return [DASH]
    title = f"“{quote}”" if quote else None
    if url.lower().startswith(WEB_SCHEMES):
        parts: list = [html.A(label, href=url, target="_blank", rel="noopener noreferrer",
                              title=title)]
    else:
        parts = [html.Span(label, title=title)]
    if published:
        parts.append(html.Span(f" · {t('detail.published', lang)} {published}", className="small-note"))
    return parts


def upload_time(value: object) -> str:
    """Upload time in Beijing time (UTC+8), as on the history page, to the minute."""
    return beijing_time(value, MINUTES) or DASH


def note_editor(stored: pd.DataFrame, lang: str) -> html.Div | None:
    """修改备注: pick a year with a value, type the note, save; None when there is no value."""
    if stored.empty:
        return None
    rows = stored.sort_values("year", ascending=False)
    latest = rows.iloc[0]
    return html.Div(className="note-editor mt-3", children=[
        html.H4(t("detail.note_edit", lang), className="section-title"),
        html.P(t("detail.note_help", lang), className="small-note"),
        dbc.Row(className="g-2 align-items-end", children=[
            dbc.Col(md=2, children=[
                dbc.Label(t("common.year", lang), html_for=NOTE_YEAR),
                dcc.Dropdown(id=NOTE_YEAR, clearable=False, searchable=False,
                             options=[{"label": format_year(year, lang), "value": int(year)}
                                      for year in rows["year"]],
                             value=int(latest["year"])),
            ]),
            dbc.Col(md=7, children=[
                dbc.Label(t("detail.note_text", lang), html_for=NOTE_TEXT),
                dbc.Input(id=NOTE_TEXT, type="text", value=str(latest["note"] or ""),
                          maxLength=NOTE_MAX_LENGTH,
                          placeholder=t("detail.note_placeholder", lang)),
            ]),
            dbc.Col(md=3, children=[
                dbc.Button(t("detail.note_save", lang), id=NOTE_SAVE, color="primary"),
            ]),
        ]),
        html.Div(id=NOTE_MESSAGE, className="mt-2"),
    ])


def note_of_year(stored: pd.DataFrame, year: object) -> str:
    """The current note of one year's value, "" when that year has none."""
    match = stored[stored["year"] == year]
    return str(match.iloc[0]["note"] or "") if not match.empty else ""
