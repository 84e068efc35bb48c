"""Baselines and years a goal sentence states around its targets (patterns_unseen):
a base with its value (在2025年…1300件的基础上), a base value in brackets after a target
（2025年为8.4件）, years that 分别 pairs with its values in order, and how far a target
year reaches (an interim one to the end of its line)."""

from __future__ import annotations

import re
from dataclasses import replace

from indicators.drafting import patterns as p
from indicators.drafting import patterns_unseen as u
from indicators.drafting.clauses import Clause, Context, clause_bounds
from indicators.drafting.layout import Span
from indicators.drafting.quantities import Quantity
from indicators.drafting.records import Finding
from indicators.drafting.years import YearMark


def _year_around(pattern: re.Pattern[str], fold: str, position: int) -> int | None:
    """The year of the `pattern` match whose body holds `position`, if any."""
    for match in pattern.finditer(fold):
        if match.start("body") <= position < match.end("body"):
            return int(match["year"])
    return None


def read_base(fold: str, quantity: Quantity, clause: Clause, findings: list[Finding]) -> bool:
    """Whether the quantity is a baseline's value (then recorded and no target): in
    在2025年…1300件的基础上 or 较2025年的14.6件 for the next target, in （2025年为8.4件） for the
    one before."""
    for pattern in (u.BASE_WITH_VALUE, u.BASE_COMPARED):
        year = _year_around(pattern, fold, quantity.start)
        if year is not None:
            clause.baseline = (year, quantity.value)
            return True
    year = _year_around(u.BASE_NOTE, fold, quantity.start)
    if year is None:
        return False
    last = findings[-1] if findings else None
    if last is not None and last.unit == quantity.unit and last.baseline_value is None:
        findings[-1] = replace(last, baseline_year=year, baseline_value=quantity.value)
    return True


def listed_years(fold: str) -> tuple[int, ...]:
    """The years a sentence lists (2026年、2027年; 2026—2028年), in order."""
    match = u.YEAR_LIST.search(fold)
    if match is None:
        return ()
    if match["start"]:
        start, end = int(match["start"]), int(match["end"])
        return tuple(range(start, end + 1)) if 0 < end - start < u.MAX_LISTED_YEARS else ()
    return tuple(int(year) for year in re.findall(r"(?:19|20)\d\d", match.group()))


def pair_years(fold: str, findings: list[Finding], starts: list[int], context: Context,
               line: int) -> list[Finding]:
    """…分别达到30亿元、38亿元、46亿元 after 2026—2028年: one listed year per value, in order,
    when the values after 分别 are as many as the years and share one name.  The years
    listed in one sentence reach the later sentences of its paragraph (line)."""
    years = listed_years(fold)
    if years:
        context.listed_years = (line, years)
    elif context.listed_years and context.listed_years[0] == line:
        years = context.listed_years[1]
    if not years:
        return findings
    paired = list(findings)
    for match in re.finditer(u.RESPECTIVELY, fold):
        end = clause_bounds(fold, match.end())[1]
        group = [index for index, start in enumerate(starts) if match.end() <= start < end]
        if len(group) == len(years) and len({findings[index].name for index in group}) == 1:
            for index, year in zip(group, years, strict=True):
                paired[index] = replace(findings[index], year=year, year_source="sentence")
    return paired


def carry_year(context: Context, span: Span, mark: YearMark) -> None:
    """The sentence's last target year goes on to the next sentences of its section; an
    interim plain year (力争2026年达到1500件、2028年达到2000件) only to the end of its line."""
    plain = span.fold[mark.start].isdigit() and not p.BY_YEAR.match(span.fold, mark.start)
    if plain and context.interim_line is None:
        context.outer_year = context.year
    elif not plain:
        context.outer_year = None
    context.interim_line = span.lines[-1] if plain else None
    context.year = mark.year


def end_interim_year(context: Context, line: int) -> None:
    """At a new line, an interim year gives way to the year in force before it."""
    if context.interim_line is not None and context.interim_line != line:
        context.year, context.interim_line = context.outer_year, None
