"""The overview of a national deployment (issue 18): thousands of documents and regions.

The small view project (tests/view_fixtures.py: 3 documents, 2 regions) runs the
national paths with the thresholds of config.yaml's `overview:` lowered.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from dash import dcc, html

from indicators.config import OverviewSettings
from indicators.engine import STATUS_CODES, document_summaries, summary_sentence
from layouts.pages import overview
from tests.test_layouts import find, text_of, walk
from tests.view_fixtures import open_service


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    return open_service(tmp_path_factory.mktemp("overview-national"))


@pytest.fixture()
def fresh(tmp_path):
    """A service of its own: pages it built are cached, so its settings may be changed."""
    return open_service(tmp_path)


def shuffled_report(report: pd.DataFrame, documents: list[str], seed: int) -> pd.DataFrame:
    """The report's rows repeated with every status, attribute, forecast and year mixed in."""
    rng = np.random.default_rng(seed)
    rows = report.sample(n=300, replace=True, random_state=seed).reset_index(drop=True)
    rows["status"] = rng.choice(list(STATUS_CODES), len(rows))
    rows["attribute"] = rng.choice(["", "约束性", "预期性"], len(rows))
    rows["forecast"] = rng.choice(["exceed", "on_time", "difficult", "not_judged", None], len(rows))
    rows["latest_year"] = pd.array(rng.choice([2019, 2023, 2025, None], len(rows)), dtype="Int64")
    rows["document_id"] = rng.choice([*documents, "unregistered"], len(rows))
    return rows


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_document_summaries_at_once_equal_each_documents_own_sentence(service, lang):
    documents = service.registry.documents
    for seed in range(4):
        report = shuffled_report(service.report().report, list(documents), seed)
        ids = list(dict.fromkeys(report["document_id"]))
        for as_of in (None, 2023):
            expected = [(doc, summary_sentence(report[report["document_id"] == doc],
                                               documents.get(doc), as_of, lang)) for doc in ids]
            assert document_summaries(report, documents, as_of, lang) == expected
            assert document_summaries(report, documents, as_of, lang, limit=2) == expected[:2]


def test_summary_panel_names_the_first_documents_and_says_how_many_are_in_view(service):
    gap = service.report()
    panel = overview.summary_panel(gap.report, gap.as_of, "zh", service.registry, limit=2)
    sentences = [node for node in walk(panel) if getattr(node, "className", "") == "summary-sentence"]
    assert len(sentences) == 2
    assert "只列出前 2 份文件的摘要（视图中共 3 份）" in text_of(panel)
    everything = overview.summary_panel(gap.report, gap.as_of, "zh", service.registry, limit=3)
    assert "只列出" not in text_of(everything)


def test_the_body_uses_config_summary_limit(fresh, monkeypatch):
    service = fresh
    settings = service.settings.model_copy(update={"overview": OverviewSettings(summary_limit=1)})
    monkeypatch.setattr(service, "settings", settings)
    body = overview._build_body(service, "en", overview.selection_from(service, None, None, None, None))
    summary = find(html.Div(body), overview.SUMMARY)
    assert "Only the first 1 documents are summed up here (3 in view)" in text_of(summary)


def test_filters_of_a_project_with_many_regions_are_searchable(service, fresh, monkeypatch):
    def dropdowns(of):
        page = overview.layout(of, "zh")
        return {node.id: node for node in walk(page) if isinstance(node, dcc.Dropdown)}

    assert not dropdowns(service)[overview.REGION_FILTER].searchable
    settings = fresh.settings.model_copy(update={"overview": OverviewSettings(large_regions=1)})
    monkeypatch.setattr(fresh, "settings", settings)
    large = dropdowns(fresh)
    assert large[overview.REGION_FILTER].searchable and large[overview.DOCUMENT_FILTER].searchable
    assert not large[overview.AS_OF_FILTER].searchable
    assert "输入名称搜索" in large[overview.REGION_FILTER].placeholder


def large(service, monkeypatch, **limits) -> None:
    settings = service.settings.model_copy(
        update={"overview": OverviewSettings(**({"large_regions": 1} | limits))})
    monkeypatch.setattr(service, "settings", settings)


def test_a_large_projects_filters_carry_a_few_options_and_search_on_the_server(fresh, monkeypatch):
    service = fresh
    from callbacks import overview as overview_callbacks
    from layouts.pages import overview_filters

    everything = overview_filters.filter_options(service, "region", "zh")
    assert [option["value"] for option in everything] == ["CN", "CN-CQ"]
    large(service, monkeypatch)
    monkeypatch.setattr(overview_filters, "OPTION_LIMIT", 1)
    page = overview.layout(service, "zh", region="CN-CQ")
    region = next(node for node in walk(page) if getattr(node, "id", None) == overview.REGION_FILTER)
    assert [option["value"] for option in region.options] == ["CN", "CN-CQ"]  # first + selected
    found = overview_callbacks.searched_options(service, "region", "重庆", None, "zh")
    assert found == [{"label": "重庆市", "value": "CN-CQ"}]
    assert overview_callbacks.searched_options(service, "document", "cq_", None, "en") == [
        {"label": "Chongqing plan", "value": "cq_plan"}]


def test_a_small_projects_filters_never_search_on_the_server(service):
    from dash.exceptions import PreventUpdate

    from callbacks import overview as overview_callbacks

    with pytest.raises(PreventUpdate):
        overview_callbacks.searched_options(service, "region", "重庆", None, "zh")


def test_grid_blocks_of_one_filter_and_sort_reuse_their_order(service, monkeypatch):
    from callbacks import overview as overview_callbacks

    request = {"startRow": 0, "endRow": 2, "filterModel": {},
               "sortModel": [{"colId": "progress_ratio", "sort": "asc"}]}
    first = overview_callbacks.grid_block(service, request, "zh", None, None, None, None)

    def fails(*_args):
        raise AssertionError("the order of these models was computed before")

    monkeypatch.setattr(overview_callbacks, "matching_positions", fails)
    second = overview_callbacks.grid_block(service, {**request, "startRow": 2, "endRow": 4}, "zh",
                                           None, None, None, None)
    assert first["rowCount"] == second["rowCount"] == len(service.report().report)
    ratios = [row["progress_ratio"] for row in first["rowData"] + second["rowData"]]
    known = [ratio for ratio in ratios if ratio is not None]
    assert known == sorted(known) and ratios[:ratios.count(None)] == [None] * ratios.count(None)

