"""CSV and xlsx exports of the gap report: columns, encoding, escaping, styling."""

from __future__ import annotations

import csv
import io

import openpyxl
import pandas as pd
import pytest

from indicators.config import StatusThresholds
from indicators.engine import LATEST_SOURCE_COLUMNS, REPORT_COLUMNS, gap_report, with_latest_sources
from indicators.engine.status import (
    STATUS_CODES,
    STATUS_COLOURS,
    STATUS_LABELS_EN,
    STATUS_LABELS_ZH,
    STATUS_TEXT_COLOURS,
    status_label,
)
from indicators.exports import (
    escape_formula,
    frame_to_csv_bytes,
    report_to_csv,
    report_to_xlsx,
    safe_file_name,
)
from tests.test_engine import make_actuals, make_targets

ZH_HEADERS = [
    "目标编号", "指标编码", "地区", "规划文件", "指标名称", "单位", "基期年份", "基期值",
    "目标年份", "目标值", "最新数据年份", "最新值", "时间进度", "序时进度值", "目标完成度",
    "序时进度比", "增速比", "距目标差距", "距序时进度差距", "所需年均增速", "趋势预测值", "状态",
]


@pytest.fixture
def report() -> pd.DataFrame:
    targets = make_targets(
        {"baseline_value": 66, "target_value": 140, "name_zh": "知识产权质押融资登记金额"},
        {"indicator_id": "evil", "name_zh": "=HYPERLINK(\"http://x\")", "baseline_value": 1,
         "target_value": 2},
        {"indicator_id": "lower", "name_zh": "-减少", "direction": -1, "baseline_value": 10,
         "target_value": 5},
    )
    actuals = pd.concat([
        make_actuals("year,value\n2023,100"),
        make_actuals("year,value\n2023,3", indicator="lower"),
    ])
    return gap_report(targets, actuals).report


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=SUM(A1:A2)", "'=SUM(A1:A2)"),
        ("+86 10", "'+86 10"),
        ("-5", "'-5"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("知识产权", "知识产权"),
        ("a=b", "a=b"),
        ("", ""),
        (-5, -5),  # numbers stay numbers
        (-0.25, -0.25),
        (None, None),
    ],
)
def test_escape_formula(value, expected):
    assert escape_formula(value) == expected


def test_csv_zh_has_bom_chinese_headers_and_status_words(report):
    content = report_to_csv(report, "zh")
    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows[0][: len(ZH_HEADERS)] == ZH_HEADERS
    assert rows[1][ZH_HEADERS.index("状态")] == "略滞后"
    assert {row[ZH_HEADERS.index("状态")] for row in rows[1:]} <= set(STATUS_LABELS_ZH.values())


def test_csv_en_opens_with_the_issue_columns_and_status_codes(report):
    frame = pd.read_csv(io.BytesIO(report_to_csv(report, "en")), encoding="utf-8-sig")
    assert list(frame.columns[: len(REPORT_COLUMNS)]) == REPORT_COLUMNS
    assert set(frame["status"]) <= set(STATUS_CODES)
    assert frame.loc[0, "status"] == "slightly_behind"
    # The English name comes last, so every other column keeps its place.
    assert frame.columns[-1] == "name_en" and frame["name_en"].notna().all()
    chinese = pd.read_csv(io.BytesIO(report_to_csv(report, "zh")), encoding="utf-8-sig")
    assert "name_en" not in chinese.columns and "英文名称" not in chinese.columns


def test_csv_ratios_are_plain_decimals_at_the_percentage_precision(report):
    text = report_to_csv(report, "en").decode("utf-8-sig")
    first = next(csv.DictReader(io.StringIO(text)))
    # Issue 16: one format per column (exports.formats): the fraction of 76.6 %, no float noise.
    assert first["schedule_ratio"] == "0.766"  # 34 / 44.4 = 0.76577
    assert float(first["schedule_ratio"]) == pytest.approx(34 / 44.4, abs=5e-4)
    assert first["time_share"] == "0.6"
    assert first["latest_year"] == "2023"  # years as integers, not 2023.0


