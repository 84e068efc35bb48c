"""Viewing callbacks as plain functions: routing, filters, exports, click-through, detail year."""

from __future__ import annotations

import base64
import io

import openpyxl
import plotly.graph_objects as go
import pytest
from dash.exceptions import PreventUpdate

from callbacks import detail as detail_callbacks
from callbacks import overview as overview_callbacks
from callbacks.router import render_page, route, toggle_language
from indicators.cli import main as cli_main
from indicators.exports import report_to_csv
from indicators.service import ReportFilter
from tests.test_layouts import find, text_of, tile_counts
from tests.view_fixtures import open_service


@pytest.fixture
def service(tmp_path):
    return open_service(tmp_path)


@pytest.mark.parametrize(
    ("path", "search", "expected"),
    [
        ("/", "", ("layouts.pages.overview", {})),
        (None, None, ("layouts.pages.overview", {})),
        ("/", "?region=CN-CQ&as_of=2022&junk=1", ("layouts.pages.overview", {"region": "CN-CQ", "as_of": "2022"})),
        ("/indicator", "", ("layouts.pages.detail", {})),
        ("/indicator/hv_patents/CN-CQ", "", ("layouts.pages.detail", {"indicator_id": "hv_patents", "region": "CN-CQ"})),
        ("/indicator/%E4%B8%AD/CN/", "", ("layouts.pages.detail", {"indicator_id": "中", "region": "CN"})),
        ("/compare", "?region=CN", ("layouts.pages.compare", {})),
        ("/compare", "?a=CN-CQ&b=CN&page=2", ("layouts.pages.compare", {"a": "CN-CQ", "b": "CN", "page": "2"})),
        ("/upload", "", ("layouts.pages.upload", {})),
        ("/history", "", ("layouts.pages.history", {})),
        ("/method", "", ("layouts.pages.method", {})),
        ("/nowhere", "", (None, {})),
        ("/method/extra", "", (None, {})),
        ("/indicator/a/b/c", "", (None, {})),
    ],
)
def test_route(path, search, expected):
    module, _, params = route(path, search)
    assert (module, params) == expected


def test_render_page_fills_page_navigation_and_title_in_the_language(service):
    page, nav, banner, footer, toggle, brand, title = render_page(service, "/compare", "", "en")
    assert "China vs Chongqing" in text_of(page)  # the default pair: the first two regions
    assert [link.className for link in nav].count("nav-link active") == 1
    assert nav[2].className == "nav-link active"
    assert (toggle, brand) == ("中文", "IP Plan Target Tracker")
    assert title == "Compare regions · IP Plan Target Tracker"
    assert banner == []  # the fixture's data is not the sample
    assert render_page(service, "/", "", "zh")[6] == "总览 · 知识产权规划目标监测"


def test_render_page_unknown_path_says_not_found(service):
    page = render_page(service, "/nowhere", "", "zh")[0]
    assert "未找到该页面" in text_of(page)


def test_toggle_language():
    assert toggle_language("zh") == "en"
    assert toggle_language("en") == "zh"
    assert toggle_language(None) == "en"  # the default is Chinese


def test_filter_callback_narrows_the_overview(service):
    body = overview_callbacks.filtered_body(service, "zh", None, "CN-CQ", None, 2023)
    wrapper = type("Page", (), {"children": body})()
    assert tile_counts(wrapper)["behind"] == 1
    assert sum(tile_counts(wrapper).values()) == 1


def test_filter_callback_as_of_an_earlier_year(service):
    body = overview_callbacks.filtered_body(service, "en", "plan", None, None, 2021)
    text = text_of(type("Page", (), {"children": body})())
    assert "Data as of 2021" in text and "3 targets" in text


def decoded(download: dict) -> bytes:
    return base64.b64decode(download["content"]) if download.get("base64") else download["content"]


def test_csv_export_is_the_same_file_the_cli_writes(service, tmp_path):
    download = overview_callbacks.export_file(service, "csv", "zh", None, "CN", None, None)
    expected = report_to_csv(service.filtered_report(ReportFilter(region="CN")).report, "zh")
    assert decoded(download) == expected
    assert download["filename"] == "差距报告_2023.csv"  # named in the UI language
    out = tmp_path / "cli.csv"
    code = cli_main(["--config", str(tmp_path / "config.yaml"), "report", "--db",
                     service.settings.database_url, "--region", "CN", "--format", "csv",
                     "-o", str(out)])
    assert code == 0
    assert out.read_bytes() == decoded(download)
    assert decoded(download).startswith(b"\xef\xbb\xbf")  # UTF-8 BOM for Excel


def test_xlsx_export_holds_the_filtered_report(service):
    download = overview_callbacks.export_file(service, "xlsx", "en", None, "CN-CQ", None, None)
    workbook = openpyxl.load_workbook(io.BytesIO(decoded(download)))
    sheet = workbook.worksheets[0]
    header = [cell.value for cell in sheet[1]]
    # Issue 16: names first, the ids (target_id, indicator_id) at the end.
    assert header[0] == "name_en" and header[-2] == "target_id"
    assert [row[-2] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["cq_hv"]
    assert download["filename"] == "gap_report_2023.xlsx"


def test_status_tile_filters_the_gap_report_and_clicking_again_clears():
    wanted = overview_callbacks.tile_filter("behind", None, "zh")
    assert wanted == {"status": {"filterType": "text", "type": "equals", "filter": "滞后"}}
    assert overview_callbacks.tile_filter("behind", wanted, "zh") == {}
    assert overview_callbacks.tile_filter("on_track", {}, "en")["status"]["filter"] == "On track"
    with pytest.raises(PreventUpdate):
        overview_callbacks.tile_filter(None, None, "zh")


def test_click_on_a_point_opens_its_detail_page():
    click = {"points": [{"customdata": ["hv_patents", "CN-CQ", "cq_hv"], "x": 0.24}]}
    assert overview_callbacks.detail_path(click) == "/indicator/hv_patents/CN-CQ"
    with pytest.raises(PreventUpdate):
        overview_callbacks.detail_path(None)
    with pytest.raises(PreventUpdate):
        overview_callbacks.detail_path({"points": [{"x": 1}]})  # the time-share marker


def test_detail_year_changes_the_figures(service):
    body = type("Page", (), {"children": detail_callbacks.body_for(
        service, "/indicator/hv_patents/CN", 2022, "zh")})()
    # as of 2022: progress (8.5 - 6.3) / 5.7 = 38.6%, time share 2/5 = 40.0% (issue 16)
    assert "38.6%" in text_of(body) and "40.0%" in text_of(body)
    chart = go.Figure(find(body, detail_callbacks.page.TRAJECTORY).figure)
    assert list(chart.data[0].y) == [7.5, 8.5]  # the 2023 value is after the as-of year


def test_detail_callback_ignores_other_pages(service):
    with pytest.raises(PreventUpdate):
        detail_callbacks.body_for(service, "/compare", 2022, "zh")
