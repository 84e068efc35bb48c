"""指标详情 Indicator detail: one series (indicator + region) and every target set for it.

Charts first (trajectory, gap to path), then a card per target with the gap
report's figures and the exact source quote, the definition, and the data
with each value's upload.  "/indicator" alone lists every series to pick from.
"""

from __future__ import annotations

import pandas as pd
from dash import dcc, html

from indicators.accounts import role_at_least
from indicators.service import Scope, TrackerService, of_series
from layouts.figures.common import graph_config
from layouts.figures.detail import gap_figure, gap_title, trajectory_figure, trajectory_title
from layouts.figures.format import document_title, label_colon, region_name, unit_name
from layouts.grid.report_table import detail_href
from layouts.pages.detail_parts import (
    DATA_TABLE,
    data_table,
    note_editor,
    status_badge,
    target_card,
)
from layouts.pages.detail_revise import registry_version_note, retired_mark, revise_panel
from layouts.pages.overview import no_data_callout
from layouts.text.i18n import category_label, pick, t

TRAJECTORY = "detail-trajectory"
GAP = "detail-gap"
AS_OF = "detail-as-of"
BODY = "detail-body"
CHART_TITLE = "chart-title"  # assets/detail_charts.css


def layout(
    service: TrackerService, lang: str = "zh", indicator_id: str | None = None,
    region: str | None = None, as_of: str | int | None = None, role: str = "viewer",
    **_params: object,
) -> html.Div:
    registry = service.registry
    if indicator_id is None:
        return picker(service, lang)
    indicator = registry.indicators.get(indicator_id)
    if indicator is None or region not in registry.regions or not registry.targets_of(indicator_id, region):
        return html.Div(className="empty-state", children=[
            html.Div(t("detail.unknown", lang), className="empty-title"),
            html.P(t("detail.unknown_hint", lang)),
            dcc.Link(t("detail.pick", lang), href="/indicator", className="btn btn-primary"),
        ])
    year = int(as_of) if str(as_of or "").isdigit() and int(as_of) in service.data_years() else None
    return html.Div(className="detail-page", children=[
        _header(service, lang, indicator_id, region),
        html.Div(detail_body(service, lang, indicator_id, region, year, role), id=BODY),
        # Outside BODY, so re-rendering the body after a revision keeps what the editor typed.
        revise_panel(_target_choices(service, lang, indicator_id, region), lang)
        if role_at_least(role, "editor") else None,
    ])


def _target_choices(service: TrackerService, lang: str, indicator_id: str,
                    region: str) -> list[tuple[str, str]]:
    """(target id, "document · year") for every target of the series, for the revise panel."""
    registry = service.registry
    retired = [target for target in registry.retired.values()
               if target.indicator == indicator_id and target.region == region]
    return [(target.id, f"{document_title(target.document, registry.documents, lang)} · "
                        f"{target.target_year}{retired_mark(target, lang)}")
            for target in [*registry.targets_of(indicator_id, region), *retired]]


def _header(service: TrackerService, lang: str, indicator_id: str, region: str) -> html.Div:
    indicator = service.registry.indicators[indicator_id]
    years = service.data_years()
    return html.Div([
        dcc.Link("← " + t("nav.overview", lang), href="/", className="small-note"),
        html.Div(className="page-head", children=[
            html.Div([
                html.H2(
                    f"{pick(indicator.name_zh, indicator.name_en, lang)} · "
                    f"{region_name(region, service.registry.regions, lang)}",
                    className="page-title",
                ),
                html.P(f"{t('common.unit', lang)}{label_colon(lang)}{unit_name(indicator.unit, lang)}"
                       f"{'　' if lang != 'en' else ' · '}{t('detail.category', lang)}"
                       f"{label_colon(lang)}{category_label(indicator.category, lang)}",
                       className="page-subtitle"),
            ]),
            html.Div(className="filter narrow mb-3", children=[
                html.Label(t("overview.filter_as_of", lang), htmlFor=AS_OF),
                dcc.Dropdown(
                    id=AS_OF, clearable=False, searchable=False,
                    options=[{"label": t("common.year_suffix", lang, year=y), "value": y}
                             for y in reversed(years)],
                    value=years[-1] if years else None,
                ),
            ]),
        ]),
    ])


