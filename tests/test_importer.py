"""Formats and layouts the importer accepts, with files the tests write themselves."""

from __future__ import annotations

import hashlib
import io

import openpyxl
import pandas as pd
import pytest

from indicators.exports import build_template, template_frame
from indicators.importing import ROW_COLUMNS
from tests.store_fixtures import codes, csv_bytes, parse, xlsx_bytes

LONG_CSV = """
指标,地区,年份,数值,备注
hv_patents,CN,2021,7.5,
每万人口高价值发明专利拥有量,全国,2022,9.4,第五次经济普查后修订
高价值发明专利拥有量,重庆,2022,5.1,
"""

EXPECTED = pd.DataFrame(
    [("hv_patents", "CN", 2021, 7.5, ""),
     ("hv_patents", "CN", 2022, 9.4, "第五次经济普查后修订"),
     ("hv_patents", "CN-CQ", 2022, 5.1, "")],
    columns=["indicator_id", "region", "year", "value", "note"],
)


def values(parsed) -> pd.DataFrame:  # noqa: ANN001
    return parsed.rows[["indicator_id", "region", "year", "value", "note"]].reset_index(drop=True)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"])
def test_long_csv_in_every_encoding(project, encoding: str) -> None:
    parsed = parse(csv_bytes(LONG_CSV, encoding), "数据.csv", project)
    assert parsed.ok, parsed.errors
    assert parsed.warnings == []
    pd.testing.assert_frame_equal(values(parsed), EXPECTED, check_dtype=False)
    assert list(parsed.rows.columns) == ROW_COLUMNS
    assert parsed.rows["source_row"].tolist() == [2, 3, 4]
    assert parsed.rows["source_sheet"].tolist() == ["数据.csv"] * 3


def test_result_carries_hash_and_name(project) -> None:
    content = csv_bytes(LONG_CSV)
    parsed = parse(content, "a.csv", project)
    assert parsed.sha256 == hashlib.sha256(content).hexdigest()
    assert parsed.file_name == "a.csv"
    assert parsed.has_notes


def test_semicolon_and_tab_separated(project) -> None:
    for delimiter in (";", "\t"):
        text = LONG_CSV.replace(",", delimiter)
        parsed = parse(csv_bytes(text), "a.csv", project)
        assert parsed.ok, parsed.errors
        assert len(parsed.rows) == 3


def test_english_headers_title_row_and_trailing_spaces(project) -> None:
    text = """
    2023年知识产权统计（内部）
    Indicator ID , Region ,Year, Value (件), Remarks
    hv_patents ,CN ,2021 , 7.5 ,
    """
    parsed = parse(csv_bytes(text), "a.csv", project)
    assert parsed.ok, parsed.errors
    assert values(parsed).iloc[0].tolist() == ["hv_patents", "CN", 2021, 7.5, ""]
    assert parsed.rows["source_row"].tolist() == [3]


def test_numbers_as_staff_type_them(project) -> None:
    text = """
    指标编码,地区,年份,数值
    pledge,CN,2021,"2,345.5"
    hv_patents,CN,２０２２,１２
    ip_share,CN,2021,13%
    ip_share,CN,2022,１２．５％
    overseas_patents,CN,2021,4.5万
    """
    parsed = parse(csv_bytes(text), "a.csv", project)
    assert parsed.ok, parsed.errors
    assert parsed.rows["value"].tolist() == [2345.5, 12.0, 13.0, 12.5, 45000.0]
    assert codes(parsed.warnings) == ["unit_converted"]


def test_wide_xlsx_with_blank_cells_and_year_suffix(project) -> None:
    content = xlsx_bytes({"2021-2023": [
        ["指标", "地区", "单位", "2021年", 2022, "2023"],
        ["每万人口高价值发明专利拥有量", "全国", "件", 7.5, None, "9.4"],
        ["知识产权质押融资登记金额", "CN", "亿元", 2300, 2500, None],
        ["hv_patents", "重庆市", None, None, None, None],  # nothing filled: skipped quietly
    ]})
    parsed = parse(content, "wide.xlsx", project)
    assert parsed.ok, parsed.errors
    assert parsed.warnings == []
    expected = pd.DataFrame(
        [("hv_patents", "CN", 2021, 7.5), ("hv_patents", "CN", 2023, 9.4),
         ("pledge", "CN", 2021, 2300.0), ("pledge", "CN", 2022, 2500.0)],
        columns=["indicator_id", "region", "year", "value"],
    )
    pd.testing.assert_frame_equal(values(parsed)[expected.columns], expected, check_dtype=False)
    assert parsed.rows["source_column"].tolist() == ["D", "F", "D", "E"]
    assert parsed.rows["source_sheet"].unique().tolist() == ["2021-2023"]
    assert not parsed.has_notes


def test_long_xlsx_over_several_sheets_and_excel_percent_format(project) -> None:
    content = xlsx_bytes(
        {
            "全国": [["指标", "地区", "年份", "数值"], ["ip_share", "CN", 2021, 0.131]],
            "重庆": [["指标", "地区", "年份", "数值"], ["hv_patents", "CN-CQ", 2021, 4.2]],
            "备注说明": [["这一页只是说明文字"]],
        },
        percent_cells=("全国!D2",),
    )
    parsed = parse(content, "long.xlsx", project)
    assert parsed.ok, parsed.errors
    # a cell shown as 13.1% in Excel holds 0.131; staff mean 13.1
    assert parsed.rows["value"].tolist() == [13.1, 4.2]
    assert codes(parsed.warnings) == ["skipped_sheet"]


