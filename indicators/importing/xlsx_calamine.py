"""Read an .xlsx's cells with calamine (Rust), giving exactly what the openpyxl reader gives.

openpyxl parses a 50,000-row sheet in about 7 s; calamine in a few tenths.  The
two differ in details, and each difference is settled here so that every cell,
row number and message stays what indicators.importing.xlsx has always given:

- the workbook's structure (sheet names and order, which parts are worksheets,
  the styles, the 1900/1904 calendar) is read by openpyxl itself, which is quick,
  skipping only its shared strings and cells (indicators.importing.xlsx_structure);
  calamine reads the cells.
- calamine gives every number as a float: one Excel wrote as "5" comes back as
  openpyxl's int 5.  An integer beyond 2**53, an infinity or NaN may not be what
  openpyxl would give, so such a workbook goes to openpyxl.
- cells whose style shows a percentage or a date, and error cells (#N/A, whose
  text calamine drops), are taken from their XML text as openpyxl reads it
  (sheet.shown_value turns 0.13 shown as 13% into "13%", as before).
- calamine trims the spaces around a string that does not ask to keep them;
  every reader of a cell strips them (values.clean_text, sheet.is_blank), so
  nothing downstream can tell.
- anything else calamine would read differently (a date it formats on its own,
  `_x000D_` escapes, chart sheets, cells written unusually or spread over a
  grid of more than MAX_GRID_CELLS) raises NotForCalamine, and the caller reads
  the workbook with openpyxl.  So does any calamine failure: the message for a
  damaged file is openpyxl's, as before.
"""

from __future__ import annotations

import io
import zipfile
from itertools import compress, repeat
from operator import is_not, itemgetter

import numpy as np
from python_calamine import CalamineWorkbook

from indicators.config import UploadLimits
from indicators.importing.issues import FileRejected
from indicators.importing.partscan import PartsScan, SheetPart
from indicators.importing.sheet import (
    HEADER_SEARCH_ROWS,
    RawSheet,
    RowBudget,
    check_width,
    is_blank,
)
from indicators.importing.xlsx_structure import NotForCalamine, read_structure

__all__ = ["MAX_GRID_CELLS", "NotForCalamine", "read_with_calamine"]

# calamine holds the used range of a sheet as a dense grid, about 32 bytes a cell:
# 5 million cells (200,000 rows of 25 columns) is 160 MiB.  Sparser or larger sheets
# go to openpyxl, which streams.
MAX_GRID_CELLS = 5_000_000
# The rows where a header may be are read at full width (as xlsx.FULL_WIDTH_ROWS).
FULL_WIDTH_ROWS = 100
# plain_column reads this many top cells of a column one by one (its header, titles).
TOP_ROWS = 16
EXACT_FLOATS = 2.0**53
# _rows_over_dense trims rows one by one up to this share of the rows (1 in 8).
RAGGED_SHARE = 8


def read_with_calamine(content: bytes, limits: UploadLimits, scan: PartsScan) -> list[RawSheet]:
    if scan.strings_escaped:
        raise NotForCalamine("escaped shared strings")
    structure = read_structure(content)
    if len(structure.names) > limits.max_sheets:
        raise FileRejected("too_many_sheets", count=len(structure.names), limit=limits.max_sheets)
    parts = [_usable_part(scan, path) for _, path in structure.worksheets]
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(content))
    except Exception as exc:  # untrusted input: openpyxl gives the message it always gave
        raise NotForCalamine(type(exc).__name__) from None
    budget = RowBudget(limits.max_rows)
    with book, zipfile.ZipFile(io.BytesIO(content)) as archive:
        return [_SheetReader(book, title, limits, budget,
                             structure.overrides(archive, part)).read()
                for (title, _), part in zip(structure.worksheets, parts, strict=True)]


def _usable_part(scan: PartsScan, path: str) -> SheetPart:
    part = scan.sheets.get(path)
    if part is None or not part.plain or part.escapes or part.cells_bound > MAX_GRID_CELLS:
        raise NotForCalamine(path)
    return part