def detail_body(
    service: TrackerService, lang: str, indicator_id: str, region: str, as_of: int | None,
    role: str = "viewer",
) -> list:
    # Built once per data version, language and role; then every such viewer gets it at once.
    return service.view(("detail_body", lang, indicator_id, region, as_of, role),
                        lambda: _build_body(service, lang, indicator_id, region, as_of, role),
                        Scope(series=frozenset({(indicator_id, region)})))


def _build_body(
    service: TrackerService, lang: str, indicator_id: str, region: str, as_of: int | None,
    role: str,
) -> list:
    registry = service.registry
    gap = of_series(service.report(as_of), indicator_id, region)
    targets, history = gap.report, gap.history
    stored = service.store.series_history(indicator_id, region)
    shown = stored if gap.as_of is None else stored[stored["year"] <= gap.as_of]
    region_label = region_name(region, registry.regions, lang)
    children: list = []
    if gap.as_of is None or shown.empty:
        children.append(no_data_callout(lang))
    children += [
        # Each title above its chart in HTML, where a long name wraps on a phone (in the SVG it
        # ran out of the chart and under the toolbar).
        html.Div(className="card-panel", children=[
            html.H3(trajectory_title(targets, lang, region_label), className=CHART_TITLE),
            # Plain figure dicts: graph objects would spend most of the page's time validating.
            dcc.Graph(id=TRAJECTORY, config=graph_config(f"trajectory_{indicator_id}_{region}", lang),
                      figure=trajectory_figure(targets, history, shown, lang, registry.documents,
                                               region_label, titled=False)),
            html.P(t("detail.chart_help", lang), className="chart-legend-note"),
        ]),
        html.Div(className="card-panel", children=[
            html.H3(gap_title(lang), className=CHART_TITLE),
            dcc.Graph(id=GAP, config=graph_config(f"gap_{indicator_id}_{region}", lang),
                      figure=gap_figure(targets, history, lang, registry.documents, titled=False)),
        ]),
        html.H3(t("detail.targets_title", lang, count=len(targets)), className="section-title"),
        registry_version_note(targets, lang),
        html.Div([target_card(row, registry, lang) for row in _ordered(targets)],
                 className="target-cards mb-3"),
        _definition(service, lang, indicator_id),
        html.Div(className="card-panel", children=[
            html.H3(t("detail.data_title", lang), className="section-title"),
            html.Div(data_table(stored, registry.indicators[indicator_id].unit, lang),
                     id=DATA_TABLE),
            # Editors (and admins) change notes here; viewers get no control at all.
            note_editor(stored, lang) if role_at_least(role, "editor") else None,
        ]),
    ]
    return children


def _ordered(targets: pd.DataFrame) -> list[dict]:
    return targets.sort_values(["target_year", "document_id"]).to_dict("records")


def _definition(service: TrackerService, lang: str, indicator_id: str) -> html.Div:
    indicator = service.registry.indicators[indicator_id]
    own = indicator.definition_en if lang == "en" else indicator.definition
    text = own or t("detail.no_definition", lang)
    direction = t("detail.higher_better" if indicator.direction == "higher" else "detail.lower_better", lang)
    return html.Div(className="card-panel", children=[
        html.H3(t("detail.definition_title", lang), className="section-title"),
        html.P(text),
        html.P(direction, className="small-note"),
    ])


def picker(service: TrackerService, lang: str) -> html.Div:
    """Every series that has a target, grouped by region, with its current status."""
    registry = service.registry
    report = service.report().report
    sections = []
    for code in registry.regions:
        rows = report[report["region"] == code].drop_duplicates(["indicator_id"])
        if rows.empty:
            continue
        items = [
            html.Li([
                dcc.Link(pick(row["name_zh"], row.get("name_en") or "", lang),
                         href=detail_href(row["indicator_id"], code)),
                " ", status_badge(str(row["status"]), lang),
            ])
            for row in rows.sort_values("name_zh").to_dict("records")
        ]
        sections.append(html.Div(className="card-panel", children=[
            html.H3(region_name(code, registry.regions, lang), className="section-title"),
            html.Ul(items, className="picker-list"),
        ]))
    return html.Div([
        html.H2(t("nav.detail", lang), className="page-title"),
        html.P(t("detail.pick_hint", lang), className="page-subtitle"),
        *sections,
    ])
