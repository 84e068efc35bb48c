"""The gap report as an interactive table (dash-ag-grid), and the missing-data list.

Headers in Chinese are the export's own column labels (indicators.exports.report),
so the table on screen and the CSV a leader downloads use the same words.
"""

from __future__ import annotations

from collections.abc import Mapping

import dash_ag_grid as dag
import pandas as pd
from dash import dcc, html

from indicators.engine import STATUS_CODES, status_colour, status_text_colour
from indicators.exports import COLUMN_LABELS_ZH
from layouts.figures.format import (
    format_value,
    format_year,
    indicator_name,
    is_number,
    region_name,
    unit_label,
)
from layouts.figures.labels import text_em
from layouts.grid.column_chooser import ALWAYS, PHONE_ONLY, default_columns, phone_header
from layouts.grid.report_rows import PERCENT_FORMATTER, VALUE_FORMATTER, detail_href, grid_rows
from layouts.text.grid_locale import grid_locale
from layouts.text.i18n import t

__all__ = ["GRID", "column_defs", "detail_href", "grid_rows", "missing_data_list", "report_grid"]

GRID = "overview-grid"
# Above this many rows the grid asks the server for blocks of rows (infinite row
# model) instead of receiving the whole report at once.
GRID_CLIENT_LIMIT = 2000
# The missing-data list names at most this many series; the export has them all.
MISSING_LIMIT = 100
MISSING_AS_OF = "overview-missing-as-of"  # series without a value for the as-of year
RELEASES = "overview-releases"  # national series whose next official figure is overdue

# English headers for the screen (the English export keeps the raw column names).
HEADERS_EN = {
    "name": "Indicator", "region": "Region", "document_id": "Document", "category": "Category",
    "unit": "Unit", "baseline_year": "Baseline year", "baseline_value": "Baseline",
    "target_year": "Target year", "target_value": "Target", "latest_year": "Latest year",
    "latest_value": "Latest", "progress_ratio": "Progress", "time_share": "Time elapsed",
    "schedule_ratio": "Schedule ratio", "gap_to_target": "Gap to target",
    "gap_to_path": "Gap to path", "projected_value": "Projected", "required_annual_growth":
    "Required annual growth", "status": "Status", "note_zh": "Notes",
    "forecast": "Forecast", "attribute": "Attribute", "completion_rate": "Completion rate",
}
HEADERS_ZH = {**COLUMN_LABELS_ZH, "name": "指标名称", "note_zh": "说明"}
# One format per column (indicators.exports.formats): every ratio at 0.1 %, values by row.
NUMBER, PERCENT, PERCENT_1 = VALUE_FORMATTER, PERCENT_FORMATTER, PERCENT_FORMATTER
YEAR = {"function": "params.value == null ? '—' : String(params.value)"}

# (column, width, kind) in display order; kind picks the formatter and filter.  The reading
# columns come first (layouts.grid.column_chooser.DEFAULT_COLUMNS shows them), then the rest.
COLUMNS = (
    ("name", 240, "link"), ("region", 110, "text"), ("status", 120, "status"),
    ("latest_value", 100, "number"), ("latest_year", 90, "year"),
    ("target_value", 100, "number"), ("target_year", 90, "year"), ("latest_target", 100, "pair"),
    ("progress_ratio", 100, "percent"), ("schedule_ratio", 100, "percent"),
    ("forecast", 140, "text"),
    ("document_id", 130, "text"), ("category", 130, "text"), ("attribute", 80, "text"),
    ("completion_rate", 100, "percent"), ("time_share", 100, "percent"),
    ("unit", 80, "text"), ("baseline_year", 90, "year"), ("baseline_value", 100, "number"),
    ("gap_to_target", 120, "number"), ("gap_to_path", 120, "number"),
    ("projected_value", 110, "number"), ("required_annual_growth", 130, "percent1"),
    ("note_zh", 320, "text"),
)
# "latest / target" in one cell, for the phone's narrow table (values at their row's decimals).
_PAIR_FORMAT = "(params.data.decimals == null ? ',.4~g' : ',.' + params.data.decimals + 'f')"
PAIR = {"function": " + ' / ' + ".join(
    f"(params.data.{field} == null ? '—' : d3.format({_PAIR_FORMAT})(params.data.{field}))"
    for field in ("latest_value", "target_value"))}


