"""The overview at province scale: the chart's short list, the server-side grid, the capped list.

Thresholds are lowered with monkeypatch so the small view project (5 targets,
statuses worked out in tests/view_fixtures.py) exercises the large-report paths.
"""

from __future__ import annotations

import io

import pandas as pd
import plotly.graph_objects as go
import pytest

from callbacks import overview as overview_callbacks
from indicators.engine import furthest_behind
from layouts.grid import report_table
from layouts.grid.query import query_rows
from layouts.grid.report_rows import grid_records
from layouts.pages import overview
from tests.test_layouts import find, text_of
from tests.view_fixtures import open_service

RANKING_CSV = """\
target_id,status,progress_ratio,schedule_ratio
on,on_track,0.5,1.0
behind_low,behind,0.1,0.3
behind_high,behind,0.2,0.5
away,moving_away,-0.1,-0.2
done,achieved,1.1,1.5
none,no_data,,
behind_no_q,behind,0.0,
"""

GRID_CSV = """\
target_id,name,status_code,status,progress_ratio,region
a,甲指标,behind,滞后,0.2,全国
b,乙指标,on_track,On Track,0.9,重庆市
c,丙指标,no_data,无数据,,全国
d,丁指标,achieved,已完成,1.2,重庆市
"""


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    return open_service(tmp_path_factory.mktemp("overview-scale"))


@pytest.fixture()
def grid_frame_small() -> pd.DataFrame:
    return pd.read_csv(io.StringIO(GRID_CSV))


def ids(rows: list[dict] | pd.DataFrame) -> list[str]:
    if isinstance(rows, pd.DataFrame):
        return rows["target_id"].tolist()
    return [row["target_id"] for row in rows]


def ask(frame: pd.DataFrame, filters: dict | None = None, sort: list | None = None,
        start: int = 0, end: int = 100) -> dict:
    return query_rows(frame, {"startRow": start, "endRow": end, "filterModel": filters or {},
                              "sortModel": sort or []})


def test_furthest_behind_orders_by_status_then_schedule_ratio_and_skips_the_unassessable():
    report = pd.read_csv(io.StringIO(RANKING_CSV))
    # moving_away first; behind by q (0.3, 0.5, then the missing q); then on_track, achieved.
    assert ids(furthest_behind(report, 10)) == [
        "away", "behind_low", "behind_high", "behind_no_q", "on", "done"]
    assert ids(furthest_behind(report, 2)) == ["away", "behind_low"]
    assert furthest_behind(report, 0).empty


def test_number_filters_never_match_a_blank(grid_frame_small):
    assert ids(ask(grid_frame_small, {"progress_ratio": {
        "filterType": "number", "type": "greaterThan", "filter": 0.5}})["rowData"]) == ["b", "d"]
    assert ids(ask(grid_frame_small, {"progress_ratio": {
        "filterType": "number", "type": "lessThan", "filter": 0.5}})["rowData"]) == ["a"]
    assert ids(ask(grid_frame_small, {"progress_ratio": {
        "filterType": "number", "type": "inRange", "filter": 0.2, "filterTo": 0.9}})["rowData"]) \
        == ["a", "b"]
    assert ids(ask(grid_frame_small, {"progress_ratio": {
        "filterType": "number", "type": "blank"}})["rowData"]) == ["c"]


def test_text_filters_are_case_insensitive_and_combine(grid_frame_small):
    assert ids(ask(grid_frame_small, {"status": {
        "filterType": "text", "type": "equals", "filter": "on track"}})["rowData"]) == ["b"]
    either = {"region": {"filterType": "text", "operator": "OR", "conditions": [
        {"type": "equals", "filter": "全国"}, {"type": "startsWith", "filter": "丁"}]}}
    assert ids(ask(grid_frame_small, either)["rowData"]) == ["a", "c"]
    both = {"region": {"filterType": "text", "type": "equals", "filter": "全国"},
            "progress_ratio": {"filterType": "number", "type": "notBlank"}}
    assert ids(ask(grid_frame_small, both)["rowData"]) == ["a"]


