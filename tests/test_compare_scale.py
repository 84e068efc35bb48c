"""The comparison page at scale: two chosen regions, paged indicators, one cached callback.

A small synthetic project (benchmarks/synthetic.py: 30 indicators, 3 regions,
data for 2011-2013 only) has headline targets whose every actual is older than
their 2020 baseline, so they have no history rows: the case that once failed
with KeyError 'year'.
"""

from __future__ import annotations

import json

import pandas as pd
import plotly.graph_objects as go
import pytest

from app import create_app
from benchmarks.synthetic import Size, build_project
from callbacks import compare as compare_callbacks
from indicators.service import TrackerService
from layouts.figures.compare import PAGE_SIZE, compare_chart, pair_order, verdict_counts
from layouts.pages import compare
from tests.test_layouts import find, text_of
from tests.view_fixtures import open_service

SIZE = Size(indicators=30, regions=3, years=3)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> TrackerService:
    settings = build_project(tmp_path_factory.mktemp("synthetic"), SIZE, log=lambda _text: None)
    return TrackerService.open(settings)


@pytest.fixture
def service(tmp_path):
    return open_service(tmp_path)


def chart_of(body: list) -> go.Figure:
    # The page carries a plain figure dict; as graph objects it is validated here.
    return go.Figure(find(type("Body", (), {"children": body})(), compare.CHART).figure)


def panel_titles(figure) -> list[str]:
    return [annotation.text for annotation in figure.layout.annotations]


def test_a_target_without_history_rows_renders_an_empty_line_not_an_error(synthetic):
    gap = synthetic.report()
    with_history = set(gap.history["target_id"].astype(str))
    missing = gap.report[~gap.report["target_id"].isin(with_history)]
    assert len(missing), "the synthetic project must hold a target without history rows"
    body, pages, number, _ = compare.page_outputs(synthetic, "zh", compare.choose(synthetic))
    assert (pages, number) == (3, 1)  # 30 shared indicators, 12 to a page
    figure = chart_of(body)
    assert len(figure.layout.annotations) == PAGE_SIZE  # one panel title per indicator
    assert any(trace.mode == "lines+markers" and len(trace.x) == 0 for trace in figure.data)


def test_compare_chart_of_a_headline_target_without_history():
    rows = pd.DataFrame({
        "target_id": ["a", "b"], "indicator_id": ["hv", "hv"], "region": ["CN", "CN-CQ"],
        "name_zh": ["高价值专利"] * 2, "name_en": ["HV"] * 2, "baseline_year": [2020, 2020],
        "baseline_value": [6.3, 3.5], "target_year": [2025, 2025], "target_value": [12.0, 8.0],
        "path": ["linear"] * 2,
    })
    history = pd.DataFrame({"target_id": pd.Categorical(["a"]), "year": [2021],
                            "progress_ratio": [0.2105]})
    figure = compare_chart(rows, history, "zh", {}, ["CN", "CN-CQ"])
    measured = [trace for trace in figure.data if trace.mode == "lines+markers"]
    assert list(measured[0].x) == [2020, 2021] and list(measured[1].x) == []


def test_pages_cover_every_shared_indicator_once_in_order(synthetic):
    seen = []
    for number in (1, 2, 3):
        body, pages, shown_page, style = compare.page_outputs(
            synthetic, "en", compare.choose(synthetic, "CN", "CN-AA", number))
        assert (pages, shown_page, style) == (3, number, {})
        seen += panel_titles(chart_of(body))
    pair = compare.pairing(synthetic, "CN", "CN-AA")
    # English names are "Synthetic indicator 0007" for ind_0007
    assert seen == [f"Synthetic indicator {code[4:]}" for code in pair.order["indicator_id"]]
    assert len(set(seen)) == 30 == pair.rows["indicator_id"].nunique()


def test_a_page_beyond_the_last_shows_the_last(synthetic):
    _, pages, number, _ = compare.page_outputs(synthetic, "zh", compare.choose(synthetic, page="99"))
    assert (pages, number) == (3, 3)


