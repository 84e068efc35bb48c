"""One number format per column (indicators.exports.formats) in the CSV and xlsx reports.

Ratios are percentages with one decimal (the files hold the fraction at that
precision), values have their indicator's precision, float noise never shows;
the xlsx reads like the page (names first, regions and documents by name).
"""

from __future__ import annotations

import csv
import io
import re
import textwrap
from types import SimpleNamespace

import openpyxl
import pandas as pd
import pytest

from indicators.engine import gap_report
from indicators.exports import display_names, report_to_csv, report_to_xlsx
from indicators.exports.formats import (
    format_cell,
    format_figure,
    format_ratio,
    indicator_decimals,
    written_decimals,
)
from tests.test_engine import make_actuals, make_targets

REGIONS = {"CN-CQ": SimpleNamespace(name_zh="重庆", name_en="Chongqing")}
DOCUMENTS = {"cq_plan": SimpleNamespace(title_zh="重庆市知识产权规划", title_en="Chongqing IP plan")}


@pytest.fixture
def report() -> pd.DataFrame:
    # 亿元 66 -> 140, latest 100 (0 decimals), 件 3.65 -> 12 (2), % 6.43 -> 7.18 (2).
    targets = make_targets(
        {"baseline_value": 66, "target_value": 140, "name_zh": "知识产权质押融资登记金额"},
        {"indicator_id": "hv", "unit": "件", "baseline_value": 3.65, "target_value": 12,
         "comparator": "==", "name_zh": "高价值发明专利"},
        {"indicator_id": "share", "unit": "%", "baseline_value": 6.43, "target_value": 7.18,
         "name_zh": "版权产业增加值占GDP比重"},
    )
    actuals = pd.concat([
        make_actuals("year,value\n2023,100"),
        make_actuals("year,value\n2023,9.43", indicator="hv"),
        make_actuals("year,value\n2023,6.95", indicator="share"),
    ])
    return gap_report(targets, actuals).report


SHOWN = ["indicator_id", "comparator", "baseline_value", "latest_value", "planned_value",
         "gap_to_target", "gap_to_path", "projected_value", "time_share", "progress_ratio",
         "schedule_ratio", "required_annual_growth", "completion_rate", "latest_year"]
# 亿元 at 0 decimals: planned 110.4 -> 110, gap to path 10.4 -> 10.  Ratios: 0.765766 -> 0.766.
EXPECTED_CSV = """\
    indicator_id,comparator,baseline_value,latest_value,planned_value,gap_to_target,gap_to_path,projected_value,time_share,progress_ratio,schedule_ratio,required_annual_growth,completion_rate,latest_year
    pledge,at least,66,100,110,40,10,123,0.6,0.459,0.766,0.183,0.714,2023
    hv,equal to,3.65,9.43,8.66,2.57,-0.77,13.28,0.6,0.692,1.154,0.128,0.786,2023
    share,at least,6.43,6.95,6.88,0.23,-0.07,7.3,0.6,0.693,1.156,0.016,0.968,2023
"""


def csv_columns(content: bytes, columns: list[str]) -> str:
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    lines = [",".join(columns)] + [",".join(row[column] for column in columns) for row in rows]
    return "\n".join(lines) + "\n"


def test_english_csv_writes_each_column_in_its_format(report):
    assert csv_columns(report_to_csv(report, "en"), SHOWN) == textwrap.dedent(EXPECTED_CSV)


def test_chinese_csv_has_the_same_numbers_and_comparator_words(report):
    rows = list(csv.DictReader(io.StringIO(report_to_csv(report, "zh").decode("utf-8-sig"))))
    assert [row["比较方式"] for row in rows] == ["不低于", "达到", "不低于"]
    assert [row["序时进度比"] for row in rows] == ["0.766", "1.154", "1.156"]
    assert [row["距序时进度差距"] for row in rows] == ["10", "-0.77", "-0.07"]


def test_no_export_writes_an_escaped_operator(report):
    for lang in ("en", "zh"):
        text = report_to_csv(report, lang).decode("utf-8-sig")
        assert "'==" not in text and "'>=" not in text and ",==," not in text
    sheet = openpyxl.load_workbook(io.BytesIO(report_to_xlsx(report, "en", 2023))).worksheets[0]
    assert not any(str(cell).startswith("'") for row in sheet.iter_rows(values_only=True)
                   for cell in row if cell is not None)


def test_float_noise_never_reaches_a_file(report):
    noisy = report.copy()
    noisy.loc[1, "gap_to_path"] = 0.5199999999999996  # 件, 2 decimals
    noisy.loc[1, "progress_ratio"] = 0.5199999999999996
    csv_text = report_to_csv(noisy, "en").decode("utf-8-sig")
    assert "0.5199999999999996" not in csv_text and "0.52," in csv_text
    sheet = openpyxl.load_workbook(io.BytesIO(report_to_xlsx(noisy, "en", 2023))).worksheets[0]
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row]
    assert 0.5199999999999996 not in values and 0.52 in values