def test_name_filter_reads_the_plain_name_and_unknown_columns_are_ignored(grid_frame_small):
    result = ask(grid_frame_small, {"name": {"filterType": "text", "type": "contains", "filter": "乙"},
                                    "no_such_column": {"filterType": "text", "filter": "x"}})
    assert ids(result["rowData"]) == ["b"] and result["rowCount"] == 1


def test_sorting_by_status_follows_the_status_order_and_blanks_sort_lowest(grid_frame_small):
    by_status = ask(grid_frame_small, sort=[{"colId": "status", "sort": "asc"}])
    assert ids(by_status["rowData"]) == ["d", "b", "a", "c"]
    by_progress = ask(grid_frame_small, sort=[{"colId": "progress_ratio", "sort": "desc"}])
    assert ids(by_progress["rowData"]) == ["d", "b", "a", "c"]
    by_progress_up = ask(grid_frame_small, sort=[{"colId": "progress_ratio", "sort": "asc"}])
    assert ids(by_progress_up["rowData"]) == ["c", "a", "b", "d"]


def test_a_block_is_a_slice_with_the_full_count_and_json_safe_blanks(grid_frame_small):
    block = ask(grid_frame_small, sort=[{"colId": "progress_ratio", "sort": "asc"}], start=0, end=2)
    assert ids(block["rowData"]) == ["c", "a"] and block["rowCount"] == 4
    assert block["rowData"][0]["progress_ratio"] is None
    assert ids(ask(grid_frame_small, start=-5, end=1)["rowData"]) == ["a"]
    assert grid_records(grid_frame_small.iloc[0:0]) == []


def test_large_overview_charts_only_the_furthest_behind(service, monkeypatch):
    monkeypatch.setattr(overview, "CHART_LIMIT", 2)
    panel = overview.progress_panel(service.report().report, "zh", service.registry)
    figure = go.Figure(find(panel, overview.CHART).figure)
    points = {y for trace in figure.data if trace.type == "scatter" and trace.customdata is not None
              for y in trace.y}
    # cq_hv is behind (q 0.41); of the two slightly behind, outline_hv has the lower q (0.84).
    assert points == {"cq_hv", "outline_hv"}
    assert "只显示落后最多的 2 项（共 4 项可评估）" in text_of(panel)


def test_small_overview_charts_every_target_without_a_note(service):
    panel = overview.progress_panel(service.report().report, "zh", service.registry)
    points = {y for trace in go.Figure(find(panel, overview.CHART).figure).data
              if trace.type == "scatter" and trace.customdata is not None for y in trace.y}
    assert points == {"plan_hv", "outline_hv", "cq_hv", "plan_pledge"}
    assert "落后最多" not in text_of(panel)


def test_large_report_grid_fetches_filtered_rows_from_the_server(service, monkeypatch):
    monkeypatch.setattr(report_table, "GRID_CLIENT_LIMIT", 2)
    grid = report_table.report_grid(service.report().report, "zh", service.registry.documents,
                                    service.registry.regions)
    assert grid.rowModelType == "infinite" and getattr(grid, "rowData", None) is None
    request = {"startRow": 0, "endRow": 100, "sortModel": [],
               "filterModel": {"status": {"filterType": "text", "type": "equals", "filter": "滞后"}}}
    block = overview_callbacks.grid_block(service, request, "zh", None, None, None, None)
    assert ids(block["rowData"]) == ["cq_hv"] and block["rowCount"] == 1
    assert block["rowData"][0]["name"] == "每万人口高价值发明专利拥有量"
    assert block["rowData"][0]["href"] == "/indicator/hv_patents/CN-CQ"
    everything = overview_callbacks.grid_block(service, {"startRow": 0, "endRow": 100}, "en",
                                               None, "CN", None, None)
    assert everything["rowCount"] == 4 and everything["rowData"][0]["region"] == "China"


def test_missing_list_names_at_most_the_limit_and_says_how_many_more(service, monkeypatch):
    monkeypatch.setattr(report_table, "MISSING_LIMIT", 1)
    gap = service.report()
    listing = report_table.missing_data_list(gap.report, gap.as_of, "zh", service.registry.regions)
    text = text_of(listing)
    assert "以下 2 个指标序列没有 2023 年的数据" in text
    assert "另有 1 个序列未列出" in text
