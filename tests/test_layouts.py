"""Page layouts and the shell, built from a small service with hand-checked numbers."""

from __future__ import annotations

import re
import string

import pandas as pd
import plotly.graph_objects as go
import pytest
from dash import dcc

from indicators.engine import STATUS_CODES, STATUS_COLOURS
from indicators.importing import parse_upload
from indicators.service import TrackerService
from layouts import ids
from layouts.grid.report_table import GRID, MISSING_AS_OF, grid_rows, status_cell_style
from layouts.pages import compare, detail, method, overview, shell
from layouts.pages.detail_parts import upload_time
from layouts.text.catalogue import STRINGS
from layouts.text.i18n import t
from tests.view_fixtures import (
    ACTUALS_CSV,
    CONFIG,
    EXPECTED_STATUS,
    UPLOADER,
    open_service,
    write_project,
)


@pytest.fixture
def service(tmp_path):
    return open_service(tmp_path)


def walk(component):
    """Every component in a layout tree, depth first."""
    yield component
    children = getattr(component, "children", None)
    if children is None:
        return
    for child in children if isinstance(children, list | tuple) else [children]:
        if child is not None and not isinstance(child, str | int | float):
            yield from walk(child)


def find(component, component_id):
    return next((c for c in walk(component) if getattr(c, "id", None) == component_id), None)


def text_of(component) -> str:
    parts = []
    for node in walk(component):
        children = getattr(node, "children", None)
        for child in children if isinstance(children, list | tuple) else [children]:
            if isinstance(child, str | int | float):
                parts.append(str(child))
    return " ".join(parts)


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_string_has_both_languages_with_the_same_fields():
    for key, (zh, en) in STRINGS.items():
        assert zh and en, key
        assert fields(zh) == fields(en), key


def test_t_falls_back_to_chinese_and_shows_unknown_keys():
    assert t("nav.overview", "en") == "Overview"
    assert t("nav.overview", "fr") == "总览"
    assert t("no.such.key", "zh") == "no.such.key"


def test_shell_has_location_language_store_and_six_links(service):
    root = shell.app_shell(service)
    assert isinstance(find(root, ids.URL), dcc.Location)
    store = find(root, ids.LANG_STORE)
    assert (store.storage_type, store.data) == ("local", "zh")
    *links, account = find(root, ids.NAVBAR).children
    assert [link.href for link in links] == [
        "/", "/indicator", "/compare", "/upload", "/history", "/method",
    ]
    assert account.children.id == "nav-login"  # nobody is logged in at first paint
    assert find(root, ids.PAGE_CONTENT) is not None


def test_sample_banner_only_while_sample_values_are_current(tmp_path):
    service = open_service(tmp_path, with_actuals=False)
    assert shell.sample_banner(service, "zh") == []
    parsed = parse_upload(ACTUALS_CSV.encode(), "sample.csv", service.registry, service.settings)
    sample_id = service.store.commit(parsed, "sample", "sample.csv", parsed.sha256, is_sample=True)
    assert "示例数据" in text_of(shell.sample_banner(service, "zh")[0])
    assert "sample data" in text_of(shell.sample_banner(service, "en")[0])
    service.store.revert(sample_id, "admin")
    assert shell.sample_banner(service, "zh") == []


def tile_counts(page) -> dict[str, int]:
    return {code: int(find(page, overview.tile_id(code)).children[1].children)
            for code in STATUS_CODES}


def test_overview_tiles_count_targets_by_status(service):
    page = overview.layout(service, "zh")
    expected = {code: list(EXPECTED_STATUS.values()).count(code) for code in STATUS_CODES}
    assert tile_counts(page) == expected
    tile = find(page, overview.tile_id("behind"))
    assert tile.style["backgroundColor"] == STATUS_COLOURS["behind"]
    assert tile.children[0].children == "滞后"


def test_overview_filters_by_region_from_the_url(service):
    page = overview.layout(service, "zh", region="CN-CQ")
    assert sum(tile_counts(page).values()) == 1
    assert find(page, overview.REGION_FILTER).value == "CN-CQ"