def column_defs(lang: str, shown: list[str] | tuple[str, ...] | None = None) -> list[dict]:
    """Every column; those outside `shown` (default: all) hidden until the chooser shows them."""
    headers = {**(HEADERS_EN if lang == "en" else HEADERS_ZH), "latest_target": phone_header(lang)}
    definitions = []
    for column, width, kind in COLUMNS:
        definition = _column(column, width, kind, headers.get(column, column))
        hidden = column in PHONE_ONLY or (shown is not None and column not in (*ALWAYS, *shown))
        definitions.append(definition | {"hide": hidden})
    return definitions


def header_width(header: str) -> int:
    """Room for a header's longest word (a Chinese header is one word) and its icons: headers
    wrap between words, never inside one (style.css: word-break keep-all)."""
    return round(max(text_em(word) for word in header.split()) * 14) + 48


def _column(column: str, width: int, kind: str, header: str) -> dict:
    definition: dict = {"field": column, "headerName": header,
                        "width": max(width, header_width(header)), "headerTooltip": header}
    if kind == "link":
        # A plain anchor (assets/dashAgGridComponentFunctions.js): dash-ag-grid's markdown
        # renderer parsed every cell, 80 ms of the overview's first draw.
        definition |= {"cellRenderer": "DetailLink", "pinned": "left", "filter": "agTextColumnFilter",
                       "wrapText": True, "autoHeight": True,
                       "cellStyle": {"lineHeight": "1.35", "paddingTop": "6px", "paddingBottom": "6px"},
                       "comparator": {"function": "(a, b) => a.localeCompare(b, 'zh')"},
                       "tooltipField": "name"}
    elif kind == "status":
        # Wraps rather than cut "Slightly behind" in a phone's narrow column.
        definition |= {"filter": "agTextColumnFilter", "cellStyle": status_cell_style(),
                       "wrapText": True, "autoHeight": True,
                       "comparator": {"function": "(a, b, na, nb) => "
                                      f"{list(STATUS_CODES)!r}.indexOf(na.data.status_code) - "
                                      f"{list(STATUS_CODES)!r}.indexOf(nb.data.status_code)"}}
    elif kind == "pair":
        definition |= {"valueGetter": PAIR, "type": "rightAligned",
                       "filter": False}
    elif kind in ("number", "percent", "percent1", "year"):
        formatter = {"number": NUMBER, "percent": PERCENT, "percent1": PERCENT_1, "year": YEAR}[kind]
        definition |= {"filter": "agNumberColumnFilter", "valueFormatter": formatter,
                       "type": "rightAligned"}
    else:
        definition |= {"filter": "agTextColumnFilter"}
        if column == "note_zh":
            definition |= {"tooltipField": "note_zh"}
    return definition


def status_cell_style() -> dict:
    """Status cells filled with the one status palette (indicators.engine.status)."""
    return {
        "styleConditions": [
            {"condition": f"params.data.status_code === '{code}'",
             "style": {"backgroundColor": status_colour(code), "color": status_text_colour(code),
                       "fontWeight": "600"}}
            for code in STATUS_CODES
        ]
    }


