"""Every validation error, located as the user sees it in Excel, all reported at once."""

from __future__ import annotations

import io
import zipfile

import pytest

from indicators.importing import MESSAGES
from tests.store_fixtures import codes, csv_bytes, parse, xlsx_bytes

HEADER = "指标,地区,年份,数值\n"


def only_error(parsed):  # noqa: ANN001, ANN201
    assert not parsed.ok
    assert len(parsed.errors) == 1, [str(error) for error in parsed.errors]
    return parsed.errors[0]


def one_row(project, row: str, lang: str = "zh"):  # noqa: ANN001, ANN201
    return only_error(parse((HEADER + row + "\n").encode(), "a.csv", project, lang))


def test_every_problem_is_reported_at_once_with_its_location(project) -> None:
    text = """
    指标,地区,年份,数值
    每万人口高价值发明专利,CN,2021,7
    hv_patents,重庆省,2021,5
    hv_patents,CN,1850,7
    hv_patents,CN,2022,七点五
    hv_patents,CN,2023,-2
    """
    parsed = parse(csv_bytes(text), "a.csv", project)
    assert codes(parsed.errors) == [
        "unknown_indicator", "unknown_region", "year_out_of_range", "bad_value", "negative_value",
    ]
    assert [(e.sheet, e.row, e.column, e.header) for e in parsed.errors] == [
        ("a.csv", 2, "A", "指标"), ("a.csv", 3, "B", "地区"), ("a.csv", 4, "C", "年份"),
        ("a.csv", 5, "D", "数值"), ("a.csv", 6, "D", "数值"),
    ]
    assert parsed.rows.empty


def test_unknown_indicator_suggests_the_closest_name(project) -> None:
    error = one_row(project, "每万人口高价值发明专利,CN,2021,7")
    assert error.message == (
        "未知指标「每万人口高价值发明专利」。是否为「每万人口高价值发明专利拥有量」（hv_patents）？"
    )
    assert str(error) == f"工作表「a.csv」 第 2 行 A 列（指标）：{error.message}"


def test_unknown_region_suggests_the_closest_name(project) -> None:
    error = one_row(project, "hv_patents,重庆省,2021,5")
    assert error.code == "unknown_region"
    assert "是否为「重庆市」（CN-CQ）？" in error.message


def test_messages_in_english(project) -> None:
    error = one_row(project, "hv_patent,CN,2021,7", lang="en")
    assert error.message == (
        "unknown indicator 'hv_patent'. Did you mean 'High-value patents per 10k' (hv_patents)?"
    )
    assert str(error) == f"sheet 'a.csv', row 2, column A (指标): {error.message}"


def test_every_message_has_both_languages() -> None:
    for chinese, english in MESSAGES.values():
        assert chinese and english and chinese != english


@pytest.mark.parametrize(
    ("row", "code", "column"),
    [
        (",CN,2021,7", "missing_indicator", "A"),
        ("hv_patents,,2021,7", "missing_region", "B"),
        ("hv_patents,CN,,7", "missing_year", "C"),
        ("hv_patents,CN,二〇二一,7", "bad_year", "C"),
        ("hv_patents,CN,2036,7", "year_out_of_range", "C"),
        ("hv_patents,CN,2021,abc", "bad_value", "D"),
        ("hv_patents,CN,2021,1.234.5", "bad_value", "D"),
        ("hv_patents,CN,2021,-1", "negative_value", "D"),
        ("hv_patents,CN,2021,7%", "percent_sign", "D"),
        ("ip_share,CN,2021,0.13", "percent_as_fraction", "D"),
        ("overseas_patents,CN,2021,5", "unit_factor", "D"),
        ("overseas_patents,CN-CQ,2021,3500000", "unit_factor", "D"),
    ],
)
def test_cell_errors(project, row: str, code: str, column: str) -> None:
    error = one_row(project, row)
    assert (error.code, error.row, error.column) == (code, 2, column)


def test_fraction_and_unit_factor_messages_give_the_fix(project) -> None:
    fraction = one_row(project, "ip_share,CN,2021,0.13")
    assert fraction.message == (
        "数值 0.13 像是小数形式的比例：「专利密集型产业增加值占GDP比重」以 % 计（目标约 11.6–13），应填 13"
    )
    # national targets are written in 万件 (4 → 9), the indicator counts 件
    factor = one_row(project, "overseas_patents,CN,2021,5")
    assert factor.message == (
        "数值 5 与目标相差约 1万 倍：「海外发明专利授权量」以件计（目标约 40,000–90,000），是否应为 50,000？"
    )


def test_negative_percentage_is_allowed(project) -> None:
    parsed = parse((HEADER + "ip_share,CN,2021,-0.5%\n").encode(), "a.csv", project)
    assert "negative_value" not in codes(parsed.errors)


def test_same_series_twice_with_different_values(project) -> None:
    text = HEADER + "pledge,CN,2021,2300\nhv_patents,CN,2021,7\n知识产权质押融资登记金额,全国,2021,2400\n"
    parsed = parse(text.encode(), "a.csv", project)
    error = only_error(parsed)
    assert (error.code, error.row) == ("duplicate_conflict", 4)
    assert error.message == "与第 2 行重复（同一指标、地区、年份），数值不同：2,300 与 2,400"
    # neither conflicting value is kept
    assert parsed.rows["indicator_id"].tolist() == ["hv_patents"]


