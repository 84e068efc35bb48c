"""Read the sheets of an uploaded .xlsx within the upload limits.

The container is checked first (indicators.importing.zipcheck: size, macros, DTD,
then partscan: shared strings, how far the cells reach).  Then calamine reads
the cells (indicators.importing.xlsx_calamine), giving what openpyxl gives; a
workbook it would read differently is read here by openpyxl instead, read-only,
cell values only (never formulas, so nothing is evaluated).  openpyxl's work
per row is bounded by the column limit: it pads a row with empty cells up to
its last cell, so one blank cell in column XFD would otherwise cost 16,384
cells on every row.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterable

import openpyxl
from openpyxl.cell.read_only import EMPTY_CELL

from indicators.config import UploadLimits
from indicators.importing.issues import FileRejected, SheetTooLarge
from indicators.importing.partscan import PartsScan
from indicators.importing.sheet import (
    HEADER_SEARCH_ROWS,
    RawSheet,
    RowBudget,
    check_width,
    shown_value,
    trim,
)
from indicators.importing.xlsx_calamine import NotForCalamine, read_with_calamine
from indicators.importing.zipcheck import ZIP_SIGNATURE, check_workbook_container

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, or any password-protected workbook
# The top rows, where the header may be, are read at full width so that no
# named column can hide right of the limit; further down, cells right of the
# limit have no header and would be ignored anyway.
FULL_WIDTH_ROWS = 100


def read_xlsx(content: bytes, limits: UploadLimits) -> list[RawSheet]:
    scan = check_is_workbook(content, limits)
    try:
        return read_with_calamine(content, limits, scan)
    except NotForCalamine:
        return read_with_openpyxl(content, limits)


def read_with_openpyxl(content: bytes, limits: UploadLimits) -> list[RawSheet]:
    """The workbook's sheets, streamed cell by cell (the container is already checked)."""
    with warnings.catch_warnings():
        # openpyxl warns about styles and extensions it ignores; they do not matter here.
        warnings.simplefilter("ignore")
        try:
            workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as exc:  # untrusted input: any parser failure means "unreadable"
            raise FileRejected("unreadable_xlsx", detail=type(exc).__name__) from None
        try:
            if len(workbook.sheetnames) > limits.max_sheets:
                raise FileRejected(
                    "too_many_sheets", count=len(workbook.sheetnames), limit=limits.max_sheets
                )
            budget = RowBudget(limits.max_rows)
            return [_read_worksheet(sheet, limits, budget) for sheet in workbook.worksheets]
        except (FileRejected, SheetTooLarge):
            raise
        except Exception as exc:  # corrupt sheet XML surfaces only while iterating
            raise FileRejected("unreadable_xlsx", detail=type(exc).__name__) from None
        finally:
            workbook.close()


def check_is_workbook(content: bytes, limits: UploadLimits) -> PartsScan:
    if content.startswith(OLE_SIGNATURE):
        raise FileRejected("not_xlsx", hint="ole")
    if not content.startswith(ZIP_SIGNATURE):
        raise FileRejected("not_xlsx", hint="text" if b"\x00" not in content[:4096] else None)
    return check_workbook_container(content, limits)


class _SheetReader:
    def __init__(self, sheet, limits: UploadLimits, budget: RowBudget) -> None:  # noqa: ANN001
        self.sheet = sheet
        self.limits = limits
        self.budget = budget
        self.rows: list[tuple[int, tuple[object, ...]]] = []

    def read(self) -> RawSheet:
        # Without this, a sheet whose stated dimension is huge is padded cell by cell.
        self.sheet.reset_dimensions()
        last_read, exhausted = self._top_rows()
        if not exhausted:
            start = last_read + 1
            narrow = self.sheet.iter_rows(min_row=start, max_col=self.limits.max_columns + 1)
            self._keep_rows(narrow, start)
        width = max((len(cells) for _, cells in self.rows), default=0)
        return RawSheet(self.sheet.title, self.rows, width)

    def _top_rows(self) -> tuple[int, bool]:
        """Full width until the header search rows are read; (last row, whether the sheet ended)."""
        number = 0
        for number, cells in enumerate(self.sheet.iter_rows(max_row=FULL_WIDTH_ROWS), start=1):
            self._keep(number, cells)
            if len(self.rows) >= HEADER_SEARCH_ROWS:
                return number, False
        return number, number < FULL_WIDTH_ROWS

    def _keep_rows(self, rows: Iterable[tuple], start: int) -> None:
        blank_filler = None
        for number, cells in enumerate(rows, start=start):
            # openpyxl yields one shared tuple for every row missing from the XML;
            # skipping it by identity keeps a lone row 1,048,576 cheap.
            if cells is blank_filler:
                continue
            if not self._keep(number, cells):
                blank_filler = cells

    def _keep(self, number: int, cells: tuple) -> bool:
        # openpyxl pads every row to max_col with one shared EMPTY_CELL; a row of
        # five values came with 96 of them, and reading each cost more than parsing.
        real = [cell for cell in cells if cell is not EMPTY_CELL]
        if not real:
            return False
        if real[-1].column == len(real) <= self.limits.max_columns:
            values = [_cell_value(cell) for cell in real]  # columns A.. without a gap
        else:
            values = [_cell_value(cell) for cell in cells]
            check_width(values, self.limits.max_columns, self.sheet.title, number)
        trimmed = trim(values)
        if trimmed:
            self.budget.take(self.sheet.title)
            self.rows.append((number, trimmed))
        return bool(trimmed)


def _read_worksheet(sheet, limits: UploadLimits, budget: RowBudget) -> RawSheet:  # noqa: ANN001
    return _SheetReader(sheet, limits, budget).read()


def _cell_value(cell) -> object:  # noqa: ANN001
    """The cell's value; a number shown as a percentage comes back as "13%" (sheet.shown_value)."""
    value = cell.value
    if isinstance(value, (int, float)) and not isinstance(value, bool):  # formats of numbers only
        return shown_value(value, getattr(cell, "number_format", None))
    return value
