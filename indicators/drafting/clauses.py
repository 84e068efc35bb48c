"""The state of reading one sentence: its year marks, the current clause, the cue."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from indicators.drafting import patterns as p
from indicators.drafting.layout import Span
from indicators.drafting.years import YearMark


@dataclass(frozen=True)
class Cue:
    """How a quantity is set: the comparator, the word that set it, the kind it implies."""

    comparator: str
    wording: str
    kind: str
    guessed: bool = False
    ceiling: bool = False
    change: bool = False


@dataclass
class Context:
    """What sentences pass on to later ones: the fallback period and the last target year."""

    period: tuple[int, int] | None = None
    plain_after: int | None = None  # plain years later than this are goals, without a period
    year: int | None = None
    sentence_cue: Cue | None = None  # the last cue of the sentence being read
    # A past marker (“十三五”期间, 截至去年) goes on over ; up to the end of the sentence.
    past_carry: bool = False
    goal_line: int | None = None  # the line whose paragraph opens with 主要目标是:
    review_line: int | None = None  # the line whose paragraph reviews a past period
    this_year: int | None = None  # the year a one-year report's 今年 means
    goal_lead: bool = False  # a lead-in 力争两年内, goes on over ; (goals.floor_reach)
    listed_years: tuple[int, tuple[int, ...]] | None = None  # (line, years) for 分别 (bases.py)
    stats_line: int | None = None  # a paragraph of statistics in a text without a period
    interim_line: int | None = None  # the line whose plain year (2026年达到…) is context.year
    outer_year: int | None = None  # the year in force before that interim year


@dataclass
class Clause:
    """One clause (up to a comma) and what its earlier quantities left for the next ones."""

    start: int
    end: int
    seg_start: int
    cue: Cue | None = None
    names: list[tuple[int, int]] = field(default_factory=list)
    baseline: tuple[int | None, float | None] | None = None
    baseline_name: tuple[int, int] | None = None  # 全市…拥有量 in …拥有量由 5.1 件提高到 8 件
    last_name: tuple[int, int] | None = None  # the name the clause's last number took
    exempt: set[int] = field(default_factory=set)
    # 由现时的1%: from 由 to the baseline's number (its 现时/目前 state the start, not the past).
    baseline_span: tuple[int, int] = (0, 0)


@dataclass(frozen=True)
class Sentence:
    span: Span
    marks: list[YearMark]
    period: tuple[int, int] | None
    context: Context

    @property
    def fold(self) -> str:
        return self.span.fold


def clause_bounds(fold: str, position: int) -> tuple[int, int]:
    """Start and end of the clause around `position` (commas, semicolons, colons).

    A comma inside brackets, 3.2亿元(澳门元,下同), does not end a clause.
    """
    marks = clause_marks(fold)
    start = max((index for index in marks if index < position), default=-1) + 1
    return start, min((index for index in marks if index >= position), default=len(fold))


@lru_cache(maxsize=256)
def clause_marks(fold: str) -> tuple[int, ...]:
    """Positions of the clause ends outside brackets."""
    marks: list[int] = []
    depth = 0
    for index, char in enumerate(fold):
        if char in "(（[【":
            depth += 1
        elif char in ")）]】":
            depth = max(depth - 1, 0)
        elif char in p.CLAUSE_END and (depth == 0 or char in p.SENTENCE_END):
            if char == "," and p.THOUSANDS.match(fold, index - 1):
                continue  # 4,000间: a thousands separator, not a clause end
            marks.append(index)
    return tuple(marks)
