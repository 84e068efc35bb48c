"""Indicator-table rows written as key-value lines (see patterns_unseen.KEY_VALUE_*):

    指标1：每万人口高价值发明专利拥有量（件）；2025年：2.1；2030年：5；属性：预期性。

Each line is one table row that carries its own column years, so no header is needed;
the rest (baseline, direction, 〔〕 totals) is read as for any row (tables.row_targets).
"""

from __future__ import annotations

import re

from indicators.drafting import patterns_unseen as u
from indicators.drafting import tables
from indicators.drafting.tables import Row


def parse_row(fold: str, unit: str = "") -> Row | None:
    """A table row: a key-value line, else a row of cells (tables.parse_row; `unit`: the
    table's own, from its caption)."""
    return key_value_row(fold) or tables.parse_row(fold, unit)


def is_table_row(fold: str, unit: str = "") -> bool:
    return parse_row(fold, unit) is not None


def key_value_row(fold: str) -> Row | None:
    """The row a key-value line states, or None when the line is no such row."""
    if not u.KEY_VALUE_HINT.search(fold):
        return None  # two year keys at least: most lines are sentences (a quick test first)
    text = fold.strip().rstrip("。.")
    ending = u.KEY_VALUE_ATTRIBUTE_END.search(text)  # …2030年18万件（预期性）
    attribute = ending["attribute"] if ending else None
    text = text[: ending.start()] if ending else text
    split = next((mark for mark in u.KEY_VALUE_SPLITS if mark in text), u.KEY_VALUE_SPLITS[0])
    cells = [cell.strip() for cell in text.split(split)]
    head, _, first = cells[0].rpartition(":")
    if head and u.KEY_VALUE_YEAR.match(first.strip()):  # 有效注册商标量：2025年12万件
        cells[:1] = [head, first.strip()]
    name = u.KEY_VALUE_NAME.match(cells[0])
    years: list[int | None] = []
    values: list[str] = []
    unit = ""
    for cell in filter(None, cells[1:]):
        year, unit_cell = u.KEY_VALUE_YEAR.match(cell), u.KEY_VALUE_UNIT.match(cell)
        attribute_cell = u.KEY_VALUE_ATTRIBUTE.match(cell)
        if year:
            written = year["year"] or year["bracket"]
            years.append(int(written) if written else None)
            value = tables.PIPE_CELL.match(year["value"])  # 5件: the unit written in the cell
            unit = unit or (value["unit"] if value else "")
            values.append(value["num"] if value else year["value"])
        elif unit_cell:
            unit = unit_cell["unit"]
        elif attribute_cell:
            attribute = tables.ATTRIBUTE_CELL.get(attribute_cell["attribute"])
        else:
            return None  # a sentence with ; and a year in it, not a row
    known = [year for year in years if year is not None]
    if name is None or len(years) < u.MIN_KEY_VALUE_YEARS or known != sorted(known) or (
            known and len(known) < len(years)):
        return None  # 现状值 and 目标值 without years take the plan's (tables.row_columns)
    return _row(fold, name["name"], unit, known, values, attribute)


def _row(fold: str, name: str, unit: str, years: list[int], cells: list[str],
         attribute: str | None) -> Row | None:
    numbers, words, total, rates = tables.number_cells(list(cells))
    if len(numbers) != len(cells):
        return None  # a cell that is no number (2030年：显著提升)
    bracket = tables.BRACKET_UNIT.search(name)
    if bracket:
        unit, name = unit or bracket["unit"], name[: bracket.start()].strip()
    if not unit or not re.search(r"[\u4e00-\u9fff]", name):
        return None
    if unit == "%":
        numbers = [rates.get(index, value) for index, value in enumerate(numbers)]
    at = fold.find(name)
    return Row(name, unit, tuple(numbers), attribute, words=tuple(words), total=total,
               name_span=(at, at + len(name)) if at >= 0 else None, years=tuple(years))



