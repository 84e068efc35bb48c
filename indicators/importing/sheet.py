"""The cells of one uploaded sheet, and the row limit shared by every sheet of a file."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from indicators.importing.issues import SheetTooLarge

# The header must be among a sheet's first non-empty rows (a title or two may sit above it).
HEADER_SEARCH_ROWS = 10


@dataclass(frozen=True)
class RawSheet:
    """Non-empty rows of one sheet as (Excel row number, cell values)."""

    name: str
    rows: list[tuple[int, tuple[object, ...]]]
    width: int


class RowBudget:
    """Counts non-empty rows across every sheet of one file against upload.max_rows."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.used = 0

    def take(self, sheet: str, count: int = 1) -> None:
        """Count `count` more rows of `sheet` (the message names the sheet, not the row)."""
        self.used += count
        if self.used > self.limit:
            raise SheetTooLarge("too_many_rows", sheet=sheet, limit=self.limit)


def trim(values: Iterable[object]) -> tuple[object, ...]:
    """Drop trailing empty cells; blank strings count as empty."""
    cells = [None if is_blank(value) else value for value in values]
    while cells and cells[-1] is None:
        cells.pop()
    return tuple(cells)


def shown_value(value: object, number_format: str | None) -> object:
    """A cell's value as staff mean it: a number shown as a percentage comes back as "13%".

    Typing 13% into Excel stores 0.13 with a % format; staff mean 13.  Both xlsx
    readers (openpyxl's and calamine's) go through here.
    """
    is_number = isinstance(value, (int, float)) and not isinstance(value, bool)
    if is_number and "%" in (number_format or ""):
        try:
            return f"{float(value) * 100:.12g}%"
        except OverflowError:  # an integer of hundreds of digits: the row check calls it no number
            return value
    return value


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def check_width(cells: tuple[object, ...] | list[object], max_columns: int, sheet: str,
                row: int) -> None:
    """SheetTooLarge when a value sits right of the column limit (blank cells there are fine)."""
    if len(cells) <= max_columns:
        return
    beyond = [index for index in range(max_columns, len(cells)) if not is_blank(cells[index])]
    if beyond:
        raise SheetTooLarge("too_many_columns", sheet=sheet, row=row, count=beyond[-1] + 1,
                            limit=max_columns)


def is_comment(cells: tuple[object, ...]) -> bool:
    """A row whose first non-empty cell starts with "#" (the template's notes to staff)."""
    first = cells[0] if cells and cells[0] is not None else next(
        (cell for cell in cells if cell is not None), None)
    return isinstance(first, str) and first.lstrip().startswith("#")