def test_overview_lists_series_missing_the_as_of_year(service):
    missing = text_of(find(overview.layout(service, "zh"), MISSING_AS_OF))
    # pledge stops in 2022 and the GDP share has no data; both hv series reach 2023
    assert "以下 2 个指标序列没有 2023 年的数据" in missing
    assert "知识产权质押融资登记金额" in missing and "专利密集型产业增加值占GDP比重" in missing
    assert "每万人口高价值发明专利拥有量" not in missing


def test_gap_report_rows_link_to_detail_pages_with_status_words(service):
    rows = {row["target_id"]: row for row in grid_rows(service.report().report, "zh",
                                                      service.registry.documents,
                                                      service.registry.regions)}
    assert rows["cq_hv"]["name"] == "每万人口高价值发明专利拥有量"
    assert rows["cq_hv"]["href"] == "/indicator/hv_patents/CN-CQ"
    assert rows["cq_hv"]["status"] == "滞后"
    assert rows["plan_pledge"]["latest_value"] == 2600
    assert rows["plan_share"]["progress_ratio"] is None  # JSON-safe blanks


def test_gap_report_grid_has_chinese_headers_and_palette_cells(service):
    grid = find(overview.layout(service, "zh"), GRID)
    headers = [column["headerName"] for column in grid.columnDefs]
    assert headers[:5] == ["指标名称", "地区", "状态", "最新值", "最新数据年份"]  # reading order
    shown = [column["headerName"] for column in grid.columnDefs if not column["hide"]]
    assert "规划文件" in headers and "规划文件" not in shown  # behind the column chooser
    conditions = status_cell_style()["styleConditions"]
    assert conditions[0]["style"]["backgroundColor"] == STATUS_COLOURS["achieved"]
    assert all(column.get("sortable", True) for column in grid.columnDefs)


def test_overview_without_data_points_to_the_upload_page(tmp_path):
    page = overview.layout(open_service(tmp_path, with_actuals=False), "zh")
    assert "暂无实际数据" in text_of(page)
    assert any(getattr(c, "href", None) == "/upload" for c in walk(page))
    assert tile_counts(page)["no_data"] == 5


def test_detail_page_shows_quote_unverified_mark_and_figures(service):
    page = detail.layout(service, "zh", indicator_id="pledge", region="CN")
    text = text_of(page)
    assert "未核实" in text
    assert "“知识产权质押融资登记金额（亿元） 2180 3200”" in text
    # The table row under its headers, and no line number of a file readers do not have.
    assert "指标 2020年 2025年 知识产权质押融资登记金额（亿元） 2180 3200" in text
    assert "第 10 行" not in text
    assert "国发〔2021〕20号" in text
    assert "41.2%" in text  # progress 420 / 1020 (issue 16: one decimal)
    assert go.Figure(find(page, detail.TRAJECTORY).figure).data  # a real chart, not a blank


def test_detail_page_lists_each_value_with_its_upload(service):
    text = text_of(detail.layout(service, "zh", indicator_id="hv_patents", region="CN"))
    assert UPLOADER in text and "快报数" in text and "9.4 件" in text
    assert "目标与差距（2 项）" in text  # plan and outline targets of the same series
    assert "文本未给出基期" in text  # the outline target's baseline note


def test_upload_times_are_shown_in_beijing_time():
    assert upload_time(pd.Timestamp("2024-03-01 20:30", tz="UTC")) == "2024-03-02 04:30"
    assert upload_time(None) == "—"


def test_detail_page_for_an_unknown_series_offers_the_picker(service):
    page = detail.layout(service, "zh", indicator_id="pledge", region="CN-CQ")
    assert "没有找到这个指标或地区" in text_of(page)
    picker = detail.layout(service, "en")
    hrefs = [c.href for c in walk(picker) if isinstance(c, dcc.Link)]
    assert "/indicator/hv_patents/CN-CQ" in hrefs and "/indicator/pledge/CN" in hrefs


def test_compare_page_says_chongqing_runs_behind(service):
    text = text_of(compare.layout(service, "zh"))
    # schedule ratios 0.4074 (Chongqing) vs 0.9064 (national plan): 50 points lower
    assert "重庆市慢于全国（序时进度比低 50 个百分点）" in text
    assert "专利密集型" not in text  # national only: not compared


