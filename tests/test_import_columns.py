"""The xlsx import's cheaper paths (issue 18) give what the per-cell ones give.

- the container guards inflate each part once (the DTD search rides on partscan's pass);
- calamine's rows are built a sheet at a time when nothing needs a row-by-row look;
- a column of Excel numbers is converted by numpy, without a call per cell;
- both reference sets of a series come from one pass over its targets.
"""

from __future__ import annotations

import io
import math
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indicators.config import UploadLimits
from indicators.importing.issues import FileRejected, SheetTooLarge
from indicators.importing.partscan import HEADER_BYTES, STREAM_CHUNK
from indicators.importing.rows import cells as column_cells
from indicators.importing.rows.cells import BLANK, mapped, plain_number, plain_numbers
from indicators.importing.sheet import RowBudget
from indicators.importing.values import reference_sets, reference_values
from indicators.importing.xlsx import check_is_workbook
from tests.hostile_files import SHEET_NS, SHEET_PART, honest_workbook, rebuild
from tests.store_fixtures import xlsx_bytes
from tests.test_xlsx_calamine import assert_same, workbook

LIMITS = UploadLimits(max_rows=500, max_columns=12, max_sheets=4)


def test_each_part_is_inflated_once_by_the_guards(monkeypatch) -> None:
    rows = [["指标", "地区", "年份", "数值"]] + [["pledge", "CN", 2000 + n % 20, n * 1.5] for n in range(3000)]
    content = xlsx_bytes({"数据": rows})
    read: dict[str, int] = {}
    original = zipfile.ZipExtFile.read

    def counting(self, n=-1):  # noqa: ANN001, ANN202
        data = original(self, n)
        read[self.name] = read.get(self.name, 0) + len(data)
        return data

    monkeypatch.setattr(zipfile.ZipExtFile, "read", counting)
    check_is_workbook(content, UploadLimits())
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        size = archive.getinfo(SHEET_PART).file_size
    assert size > 100_000
    # Once whole, plus the first 4 KiB (which says whether it is the string table) and the
    # four bytes that say whether it is a nested zip.
    assert read[SHEET_PART] <= size + HEADER_BYTES + 4


def test_doctype_across_two_chunks_of_a_streamed_string_table_is_refused() -> None:
    """The table is read in its first 4 KiB, then 1 MiB at a time; the marker straddles a cut."""
    head = f'<?xml version="1.0"?><sst xmlns="{SHEET_NS}">'
    # Strings that do not repeat, so that the part deflates like text rather than a zip bomb.
    filler = "".join(f"<si><t>{n * 7919 % 1_000_003}</t></si>" for n in range(STREAM_CHUNK // 20))
    cut = HEADER_BYTES + STREAM_CHUNK - 4  # where the marker starts: 4 bytes before the cut
    filler = filler[: cut - len(head)]
    filler += "a" * (cut - len(head) - len(filler))
    table = head + filler + "<!DOCTYPE sst []>" + "</sst>"
    assert table.index("<!DOCTYPE") == cut
    content = rebuild(honest_workbook(), add={"xl/sharedStrings.xml": table.encode()})
    with pytest.raises(FileRejected) as caught:
        check_is_workbook(content, UploadLimits())
    assert caught.value.code == "xml_doctype"


def test_the_row_budget_takes_a_sheet_at_once() -> None:
    budget = RowBudget(10)
    budget.take("甲", 6)
    budget.take("乙")
    with pytest.raises(SheetTooLarge) as caught:
        budget.take("丙", 4)
    assert caught.value.fields == {"sheet": "丙", "limit": 10}


@pytest.mark.parametrize("notes", [["备注", None, None, "  "], [None, None, None, None], ["a", "b", "c", "d"]])
def test_long_sheets_with_sparse_right_columns_read_as_openpyxl_reads_them(notes) -> None:
    """More rows than plain_column's top cells, trailing blanks in some rows, a blank row."""
    rows = [["指标", "地区", "年份", "数值", "备注"]]
    for n in range(60):
        note = notes[n % len(notes)]
        rows.append([None] * 5 if n % 23 == 7 else ["pledge", "CN", 2000 + n, n * 0.5 if n % 3 else n, note])
    assert_same(workbook({"数据": rows}))
    assert_same(workbook({"数据": rows}, top_left=(3, 2)))


def test_a_sheet_at_the_column_limit_is_still_checked_row_by_row() -> None:
    rows = [["指标", "地区", "年份", "数值"]] + [["pledge", "CN", 2021, 5] for _ in range(40)]
    rows.append(["pledge", "CN", 2021, 5] + [None] * 9 + ["far right"])
    assert_same(workbook({"数据": rows}))


def test_an_excel_number_column_needs_no_call_per_cell(monkeypatch) -> None:
    def refuse(cell: object) -> object:
        raise AssertionError(f"plain_number called for {cell!r}")

    monkeypatch.setattr(column_cells, "plain_number", refuse)
    values = plain_numbers([1, 2.5, None, math.inf, -7, 2**60, math.nan])
    assert values == [1.0, 2.5, BLANK, None, -7.0, float(2**60), None]
    assert [type(value) for value in values[:2]] == [float, float]


excel_cells = st.one_of(st.none(), st.integers(-(10**400), 10**400), st.integers(-1000, 1000),
                        st.floats(allow_nan=True, allow_infinity=True), st.booleans(),
                        st.sampled_from(["1", " 2 ", "3万", "", "x"]))


@settings(deadline=None, max_examples=200)
@given(column=st.lists(excel_cells, max_size=30))
def test_column_conversions_equal_the_per_cell_ones(column) -> None:
    expected = [plain_number(cell) for cell in column]
    assert _same(plain_numbers(column), expected)
    assert _same(mapped(repr, column), [repr(cell) for cell in column])


def _same(found: list, expected: list) -> bool:
    return len(found) == len(expected) and all(
        type(a) is type(b) and (a == b or (a != a and b != b)) for a, b in zip(found, expected, strict=True))


def test_both_reference_sets_in_one_pass(project) -> None:
    _, registry = project
    series = {(target.indicator, target.region) for target in registry.targets.values()}
    assert series
    for indicator_id, region in sorted(series):
        assert reference_sets(registry, indicator_id, region) == (
            reference_values(registry, indicator_id, region),
            reference_values(registry, indicator_id, region, floors=True))