def test_csv_escapes_text_but_not_numbers(report):
    rows = list(csv.DictReader(io.StringIO(report_to_csv(report, "en").decode("utf-8-sig"))))
    assert rows[1]["name_zh"] == "'=HYPERLINK(\"http://x\")"
    assert rows[2]["name_zh"] == "'-减少"
    assert rows[2]["gap_to_target"] == "-2"  # -1*(5-3): a negative number is left alone


def test_frame_to_csv_bytes_is_reusable():
    frame = pd.DataFrame({"备注": ["@SUM(1)", "正常"], "数值": [-1.5, 2]})
    text = frame_to_csv_bytes(frame).decode("utf-8-sig")
    assert text.splitlines() == ["备注,数值", "'@SUM(1),-1.5", "正常,2.0"]


def test_xlsx_layout_and_styles(report):
    content = report_to_xlsx(report, "zh", 2023, {"thresholds": StatusThresholds()})
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    sheet, method = workbook.worksheets
    assert (sheet.title, method.title) == ("差距报告", "说明")
    assert sheet.freeze_panes == "A2"
    headers = [cell.value for cell in sheet[1]]
    # Issue 16: names first, the internal ids at the end.
    assert headers[:3] + headers[-2:] == ["指标名称", "地区", "规划文件", "目标编号", "指标编码"]
    assert set(ZH_HEADERS) <= set(headers)
    status = sheet.cell(row=2, column=headers.index("状态") + 1)
    assert status.value == "略滞后"
    assert status.fill.fgColor.rgb.endswith(STATUS_COLOURS["slightly_behind"][1:])
    ratio = sheet.cell(row=2, column=headers.index("序时进度比") + 1)
    assert ratio.value == 0.766 and ratio.number_format == "0.0%"  # issue 16: 76.6%
    assert sheet.cell(row=3, column=headers.index("指标名称") + 1).value.startswith("'=")
    name_width = sheet.column_dimensions["A"].width
    assert name_width >= 2 * len("知识产权质押融资登记金额")  # Chinese characters count double


def test_xlsx_method_sheet_states_thresholds_and_as_of(report):
    thresholds = StatusThresholds(on_track=0.9, slightly_behind=0.5)
    content = report_to_xlsx(report, "en", 2023, {"thresholds": thresholds, "region": "CN-CQ"})
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    rows = {row[0]: row[1] for row in workbook["Method"].iter_rows(values_only=True)}
    assert rows["On track"] == "q >= 0.9"
    assert rows["Slightly behind"] == "0.5 <= q < 0.9"
    assert rows["As of"] == 2023
    assert rows["region"] == "CN-CQ"
    assert "Generated" in rows
    headers = [cell.value for cell in workbook["Gap report"][1]]
    # Issue 16: the names first, the ids last, every report column present.
    assert headers[:4] == ["name_en", "name_zh", "region", "document_id"]
    assert set(REPORT_COLUMNS) <= set(headers) and headers[-2:] == ["target_id", "indicator_id"]


def test_xlsx_of_an_empty_report():
    empty = gap_report(make_targets(), pd.DataFrame()).report
    workbook = openpyxl.load_workbook(io.BytesIO(report_to_xlsx(empty, "zh", None)))
    assert workbook.worksheets[0].max_row == 1


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("差距报告 2023.xlsx", "差距报告 2023.xlsx"),
        ('a/b\\c:d*e?f"g<h>i|j.csv', "a_b_c_d_e_f_g_h_i_j.csv"),
        ("CON.csv", "_CON.csv"),
        ("lpt1", "_lpt1"),
        ("report. ", "report"),
        ("..", "export"),
        ("", "export"),
        ("tab\there", "tab_here"),
    ],
)
def test_safe_file_name(name, expected):
    assert safe_file_name(name) == expected


def test_safe_file_name_keeps_the_extension_when_shortening():
    name = safe_file_name("报" * 300 + ".xlsx")
    assert name.endswith(".xlsx") and len(name) <= 120


