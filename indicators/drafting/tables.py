"""Rows of an indicator table copied as plain text.

    8 知识产权质押融资登记金额 亿元 66 140 预期性
    知识产权质押融资登记金额（亿元）	2180	3200	预期性

A row is a name, a unit (its own column or in brackets after the name), two
or more numbers and, often, 预期性/约束性.  The years of the number columns
come from the table's header (2020年 2025年); the earlier ones are baselines.

A table whose cells are split by | (a KPI table: …| 衡量指标 | 年度目标值 |) has its
target in the last filled cell (6场, 100%) and the name in the cell before; with no
word giving a direction its comparator is == (a plan table's rows with a baseline
column keep >=).

    一 | 推展会展活动(6%) | 1 | 统计数据 | 年度办理展会场数 | 6场 | |||
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from indicators.drafting import patterns as p
from indicators.drafting.numerals import ARABIC_NUMBER

# A table cell number may carry a footnote mark (11.6③) or be missing (—).
CELL_NUMBER = re.compile(rf"^(?P<num>{ARABIC_NUMBER})(?P<mark>[①-⑩*＊]*)$")
MISSING_CELLS = ("—", "-", "/", "--", "——", "…")
ROW_NUMBER = re.compile(r"^(?:#|\d{1,2}(?=\s|#|$)|[一二三四五六七八九十]{1,3}(?=\s))\s*")
UNIT_CELL = re.compile(rf"^(?:{p.MAGNITUDE})?{p.UNIT}$|^%$")
BRACKET_UNIT = re.compile(rf"\((?P<unit>(?:{p.MAGNITUDE})?{p.UNIT}|%)\)$")
ATTRIBUTE_CELL = {"预期性": "预期性", "约束性": "约束性", "预期": "预期性", "约束": "约束性"}
HEADER_YEAR = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)\s*年?(?:\s*[(（][^)）]*[)）])?")
HEADER_WORDS = ("指标", "单位", "年份", "属性", "序号")
# A header naming one target column: 2025年目标值, 103年 年度目标值 (a ROC year: 1911 + 103).
TARGET_HEADER = re.compile(r"(?:(?P<year>(?:19|20)\d\d)|(?<!\d)(?P<roc>1[01]\d))\s*年\s*\S{0,3}目标值?")
ROC_OFFSET = 1911
PIPE_CELL = re.compile(rf"^(?P<num>{ARABIC_NUMBER})\s*(?P<unit>(?:{p.MAGNITUDE})?{p.UNIT}|%)$")
MIN_PIPES = 1
MAX_NAME_CHARS = 40
# Marks of a sentence, not of a table cell's name.
NOT_IN_NAME = ",。;:、!?"


@dataclass(frozen=True)
class Row:
    name: str
    unit: str
    values: tuple[float | None, ...]
    attribute: str | None
    comparator: str = ">="
    name_span: tuple[int, int] | None = None  # where the name stands, when not at the start


def parse_row(fold: str) -> Row | None:
    """The cells of an indicator-table row, or None when the line is not one."""
    if fold.count("|") >= MIN_PIPES:
        return parse_pipe_row(fold)
    cells = fold.split()
    attribute = ATTRIBUTE_CELL.get(cells[-1]) if cells else None
    if attribute:
        cells = cells[:-1]
    values: list[float | None] = []
    while cells and (CELL_NUMBER.match(cells[-1]) or cells[-1] in MISSING_CELLS):
        match = CELL_NUMBER.match(cells.pop())
        values.insert(0, float(match["num"].replace(",", "")) if match else None)
    if not values and not attribute and len(cells) >= 2:
        return _two_column(cells)
    if sum(value is not None for value in values) < (1 if attribute else 2) or not cells:
        return None
    return _name_and_unit(cells, tuple(values), attribute)


def _two_column(cells: list[str]) -> Row | None:
    """指标 | 目标 flattened: 海外发明专利授权量 1200件 (a name, a space, one quantity)."""
    target = PIPE_CELL.match(cells[-1])
    name = " ".join(cells[:-1])
    if (target is None or not re.search(r"[\u4e00-\u9fff]", name) or len(name) > MAX_NAME_CHARS
            or any(mark in name for mark in NOT_IN_NAME)):
        return None
    return Row(name, target["unit"], (float(target["num"].replace(",", "")),), None,
               comparator="==")


def _name_and_unit(cells: list[str], values: tuple[float | None, ...],
                   attribute: str | None) -> Row | None:
    unit = ""
    if UNIT_CELL.match(cells[-1]):
        unit = cells.pop()
    name = ROW_NUMBER.sub("", " ".join(cells)).strip().lstrip("#").strip()
    bracket = BRACKET_UNIT.search(name)
    if not unit and bracket:
        unit, name = bracket["unit"], name[: bracket.start()].strip()
    if not unit or not re.search(r"[\u4e00-\u9fff]", name) or len(name) > 60:
        return None
    return Row(name, unit, values, attribute)


def parse_pipe_row(fold: str) -> Row | None:
    """A | row whose last filled cell is a quantity (6场, 100%), named by the cell before."""
    bounds, start = [], 0
    for index, char in enumerate(fold + "|"):
        if char == "|":
            text = fold[start:index]
            if text.strip():
                left = start + len(text) - len(text.lstrip())
                bounds.append((left, left + len(text.strip())))
            start = index + 1
    if len(bounds) < 2:
        return None
    target = PIPE_CELL.match(fold[slice(*bounds[-1])])
    name = fold[slice(*bounds[-2])]
    if target is None or not re.search(r"[\u4e00-\u9fff]", name):
        return None
    return Row(name, target["unit"], (float(target["num"].replace(",", "")),), None,
               comparator="==", name_span=bounds[-2])


def is_table_row(fold: str) -> bool:
    return parse_row(fold) is not None


def header_years(fold: str) -> tuple[int, ...]:
    """The years of a table header's number columns, or () when `fold` is no header."""
    if not any(word in fold.replace(" ", "") for word in HEADER_WORDS):
        return ()
    years = tuple(int(match["year"]) for match in HEADER_YEAR.finditer(fold))
    if len(years) >= 2:
        return years
    single = TARGET_HEADER.search(fold)
    if single is None:
        return ()
    return (int(single["year"]) if single["year"] else int(single["roc"]) + ROC_OFFSET,)


def row_columns(values: tuple[float | None, ...], years: tuple[int, ...],
                period: tuple[int, int] | None) -> list[tuple[int | None, float | None, bool]]:
    """(year, value, is_target) for each number cell, right-aligned to the header years."""
    if years and len(years) >= len(values):
        columns = years[len(years) - len(values):]
    elif period is not None and len(values) == 2:
        columns = (period[0] - 1, period[1])
    else:
        columns = (None,) * (len(values) - 1) + ((period[1] if period else None),)
    base = period[0] - 1 if period else (columns[0] if len(values) > 1 else None)
    return [(year, value, year is None or base is None or year > base)
            for year, value in zip(columns, values, strict=True)]