def xlsx_sheets(report: pd.DataFrame, lang: str, meta: dict | None = None):
    names = display_names(REGIONS, DOCUMENTS, lang)
    workbook = openpyxl.load_workbook(io.BytesIO(report_to_xlsx(report, lang, 2023, meta, names)))
    return workbook.worksheets


def test_xlsx_starts_with_names_and_ends_with_the_ids(report):
    sheet, _ = xlsx_sheets(report, "zh")
    headers = [cell.value for cell in sheet[1]]
    assert headers[:3] == ["指标名称", "地区", "规划文件"]
    assert headers[-2:] == ["目标编号", "指标编码"]
    first = dict(zip(headers, [cell.value for cell in sheet[2]], strict=True))
    assert (first["地区"], first["规划文件"]) == ("重庆", "重庆市知识产权规划")
    english, _ = xlsx_sheets(report, "en")
    headers = [cell.value for cell in english[1]]
    assert headers[:4] == ["name_en", "name_zh", "region", "document_id"]
    assert [cell.value for cell in english[2]][2:4] == ["Chongqing", "Chongqing IP plan"]


def test_xlsx_ratios_are_percentages_and_values_have_their_precision(report):
    sheet, _ = xlsx_sheets(report, "zh")
    headers = [cell.value for cell in sheet[1]]

    def cell(row: int, header: str):
        return sheet.cell(row=row, column=headers.index(header) + 1)

    ratio = cell(2, "序时进度比")
    assert (ratio.value, ratio.number_format) == (0.766, "0.0%")  # Excel shows 76.6%
    assert cell(2, "完成率").number_format == "0.0%"
    assert (cell(2, "最新值").value, cell(2, "最新值").number_format) == (100, "#,##0")
    assert (cell(3, "最新值").value, cell(3, "最新值").number_format) == (9.43, "#,##0.00")
    assert cell(2, "最新数据年份").number_format == "0"


def test_xlsx_method_sheet_names_the_narrowing_and_beijing_time(report):
    _, method = xlsx_sheets(report, "zh", {"region": "", "document_id": ""})
    rows = {row[0]: row[1] for row in method.iter_rows(values_only=True)}
    assert (rows["地区"], rows["规划文件"]) == ("全部", "全部")
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d（北京时间）", rows["生成时间"])
    _, method = xlsx_sheets(report, "en", {"region": "CN-CQ", "document_id": None})
    rows = {row[0]: row[1] for row in method.iter_rows(values_only=True)}
    assert (rows["region"], rows["document_id"]) == ("Chongqing", "All")
    assert rows["Generated"].endswith(" (Beijing time)") and "T" not in rows["Generated"]


@pytest.mark.parametrize(("value", "expected"), [
    (12, 0), (12.0, 0), (3.65, 2), (6.3, 1), (0.5199999999999996, 2), (1 / 3, 2), (None, 0),
])
def test_written_decimals(value, expected):
    assert written_decimals(value) == expected


@pytest.mark.parametrize(("value", "expected"), [
    (0.798, "79.8%"), (0.85, "85.0%"), (1.0, "100.0%"), (-0.1225, "-12.3%"),
    (0.0005, "0.1%"), (None, "—"), (float("nan"), "—"), (pd.NA, "—"),
])
def test_format_ratio(value, expected):
    assert format_ratio(value) == expected


@pytest.mark.parametrize(("value", "decimals", "expected"), [
    (3200, 0, "3,200"), (2.5, 0, "3"), (0.5199999999999996, 2, "0.52"), (13, 1, "13.0"),
    (-0.001, 2, "0.00"), (None, 2, "—"),
])
def test_format_figure(value, decimals, expected):
    assert format_figure(value, decimals) == expected


@pytest.mark.parametrize(("column", "value", "expected"), [
    ("schedule_ratio", 0.7741, "77.4%"), ("latest_year", 2023.0, "2023"),
    ("latest_value", 9.432, "9.43"), ("status", "on_track", "on_track"), ("note_zh", None, "—"),
])
def test_format_cell(column, value, expected):
    assert format_cell(column, value) == expected


def test_indicator_decimals_read_the_plan_and_the_unit(report):
    assert indicator_decimals(report).tolist() == [0, 2, 2]
    whole_percent = report.assign(unit="%", baseline_value=6.0, target_value=13.0, latest_value=7)
    assert indicator_decimals(whole_percent).tolist() == [1, 1, 1]  # 13% reads 13.0%
    published = report.assign(baseline_value=None, target_value=3500.0, latest_value=8539.9)
    assert indicator_decimals(published).tolist() == [1, 1, 1]  # 8539.9 亿元 keeps its decimal
