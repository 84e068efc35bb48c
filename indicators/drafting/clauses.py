"""The state of reading one sentence: its year marks, the current clause, the cue."""

from __future__ import annotations

from dataclasses import dataclass, field

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
    year: int | None = None
    sentence_cue: Cue | None = None  # the last cue of the sentence being read


@dataclass
class Clause:
    """One clause (up to a comma) and what its earlier quantities left for the next ones."""

    start: int
    end: int
    seg_start: int
    cue: Cue | None = None
    names: list[tuple[int, int]] = field(default_factory=list)
    baseline: tuple[int | None, float] | None = None
    baseline_name: tuple[int, int] | None = None  # 全市…拥有量 in …拥有量由 5.1 件提高到 8 件
    exempt: set[int] = field(default_factory=set)


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
    """Start and end of the clause around `position` (commas, semicolons, colons)."""
    start = max((fold.rfind(mark, 0, position) for mark in p.CLAUSE_END), default=-1) + 1
    ends = [index for index in (fold.find(mark, position) for mark in p.CLAUSE_END) if index >= 0]
    return start, min(ends, default=len(fold))
