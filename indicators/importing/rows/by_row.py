"""One row of a sheet checked cell by cell: the path that finds and words every problem.

Each problem is logged with its Excel location; a row with a problem yields
no record, but the rest of the sheet is still read so that the user sees
every problem at once.  reader.RowReader sends here only the rows the
column-wise path (by_column) could not pass.
"""

from __future__ import annotations

import difflib
import math
from dataclasses import dataclass
from typing import NamedTuple

from indicators.importing.issues import Where, render
from indicators.importing.layout import Column, SheetLayout
from indicators.importing.rows.facts import SeriesFacts
from indicators.importing.sources import SOURCE_ROLES, source_value
from indicators.importing.values import (
    clean_text,
    factor_label,
    format_number,
    magnitude_factor,
    magnitude_problem,
    parse_number,
    parse_year,
    tidy,
)
from indicators.registry import Indicator, normalise_label, unit_factor

NO_SOURCES = ("", "", "", "")


class Record(NamedTuple):
    indicator_id: str
    region: str
    year: int
    value: float
    note: str
    sheet: str
    row: int
    column: str
    # Where the value was published (importing.sources); after the others, so positions hold.
    source: str = ""
    url: str = ""
    published: str = ""
    quote: str = ""


@dataclass(frozen=True)
class RowContext:
    """What one row says about every value in it."""

    indicator: Indicator | None
    region: str | None
    unit_factor: float
    unit_given: str
    note: str
    sources: tuple[str, str, str, str] = ("", "", "", "")
    sources_ok: bool = True  # False: a source cell was refused (logged); the row gives no record

    @property
    def complete(self) -> bool:
        return self.indicator is not None and self.region is not None and self.unit_factor > 0


def cell_at(cells: tuple[object, ...], column: Column | None) -> object:
    if column is None or column.index >= len(cells):
        return None
    return cells[column.index]


class RowChecker:
    """Checks one data row cell by cell and logs every problem it finds, in order."""

    def __init__(self, facts: SeriesFacts) -> None:
        self.facts = facts
        self.registry = facts.registry
        self.limits = facts.limits
        self.log = facts.log

    def check_row(self, layout: SheetLayout, number: int, cells: tuple[object, ...]) -> list[Record]:
        """The records of one row; a row with a problem gives none (its problems are logged)."""
        if layout.wide:
            return self._wide_row(layout, number, cells)
        return self._long_row(layout, number, cells)

    def _wide_row(self, layout: SheetLayout, number: int, cells: tuple[object, ...]) -> list[Record]:
        filled = [(year, column) for year, column in layout.year_columns
                  if parse_number(cell_at(cells, column)).kind != "blank"]
        if not filled:
            return []  # an unfilled template row: no values, nothing to check
        context = self._context(layout, number, cells)
        records = []
        for year, column in filled:
            value = self._value(layout, number, column, cell_at(cells, column), context)
            if value is not None and context.complete and context.sources_ok:
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
        if value is None or year is None or not context.complete or not context.sources_ok:
            return []
        return [self._record(context, year, value, layout.sheet, number, value_column)]

    @staticmethod
    def _record(context: RowContext, year: int, value: float, sheet: str, row: int, column: Column) -> Record:
        return Record(context.indicator.id, context.region, year, value, context.note, sheet, row,
                      column.letter, *context.sources)

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
            self.facts.warn_without_target(layout, number, indicator, region)
        note = clean_text(cell_at(cells, layout.roles.get("note")))
        sources, sources_ok = self._sources(layout, number, cells)
        return RowContext(indicator, region, factor, unit_given, note, sources, sources_ok)

    def _sources(self, layout: SheetLayout, number: int,
                 cells: tuple[object, ...]) -> tuple[tuple[str, str, str, str], bool]:
        """The row's source cells as stored; each refused one is logged where it is."""
        if not any(role in layout.roles for role in SOURCE_ROLES):
            return NO_SOURCES, True  # source_value of a missing (None) cell, for every role
        texts, ok = [], True
        for role in SOURCE_ROLES:
            text, problem = source_value(role, cell_at(cells, layout.roles.get(role)))
            if problem is not None:
                self.log.error(problem.code, layout.where(number, role), **problem.fields)
                ok = False
            texts.append(text)
        return tuple(texts), ok  # type: ignore[return-value]

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
        name, unit = self.facts.name(indicator), indicator.unit
        if parsed.percent and not indicator.is_percentage:
            self.log.error("percent_sign", where, name=name, unit=unit)
            return None
        bounds = self.facts.bounds(indicator.id, context.region)
        if value < 0 and not bounds.negative_ok:
            self.log.error("negative_value", where, value=format_number(value), name=name, unit=unit)
            return None
        given = ""  # the value as the file gave it, when it was converted
        if converted:
            given = parsed.text or format_number(parsed.value)
            given += f" {context.unit_given}" if context.unit_factor != 1.0 else ""
        # Judged after conversion, in the indicator's own unit: "53770" in a 万件 column too.
        if self._implausible(value, given, parsed.percent, indicator, context.region, where):
            return None
        return value

    def _convert(self, value: float, magnitude: str, text: str, context: RowContext, where: Where) -> tuple[float, bool]:
        """Apply "4.5万" and a unit column in 万件; each conversion is reported."""
        unit = context.indicator.unit
        converted = False
        text = text or format_number(value)  # an Excel number has no text of its own
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

    def _implausible(self, value: float, given: str, percent_sign: bool, indicator: Indicator,
                     region: str, where: Where) -> bool:
        """Log why the value cannot be right for the series, if it cannot (values.PlausibleRange)."""
        bounds = self.facts.bounds(indicator.id, region)
        kind = bounds.problem(value)
        if kind is None:
            return False
        fields = {"value": format_number(value), "name": self.facts.name(indicator), "unit": indicator.unit}
        references = self.facts.references(indicator.id, region)
        problem = None if given or percent_sign else magnitude_problem(
            value, references, is_percentage=indicator.is_percentage, plausible_factor=bounds.factor)
        if kind == "range" and problem is not None:  # exactly 10^4, 10^8 or 100 off
            self.log.error(problem.code, where, **fields, reference=problem.reference,
                           suggested=format_number(problem.suggested),
                           factor=factor_label(problem.factor, self.log.lang))
        elif kind == "range":
            low, high = (-bounds.upper, bounds.upper) if value < 0 else (bounds.lower, bounds.upper)
            self.log.error("implausible_converted" if given else "implausible", where, **fields,
                           given=given, low=format_number(low), high=format_number(high),
                           factor=format_number(bounds.factor))
        else:
            self.log.error(f"above_{kind}" if kind != "limit" else "too_large", where, **fields,
                           ceiling=format_number(bounds.ceiling), limit=format_number(bounds.limit))
        return True
