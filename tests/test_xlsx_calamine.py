"""The calamine reader gives what the openpyxl reader gives, or hands the workbook back.

Every workbook is read both ways: read_with_calamine must either return exactly
read_with_openpyxl's sheets (names, Excel row numbers, values and their types)
or raise NotForCalamine, and for the workbooks spreadsheet programs write it
must not hand back.  Hostile grids never reach calamine, whose dense grid would
take the process down.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from indicators.config import UploadLimits
from indicators.importing import xlsx as importer_xlsx
from indicators.importing.issues import FileRejected, SheetTooLarge, render
from indicators.importing.xlsx import check_is_workbook, read_with_openpyxl
from indicators.importing.xlsx_calamine import NotForCalamine, read_with_calamine
from tests.hostile_files import (
    HEADER_ROW,
    SHEET_NS,
    SHEET_PART,
    honest_workbook,
    inline_row,
    rebuild,
    workbook_with_rows,
)
from tests.store_fixtures import codes, parse

LIMITS = UploadLimits(max_rows=500, max_columns=12, max_sheets=4)
PROPERTY = settings(deadline=None, max_examples=60,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def both_ways(content: bytes, limits: UploadLimits = LIMITS) -> tuple[object, object]:
    """(calamine's answer, openpyxl's answer); an answer is the sheets or the error raised."""
    scan = check_is_workbook(content, limits)
    return _answer(lambda: read_with_calamine(content, limits, scan)), \
        _answer(lambda: read_with_openpyxl(content, limits))


def _answer(read):  # noqa: ANN001, ANN202
    try:
        return [(sheet.name, sheet.width, [(number, cells, [type(cell) for cell in cells])
                                           for number, cells in sheet.rows]) for sheet in read()]
    except (FileRejected, SheetTooLarge) as exc:
        return (exc.code, getattr(exc, "fields", {}))
    except NotForCalamine:
        return NotForCalamine


def assert_same(content: bytes, limits: UploadLimits = LIMITS) -> None:
    fast, slow = both_ways(content, limits)
    assert fast is not NotForCalamine, "calamine handed back a workbook it should read"
    assert fast == slow


def workbook(sheets: dict[str, list[list[object]]], formats: dict[str, str] | None = None,
             top_left: tuple[int, int] = (1, 1)) -> bytes:
    """A workbook openpyxl writes (inline strings, as Excel's own files hold shared ones)."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is None:
                    continue
                cell = sheet.cell(top_left[0] + r, top_left[1] + c, value)
                for kind, number_format in (formats or {}).items():
                    if type(value).__name__ == kind:
                        cell.number_format = number_format
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


texts = st.text(max_size=12).map(lambda text: ILLEGAL_CHARACTERS_RE.sub("", text))
cells = st.one_of(
    st.none(), texts, st.sampled_from(["指标", "地区", "2021", " 13% ", "  ", "#N/A", "=1+1", "pledge"]),
    st.floats(-1e15, 1e15), st.floats(-1e-3, 1e-3), st.integers(-(2**52), 2**52), st.booleans(),
)
sheets_of_cells = st.dictionaries(
    st.sampled_from(["数据", "Sheet2", "表 3"]),
    st.lists(st.lists(cells, max_size=14), max_size=14), min_size=1, max_size=3)


@PROPERTY
@given(sheets=sheets_of_cells, top_left=st.tuples(st.integers(1, 120), st.integers(1, 3)),
       percent=st.booleans())
def test_any_plain_workbook_reads_the_same(sheets, top_left, percent) -> None:
    formats = {"float": "0.0%", "int": "0%"} if percent else None
    assert_same(workbook(sheets, formats, top_left))


@PROPERTY
@given(sheets=sheets_of_cells, extra=st.lists(st.one_of(
    st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(2100, 1, 1)),
    st.integers(-(10**30), 10**30), st.floats(allow_nan=True, allow_infinity=True)), max_size=3))
def test_other_values_read_the_same_or_go_to_openpyxl(sheets, extra) -> None:
    first = next(iter(sheets))
    sheets[first] = [*sheets[first], extra]
    fast, slow = both_ways(workbook(sheets))
    assert fast is NotForCalamine or fast == slow


