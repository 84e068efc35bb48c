"""Find the header of a sheet and tell long from wide layout.

Long: indicator, region, year, value (and note, and the source columns).  Wide: indicator, region,
then one column per year (2021, 2021年).  Header names may be Chinese or
English, with units in brackets ("数值（万件）") or a required-field star; a
title row or two above the header is skipped.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter

from indicators.config import UploadLimits
from indicators.importing.issues import IssueLog, Where
from indicators.importing.sheet import HEADER_SEARCH_ROWS, RawSheet
from indicators.importing.values import clean_text, parse_year

HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "indicator_id": ("指标编码", "指标代码", "指标编号", "指标id", "编码", "代码", "indicator_id", "indicator code", "id", "code"),
    "indicator_name": ("指标", "指标名称", "指标名", "名称", "指标项", "indicator", "indicator_name", "name", "name_zh"),
    "region": ("地区", "区域", "地区编码", "地区代码", "地区名称", "行政区", "行政区划", "省份", "region", "region_code", "region_name", "area"),
    "year": ("年份", "年度", "年", "统计年份", "year"),
    "value": ("数值", "值", "数据", "指标值", "实际值", "完成值", "实绩", "实际完成值", "value", "actual", "amount"),
    "note": ("备注", "说明", "注释", "附注", "note", "notes", "remark", "remarks", "comment", "comments"),
    # Where the value was published (indicators.importing.sources); all optional.
    "source": ("来源", "出处", "数据来源", "资料来源", "发布来源", "source", "sources"),
    "url": ("链接", "网址", "来源链接", "原文链接", "url", "link", "web page"),
    "published": ("发布日期", "发布时间", "发布", "published", "publication date", "date published"),
    "quote": ("原文", "引文", "原文摘录", "quote", "quotation"),
    "unit": ("单位", "计量单位", "unit", "units"),
    # Known columns that carry nothing to import (the template's English name, a row number).
    "ignored": ("序号", "no", "no.", "#", "指标英文名称", "英文名称", "name_en", "类别", "分类", "category"),
}
# The template's instructions sheet, by language; the importer skips it silently.
INFO_SHEET_NAMES = {"zh": "说明", "en": "Instructions"}
REQUIRED_NAMES = {"indicator": ("指标", "indicator"), "region": ("地区", "region"), "year": ("年份", "year")}
BRACKETED = re.compile(r"[(\[（【〔].*?[)\]）】〕]")


def header_key(text: object) -> str:
    folded = unicodedata.normalize("NFKC", str(text)).casefold()
    folded = BRACKETED.sub("", folded)
    return re.sub(r"[\s_\-*:：]", "", folded)


ROLE_BY_HEADER = {
    header_key(alias): role for role, aliases in HEADER_ALIASES.items() for alias in aliases
}


@dataclass(frozen=True)
class Column:
    index: int
    header: str

    @property
    def letter(self) -> str:
        return get_column_letter(self.index + 1)


@dataclass(frozen=True)
class SheetLayout:
    sheet: str
    header_row: int
    roles: dict[str, Column]
    year_columns: tuple[tuple[int, Column], ...] = ()
    wide: bool = False
    extra: dict[str, Column] = field(default_factory=dict)

    def where(self, row: int, role: str | None = None, column: Column | None = None) -> Where:
        column = column or (self.roles.get(role) if role else None)
        if column is None:
            return Where(self.sheet, row)
        return Where(self.sheet, row, column.letter, column.header)


def find_layout(sheet: RawSheet, log: IssueLog, limits: UploadLimits) -> SheetLayout | None:
    """The sheet's layout, or None when it has no usable header.

    A sheet with no recognisable header at all is skipped with a warning; a
    header that names some columns but misses required ones is an error.
    """
    found = _header_row(sheet)
    if found is None:
        if sheet.name not in INFO_SHEET_NAMES.values():
            log.warn("skipped_sheet", Where(sheet.name), sheet=sheet.name)
        return None
    number, cells = found
    if sheet.width > limits.max_columns:
        log.error("too_many_columns", Where(sheet.name), count=sheet.width, limit=limits.max_columns)
        return None
    errors_before = len(log.errors)
    roles, extra, years = _classify(sheet.name, number, cells, log, limits)
    layout = _decide(sheet.name, number, roles, extra, years, log)
    return layout if len(log.errors) == errors_before else None


def _header_row(sheet: RawSheet) -> tuple[int, tuple[object, ...]] | None:
    for number, cells in sheet.rows[:HEADER_SEARCH_ROWS]:
        roles = {ROLE_BY_HEADER.get(header_key(cell)) for cell in cells if cell is not None}
        roles.discard(None)
        has_indicator = bool(roles & {"indicator_id", "indicator_name"})
        if (has_indicator or "region" in roles) and len(roles) >= 2:
            return number, cells
    return None


def _classify(sheet: str, number: int, cells: tuple[object, ...], log: IssueLog, limits: UploadLimits):  # noqa: ANN202
    roles: dict[str, Column] = {}
    extra: dict[str, Column] = {}
    years: dict[int, Column] = {}
    for index, cell in enumerate(cells):
        if cell is None:
            continue
        column = Column(index, clean_text(cell))
        where = Where(sheet, number, column.letter, column.header)
        role = ROLE_BY_HEADER.get(header_key(cell))
        year = parse_year(cell) if role is None else None
        if role == "ignored":
            continue
        if year is not None:
            if not limits.year_min <= year <= limits.year_max:
                log.error("header_year_out_of_range", where, year=year, low=limits.year_min, high=limits.year_max)
            elif year in years:
                log.error("duplicate_column", where, first=years[year].letter)
            else:
                years[year] = column
        elif role is None:
            log.warn("ignored_column", where, header=column.header)
        elif role in roles:
            _duplicate(role, column, roles[role], extra, log, where)
        else:
            roles[role] = column
    return roles, extra, years


def _duplicate(role: str, column: Column, first: Column, extra: dict[str, Column], log: IssueLog, where: Where) -> None:
    # Two value or year columns make every row ambiguous; a second name or
    # region column (code and name side by side) is merely redundant.
    if role in ("value", "year"):
        log.error("duplicate_column", where, first=first.letter)
    else:
        extra.setdefault(role, column)
        log.warn("ignored_column", where, header=column.header)


def _decide(sheet: str, number: int, roles: dict[str, Column], extra: dict[str, Column],
            years: dict[int, Column], log: IssueLog) -> SheetLayout:
    where = Where(sheet, number)
    zh = log.lang == "zh"
    if "indicator_id" not in roles and "indicator_name" not in roles:
        log.error("missing_column", where, column=REQUIRED_NAMES["indicator"][0 if zh else 1])
    if "region" not in roles:
        log.error("missing_column", where, column=REQUIRED_NAMES["region"][0 if zh else 1])
    if "value" in roles:
        if "year" not in roles:
            log.error("missing_column", where, column=REQUIRED_NAMES["year"][0 if zh else 1])
        if years:
            log.warn("ignored_year_columns", where)
        return SheetLayout(sheet, number, roles, (), False, extra)
    if not years:
        log.error("no_value_columns", where)
    if "year" in roles:
        year_column = roles["year"]
        year_where = Where(sheet, number, year_column.letter, year_column.header)
        log.warn("ignored_column", year_where, header=year_column.header)
    return SheetLayout(sheet, number, roles, tuple(sorted(years.items())), True, extra)
