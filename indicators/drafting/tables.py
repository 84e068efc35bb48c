"""Rows of an indicator table copied as plain text.

    8 知识产权质押融资登记金额 亿元 66 140 预期性
    知识产权质押融资登记金额（亿元）	2180	3200	预期性

A row is a name, a unit (its own column or in brackets after the name), two
or more numbers and, often, 预期性/约束性.  The years of the number columns
come from the table's header (2020年 2025年); the earlier ones are baselines.

A table whose cells are split by | (a KPI table: …| 衡量指标 | 年度目标值 |) has its
target in the last filled cell (6场, 100%) and the name in the cell before; with no
word giving a direction its comparator is == (a plan table's rows with a baseline
column take the direction from baseline to target: rise >=, fall <=).

    一 | 推展会展活动(6%) | 1 | 统计数据 | 年度办理展会场数 | 6场 | |||
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from indicators.drafting import patterns as p
from indicators.drafting.goals import period_end_years
from indicators.drafting.numerals import ARABIC_NUMBER

# A table cell number may carry a footnote mark (11.6③) or be missing (—).
# A cell may carry its own comparator, before (≤3) or after (85以上) the number.
CELL_NUMBER = re.compile(rf"^(?P<sign>[≤≥<>])?\s*(?P<num>{ARABIC_NUMBER})(?P<mark>[①-⑩*＊]*)"
                         r"(?P<word>以上|以下|以内|左右)?$")
# Cells of the columns after the years: a five-year total in 〔〕 (〔300〕) and a growth rate
# (6.5% in a row counted in 亿元); the total stands for a target the year column leaves blank.
TOTAL_CELL = re.compile(rf"^[〔\[](?P<num>{ARABIC_NUMBER})[〕\]]$")
RATE_CELL = re.compile(rf"^(?P<num>{ARABIC_NUMBER})%$")
CELL_WORDS = {"以上": ">=", "以下": "<=", "以内": "<=", "≤": "<=", "<": "<=", "≥": ">=", ">": ">="}
MISSING_CELLS = ("—", "-", "/", "--", "——", "…")
ROW_NUMBER = re.compile(r"^(?:#|\d{1,2}(?=\s|#|$)|[一二三四五六七八九十]{1,3}(?=\s))\s*")
# 月 stands alone in a unit column (平均结案周期 月 — ≤3), where no sentence reads it.
UNIT_CELL = re.compile(rf"^(?:{p.MAGNITUDE})?{p.UNIT}$|^%$|^月$")
BRACKET_UNIT = re.compile(rf"\((?P<unit>(?:{p.MAGNITUDE})?{p.UNIT}|%)\)$")
ATTRIBUTE_CELL = {"预期性": "预期性", "约束性": "约束性", "预期": "预期性", "约束": "约束性"}
HEADER_YEAR = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)\s*年?(?:\s*[(（][^)）]*[)）])?")
HEADER_WORDS = ("指标", "单位", "年份", "属性", "序号")
# A header naming one target column: 2025年目标值, 103年 年度目标值 (a ROC year: 1911 + 103).
TARGET_HEADER = re.compile(r"(?:(?P<year>(?:19|20)\d\d)|(?<!\d)(?P<roc>1[01]\d))\s*年\s*\S{0,3}目标值?")
ROC_OFFSET = 1911
PIPE_CELL = re.compile(rf"^(?P<num>{ARABIC_NUMBER})\s*(?P<unit>(?:{p.MAGNITUDE})?{p.UNIT}|%)$")
MIN_PIPES = 1
MIN_COMMAS = 2  # a comma-separated row: name, unit or a number, and two numbers at least
COMMA_ROW_END = re.compile(r",[^,]{1,8}$")  # the last cell is short: a number or 预期性
LEVEL_WORDS = re.compile(r"达到|突破|超过|提高|提升|增长|增加|力争|不低于|不少于|控制在")
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
    words: tuple[str, ...] = ()  # 以上/以内 written in each number cell (85以上)
    total: float | None = None  # a five-year total cell (〔300〕)
    years: tuple[int, ...] = ()  # the column years a row states itself (a key-value line)


@dataclass(frozen=True)
class TargetCell:
    """One target a row sets: its column's year, the value, how it is compared, its base."""

    year: int | None
    value: float
    comparator: str
    kind: str
    baseline: tuple[int | None, float | None]