class TestExcelRowsAndColumns:
    def test_leading_blank_rows_and_columns_keep_excel_numbers(self) -> None:
        content = workbook({"数据": [["指标", "地区"], [None, None], ["pledge", "CN"]]}, top_left=(4, 3))
        assert_same(content)
        fast, _ = both_ways(content)
        assert [number for number, _, _ in fast[0][2]] == [4, 6]
        assert fast[0][2][0][1] == (None, None, "指标", "地区")

    def test_numbers_come_back_as_openpyxl_types(self) -> None:
        content = workbook({"数据": [[5, 5.5, -0.0, True, "x", 2**53 - 1]]})
        assert_same(content)
        assert both_ways(content)[0][0][2][0][1] == (5, 5.5, 0, True, "x", 2**53 - 1)

    def test_value_right_of_the_limit_below_the_header_rows(self) -> None:
        # Below the header rows openpyxl reads one column past the limit and no further.
        rows = [["h"] * 3] + [["v"]] * 11 + [[None] * 12 + ["x"]] + [[None] * 14 + ["far"]]
        assert_same(workbook({"数据": rows}))

    def test_value_far_right_in_the_header_rows_is_too_many_columns(self) -> None:
        content = workbook({"数据": [["h"], [None] * 40 + ["x"]]})
        assert_same(content)
        assert both_ways(content)[0][0] == "too_many_columns"

    def test_row_limit_counts_across_sheets(self) -> None:
        rows = [["v", n] for n in range(300)]
        content = workbook({"甲": rows, "乙": rows})
        assert_same(content)
        assert both_ways(content)[0] == ("too_many_rows", {"sheet": "乙", "limit": 500})

    def test_too_many_sheets(self) -> None:
        content = workbook({f"s{n}": [["v"]] for n in range(5)})
        assert both_ways(content) == (("too_many_sheets", {"count": 5, "limit": 4}),) * 2

    def test_merged_cells_hold_their_value_in_the_first_cell_only(self) -> None:
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(["指标", "地区", "年份"])
        sheet.append(["pledge", "CN", 2021])
        sheet.append([None, "CN-CQ", 2021])
        sheet.merge_cells("A2:A3")
        buffer = io.BytesIO()
        book.save(buffer)
        assert_same(buffer.getvalue())


class TestStylesAndSpecialCells:
    def test_percent_format_reads_as_percent_text(self) -> None:
        content = workbook({"数据": [["值"], [0.13], [13]]}, {"float": "0%", "int": "0.00%"})
        assert_same(content)
        assert [cells for _, cells, _ in both_ways(content)[0][0][2]] == [("值",), ("13%",), ("1300%",)]

    def test_dates_read_as_openpyxl_reads_them(self) -> None:
        values = [dt.datetime(2021, 3, 4), dt.datetime(2021, 3, 4, 5, 6, 7, 8000), dt.date(2020, 1, 1),
                  dt.time(12, 30), dt.timedelta(hours=30)]
        assert_same(workbook({"数据": [["日期"], values]}))

    def test_error_cells_keep_their_text(self) -> None:
        row = '<row r="2"><c r="A2" t="e"><v>#N/A</v></c><c r="B2" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>'
        content = workbook_with_rows(HEADER_ROW + row)
        assert_same(content)
        assert both_ways(content)[0][0][2][1][1] == ("#N/A", "#DIV/0!")

    def test_formula_without_a_cached_value_is_blank(self) -> None:
        row = '<row r="2"><c r="A2" t="inlineStr"><is><t>x</t></is></c><c r="B2"><f>1+1</f></c></row>'
        assert_same(workbook_with_rows(HEADER_ROW + row))

    def test_shared_strings_read_the_same(self) -> None:
        assert_same(with_shared_strings(["指标", " 地区 ", "a&amp;b", "<![CDATA[x<y]]>", "\tq\t", ""]))

    def test_1904_calendar(self) -> None:
        book = openpyxl.Workbook()
        book.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
        book.active.append(["日期", dt.datetime(2021, 3, 4)])
        buffer = io.BytesIO()
        book.save(buffer)
        assert_same(buffer.getvalue())