def test_one_palette_and_two_label_sets_cover_the_eleven_statuses():
    assert len(STATUS_CODES) == 11
    for mapping in (STATUS_LABELS_ZH, STATUS_LABELS_EN, STATUS_COLOURS, STATUS_TEXT_COLOURS):
        assert set(mapping) == set(STATUS_CODES)
    assert len(set(STATUS_COLOURS.values())) == 11
    assert len(set(STATUS_LABELS_ZH.values())) == len(set(STATUS_LABELS_EN.values())) == 11
    assert [status_label(code) for code in STATUS_CODES] == [
        "已完成", "提前完成", "超额完成", "符合序时进度", "略滞后", "滞后", "达标后回落",
        "逆向变化", "未完成", "无数据", "无法评估",
    ]
    assert status_label("behind", "en") == "Behind"


# where each latest value was published: the last columns, after every existing one

SOURCE_HEADERS_ZH = ["最新值来源", "最新值链接", "最新值发布日期"]


@pytest.fixture
def sourced_report() -> tuple[pd.DataFrame, pd.DataFrame]:
    """(the report as the exports had it, the same report with its latest sources)."""
    targets = make_targets({"baseline_value": 66, "target_value": 140})
    actuals = make_actuals("year,value,source,url,published\n"
                           "2022,90,华龙网,https://news.cqnews.net/1.html,2023-04-26\n"
                           "2023,100,=重庆日报,https://cqrb.cn/2.html,2024-04-26")
    plain = gap_report(targets, actuals).report
    return plain, with_latest_sources(plain, actuals)


def test_csv_appends_the_latest_source_after_the_existing_columns(sourced_report):
    plain, sourced = sourced_report
    before = list(csv.reader(io.StringIO(report_to_csv(plain, "zh").decode("utf-8-sig"))))
    after = list(csv.reader(io.StringIO(report_to_csv(sourced, "zh").decode("utf-8-sig"))))
    check_appended(before, after)
    start = after[0].index(SOURCE_HEADERS_ZH[0])
    # the 2023 value's source; a formula-like outlet is escaped like every text cell
    assert after[1][start:start + 3] == ["'=重庆日报", "https://cqrb.cn/2.html", "2024-04-26"]
    english = list(csv.reader(io.StringIO(report_to_csv(sourced, "en").decode("utf-8-sig"))))
    start = english[0].index("latest_source")
    assert english[0][start:start + 3] == list(LATEST_SOURCE_COLUMNS)


def check_appended(before: list[list], after: list[list]) -> None:
    """The source columns come after every column the export had (note last), which keep
    their places and values; taking them out gives the old file back."""
    start = after[0].index(SOURCE_HEADERS_ZH[0])
    assert after[0][start:start + 3] == SOURCE_HEADERS_ZH
    assert after[0][:start] == before[0][:start]
    assert "说明" in after[0][:start] and "状态" in after[0][:start]
    assert [row[:start] + row[start + 3:] for row in after] == before


def test_xlsx_appends_the_latest_source_after_the_existing_columns(sourced_report):
    plain, sourced = sourced_report

    def sheet_rows(report: pd.DataFrame) -> list[list]:
        workbook = openpyxl.load_workbook(io.BytesIO(report_to_xlsx(report, "zh", 2023)))
        return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]

    before, after = sheet_rows(plain), sheet_rows(sourced)
    check_appended(before, after)
    start = after[0].index(SOURCE_HEADERS_ZH[0])
    assert after[1][start:start + 3] == ["'=重庆日报", "https://cqrb.cn/2.html", "2024-04-26"]


def test_report_files_are_named_in_the_language() -> None:
    from indicators.exports import report_file_name

    assert report_file_name(2024, "xlsx", "zh") == "差距报告_2024.xlsx"
    assert report_file_name(2024, "csv", "en") == "gap_report_2024.csv"
    assert report_file_name(None, "csv", "zh") == "差距报告_latest.csv"