def parse_row(fold: str, unit: str = "") -> Row | None:
    """The cells of an indicator-table row, or None when the line is not one; `unit`: the
    table's own (表2 …（单位：亿元）) for rows that write none."""
    if header_years(fold):
        return None  # 指标 | 单位 | 2026年 | 2027年: a header, its years are no values
    if fold.count("|") >= MIN_PIPES:
        return parse_pipe_row(fold, unit)
    if "\t" in fold.strip():  # tab-separated cells: the name is one cell (after 类别, 序号)
        return _named(fold, _cells_row([cell.strip() for cell in fold.split("\t") if cell.strip()],
                                       name_cell=True, unit=unit))
    if fold.count(",") >= MIN_COMMAS and COMMA_ROW_END.search(fold) and not any(
            mark in fold for mark in "。;:"):
        return _comma_row(fold, unit)
    return _cells_row(fold.split(), unit=unit)


def _comma_row(fold: str, unit: str) -> Row | None:
    """A table copied with its cells split by commas (有效发明专利量,件,800,950,1100); a
    sentence whose last clause is a bare number is none (its name holds a level word)."""
    row = _cells_row([cell.strip() for cell in fold.split(",") if cell.strip()],
                     two_column=False, name_cell=True, unit=unit)
    if row is None or LEVEL_WORDS.search(row.name):
        return None
    return _named(fold, row)


def _named(fold: str, row: Row | None) -> Row | None:
    """The row with where its name stands in `fold`."""
    if row is None:
        return None
    at = fold.find(row.name)
    return replace(row, name_span=(at, at + len(row.name))) if at >= 0 else row


def _cells_row(cells: list[str], two_column: bool = True, name_cell: bool = False,
               unit: str = "") -> Row | None:
    """A row from its cells: name, unit, number cells, attribute (the last three optional)."""
    attribute = ATTRIBUTE_CELL.get(cells[-1]) if cells else None
    if attribute:
        cells = cells[:-1]
    values, words, total, rates = number_cells(cells)
    if not values and not attribute and len(cells) >= 2:
        return _two_column(cells) if two_column else None
    if sum(value is not None for value in values) + (total is not None) < (
            1 if attribute else 2) or not cells:
        return None
    row = _name_and_unit(cells, tuple(values), attribute, name_cell, unit)
    if row is not None and row.unit == "%":  # 3.2% 3.5% in a row of shares are its values
        values = [rates.get(index, value) for index, value in enumerate(values)]
    return row and replace(row, values=tuple(values), words=tuple(words), total=total)


def number_cells(cells: list[str]) -> tuple[list[float | None], list[str], float | None,
                                             dict[int, float]]:
    """Pop the number cells off the end of `cells`: values (None for —, rates, totals), the
    word in each, the five-year total and the rates by index (a % row keeps them)."""
    found: list[tuple[float | None, str, str]] = []
    while cells:
        cell = cells[-1]
        match = CELL_NUMBER.match(cell) or TOTAL_CELL.match(cell) or RATE_CELL.match(cell)
        if match is None and cell not in MISSING_CELLS:
            break
        cells.pop()
        number = float(match["num"].replace(",", "")) if match else None
        kind = "" if match is None or match.re is CELL_NUMBER else (
            "total" if match.re is TOTAL_CELL else "rate")
        word = (match.groupdict().get("word") or match.groupdict().get("sign") or "") if match else ""
        found.insert(0, (number, kind, word))
    if len([cell for cell in found if cell[0] is not None]) >= 2 and all(
            kind == "total" for number, kind, _ in found if number is not None):
        # 〔1056〕 〔2500〕 (— in a rate column): a row counted in five-year totals has them
        # as its column values.
        found = [(number, "", word) for number, _, word in found]
    values = [number if kind == "" else None for number, kind, _ in found]
    total = next((number for number, kind, _ in found if kind == "total"), None)
    rates = {index: number for index, (number, kind, _) in enumerate(found)
             if kind == "rate" and number is not None}
    return values, [word for _, _, word in found], total, rates


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
                   attribute: str | None, name_cell: bool = False,
                   table_unit: str = "") -> Row | None:
    unit = ""
    if UNIT_CELL.match(cells[-1]):
        unit = cells.pop()
    if not cells:
        return None
    # Cells split by tabs or |: the name is the last text cell (序号, 类别 stand before it).
    name = ROW_NUMBER.sub("", cells[-1] if name_cell else " ".join(cells)).strip().lstrip("#").strip()
    bracket = BRACKET_UNIT.search(name)
    if not unit and bracket:
        unit, name = bracket["unit"], name[: bracket.start()].strip()
    unit = unit or table_unit
    if not unit or not re.search(r"[\u4e00-\u9fff]", name) or len(name) > 60:
        return None
    return Row(name, unit, values, attribute)