class TestHandedToOpenpyxl:
    """What calamine would read differently goes to openpyxl, and reads as it always did."""

    @pytest.mark.parametrize("text", ["a_x000D_b", "x005F_y"])
    def test_escapes_in_shared_strings(self, text: str) -> None:
        fast, slow = both_ways(with_shared_strings(["指标", text]))
        assert fast is NotForCalamine and slow[0][2][0][1] == ("指标", text.replace("x005F_", ""))

    def test_escapes_in_inline_strings(self) -> None:
        row = inline_row(2, {"A": "a_x000D_b"})
        assert both_ways(workbook_with_rows(HEADER_ROW + row))[0] is NotForCalamine

    def test_integer_beyond_a_float(self) -> None:
        row = inline_row(2, {"A": "pledge", "B": "CN", "C": 2021, "D": 10**400 - 1})
        fast, slow = both_ways(workbook_with_rows(HEADER_ROW + row))
        assert fast is NotForCalamine and slow[0][2][1][1][3] == 10**400 - 1

    @pytest.mark.parametrize("cell", ['<c><v>1</v></c>', '<c r="a2"><v>1</v></c>', "<c r='A2'><v>1</v></c>",
                                      '<c  r="A2"><v>1</v></c>', '<x:c r="A2"><v>1</v></x:c>'])
    def test_cells_written_unusually(self, cell: str) -> None:
        content = workbook_with_rows(HEADER_ROW + f'<row r="2">{cell}</row>')
        assert both_ways(content)[0] is NotForCalamine

    def test_chart_sheet(self) -> None:
        book = openpyxl.Workbook()
        book.active.append(["指标"])
        book.create_chartsheet("图")
        buffer = io.BytesIO()
        book.save(buffer)
        assert both_ways(buffer.getvalue())[0] is NotForCalamine

    def test_value_in_the_last_cell_of_the_sheet_never_reaches_calamine(self, monkeypatch) -> None:
        # calamine's dense grid would be 17 billion cells: the process would abort.
        def never(*args):  # noqa: ANN002, ANN202
            raise AssertionError("calamine was asked to read the sheet")

        monkeypatch.setattr("indicators.importing.xlsx_calamine.CalamineWorkbook.from_filelike", never)
        content = workbook_with_rows(HEADER_ROW + inline_row(1_048_576, {"XFD": 1}))
        assert both_ways(content)[0] is NotForCalamine

    def test_blank_formatted_cells_far_right_stay_with_calamine(self) -> None:
        rows = "".join(inline_row(n, {"A": "pledge", "XFD": None}) for n in range(2, 50))
        assert_same(workbook_with_rows(HEADER_ROW + rows))


class TestSharedStringLimit:
    """issue 17: 4.7 million shared strings in a 3.5 MB file took 58 s and 946 MiB per preview."""

    def test_counted_strings_above_the_limit_are_refused(self, project) -> None:
        settings_, registry = project
        content = with_shared_strings([f"s{n}" for n in range(60)], declared=1)
        limited = settings_.model_copy(update={"upload": settings_.upload.model_copy(
            update={"max_shared_strings": 50})})
        parsed = parse(content, "a.xlsx", (limited, registry))
        assert codes(parsed.errors) == ["too_many_shared_strings"]
        assert parsed.errors[0].message == (
            "工作簿的共享字符串表（xl/sharedStrings.xml）至少有 60 个字符串，超过上限 50，可能是恶意构造的文件，已拒绝")

    def test_declared_count_is_refused_before_reading_the_table(self) -> None:
        content = with_shared_strings(["a"], declared=4_700_000)
        with pytest.raises(FileRejected) as caught:
            check_is_workbook(content, UploadLimits())
        assert caught.value.fields == {"part": "xl/sharedStrings.xml", "count": 4_700_000,
                                       "limit": 1_000_000}

    def test_a_long_table_is_counted_across_chunks_exactly(self) -> None:
        """150,000 strings (6 MB) behind a header that claims one: read in 1 MB chunks."""
        content = with_shared_strings([str(n * 7919 % 150_001) for n in range(150_000)], declared=1)
        check_is_workbook(content, UploadLimits(max_shared_strings=150_000))
        with pytest.raises(FileRejected) as caught:
            check_is_workbook(content, UploadLimits(max_shared_strings=149_999))
        assert caught.value.code == "too_many_shared_strings"

    def test_message_in_english(self) -> None:
        assert render("too_many_shared_strings", "en", part="xl/sharedStrings.xml", count=60, limit=50) == (
            "the workbook's shared-string table (xl/sharedStrings.xml) holds at least 60 strings, above the limit"
            " of 50; it may be a crafted file and was refused")

    def test_a_table_within_the_limit_is_read(self) -> None:
        assert_same(with_shared_strings([f"s{n}" for n in range(50)]), LIMITS.model_copy(
            update={"max_shared_strings": 50}))


