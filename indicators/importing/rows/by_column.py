"""The row checks of one sheet, column by column: the fast path.

A large upload is almost all plain rows: a known indicator and region, a year
in range and a plain number inside the plausible range.  Here each distinct
cell text is cleaned, parsed and resolved once, and the rows that cannot give
rise to any issue become records directly.  Every other row (one that may
carry an error or a warning, or the first row of a series without a target,
which is warned about) is left to by_row.RowChecker, which checks it cell by cell.
The issues, their wording, locations and order are therefore the row-by-row
checker's own; only rows that would have produced none are skipped by it.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from indicators.importing.layout import SheetLayout
from indicators.importing.rows.cells import (
    BLANK,
    cells_of,
    mapped,
    plain_number,
    plain_numbers,
)
from indicators.importing.rows.facts import SeriesFacts
from indicators.importing.sheet import RawSheet, is_comment
from indicators.importing.sources import SOURCE_ROLES, source_value
from indicators.importing.values import clean_text, parse_year

__all__ = ["BLANK", "SheetPlan", "mapped", "plain_number", "plain_numbers", "plan_sheet"]

# indicator, region, year, value, note, sheet, row, column, then source, url, published, quote.
RecordTuple = tuple[str, str, int, float, str, str, int, str, str, str, str, str]


@dataclass(frozen=True)
class SheetPlan:
    """A sheet's data rows, the records of the rows passed here and the rows left over."""

    rows: list[tuple[int, tuple[object, ...]]]
    records: list[RecordTuple]  # in sheet order
    positions: list[int]  # the position in rows of each record's row
    slow: list[int]  # positions of the rows RowChecker must check cell by cell, ascending


@dataclass(frozen=True)
class RowContexts:
    """Per data row: the resolved indicator and region (None: not resolved), unit, note,
    and the source cells as stored (sources_ok False: one is refused, RowChecker says why)."""

    indicator: list[str | None]
    region: list[str | None]
    unit_ok: list[bool]
    note: list[str]
    sources: tuple[list[str], ...]  # one list per SOURCE_ROLES field
    sources_ok: np.ndarray


def plan_sheet(facts: SeriesFacts, sheet: RawSheet, layout: SheetLayout) -> SheetPlan:
    # is_comment only where the first cell could start one (no call for a row of data).
    rows = [(number, cells) for number, cells in sheet.rows if number > layout.header_row
            and not ((not cells or cells[0] is None or (isinstance(cells[0], str) and "#" in cells[0]))
                     and is_comment(cells))]
    contexts = _contexts(facts, layout, rows)
    if layout.wide:
        return _wide_plan(facts, layout, rows, contexts)
    return _long_plan(facts, layout, rows, contexts)


def _contexts(facts: SeriesFacts, layout: SheetLayout, rows: list) -> RowContexts:
    registry = facts.registry

    def resolve_indicator(cell: object) -> str | None:
        text = clean_text(cell)
        return registry.resolve_indicator(text) if text else None

    def resolve_region(cell: object) -> str | None:
        text = clean_text(cell)
        return registry.resolve_region(text) if text else None

    by_id = mapped(resolve_indicator, cells_of(rows, layout.roles.get("indicator_id")))
    by_name = mapped(resolve_indicator, cells_of(rows, layout.roles.get("indicator_name")))
    # One of them resolved, or both to the same indicator (RowChecker._indicator).
    indicator = [(by_id_one if by_name_one is None or by_name_one == by_id_one else None)
                 if by_id_one is not None else by_name_one
                 for by_id_one, by_name_one in zip(by_id, by_name, strict=True)]
    region = mapped(resolve_region, cells_of(rows, layout.roles.get("region")))
    units = mapped(clean_text, cells_of(rows, layout.roles.get("unit")))
    unit_ok = [not unit or (ident is not None and unit == registry.indicators[ident].unit)
               for unit, ident in zip(units, indicator, strict=True)]
    note = mapped(clean_text, cells_of(rows, layout.roles.get("note")))
    sources, sources_ok = _sources(layout, rows)
    return RowContexts(indicator, region, unit_ok, note, sources, sources_ok)


def _sources(layout: SheetLayout, rows: list) -> tuple[tuple[list[str], ...], np.ndarray]:
    """Each row's source texts and whether all of them are accepted (importing.sources)."""
    ok = np.ones(len(rows), dtype=bool)
    columns = []
    for role in SOURCE_ROLES:
        if role not in layout.roles:
            columns.append([""] * len(rows))
            continue
        checked = mapped(lambda cell, role=role: source_value(role, cell),
                         cells_of(rows, layout.roles[role]))
        ok &= np.array([problem is None for _, problem in checked], dtype=bool)
        columns.append([text for text, _ in checked])
    return tuple(columns), ok


def _long_plan(facts: SeriesFacts, layout: SheetLayout, rows: list, contexts: RowContexts) -> SheetPlan:
    value_column = layout.roles["value"]
    values = plain_numbers(cells_of(rows, value_column))
    years = mapped(lambda cell: _year(facts, cell), cells_of(rows, layout.roles["year"]))
    series = SeriesChecks(facts, contexts)
    blank = np.array([value is BLANK for value in values], dtype=bool)
    numbers = _numbers(values)
    fast = (series.fits(numbers) & ~series.first_without_target(~blank)
            & np.array([year is not None for year in years], dtype=bool) & contexts.sources_ok)
    keep = fast.tolist()

    def kept(column: list) -> list:
        return list(itertools.compress(column, keep))

    count = int(fast.sum())
    records = list(zip(kept(contexts.indicator), kept(contexts.region), kept(years), kept(values),
                       kept(contexts.note), [layout.sheet] * count, kept([number for number, _ in rows]),
                       [value_column.letter] * count, *map(kept, contexts.sources), strict=True))
    return SheetPlan(rows, records, np.flatnonzero(fast).tolist(), np.flatnonzero(~fast).tolist())