class _SheetReader:
    """One sheet's non-empty rows, as xlsx._SheetReader keeps them."""

    def __init__(self, book: CalamineWorkbook, title: str, limits: UploadLimits, budget: RowBudget,
                 overrides: dict[int, dict[int, object]]) -> None:
        self.book = book
        self.title = title
        self.limits = limits
        self.budget = budget
        self.overrides = overrides
        self.rows: list[tuple[int, tuple[object, ...]]] = []

    def read(self) -> RawSheet:
        try:
            sheet = self.book.get_sheet_by_name(self.title)
        except Exception as exc:  # untrusted input
            raise NotForCalamine(type(exc).__name__) from None
        start, end = sheet.start, sheet.end
        for row, columns in self.overrides.items():
            # A cell calamine left out of its grid (or an empty sheet) would lose its value.
            if start is None or not start[0] < row <= end[0] + 1 \
                    or not start[1] <= min(columns) <= max(columns) <= end[1]:
                raise NotForCalamine("override outside the grid")
        if start is not None:
            self._keep_rows(sheet, start)
        width = max(map(len, map(itemgetter(1), self.rows)), default=0)
        return RawSheet(self.title, self.rows, width)

    def _keep_rows(self, sheet, start: tuple[int, int]) -> None:  # noqa: ANN001
        first, offset = start
        grid = sheet.to_python()  # the used range: from its first row and first column
        for row, replaced in self.overrides.items():
            for column in replaced:
                grid[row - 1 - first][column - offset] = None  # calamine's reading may not be plain
        columns = [plain_column(column) for column in zip(*grid, strict=True)]
        while columns and not self.overrides and columns[-1].count(None) == len(grid):
            columns.pop()  # blank in every row: each row's trim would drop it
        columns[:0] = [(None,) * len(grid)] * offset
        if self.overrides or len(columns) > self.limits.max_columns:
            self._keep_each(columns, first)
        elif columns:
            self._keep_narrow(columns, first, len(grid))

    def _keep_narrow(self, columns: list, first: int, height: int) -> None:
        """The usual sheet: no override and no cell right of the limit, so a row needs
        no more than its trailing blanks dropped, and the rows are built by zip, in C."""
        numbers = range(first + 1, first + 1 + height)
        if None in columns[-1]:
            kept = _rows_over_dense(columns, numbers) or _rows_by_length(columns, numbers)
        else:
            kept = list(zip(numbers, zip(*columns, strict=True), strict=True))
        self.budget.take(self.title, len(kept))
        self.rows += kept

    def _keep_each(self, columns: list, first: int) -> None:
        """Row by row, as openpyxl's reader keeps them: overrides, narrowing, the width check."""
        full_width_until = FULL_WIDTH_ROWS
        narrow, limit, kept, take = self.limits.max_columns + 1, self.limits.max_columns, self.rows, \
            self.budget.take
        for number, values in enumerate(zip(*columns, strict=True), start=first + 1):
            if number in self.overrides:
                values = self._replaced(number, values)
            if number > full_width_until and len(values) > narrow:
                # openpyxl's reader reads no further right than one past the limit down here.
                values = values[:narrow]
            if len(values) > limit:
                check_width(values, limit, self.title, number)
            if values and values[-1] is None:
                values = values[:-1]  # often the one blank column of notes, so slice once first
                if values and values[-1] is None:
                    values = _trimmed(values)
            if values:
                take(self.title)
                kept.append((number, values))
                if len(kept) == HEADER_SEARCH_ROWS and number < full_width_until:
                    full_width_until = number

    def _replaced(self, number: int, values: tuple) -> tuple:
        cells = list(values)
        for column, value in self.overrides[number].items():
            cells[column] = None if is_blank(value) else value
        return tuple(cells)


def _rows_over_dense(columns: list, numbers: range) -> list | None:
    """The rows, where the columns up to some column have a value in every row and the
    columns right of it (notes, say) in few: each row is the dense columns, but for
    those few, trimmed one by one.  None for any other sheet."""
    dense = len(columns)
    while dense and None in columns[dense - 1]:
        dense -= 1
    if not dense:
        return None
    ragged: set[int] = set()
    for column in columns[dense:]:
        ragged.update(compress(range(len(numbers)), map(is_not, column, repeat(None))))
        if len(ragged) > len(numbers) // RAGGED_SHARE:
            return None  # trimming row by row costs more than _rows_by_length
    kept = list(zip(numbers, zip(*columns[:dense], strict=True), strict=True))
    for index in ragged:
        kept[index] = (numbers[index], _trimmed(tuple(column[index] for column in columns)))
    return kept