def test_spaces_calamine_trims_change_no_import(project, monkeypatch) -> None:
    """Text without xml:space="preserve" loses its outer spaces in calamine; every reader strips them."""
    data = ((2, ("pledge", "CN", "2021", "2300", " 备注 ")), (3, ("hv_patents", "重庆", "2022", "x", "")))
    rows = [f' <c r="{column}{n}" t="inlineStr"><is><t> {text}\t</t></is></c>'
            for n, texts in data for column, text in zip("ABCDE", texts, strict=True)]
    header = inline_row(1, dict(zip("ABCDE", ["指标", "地区", "年份", "数值", "备注"], strict=True)))
    xml = header + "".join(f'<row r="{n}">{"".join(rows[(n - 2) * 5:(n - 1) * 5])}</row>' for n in (2, 3))
    content = workbook_with_rows(xml)
    fast = parse(content, "a.xlsx", project)

    def refuse(*args):  # noqa: ANN002, ANN202
        raise NotForCalamine

    monkeypatch.setattr(importer_xlsx, "read_with_calamine", refuse)
    slow = parse(content, "a.xlsx", project)
    assert fast.rows.equals(slow.rows) and len(fast.rows) == 1
    assert [str(issue) for issue in fast.errors + fast.warnings] == [
        str(issue) for issue in slow.errors + slow.warnings] != []


def test_upload_of_an_excel_workbook_goes_through_calamine(project, monkeypatch) -> None:
    """parse_upload reads an ordinary workbook with calamine, not openpyxl."""
    monkeypatch.setattr(importer_xlsx, "read_with_openpyxl", None)
    parsed = parse(honest_workbook(), "a.xlsx", project)
    assert parsed.ok and parsed.rows["value"].tolist() == [2300]


def with_shared_strings(strings: list[str], declared: int | None = None) -> bytes:
    """An honest workbook whose first row holds the strings through a shared-string table."""
    count = len(strings) if declared is None else declared
    items = "".join(f'<si><t xml:space="preserve">{text}</t></si>' for text in strings)
    table = f'<?xml version="1.0"?><sst xmlns="{SHEET_NS}" count="{count}" uniqueCount="{count}">{items}</sst>'
    row = "".join(f'<c r="{_letters(n)}1" t="s"><v>{n}</v></c>' for n in range(len(strings)))
    base = honest_workbook()
    with zipfile.ZipFile(io.BytesIO(base)) as archive:
        types = archive.read("[Content_Types].xml").decode()
        rels = archive.read("xl/_rels/workbook.xml.rels").decode()
    types = types.replace("</Types>", '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                          'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    rels = rels.replace("</Relationships>", '<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/'
                        'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
                        "</Relationships>")
    sheet = (f'<?xml version="1.0"?><worksheet xmlns="{SHEET_NS}"><sheetData><row r="1">{row}</row>'
             "</sheetData></worksheet>")
    return rebuild(base, replace={SHEET_PART: sheet.encode(), "[Content_Types].xml": types.encode(),
                                  "xl/_rels/workbook.xml.rels": rels.encode()},
                   add={"xl/sharedStrings.xml": table.encode()})


def _letters(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters
