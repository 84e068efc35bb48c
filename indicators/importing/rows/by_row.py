"""Read the data rows of one sheet into records, checking every cell.

Each problem is logged with its Excel location; a row with a problem yields
no record, but the rest of the sheet is still read so that the user sees
every problem at once.
"""

from __future__ import annotations

import bisect
import difflib
import math
from dataclasses import dataclass
from typing import NamedTuple

from indicators.config import UploadLimits
from indicators.importing.rows.by_column import plan_sheet
from indicators.importing.issues import IssueLog, Where, render
from indicators.importing.layout import Column, SheetLayout
from indicators.importing.sheet import RawSheet
from indicators.importing.values import (
    clean_text,
    factor_label,
    format_number,
    magnitude_factor,
    magnitude_problem,
    parse_number,
    parse_year,
    reference_values,
    tidy,
)
from indicators.registry.models import Indicator, unit_factor
from indicators.registry.loader import Registry, normalise_label


class Record(NamedTuple):
    indicator_id: str
    region: str
    year: int
    value: float
    note: str
    sheet: str
    row: int
    column: str


@dataclass(frozen=True)
class RowContext:
    """What one row says about every value in it."""

    indicator: Indicator | None
    region: str | None
    unit_factor: float
    unit_given: str
    note: str

    @property
    def complete(self) -> bool:
        return self.indicator is not None and self.region is not None and self.unit_factor > 0


def cell_at(cells: tuple[object, ...], column: Column | None) -> object:
    if column is None or column.index >= len(cells):
        return None
    return cells[column.index]


class RowParser:
    def __init__(self, registry: Registry, limits: UploadLimits, log: IssueLog) -> None:
        self.registry = registry
        self.limits = limits
        self.log = log
        self._references: dict[tuple[str, str], tuple[float, ...]] = {}
        self._warned_no_target: set[tuple[str, str]] = set()

    @property
    def warned_without_target(self) -> frozenset[tuple[str, str]]:
        return frozenset(self._warned_no_target)

    def parse_sheet(self, sheet: RawSheet, layout: SheetLayout) -> list[tuple]:
        """The sheet's records as tuples in Record's field order, in sheet order.

        Rows the column-wise checks (importer_columns) pass are taken as they
        are; every other row is checked here, cell by cell, in order.
        """
        plan = plan_sheet(self, sheet, layout)
        records: list[tuple] = []
        taken = 0
        for position in plan.slow:
            end = bisect.bisect_left(plan.positions, position, lo=taken)
            records += plan.records[taken:end]
            taken = end
            number, cells = plan.rows[position]
            checked = (self._wide_row(layout, number, cells) if layout.wide
                       else self._long_row(layout, number, cells))
            # Plain tuples like the fast path's: pandas infers other dtypes for named ones.
            records += [tuple(record) for record in checked]
        return records + plan.records[taken:]

    def _wide_row(self, layout: SheetLayout, number: int, cells: tuple[object, ...]) -> list[Record]:
        filled = [(year, column) for year, column in layout.year_columns
                  if parse_number(cell_at(cells, column)).kind != "blank"]
        if not filled:
            return []  # an unfilled template row: no values, nothing to check
        context = self._context(layout, number, cells)
        records = []
        for year, column in filled:
            value = self._value(layout, number, column, cell_at(cells, column), context)
            if value is not None and context.complete:
                records.append(self._record(context, year, value, layout.sheet, number, column))
        return records

    def _long_row(self, layout: SheetLayout, number: int, cells: tuple[object, ...]) -> list[Record]:
        value_column = layout.roles["value"]
        raw_value = cell_at(cells, value_column)
        if parse_number(raw_value).kind == "blank":
            self.log.warn("blank_value", layout.where(number, "value"))
            return []
        context = self._context(layout, number, cells)
        year = self._year(layout, number, cell_at(cells, layout.roles["year"]))
        value = self._value(layout, number, value_column, raw_value, context)
        if value is None or year is None or not context.complete:
            return []
        return [self._record(context, year, value, layout.sheet, number, value_column)]

    @staticmethod
    def _record(context: RowContext, year: int, value: float, sheet: str, row: int, column: Column) -> Record:
        return Record(context.indicator.id, context.region, year, value, context.note, sheet, row, column.letter)

    def _year(self, layout: SheetLayout, number: int, cell: object) -> int | None:
        where = layout.where(number, "year")
        if cell is None:
            self.log.error("missing_year", where)
            return None
        year = parse_year(cell)
        if year is None:
            self.log.error("bad_year", where, text=clean_text(cell))
        elif not self.limits.year_min <= year <= self.limits.year_max:
            self.log.error("year_out_of_range", where, year=year, low=self.limits.year_min, high=self.limits.year_max)
            return None
        return year

    def _context(self, layout: SheetLayout, number: int, cells: tuple[object, ...]) -> RowContext:
        indicator = self._indicator(layout, number, cells)
        region = self._region(layout, number, cell_at(cells, layout.roles.get("region")))
        unit_given = clean_text(cell_at(cells, layout.roles.get("unit")))
        factor = 1.0
        if indicator is not None and unit_given and unit_given != indicator.unit:
            try:
                factor = unit_factor(unit_given, indicator.unit)
            except ValueError:
                self.log.error("unit_mismatch", layout.where(number, "unit"), given=unit_given, unit=indicator.unit)
                factor = 0.0
        if indicator is not None and region is not None:
            self._warn_without_target(layout, number, indicator, region)
        note = clean_text(cell_at(cells, layout.roles.get("note")))
        return RowContext(indicator, region, factor, unit_given, note)

    def _indicator(self, layout: SheetLayout, number: int, cells: tuple[object, ...]) -> Indicator | None:
        given = [(role, clean_text(cell_at(cells, layout.roles.get(role))))
                 for role in ("indicator_id", "indicator_name") if role in layout.roles]
        given = [(role, text) for role, text in given if text]
        if not given:
            first_role = "indicator_id" if "indicator_id" in layout.roles else "indicator_name"
            self.log.error("missing_indicator", layout.where(number, first_role))
            return None
        found = {role: self.registry.resolve_indicator(text) for role, text in given}
        distinct = {ident for ident in found.values() if ident}
        if len(distinct) > 1:
            texts = dict(given)
            self.log.error("indicator_mismatch", layout.where(number, "indicator_id"),
                           id_text=texts["indicator_id"], name_text=texts["indicator_name"])
            return None
        if not distinct:
            role, text = given[0]
            self.log.error("unknown_indicator", layout.where(number, role), text=text,
                           suggestion=self._suggest_indicator(text))
            return None
        return self.registry.indicators[distinct.pop()]

    def _region(self, layout: SheetLayout, number: int, cell: object) -> str | None:
        text = clean_text(cell)
        where = layout.where(number, "region")
        if not text:
            self.log.error("missing_region", where)
            return None
        code = self.registry.resolve_region(text)
        if code is None:
            self.log.error("unknown_region", where, text=text, suggestion=self._suggest_region(text))
        return code

    def _suggest_indicator(self, text: str) -> str:
        labels = self.registry.indicator_labels()
        match = difflib.get_close_matches(normalise_label(text), list(labels), n=1, cutoff=0.4)
        if not match:
            return render("indicator_choices", self.log.lang)
        indicator = self.registry.indicators[labels[match[0]]]
        name = indicator.name_zh if self.log.lang == "zh" else indicator.name_en
        return render("suggest", self.log.lang, name=name, code=indicator.id)

    def _suggest_region(self, text: str) -> str:
        labels = self.registry.region_labels()
        match = difflib.get_close_matches(normalise_label(text), list(labels), n=1, cutoff=0.4)
        if not match:
            names = "、".join(region.name_zh for region in self.registry.regions.values())
            return render("region_choices", self.log.lang, choices=names)
        region = self.registry.regions[labels[match[0]]]
        name = region.name_zh if self.log.lang == "zh" else region.name_en
        return render("suggest", self.log.lang, name=name, code=region.code)

    def _warn_without_target(self, layout: SheetLayout, number: int, indicator: Indicator, region: str) -> None:
        key = (indicator.id, region)
        if key in self._warned_no_target or self.registry.targets_of(*key):
            return
        self._warned_no_target.add(key)
        self.log.warn("no_target", layout.where(number, "region"), name=self._name(indicator),
                      region=self._region_name(region))

    def _value(self, layout: SheetLayout, number: int, column: Column, cell: object,
               context: RowContext) -> float | None:
        where = layout.where(number, column=column)
        parsed = parse_number(cell)
        if parsed.kind != "number":
            self.log.error("bad_value", where, text=parsed.text or clean_text(cell))
            return None
        indicator = context.indicator
        if indicator is None or not context.complete:
            return None
        value, converted = self._convert(parsed.value, parsed.magnitude, parsed.text, context, where)
        if not math.isfinite(value):  # 1e300亿 overflows once converted
            self.log.error("bad_value", where, text=parsed.text or clean_text(cell))
            return None
        name, unit = self._name(indicator), indicator.unit
        if parsed.percent and not indicator.is_percentage:
            self.log.error("percent_sign", where, name=name, unit=unit)
            return None
        if value < 0 and not indicator.is_percentage:
            self.log.error("negative_value", where, value=format_number(value), name=name, unit=unit)
            return None
        if not (converted or parsed.percent) and self._implausible(value, indicator, context.region, where):
            return None
        return value

    def _convert(self, value: float, magnitude: str, text: str, context: RowContext, where: Where) -> tuple[float, bool]:
        """Apply "4.5万" and a unit column in 万件; each conversion is reported."""
        unit = context.indicator.unit
        converted = False
        if magnitude and not unit.startswith(magnitude):
            value = tidy(value * magnitude_factor(magnitude))
            converted = True
            self.log.warn("unit_converted", where, given=text, value=format_number(value), unit=unit)
        if context.unit_factor != 1.0:
            given = f"{text} {context.unit_given}"
            value = tidy(value * context.unit_factor)
            converted = True
            self.log.warn("unit_converted", where, given=given, value=format_number(value), unit=unit)
        return value, converted

    def references(self, indicator_id: str, region: str) -> tuple[float, ...]:
        key = (indicator_id, region)
        if key not in self._references:
            self._references[key] = reference_values(self.registry, *key)
        return self._references[key]

    def _implausible(self, value: float, indicator: Indicator, region: str, where: Where) -> bool:
        references = self.references(indicator.id, region)
        problem = magnitude_problem(value, references, is_percentage=indicator.is_percentage)
        if problem is None:
            return False
        self.log.error(problem.code, where, value=format_number(value), name=self._name(indicator),
                       unit=indicator.unit, reference=problem.reference,
                       suggested=format_number(problem.suggested),
                       factor=factor_label(problem.factor, self.log.lang))
        return True

    def _name(self, indicator: Indicator) -> str:
        return indicator.name_zh if self.log.lang == "zh" else indicator.name_en

    def _region_name(self, code: str) -> str:
        region = self.registry.regions[code]
        return region.name_zh if self.log.lang == "zh" else region.name_en