def _rows_by_length(columns: list, numbers: range) -> list:
    """The non-blank rows, each without its trailing blanks (None)."""
    width = len(columns)
    return [(number, values if length == width else values[:length])
            for number, values, length in zip(numbers, zip(*columns, strict=True),
                                              _row_lengths(columns, len(numbers)), strict=True)
            if length]


def _row_lengths(columns: list, height: int) -> list[int]:
    """Each row's length without its trailing blanks (None), 0 for a blank row."""
    filled = np.array([np.fromiter(map(is_not, column, repeat(None)), dtype=bool, count=height)
                       for column in reversed(columns)])
    lengths = np.where(filled.any(axis=0), len(columns) - filled.argmax(axis=0), 0)
    return lengths.tolist()


def _trimmed(values: tuple) -> tuple:
    """sheet.trim for a row whose blanks are None already."""
    end = len(values)
    while end and values[end - 1] is None:
        end -= 1
    return values[:end]


def plain_column(column: tuple) -> tuple | list:
    """One column of calamine's values as openpyxl gives them, blanks as None (sheet.trim's).

    Whole columns at a time where they are all text or all numbers: C loops
    (map, numpy) instead of a Python step per cell.
    """
    if len(column) <= TOP_ROWS:
        return plain_values(column)
    # A header and titles sit on top of data that is often all of one kind below.
    top = plain_values(column[:TOP_ROWS])
    top += _column_of_one_kind(column[TOP_ROWS:])  # extended in place: one copy of the rest
    return top


def _column_of_one_kind(column: tuple) -> tuple | list:
    kinds = set(map(type, column))
    if kinds == {str}:
        if any(map(str.isspace, column)):
            return [None if not cell or cell.isspace() else cell for cell in column]
        return [cell or None for cell in column] if "" in column else column
    if kinds == {float}:
        return _numbers(column)
    return plain_values(column)


def _numbers(column: tuple) -> tuple | list:
    """A column of floats as openpyxl reads them: whole numbers as ints, checked and
    converted by numpy at once (a Python step per cell was most of the reading)."""
    values = np.fromiter(column, dtype=float, count=len(column))
    if not np.isfinite(values).all():
        raise NotForCalamine("not a finite number")
    if np.abs(values).max() >= EXACT_FLOATS:
        _disagree(EXACT_FLOATS)
    whole = values == np.trunc(values)
    if whole.all():
        return values.astype(np.int64).tolist()  # openpyxl reads "2021" as the int 2021
    if not whole.any():
        return column
    mixed = list(column)
    for index in np.flatnonzero(whole).tolist():  # often a few: 1.0 among 1.5, 2.25 ...
        mixed[index] = int(column[index])
    return mixed


def plain_values(cells: tuple | list) -> list:
    """calamine's values as openpyxl gives them, blanks as None (sheet.trim's blank);
    NotForCalamine where the two cannot agree.

    One comprehension and no call for the usual cells (text, a finite number).
    `x - x == 0.0` is False for an infinity and NaN.
    """
    return [
        (None if not cell or cell.isspace() else cell) if (kind := cell.__class__) is str
        else (int(cell) if cell.is_integer() and -EXACT_FLOATS < cell < EXACT_FLOATS
              else cell if cell - cell == 0.0 and not cell.is_integer() else _disagree(cell))
        if kind is float
        else cell if kind is bool or kind is int or cell is None
        else _disagree(cell)
        for cell in cells
    ]


def _disagree(cell: object) -> object:
    if isinstance(cell, float):
        # openpyxl reads "5" as the int 5 and "9007199254740993" exactly; it cannot read
        # "nan"; it reads "1e999" as inf but "999...9" as an int.
        raise NotForCalamine("integer beyond a float's precision, infinity or NaN")
    raise NotForCalamine(type(cell).__name__)  # a date calamine found on its own
