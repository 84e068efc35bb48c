"""The column-at-a-time steps of the calamine reader (indicators.importing.xlsx_calamine):
floats to openpyxl's ints by numpy, and rows built over the dense columns."""

from __future__ import annotations

import pytest

from indicators.importing.xlsx_calamine import (
    NotForCalamine,
    _numbers,
    _rows_by_length,
    _rows_over_dense,
    plain_column,
)


class TestNumbers:
    def test_all_whole_become_ints(self) -> None:
        values = _numbers((2021.0, -0.0, 5.0))
        assert values == [2021, 0, 5]
        assert all(type(value) is int for value in values)

    def test_mixed_column_converts_the_whole_ones(self) -> None:
        values = _numbers((1.5, 2.0, -3.25))
        assert values == [1.5, 2, -3.25]
        assert [type(value) for value in values] == [float, int, float]

    def test_no_whole_number_keeps_the_column(self) -> None:
        column = (0.5, 1.25)
        assert _numbers(column) is column

    @pytest.mark.parametrize("cell", [float("inf"), float("-inf"), float("nan"), 2.0**53, -(2.0**53), 1e300])
    def test_beyond_exact_or_not_finite_goes_to_openpyxl(self, cell: float) -> None:
        with pytest.raises(NotForCalamine):
            _numbers((1.0, cell))

    def test_largest_exact_integer_is_read(self) -> None:
        assert _numbers((2.0**53 - 1,)) == [2**53 - 1]

    def test_plain_column_header_over_numbers(self) -> None:
        column = ("year", *([2021.0] * 20))
        assert plain_column(column) == ["year", *([2021] * 20)]


class TestRowsOverDense:
    def test_dense_columns_and_a_sparse_note(self) -> None:
        # Sixteen rows, so that one row with a note is within RAGGED_SHARE.
        columns = [("h", *"abcdefghijklmno"), ("x", *range(15)), ("note", *[None] * 15)]
        kept = _rows_over_dense(columns, range(1, 17))
        assert kept[:3] == [(1, ("h", "x", "note")), (2, ("a", 0)), (3, ("b", 1))]
        assert kept[-1] == (16, ("o", 14)) and len(kept) == 16

    def test_blank_inside_a_dense_row_is_kept(self) -> None:
        columns = [("a", None, *"cdefghijklmnop"), tuple(range(16)), (None, "n", *[None] * 14)]
        kept = _rows_over_dense(columns, range(5, 21))
        assert kept[:3] == [(5, ("a", 0)), (6, (None, 1, "n")), (7, ("c", 2))]

    def test_no_dense_column(self) -> None:
        assert _rows_over_dense([("a", None), (None, "b")], range(1, 3)) is None

    def test_many_ragged_rows_go_to_row_lengths(self) -> None:
        columns = [tuple("abcdefgh"), ("n", None, "n", None, None, None, None, None)]
        assert _rows_over_dense(columns, range(1, 9)) is None

    def test_same_rows_as_row_lengths(self) -> None:
        columns = [tuple(range(16)), tuple([None] * 15 + ["end"]), tuple([None] * 16)]
        numbers = range(3, 19)
        assert _rows_over_dense(columns, numbers) == _rows_by_length(columns, numbers)