def test_comment_rows_and_unit_column_conversion(project) -> None:
    text = """
    指标编码,指标名称,单位,地区,2021
    # 示例行,海外发明专利授权量,件,全国,99
    overseas_patents,海外发明专利授权量,万件,全国,4.6
    """
    parsed = parse(csv_bytes(text), "a.csv", project)
    assert parsed.ok, parsed.errors
    assert parsed.rows["value"].tolist() == [46000.0]
    assert codes(parsed.warnings) == ["unit_converted"]


def test_placeholders_in_wide_sheet_mean_no_value(project) -> None:
    text = """
    指标,地区,2021,2022,2023
    pledge,CN,—,2300,/
    """
    parsed = parse(csv_bytes(text), "a.csv", project)
    assert parsed.ok, parsed.errors
    assert parsed.rows[["year", "value"]].values.tolist() == [[2022, 2300.0]]


def test_blank_value_in_long_layout_is_skipped_with_a_warning(project) -> None:
    text = """
    指标,地区,年份,数值
    pledge,CN,2021,
    pledge,CN,2022,2300
    """
    parsed = parse(csv_bytes(text), "a.csv", project)
    assert parsed.ok
    assert len(parsed.rows) == 1
    assert codes(parsed.warnings) == ["blank_value"]


def test_same_value_twice_is_a_warning_and_kept_once(project) -> None:
    text = """
    指标,地区,年份,数值
    pledge,CN,2021,2300
    知识产权质押融资登记金额,全国,2021,"2,300"
    """
    parsed = parse(csv_bytes(text), "a.csv", project)
    assert parsed.ok
    assert len(parsed.rows) == 1
    [warning] = parsed.warnings
    assert (warning.code, warning.row) == ("duplicate_same", 3)


def test_value_for_a_region_without_target_is_kept_with_a_warning(project) -> None:
    text = """
    指标,地区,年份,数值
    copyrights,CN,2021,120
    copyrights,CN,2022,130
    """
    parsed = parse(csv_bytes(text), "a.csv", project)
    assert parsed.ok
    assert len(parsed.rows) == 2
    assert codes(parsed.warnings) == ["no_target"]  # once per series, not per row


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_template_lists_every_series_and_imports_once_filled(project, file_format: str, lang: str) -> None:
    settings, registry = project
    content = build_template(registry, settings, file_format, lang, years=[2021, 2022])
    empty = parse(content, f"template.{file_format}", project, lang)
    assert codes(empty.errors) == ["no_values"]
    assert empty.warnings == []
    filled = _fill_first_value(content, file_format, value=8.8)
    parsed = parse(filled, f"template.{file_format}", project, lang)
    assert parsed.ok, parsed.errors
    assert values(parsed)[["indicator_id", "region", "year", "value"]].iloc[0].tolist() == [
        "hv_patents", "CN", 2021, 8.8]


def test_template_rows(project) -> None:
    settings, registry = project
    frame = template_frame(registry, settings, "zh", years=[2021])
    listed = frame.iloc[1:][["指标编码", "地区", "单位"]].values.tolist()
    assert listed == [
        ["hv_patents", "全国", "件"], ["hv_patents", "重庆市", "件"],
        ["overseas_patents", "全国", "件"], ["overseas_patents", "重庆市", "件"],
        ["pledge", "全国", "亿元"], ["ip_share", "全国", "%"],
        # no target anywhere: every region is offered
        ["copyrights", "全国", "件"], ["copyrights", "重庆市", "件"],
    ]
    assert frame.iloc[0]["指标编码"].startswith("#")


def _fill_first_value(content: bytes, file_format: str, value: float) -> bytes:
    """What staff do: type a number into the first listed series' first year."""
    if file_format == "csv":
        lines = content.decode("utf-8-sig").splitlines()
        cells = lines[2].split(",")
        cells[4] = str(value)
        lines[2] = ",".join(cells)
        return ("\n".join(lines) + "\n").encode("utf-8-sig")
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    workbook.worksheets[0]["E3"] = value
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_wide_note_applies_to_every_year_of_its_row(project) -> None:
    text = """
    indicator,region,2021,2022,note
    pledge,CN,2300,2400,统计公报
    """
    parsed = parse(csv_bytes(text), "a.csv", project)
    assert parsed.ok, parsed.errors
    assert parsed.rows[["year", "note"]].values.tolist() == [[2021, "统计公报"], [2022, "统计公报"]]


def test_long_layout_ignores_columns_named_like_years(project) -> None:
    text = """
    指标,地区,年份,数值,2021
    pledge,CN,2022,2400,99
    """
    parsed = parse(csv_bytes(text), "a.csv", project)
    assert parsed.ok, parsed.errors
    assert parsed.rows[["year", "value"]].values.tolist() == [[2022, 2400.0]]
    assert codes(parsed.warnings) == ["ignored_year_columns"]
