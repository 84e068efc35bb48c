"""One column of a sheet's cells at a time, for the column-wise path (by_column).

Each function answers for a whole column what a per-cell function would, in C
loops where the column allows: a distinct cell is computed once (mapped), a
column of plain number texts is read by one regex and float(), and a column of
Excel numbers (ints and floats, as the xlsx readers give them) by numpy.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable

import numpy as np

from indicators.importing.layout import Column
from indicators.importing.values import parse_number

# What parse_number reads as a plain number without calling it (ASCII digits only:
# \d would also match other scripts' digits, which parse_number folds first).
PLAIN_NUMBER = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?")
NUMBER_CHARACTERS = re.compile(r"[0-9.eE+\-\n]*")
BLANK = "blank"  # a cell parse_number calls blank (no value); numbers are floats
# Cells whose text plain_numbers reads at once, and which mapped may key by value: a column
# mixing 1, 1.0 and True (one dict key, different cells) is keyed by type too.
NUMERIC_CELLS = {int, float, type(None)}
TEXT_KINDS = {str, type(None)}
SINGLE_NUMBER_KINDS = ({int}, {float}, set())


def cells_of(rows: list[tuple[int, tuple[object, ...]]], column: Column | None) -> list[object]:
    if column is None:
        return [None] * len(rows)
    index = column.index
    return [cells[index] if index < len(cells) else None for _, cells in rows]


def mapped(function: Callable[[object], object], cells: list[object]) -> list:
    """function(cell) for every cell, computed once per distinct cell."""
    distinct = dict.fromkeys(cells)
    kinds = set(map(type, distinct))
    # Of every cell, not only the distinct ones, when numbers may have been merged.
    if kinds <= TEXT_KINDS or set(map(type, cells)) - TEXT_KINDS in SINGLE_NUMBER_KINDS:
        for cell in distinct:
            distinct[cell] = function(cell)
        return list(map(distinct.__getitem__, cells))
    # 1, 1.0 and True are one dict key but different cells: key them with their type.
    cache: dict[object, object] = {}
    results = []
    for cell in cells:
        key = cell if cell.__class__ is str else (cell.__class__, cell)
        try:
            result = cache[key]
        except KeyError:
            result = cache[key] = function(cell)
        results.append(result)
    return results


def plain_numbers(cells: list[object]) -> list[float | str | None]:
    """plain_number of every cell; one regex over the whole column when all are plain text,
    numpy's conversion when all are numbers (or blank), as calamine gives an Excel column."""
    kinds = set(map(type, cells))
    if kinds and kinds <= NUMERIC_CELLS:
        try:
            return _plain_excel_numbers(cells)
        except OverflowError:  # an integer beyond a float: look at each cell
            pass
    if kinds == {str}:
        joined = "\n".join(cells)  # type: ignore[arg-type]
        # A cell holding a line break would add an item: the count guards against that.
        if joined.count("\n") == len(cells) - 1 and NUMBER_CHARACTERS.fullmatch(joined):
            try:
                # Within these characters float() reads exactly what PLAIN_NUMBER matches.
                return [value if math.isfinite(value) else None for value in map(float, cells)]
            except ValueError:  # "1e", "1.2.3", "+-1": look at each cell
                pass
    return mapped(plain_number, cells)


def _plain_excel_numbers(cells: list[object]) -> list[float | str | None]:
    """plain_number of every cell of a column of ints, floats and blanks (None -> NaN here)."""
    numbers = np.array(cells, dtype="float64")
    values = numbers.tolist()
    for position in np.flatnonzero(~np.isfinite(numbers)).tolist():
        values[position] = BLANK if cells[position] is None else None
    return values


def plain_number(cell: object) -> float | str | None:
    """The cell's value when parse_number reads it as a plain number (no %, 万, conversion);
    BLANK when it is blank; None for anything else (left to the row-by-row checks)."""
    if cell is None:
        return BLANK
    kind = cell.__class__
    if kind is float or kind is int:
        try:
            value = float(cell)
        except OverflowError:
            return None
        return value if math.isfinite(value) else None
    if kind is not str:
        return None
    if PLAIN_NUMBER.fullmatch(cell):
        value = float(cell)
        return value if math.isfinite(value) else None
    parsed = parse_number(cell)
    if parsed.kind == "blank":
        return BLANK
    if parsed.kind == "number" and not parsed.percent and not parsed.magnitude:
        return parsed.value
    return None