def test_method_page_shows_the_thresholds_in_force(tmp_path):
    config = re.sub(r"status: .*", "status: {on_track: 0.9, slightly_behind: 0.5}", CONFIG)
    service = TrackerService.open(write_project(tmp_path, config=config))
    text = text_of(method.layout(service, "zh"))
    assert "序时进度比 ≥ 0.9" in text
    assert "0.5 ≤ 序时进度比 < 0.9" in text


def test_grids_speak_chinese_in_the_chinese_ui() -> None:
    from layouts.text.grid_locale import grid_locale

    chinese = grid_locale("zh")
    # AG Grid's own paging and filter words, from its official zh-CN locale.
    assert chinese["pageSizeSelectorLabel"] == "每页大小：" and chinese["of"] == "的"
    assert chinese["contains"] == "包含" and chinese["noRowsToShow"] == "没有符合条件的行"
    assert not any(key.startswith(("chart", "pivot")) for key in chinese)
    assert grid_locale("en") == {}


def test_every_staff_and_audit_grid_carries_the_locale() -> None:
    from layouts.pages import audit as audit_page
    from layouts.pages import upload as upload_page

    frame = pd.DataFrame({"x": [1]})
    for lang, page_size in (("zh", "每页大小："), ("en", None)):
        grid = audit_page.audit_grid(frame, lang)
        assert grid.dashGridOptions["localeText"].get("pageSizeSelectorLabel") == page_size
        staff = upload_page.problem_grid("g", [{"sheet": "", "row": 1, "column": "A",
                                               "message": "m"}], lang)
        assert staff.dashGridOptions["localeText"].get("pageSizeSelectorLabel") == page_size


SOURCED_CSV = """\
指标,地区,年份,数值,来源,链接,发布日期,原文
hv_patents,全国,2023,9.4,国新办新闻发布会,https://www.scio.gov.cn/a.html,2024-01-16,拥有量达9.4件
"""


def test_detail_table_links_each_value_to_where_it_was_published(service):
    parsed = parse_upload(SOURCED_CSV.encode(), "sourced.csv", service.registry, service.settings)
    assert parsed.ok, parsed.errors
    service.store.commit(parsed, UPLOADER, "sourced.csv", parsed.sha256)
    table = find(detail.layout(service, "zh", "hv_patents", "CN"), detail.DATA_TABLE)
    links = [node for node in walk(table) if getattr(node, "href", None) == "https://www.scio.gov.cn/a.html"]
    [link] = links
    assert link.children == "国新办新闻发布会" and link.target == "_blank"
    assert "noopener" in link.rel and link.title == "“拥有量达9.4件”"
    assert "数据来源" in text_of(table) and "发布 2024-01-16" in text_of(table)


def test_detail_table_never_links_another_scheme():
    from layouts.pages.detail_parts import value_source

    parts = value_source({"source": "某网站", "url": "javascript:alert(1)"}, "zh")
    assert [getattr(part, "href", None) for part in parts] == [None]
    assert value_source({"url": "http://x.cn/a"}, "en")[0].children == "http://x.cn/a"
    assert value_source({}, "zh") == ["—"]


def test_missing_data_names_the_national_series_with_a_figure_due(service):
    from layouts.grid.report_table import RELEASES, missing_data_list

    gap = service.report()
    releases = service.expected_releases(overview.ReportFilter(), year=2024)
    listed = missing_data_list(gap.report, gap.as_of, "zh", service.registry.regions, releases)
    due = text_of(find(listed, RELEASES))
    # in 2024: pledge stops in 2022, so its 2023 figure is due; hv has 2023 (2024 not yet due)
    assert "以下 1 个全国指标序列应已发布更新的官方数据" in due
    assert "知识产权质押融资登记金额" in due and "最新已存 2022 年数据为 2,600 亿元，应有 2023 年数据" in due
    assert "每万人口高价值发明专利拥有量" not in due
    english = missing_data_list(gap.report, gap.as_of, "en", service.registry.regions, releases)
    assert "latest stored figure 2,600 × 100 million yuan for 2022; the 2023 figure is due" in text_of(english)
    # The overview shows it (today the 2022 and 2023 data have been out for years).
    assert "知识产权质押融资登记金额" in text_of(find(overview.layout(service, "zh"), RELEASES))
    none_due = service.expected_releases(overview.ReportFilter(), year=2023)
    assert find(missing_data_list(gap.report, gap.as_of, "zh", service.registry.regions, none_due),
                RELEASES) is None