def test_duplicate_across_sheets_names_the_sheet(project) -> None:
    content = xlsx_bytes({
        "A": [["指标", "地区", "年份", "数值"], ["pledge", "CN", 2021, 2300]],
        "B": [["指标", "地区", "年份", "数值"], ["pledge", "CN", 2021, 2400]],
    })
    error = only_error(parse(content, "a.xlsx", project))
    assert (error.sheet, error.row) == ("B", 2)
    assert error.message.startswith("与工作表「A」第 2 行重复")


def test_indicator_id_and_name_that_disagree(project) -> None:
    text = "指标编码,指标名称,地区,年份,数值\npledge,每万人口高价值发明专利拥有量,CN,2021,7\n"
    error = only_error(parse(text.encode(), "a.csv", project))
    assert error.code == "indicator_mismatch"


def test_unit_column_that_is_not_the_indicators_unit(project) -> None:
    text = "指标,地区,单位,年份,数值\npledge,CN,件,2021,2300\n"
    error = only_error(parse(text.encode(), "a.csv", project))
    assert (error.code, error.column) == ("unit_mismatch", "C")


class TestHeaders:
    def test_missing_region_column(self, project) -> None:
        error = only_error(parse(b"indicator,year,value\npledge,2021,2300\n", "a.csv", project))
        assert (error.code, error.row, error.message) == ("missing_column", 1, "缺少「地区」列")

    def test_no_value_and_no_year_columns(self, project) -> None:
        error = only_error(parse("指标,地区,备注\npledge,CN,x\n".encode(), "a.csv", project))
        assert error.code == "no_value_columns"

    def test_two_value_columns(self, project) -> None:
        error = only_error(parse("指标,地区,年份,数值,value\npledge,CN,2021,1,2\n".encode(), "a.csv", project))
        assert (error.code, error.column) == ("duplicate_column", "E")

    def test_year_column_outside_the_range(self, project) -> None:
        error = only_error(parse("指标,地区,2021,1999\npledge,CN,2300,2100\n".encode(), "a.csv", project))
        assert (error.code, error.column) == ("header_year_out_of_range", "D")

    def test_unknown_columns_are_ignored_with_a_warning(self, project) -> None:
        parsed = parse("指标,地区,年份,数值,填表人\npledge,CN,2021,2300,王\n".encode(), "a.csv", project)
        assert parsed.ok
        assert codes(parsed.warnings) == ["ignored_column"]

    def test_no_sheet_with_a_header(self, project) -> None:
        content = xlsx_bytes({"Sheet1": [["随便写点什么"], [1, 2, 3]]})
        parsed = parse(content, "a.xlsx", project)
        assert codes(parsed.errors) == ["no_data_sheet"]


class TestWholeFile:
    def test_empty_file(self, project) -> None:
        assert codes(parse(b"", "a.csv", project).errors) == ["empty_file"]
        assert codes(parse(b"  \r\n ", "a.csv", project).errors) == ["empty_file"]

    def test_empty_workbook(self, project) -> None:
        assert codes(parse(xlsx_bytes({"Sheet1": []}), "a.xlsx", project).errors) == ["empty_file"]

    def test_header_without_rows(self, project) -> None:
        parsed = parse(HEADER.encode(), "a.csv", project)
        assert codes(parsed.errors) == ["empty_sheet"]

    def test_text_named_xlsx(self, project) -> None:
        error = only_error(parse(HEADER.encode(), "a.xlsx", project))
        assert error.code == "not_xlsx"
        assert "请把扩展名改为 .csv" in error.message

    def test_other_zip_named_xlsx(self, project) -> None:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("[Content_Types].xml", "<Types><Override ContentType='wordprocessingml'/></Types>")
        assert only_error(parse(buffer.getvalue(), "a.xlsx", project)).code == "not_xlsx"

    def test_old_xls_named_xlsx(self, project) -> None:
        content = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100
        error = only_error(parse(content, "a.xlsx", project))
        assert error.code == "not_xlsx" and ".xls" in error.message

    def test_workbook_named_csv(self, project) -> None:
        content = xlsx_bytes({"S": [["指标", "地区", "年份", "数值"]]})
        error = only_error(parse(content, "a.csv", project))
        assert error.code == "not_csv" and ".xlsx" in error.message

    def test_binary_named_csv(self, project) -> None:
        assert only_error(parse(bytes(range(256)) * 4, "a.csv", project)).code == "not_csv"

    def test_unsupported_extension(self, project) -> None:
        error = only_error(parse(b"whatever", "a.xls", project))
        assert error.code == "unsupported_type" and "另存为 .xlsx" in error.message
        assert only_error(parse(b"whatever", "a.txt", project)).code == "unsupported_type"

    def test_file_over_the_size_limit(self, project) -> None:
        content = HEADER.encode() + b"x" * 200_001
        error = only_error(parse(content, "a.csv", project))
        assert error.code == "file_too_large"

    def test_too_many_rows(self, project) -> None:
        rows = "".join(f"pledge,CN,{2000 + i % 30},{2300 + i}\n" for i in range(60))
        assert codes(parse((HEADER + rows).encode(), "a.csv", project).errors) == ["too_many_rows"]

    def test_too_many_columns(self, project) -> None:
        header = "指标,地区," + ",".join(str(year) for year in range(2010, 2025)) + "\n"
        parsed = parse((header + "pledge,CN,1\n").encode(), "a.csv", project)
        assert codes(parsed.errors) == ["too_many_columns"]

    def test_too_many_sheets(self, project) -> None:
        content = xlsx_bytes({f"S{i}": [["指标", "地区", "年份", "数值"]] for i in range(4)})
        assert codes(parse(content, "a.xlsx", project).errors) == ["too_many_sheets"]
