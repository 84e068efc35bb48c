"""Year phrases: which year a sentence sets a target for, and which years are past.

A plan's own period (the title's （2021—2025年）, 规划期为…, “十四五”) gives the
base year (the year before the period starts): a plain "2020年" at or before it
states a statistic, a later one a goal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from indicators.drafting import patterns as p
from indicators.drafting import patterns_unseen as u


@dataclass(frozen=True)
class YearMark:
    start: int
    end: int
    year: int
    target: bool  # sets a target year (到2025年), rather than naming a past one
    base: bool = False  # the year a change is measured from (比2020年, 在2021年的基础上)
    span: bool = False  # the end of a span of years (2006年至2015年)
    note: bool = False  # the year of a base value in brackets (（2025年为8.4件）): its own target's


def period_of_title(fold: str) -> tuple[int, int] | None:
    """(start, end) of a plan title: （2023—2025年）, a “十四五” name, 2024年…要点."""
    span = p.PERIOD_SPAN.search(fold)
    if span:
        start, end = int(span["start"]), int(span["end"])
        return (start, end) if start <= end else None
    named = p.PERIOD_NAME.search(fold)
    if named:
        return p.PERIODS[period_key(named)]
    single = p.PLAIN_YEAR.search(fold)
    return (int(single["year"]),) * 2 if single else None


def named_plan_periods(fold: str) -> list[tuple[int, int]]:
    """The periods of the plans a text names: 方案(2023—2027年), “十四五”规划, 第十五个五年规划."""
    spans = [(int(match["start"]), int(match["end"])) for match in p.PLAN_NAME_SPAN.finditer(fold)]
    named = [p.PERIODS[period_key(match)] for match in p.PLAN_NAME_PERIOD.finditer(fold)]
    return [period for period in spans + named if period[0] <= period[1]]


def period_key(match: re.Match[str]) -> str:
    """十四五 for “十四五” and for 第十四个五年规划."""
    return match["name"] or f"{match['long']}五"


def is_title_line(fold: str) -> bool:
    """A plan's title standing on its own line: short, unpunctuated, ending in 规划/方案…."""
    text = fold.strip()
    return (len(text) <= p.MAX_HEADING_CHARS and not any(mark in text for mark in ",。;:")
            and text.count("《") == text.count("》") and bool(p.TITLE_END.search(text)))


def year_marks(fold: str, period: tuple[int, int] | None,
               plain_after: int | None, goal_context: bool = False,
               goal_after: int | None = None) -> list[YearMark]:
    """Every year a sentence names, in order, marked target or past.

    A plain year (2025年，…) is a target when it is later than `plain_after`;
    `goal_context`: an earlier sentence of the section set a target year; `goal_after`: the
    base year of the plan's own period (a goal word after a year up to it sets no goal).
    """
    base = period[0] - 1 if period else None
    marks = base_year_marks(fold)
    for start, (year, span) in year_values(fold).items():  # 提升至2024年的53.3%: a plain year
        future = plain_after is not None and year > plain_after
        marks[start] = YearMark(start, start + 4, year, future, span=span)
    for pattern in (p.TO_YEAR, p.BY_YEAR):
        for match in pattern.finditer(fold):
            year = int(match["year"])
            if match.start("year") in marks:
                continue
            # 截至2025年底 in a 2026-2030 plan names the past, not a target year; in a report
            # without a period of its own too (截至2025年底,…达到16件), unless a goal word follows.
            future = base is None or year > base
            if match.group().startswith(u.AS_OF) and goal_after is None:
                future = future and _goal_follows(fold, match.end())
            marks[match.start("year")] = YearMark(match.start(), match.end(), year, future)
    for match in p.PLAIN_YEAR.finditer(fold):
        if match.start("year") in marks:
            continue
        year = int(match["year"])
        future = plain_after is not None and year > plain_after
        # 2025年全市…1386件,力争2026年达到…: a goal word after the plan's base year does not
        # make that year a goal.
        future = future or (_goal_follows(fold, match.end()) and (goal_after is None
                                                                  or year > goal_after))
        marks[match.start("year")] = YearMark(match.start(), match.end(), year, future)
    for match in u.STAGE_YEAR.finditer(fold):  # 近期目标（2026年）: the stage's target year
        marks[match.start("year")] = YearMark(match.start(), match.end(), int(match["year"]), True)
    marks.update(_period_marks(fold, period))
    if period and (goal_context or any(mark.target for mark in marks.values())):
        _plain_goals(fold, period, marks)
    return sorted(marks.values(), key=lambda mark: mark.start)


def _goal_follows(fold: str, end: int) -> bool:
    """2026年,全省将力争实现…: a goal word after a plain year sets its goals."""
    return bool(p.GOAL_AFTER_YEAR.match(fold, end))


def year_values(fold: str) -> dict[int, tuple[int, bool]]:
    """Years after 至/到 that name a year's value or end a span (增至2025年底的9.8万件,
    2006年至2015年), by the position of their digits: (year, ends a span), no target years."""
    return {match.start(group): (int(match[group]), group == "end")
            for match in p.YEAR_VALUE.finditer(fold) for group in ("year", "end") if match[group]}


def _plain_goals(fold: str, period: tuple[int, int], marks: dict[int, YearMark]) -> None:
    """…2017年达到4.5件,2020年达到7.5件: beside a target year, a plain year of the plan's
    period that a level word follows is a goal too (an interim one)."""
    for start, mark in list(marks.items()):
        if (not mark.target and not mark.base and period[0] <= mark.year <= period[1]
                and p.PLAIN_GOAL.match(fold, mark.end)):
            marks[start] = YearMark(mark.start, mark.end, mark.year, True)


def base_year_marks(fold: str) -> dict[int, YearMark]:
    """The baseline years of changes (比2020年翻一番), by the position of their digits."""
    marks: dict[int, YearMark] = {}
    for pattern in (*p.BASE_YEARS, *u.BASE_YEARS):
        for match in pattern.finditer(fold):
            marks[match.start("year")] = YearMark(match.start(), match.end(), int(match["year"]),
                                                  False, base=True, note=pattern is u.BASE_NOTE)
    return marks


def _period_marks(fold: str, period: tuple[int, int] | None) -> dict[int, YearMark]:
    marks: dict[int, YearMark] = {}
    for match in p.PERIOD_NAME.finditer(fold):
        if not match["when"]:
            continue
        start, end = p.PERIODS[period_key(match)]
        # Without a known period only 到“十三五”末 or …末 is sure to look ahead.
        future = end > period[0] - 1 if period else bool(match["to"] or "末" in match["when"])
        marks[match.start()] = YearMark(match.start(), match.end(), end, future)
    if period is not None:
        for match in p.PLAN_END.finditer(fold):
            marks[match.start()] = YearMark(match.start(), match.end(), period[1], True)
    return marks


def target_year_near(marks: list[YearMark], position: int) -> int | None:
    """The target year nearest before `position`, else the first one after it."""
    before = [mark for mark in marks if mark.target and mark.start < position]
    if before:
        return before[-1].year
    after = [mark for mark in marks if mark.target and mark.start >= position]
    return after[0].year if after else None


def has_past_year(marks: list[YearMark], start: int, end: int, exempt: set[int]) -> bool:
    """Whether a clause names a past year that is not a baseline's."""
    return any(not mark.target and not mark.base and start <= mark.start < end
               and mark.start not in exempt for mark in marks)


def base_year_before(marks: list[YearMark], position: int) -> int | None:
    """The baseline year the sentence names before `position`, if any."""
    years = [mark.year for mark in marks if mark.base and not mark.note and mark.start < position]
    return years[-1] if years else None
