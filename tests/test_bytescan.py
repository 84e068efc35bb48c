"""The numpy byte searches of the guards (indicators.importing.bytescan), and the checks of
partscan and zipcheck that now use them, on parts large enough to take the numpy path.

Each answer is compared with the plain bytes or regex search it replaces.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indicators.config import UploadLimits
from indicators.importing import bytescan, partscan
from indicators.importing.bytescan import NUMPY_FROM, contains, count, plain_narrow_cells, positions
from indicators.importing.issues import FileRejected
from indicators.importing.partscan import ODD_OR_FAR_CELL, measure_sheet
from indicators.importing.zipcheck import DOCTYPE_BYTE, DOCTYPE_MARKERS, refuse_doctype

PLAIN_CELL = b'<c r="B12" s="1" t="n"><v>5</v></c>'
# Enough plain cells to pass NUMPY_FROM, inside a sheet's markup.
BODY = PLAIN_CELL * (NUMPY_FROM // len(PLAIN_CELL) + 1)


def sheet(middle: bytes = b"", end: bytes = b"") -> bytes:
    return b'<worksheet><cols><col min="1"/></cols><sheetData><row r="1">' + BODY + middle \
        + BODY + b"</row></sheetData>" + end + b"</worksheet>"


class TestPositions:
    def test_each_start_even_and_odd_offsets(self) -> None:
        assert sorted(positions(b"ab<si>x<si", b"<si").tolist()) == [2, 7]

    def test_overlapping_occurrences(self) -> None:
        assert sorted(positions(b"aaaa", b"aa").tolist()) == [0, 1, 2]

    def test_marker_cut_by_the_end(self) -> None:
        assert positions(b"xx<s", b"<si").tolist() == []

    def test_data_shorter_than_the_marker(self) -> None:
        assert positions(b"", b"<s").tolist() == positions(b"<", b"<s").tolist() == []

    def test_one_byte_marker_refused(self) -> None:
        with pytest.raises(ValueError):
            positions(b"abc", b"a")

    @pytest.mark.parametrize("padding", [0, 1])
    def test_count_and_contains_as_bytes_on_large_data(self, padding: int) -> None:
        data = b" " * padding + BODY + b"<si>a</si>" + BODY + b"<si>" + b":si"
        assert len(data) >= NUMPY_FROM
        assert count(data, b"<si") == data.count(b"<si") == 2
        assert count(data, b":si") == 1
        assert contains(data, b"</si>") and not contains(data, b"<sst")

    def test_small_data_as_bytes(self) -> None:
        assert count(b"<si><si>", b"<si") == 2
        assert contains(b'x t="e"', b'"e"')


class TestPlainNarrowCells:
    def test_plain_sheet_is_proved(self) -> None:
        assert plain_narrow_cells(sheet())
        assert ODD_OR_FAR_CELL.search(sheet()) is None

    def test_other_tags_starting_with_c_are_not_cells(self) -> None:
        data = sheet(b'<cfRule type="x"/><customSheetView/>', b"<colBreaks/>")
        assert plain_narrow_cells(data)
        assert ODD_OR_FAR_CELL.search(data) is None

    @pytest.mark.parametrize("tag", [
        b"<c>", b"<c/>", b'<c\nr="A1">', b'<c\tr="A1">', b'<c r="AB1">', b'<c r="A123456">',
        b'<c  r="A1">', b"<c r='A1'>", b'<c r="a1">', b'<c r="A">', b'<c s="1" r="A1">',
    ])
    def test_each_odd_or_far_tag_is_not_proved(self, tag: bytes) -> None:
        data = sheet(tag + b"<v>1</v></c>")
        assert ODD_OR_FAR_CELL.search(data) is not None
        assert not plain_narrow_cells(data)

    def test_row_of_five_digits_is_proved(self) -> None:
        assert plain_narrow_cells(sheet(b'<c r="Z99999"><v>1</v></c>'))

    def test_tag_at_the_very_end_is_left_to_the_regex(self) -> None:
        assert not plain_narrow_cells(BODY + b'<c r="A1"')

    def test_small_part_is_left_to_the_regex(self) -> None:
        assert not plain_narrow_cells(PLAIN_CELL)

    @settings(deadline=None, max_examples=80)
    @given(tag=st.binary(min_size=0, max_size=14))
    def test_never_proves_what_the_regex_finds(self, tag: bytes) -> None:
        data = sheet(b"<c" + tag + b">")
        if plain_narrow_cells(data):
            assert ODD_OR_FAR_CELL.search(data) is None


LIMITS = UploadLimits(max_shared_strings=3)


class TestMeasureLargeSheet:
    def test_plain_sheet(self) -> None:
        part = measure_sheet("s", sheet())
        assert (part.plain, part.error_cells, part.escapes) == (True, False, False)
        assert (part.columns, part.rows) == partscan.NARROW_SHORT_CELLS

    @pytest.mark.parametrize("error_type", [b't="e"', b"t='e'"])
    def test_error_cell(self, error_type: bytes) -> None:
        data = sheet(b'<c r="A9" ' + error_type + b"><v>#N/A</v></c>")
        assert measure_sheet("s", data).error_cells

    def test_single_quote_alone_is_no_error_cell(self) -> None:
        assert not measure_sheet("s", sheet(b"<c r=\"A9\" t=\"n\"><v>1</v></c><!-- 'x' -->")).error_cells

    def test_escape_in_an_inline_string(self) -> None:
        data = sheet(b'<c r="A9" t="inlineStr"><is><t>a_x000D_b</t></is></c>')
        assert measure_sheet("s", data).escapes

    def test_underscore_x_without_hex_is_no_escape(self) -> None:
        data = sheet(b'<c r="A9" t="inlineStr"><is><t>ind_x00G_</t></is></c>')
        assert not measure_sheet("s", data).escapes

    def test_prefixed_cell_is_not_plain(self) -> None:
        assert not measure_sheet("s", sheet(b'<x:c r="A9"><x:v>1</x:v></x:c>')).plain

    def test_far_cell_is_measured(self) -> None:
        part = measure_sheet("s", sheet(b'<c r="XFD1048576"><v>1</v></c>'))
        assert (part.plain, part.columns, part.rows) == (True, 16384, 1048576)

    @pytest.mark.parametrize("marker", [b"<si>", b"<x:si>"])
    def test_strings_over_the_limit_in_a_large_part(self, marker: bytes) -> None:
        data = sheet(marker * 4)
        with pytest.raises(FileRejected) as caught:
            partscan._check_strings("xl/other.xml", data, LIMITS)
        assert caught.value.fields["count"] == 4

    def test_strings_within_the_limit_are_counted(self) -> None:
        assert partscan._check_strings("xl/other.xml", sheet(b"<si>" * 3), LIMITS) == 3


class TestDoctype:
    @pytest.mark.parametrize("encoding", ["utf-8", "utf-16-le", "utf-16-be"])
    def test_doctype_in_each_encoding(self, encoding: str) -> None:
        data = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x/>'.encode(encoding)
        with pytest.raises(FileRejected):
            refuse_doctype("xl/workbook.xml", BODY + data)

    def test_exclamation_mark_without_doctype(self) -> None:
        refuse_doctype("s", sheet(b"<!-- Wow! -->"))
        refuse_doctype("s", sheet())

    def test_every_marker_holds_the_prefilter_byte(self) -> None:
        assert all(DOCTYPE_BYTE in marker for marker in DOCTYPE_MARKERS)
        assert len(b'<c r="A12345"x') == bytescan.CELL_TAG_SPAN