@pytest.mark.parametrize("value", ["²", "0", "-1", "1e3", "999999", None, [2], {"page": 2}])
def test_odd_page_and_region_values_fall_back_to_the_defaults(service, value):
    assert compare.choose(service, value, value, value) == compare.Choice("CN", "CN-CQ", 1)


def test_pair_order_puts_the_largest_difference_first_and_missing_ratios_last():
    rows = pd.DataFrame({
        "indicator_id": ["p", "p", "q", "q", "r", "r", "s", "s"],
        "region": ["A", "B"] * 4,
        "schedule_ratio": [0.9, 0.8, 0.5, 1.1, None, 0.7, 1.0, 0.9],
    })
    order = pair_order(rows, "A", "B")
    assert list(order["indicator_id"]) == ["q", "p", "s", "r"]  # |0.6|, then ties in registry order
    assert order["difference"].iloc[0] == pytest.approx(0.6)
    assert verdict_counts(order["difference"]) == {"ahead": 1, "behind": 2, "level": 0, "unknown": 1}


def test_regions_come_from_the_url_and_the_verdict_names_them(service):
    text = text_of(compare.layout(service, "zh", a="CN-CQ", b="CN"))
    assert "全国相对重庆市" in text  # the verdict column: B against A
    assert "全国快于重庆市（序时进度比高 50 个百分点）" in text
    default = text_of(compare.layout(service, "en", a="nowhere", page="x"))
    assert "Chongqing vs China" in default and "Chongqing behind China" in default


def test_the_same_region_twice_asks_for_two(service):
    text = text_of(compare.layout(service, "zh", a="CN", b="CN"))
    assert "请选择两个不同的地区进行对比" in text
    assert find(compare.layout(service, "zh", a="CN", b="CN"), compare.CHART) is None


def test_callback_starts_a_new_region_at_page_one_and_is_cached(synthetic):
    on_page_2 = compare_callbacks.render(synthetic, "zh", "CN", "CN-AA", 2, compare.PAGER)
    assert on_page_2[2] == 2
    new_region = compare_callbacks.render(synthetic, "zh", "CN", "CN-AB", 2, compare.REGION_B)
    assert new_region[2] == 1 and "合成地区02" in text_of(type("B", (), {"children": new_region[0]})())
    again = compare_callbacks.render(synthetic, "zh", "CN", "CN-AA", 2, compare.PAGER)
    assert again[0] is on_page_2[0]  # the same rendered body, from the view cache


def test_a_single_page_hides_the_pager(service):
    _, pages, number, style = compare_callbacks.render(service, "en", "CN", "CN-CQ", 1)
    assert (pages, number, style) == (1, 1, compare.HIDDEN)


def test_compare_callback_round_trip_through_dash(tmp_path):
    from tests.view_fixtures import CONFIG, write_project

    open_service(tmp_path)
    app = create_app(write_project(tmp_path, config=CONFIG + "auth: {anonymous_view: true}\n"))
    client = app.server.test_client()
    dep = next(d for d in client.get("/_dash-dependencies").get_json()
               if f"{compare.BODY}.children" in d["output"])
    values = {f"{compare.REGION_A}.value": "CN-CQ", f"{compare.REGION_B}.value": "CN",
              f"{compare.PAGER}.active_page": 1, "lang-store.data": "zh"}
    outputs = [dict(zip(("id", "property"), part.split("."), strict=True))
               for part in dep["output"].strip(".").split("...")]
    payload = {"output": dep["output"], "outputs": outputs,
               "inputs": [{**spec, "value": values.get(f"{spec['id']}.{spec['property']}")}
                          for spec in dep["inputs"]],
               "state": [{**spec, "value": values.get(f"{spec['id']}.{spec['property']}")}
                         for spec in dep["state"]],
               "changedPropIds": [f"{compare.REGION_A}.value"]}
    response = client.post("/_dash-update-component", data=json.dumps(payload),
                           content_type="application/json")
    assert response.status_code == 200, response.data[:300]
    answer = response.get_json()["response"]
    assert "全国相对重庆市" in json.dumps(answer[compare.BODY]["children"], ensure_ascii=False)
    assert answer[compare.PAGER]["active_page"] == 1