def report_grid(report: pd.DataFrame, lang: str, documents: Mapping, regions: Mapping) -> dag.AgGrid:
    """The whole report in the browser, or, when large, rows fetched by block from the server."""
    options = {"localeText": grid_locale(lang), "tooltipShowDelay": 300,
               "animateRows": False, "enableCellTextSelection": True}
    common = {"id": GRID, "getRowId": "params.data.target_id", "className": "ag-theme-alpine",
              "style": {"height": "520px", "width": "100%"}}
    shown = default_columns(report)
    default_column = {"sortable": True, "resizable": True, "filter": True,
                      "wrapHeaderText": True, "autoHeaderHeight": True}
    if len(report) <= GRID_CLIENT_LIMIT:
        return dag.AgGrid(rowData=grid_rows(report, lang, documents, regions),
                          columnDefs=column_defs(lang, shown), defaultColDef=default_column,
                          dashGridOptions=options, **common)
    # Sorting and filtering happen on the server (layouts.grid.query); rows keep one height.
    columns = [{key: value for key, value in column.items()
                if key not in ("autoHeight", "wrapText", "comparator")}
               for column in column_defs(lang, shown)]
    return dag.AgGrid(rowModelType="infinite", columnDefs=columns, defaultColDef=default_column,
                      dashGridOptions={**options, "cacheBlockSize": 100, "maxBlocksInCache": 50,
                                       "infiniteInitialRowCount": 100}, **common)


def missing_data_list(report: pd.DataFrame, as_of: int | None, lang: str, regions: Mapping,
                      releases: pd.DataFrame | None = None) -> html.Div:
    """Series whose latest value is older than the as-of year (or that have none), then the
    national series whose next official figure is overdue (indicators.engine.releases)."""
    return html.Div([_missing_as_of(report, as_of, lang, regions), release_list(releases, lang)])


def _missing_as_of(report: pd.DataFrame, as_of: int | None, lang: str, regions: Mapping) -> html.Div:
    series = report.drop_duplicates(["indicator_id", "region"])
    if as_of is None:
        missing = series
    else:
        latest = series["latest_year"]
        missing = series[latest.isna() | (latest.astype("Float64") < as_of).fillna(True)]
    if missing.empty:
        return html.Div(html.P(t("overview.missing_none", lang, year=as_of), className="muted"),
                        id=MISSING_AS_OF)
    items = [
        html.Li([
            dcc.Link(indicator_name(row, lang), href=detail_href(row["indicator_id"], row["region"])),
            f" · {region_name(str(row['region']), regions, lang)} · ",
            html.Span(_latest_text(row, lang), className="muted"),
        ])
        for row in missing.sort_values(["region", "name_zh"]).head(MISSING_LIMIT).to_dict("records")
    ]
    more = len(missing) - len(items)
    return html.Div([
        html.P([
            t("overview.missing_intro", lang, count=len(missing),
              year=as_of if as_of is not None else "—"),
            " ", dcc.Link(t("common.go_upload", lang), href="/upload"),
        ]),
        html.Ul(items, className="missing-list"),
        html.P(t("overview.missing_more", lang, count=more), className="small-note") if more else None,
    ], id=MISSING_AS_OF)


def release_list(releases: pd.DataFrame | None, lang: str) -> html.Div | None:
    """Each overdue national series with its latest stored figure: what to collect next."""
    if releases is None or releases.empty:
        return None
    items = [
        html.Li([
            dcc.Link(indicator_name(row, lang), href=detail_href(row["indicator_id"], row["region"])),
            " · ",
            html.Span(t("overview.release_item", lang, year=int(row["latest_year"]),
                        value=format_value(row["latest_value"], unit_label(row.get("unit"), lang)),
                        expected=int(row["expected_year"])), className="muted"),
        ])
        for row in releases.to_dict("records")
    ]
    return html.Div(id=RELEASES, className="mt-3", children=[
        html.P(t("overview.releases_intro", lang, count=len(items))),
        html.Ul(items, className="missing-list"),
    ])


def _latest_text(row: Mapping, lang: str) -> str:
    if not is_number(row.get("latest_year")):
        return t("overview.no_data_at_all", lang)
    return t("overview.latest_is", lang, year=format_year(row["latest_year"], lang))