def parse_pipe_row(fold: str, unit: str = "") -> Row | None:
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
    # 有效发明专利拥有量 | 万件 | 3.2 | 3.6 | 4.0: number cells under year columns.
    row = _cells_row([fold[start:end] for start, end in bounds], two_column=False,
                     name_cell=True, unit=unit)
    if row is not None:
        return _named(fold, row)
    target = PIPE_CELL.match(fold[slice(*bounds[-1])])
    name = fold[slice(*bounds[-2])]
    if target is None or not re.search(r"[\u4e00-\u9fff]", name):
        return None
    return Row(name, target["unit"], (float(target["num"].replace(",", "")),), None,
               comparator="==", name_span=bounds[-2])


def row_targets(row: Row, years: tuple[int, ...],
                period: tuple[int, int] | None) -> list[TargetCell]:
    """The targets of a row: its target columns, else its five-year total (〔300〕)."""
    columns = row_columns(row.values, years, period)
    words = row.words or ("",) * len(row.values)
    bases = [(year, value) for year, value, target in columns if not target and value is not None]
    baseline = bases[-1] if bases else (None, None)
    kind = "annual" if p.ANNUAL_NAME.search(row.name) else "level"
    cells = [TargetCell(year, value, direction(row.comparator, baseline[1], value, word), kind,
                        baseline)
             for (year, value, target), word in zip(columns, words, strict=False)
             if target and value is not None]
    if not cells and row.total is not None and columns:
        cells = [TargetCell(columns[-1][0], row.total, "==", "cumulative", (None, None))]
    return cells


def direction(comparator: str, baseline: float | None, value: float, word: str = "") -> str:
    """A plan-table row's comparator: the cell's word (85以上), else from its baseline to its
    target (4.5 -> 3 个月 is a ceiling); with neither a cell states a plain value (==)."""
    if word in CELL_WORDS:
        return CELL_WORDS[word]
    if comparator != ">=" or baseline is None or baseline == value:
        return "=="
    return ">=" if value > baseline else "<="


def is_table_row(fold: str) -> bool:
    return parse_row(fold) is not None


def header_years(fold: str) -> tuple[int, ...]:
    """The years of a table header's number columns, or () when `fold` is no header."""
    if not any(word in fold.replace(" ", "") for word in HEADER_WORDS):
        return ()
    fold = period_end_years(fold)  # a “十四五”末 column is the 2025 column
    years = tuple(int(match["year"]) for match in HEADER_YEAR.finditer(fold))
    if len(years) >= 2:
        return years
    single = TARGET_HEADER.search(fold)
    if single is None:
        return ()
    return (int(single["year"]) if single["year"] else int(single["roc"]) + ROC_OFFSET,)


def row_columns(values: tuple[float | None, ...], years: tuple[int, ...],
                period: tuple[int, int] | None) -> list[tuple[int | None, float | None, bool]]:
    """(year, value, is_target) for each number cell, right-aligned to the header years;
    cells beyond the header's years (a rate or a total column) are left out."""
    if years and len(values) > len(years):
        values = values[: len(years)]
    if years and len(years) >= len(values):
        columns = years[len(years) - len(values):]
    elif period is not None and len(values) == 2:
        columns = (period[0] - 1, period[1])
    else:
        columns = (None,) * (len(values) - 1) + ((period[1] if period else None),)
    base = period[0] - 1 if period else (columns[0] if len(values) > 1 else None)
    return [(year, value, year is None or base is None or year > base)
            for year, value in zip(columns, values, strict=True)]