def _wide_plan(facts: SeriesFacts, layout: SheetLayout, rows: list, contexts: RowContexts) -> SheetPlan:
    series = SeriesChecks(facts, contexts)
    columns = []
    filled = np.zeros(len(rows), dtype=bool)
    fast = np.ones(len(rows), dtype=bool)
    for year, column in layout.year_columns:
        values = plain_numbers(cells_of(rows, column))
        blank = np.array([value is BLANK for value in values], dtype=bool)
        filled |= ~blank
        fast &= blank | series.fits(_numbers(values))
        columns.append((year, column.letter, values))
    fast &= ~series.first_without_target(filled) & contexts.sources_ok
    # An unfilled template row has nothing to check and nothing to store: in neither list.
    records: list[RecordTuple] = []
    positions: list[int] = []
    for position in np.flatnonzero(fast & filled).tolist():
        indicator, region = contexts.indicator[position], contexts.region[position]
        note, number = contexts.note[position], rows[position][0]
        sources = tuple(column[position] for column in contexts.sources)
        found = [(indicator, region, year, values[position], note, layout.sheet, number, letter, *sources)
                 for year, letter, values in columns if values[position] is not BLANK]
        records += found
        positions += [position] * len(found)
    return SheetPlan(rows, records, positions, np.flatnonzero(filled & ~fast).tolist())


def _numbers(values: list[float | str | None]) -> np.ndarray:
    """The plain numbers as floats, NaN for the rest (plain numbers are finite)."""
    return np.array([value if value.__class__ is float else np.nan for value in values], dtype="float64")


def _year(facts: SeriesFacts, cell: object) -> int | None:
    """The year when RowChecker._year accepts it silently, else None."""
    if cell is None:
        return None
    year = parse_year(cell)
    limits = facts.limits
    return year if year is not None and limits.year_min <= year <= limits.year_max else None


class SeriesChecks:
    """What RowChecker checks per series (indicator, region), computed once per series."""

    def __init__(self, facts: SeriesFacts, contexts: RowContexts) -> None:
        self.facts = facts
        keys = list(zip(contexts.indicator, contexts.region, strict=True))
        self.keys = list(dict.fromkeys(keys))  # in order of first appearance
        index = {key: code for code, key in enumerate(self.keys)}
        self.codes = np.fromiter(map(index.__getitem__, keys), dtype=np.int64, count=len(keys))
        table = np.array([self._series(*key) for key in self.keys], dtype="float64").reshape(-1, 7)
        # Per row: resolved (and unit fine), has a target, then its values.PlausibleRange:
        # lower, upper, ceiling, limit, whether negatives are fine.
        (resolved, self.has_target, self.lower, self.upper, self.ceiling, self.limit,
         negative_ok) = table[self.codes].T
        self.resolved = resolved.astype(bool)
        self.negative_ok = negative_ok.astype(bool)
        self.complete = self.resolved & np.array(contexts.unit_ok, dtype=bool)

    def _series(self, indicator: str | None, region: str | None) -> tuple[float, ...]:
        if indicator is None or region is None:
            return (0.0, 1.0, np.nan, np.nan, np.inf, np.inf, 0.0)
        bounds = self.facts.bounds(indicator, region)
        return (1.0, float(bool(self.facts.registry.targets_of(indicator, region))), bounds.lower,
                bounds.upper, bounds.ceiling, bounds.limit, float(bounds.negative_ok))

    def fits(self, numbers: np.ndarray) -> np.ndarray:
        """No error for the number: a plain number in a complete row, sign and magnitude fit
        (RowChecker._value: negative_value, then PlausibleRange.problem)."""
        sign_ok = (numbers >= 0) | self.negative_ok
        return ~np.isnan(numbers) & self.complete & sign_ok & ~self._unit_mistake(numbers)

    def _unit_mistake(self, numbers: np.ndarray) -> np.ndarray:
        """PlausibleRange.problem(...) is not None, for whole columns, with its very comparisons
        (every implausible value is an error, a unit mistake or not)."""
        size = np.abs(numbers)
        return ((numbers > self.ceiling) | ((numbers > 0) & (numbers < self.lower))
                | (size > self.upper) | (size > self.limit))

    def first_without_target(self, evaluated: np.ndarray) -> np.ndarray:
        """The row RowChecker warns about for a series without target (its first evaluated
        row, unless an earlier sheet already had one)."""
        candidates = np.flatnonzero(evaluated & self.resolved & (self.has_target == 0))
        first = np.zeros(len(self.codes), dtype=bool)
        if candidates.size == 0:
            return first
        _, first_of_code = np.unique(self.codes[candidates], return_index=True)
        warned = self.facts.warned_without_target
        for position in candidates[first_of_code].tolist():
            first[position] = self.keys[self.codes[position]] not in warned
        return first
