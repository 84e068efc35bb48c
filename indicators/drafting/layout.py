"""Cut a plan's lines into spans: sentences across wrapped lines, headings, table rows.

Text copied from PDFs wraps a sentence over several lines (often with blank lines
between); a span joins them and remembers the line of each character, so a
target's `line` is the line where its number stands.  Each span knows the
heading it stands under, whether that heading is a review of the past
(发展基础, 规划背景), and the plan period in force.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from indicators.drafting import patterns as p
from indicators.drafting.goals import PERIOD_PROSE
from indicators.drafting.keyvalue import is_table_row
from indicators.drafting.numerals import parse_number
from indicators.drafting.patterns_unseen import (
    DURATION_GOAL,
    DURATION_PERIOD,
    DURATION_TO_YEAR,
    MAX_CAPTION_CHARS,
    TABLE_UNIT,
)
from indicators.drafting.tables import header_years
from indicators.drafting.text import PlanText
from indicators.drafting.years import is_title_line, period_of_title

# A text is hard-wrapped when most lines end mid-sentence.
WRAPPED_SHARE = 0.5


@dataclass(frozen=True)
class Span:
    text: str
    fold: str
    lines: tuple[int, ...]
    section: str
    past_section: bool
    period: tuple[int, int] | None
    is_row: bool = False
    starts_section: bool = False
    document: int = 0  # which plan of a file of several (each title starts one)
    table_unit: str = ""  # the unit of the table it stands in, from the caption (单位：亿元)

    def line_at(self, offset: int) -> int:
        return self.lines[min(max(offset, 0), len(self.lines) - 1)]


@dataclass
class _State:
    section: str = ""
    headings: list[tuple[int, bool]] = field(default_factory=list)
    period: tuple[int, int] | None = None
    text: list[str] = field(default_factory=list)
    fold: list[str] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    new_section: bool = True
    last_line: str = ""
    document: int = 0
    table_unit: str = ""

    @property
    def past(self) -> bool:
        return any(past for _, past in self.headings)

    def span(self, text: str, fold: str, lines: tuple[int, ...], is_row: bool = False) -> Span:
        span = Span(text, fold, lines, self.section, self.past, self.period, is_row,
                    self.new_section, self.document, self.table_unit)
        self.new_section = False
        return span


def split_spans(plan: PlanText) -> list[Span]:
    """Sentences, headings and table rows of the plan, in reading order."""
    state = _State()
    spans: list[Span] = []
    wrapped = is_wrapped(plan)
    for number, (line, fold) in enumerate(zip(plan.lines, plan.folds, strict=True), start=1):
        stripped = fold.strip()
        if not stripped:
            continue
        level = heading_level(stripped)
        row = is_table_row(stripped, state.table_unit)
        title = _may_start_title(state) and is_title_line(stripped)
        header = (not (level or row or title) and bool(header_years(stripped))
                  and not any(mark in stripped for mark in ",。;:"))
        _track_table_unit(state, stripped, bool(level or title), row or header)
        if level or row or title or header:  # a table header stands alone, like its rows
            spans += _flush(state)
            if title or level:
                _enter_heading(state, line.strip(), stripped, 0 if title else level)
            spans.append(state.span(line, fold, (number,) * len(line), is_row=row))
            state.last_line = ""
            continue
        state.text.append(line)
        state.fold.append(fold)
        state.last_line = "" if stripped[-1] in p.SENTENCE_END else stripped
        state.lines += [number] * len(line)
        spans += _complete_sentences(state, final=not wrapped)
    return spans + _flush(state)


def _track_table_unit(state: _State, fold: str, heading: bool, in_table: bool) -> None:
    """A caption's unit (表2 …（单位：亿元）) holds for the rows after it, up to a heading
    or a finished sentence."""
    caption = TABLE_UNIT.search(fold) if len(fold) <= MAX_CAPTION_CHARS else None
    if caption:
        state.table_unit = caption["unit"]
    elif heading or (not in_table and fold[-1] in p.SENTENCE_END):
        state.table_unit = ""


def is_wrapped(plan: PlanText) -> bool:
    if plan.kind == "docx":
        return False
    ends = [fold.rstrip()[-1] for fold in plan.folds if fold.strip()]
    open_ends = sum(1 for char in ends if char not in p.SENTENCE_END + ",:)”》")
    return plan.kind == "pdf" or open_ends > WRAPPED_SHARE * len(ends)


def heading_level(fold: str) -> int:
    if len(fold) > p.MAX_HEADING_CHARS or fold.endswith((",", "、")):
        return 0
    for pattern, level in p.HEADINGS:
        if pattern.match(fold):
            return level
    return 0


def _may_start_title(state: _State) -> bool:
    # A title starts a new document: after a finished sentence, or after a short
    # unfinished line such as the date that closes a covering notice.
    return len(state.last_line) <= p.TITLE_AFTER_CHARS


def _enter_heading(state: _State, text: str, fold: str, level: int) -> None:
    state.section = text.split("。")[0][: p.MAX_HEADING_CHARS]
    state.new_section = True
    if level == 0:  # a plan title starts afresh; a review (工作总结) is past throughout
        state.document += 1
        state.headings = [(0, bool(p.PAST_SECTIONS.search(fold)))]
        state.period = period_of_title(fold)
        return
    state.headings = [(lvl, past) for lvl, past in state.headings if lvl < level]
    past = bool(p.PAST_SECTIONS.search(fold)) and not p.TASK_HEADING.search(fold)
    state.headings.append((level, past))


def _complete_sentences(state: _State, final: bool) -> list[Span]:
    text, fold = "".join(state.text), "".join(state.fold)
    spans: list[Span] = []
    start = 0
    for offset, char in enumerate(fold):
        if char in p.SENTENCE_END:
            spans.append(_sentence(state, text, fold, start, offset + 1))
            start = offset + 1
    if final and start < len(fold):
        spans.append(_sentence(state, text, fold, start, len(fold)))
        start = len(fold)
    state.text, state.fold = [text[start:]], [fold[start:]]
    state.lines = state.lines[start:]
    return [span for span in spans if span.fold.strip()]


def _sentence(state: _State, text: str, fold: str, start: int, end: int) -> Span:
    _update_period(state, fold[start:end])
    return state.span(text[start:end], fold[start:end], tuple(state.lines[start:end]))


def _update_period(state: _State, fold: str) -> None:
    # "规划期为 2021—2025 年" in the preamble states the period in prose.
    if PERIOD_PROSE.search(fold):  # 试点期为2026年至2027年, 推动期程为…
        period = period_of_title(fold)
        if period:
            state.period = period
    elif state.period is None and (p.GOAL_SECTION.search(state.section)
                                   or DURATION_GOAL.search(fold)):
        # 力争用两年时间（2026—2027年）, 通过三年建设，到2027年 under 工作目标; a review's
        # 用三年时间（2021—2023年）完成了… states no period of this text.
        state.period = duration_period(fold)


def duration_period(fold: str) -> tuple[int, int] | None:
    """The period a duration states: its years in brackets, or its length up to a year."""
    if DURATION_PERIOD.search(fold):
        return period_of_title(fold)
    match = DURATION_TO_YEAR.search(fold)
    length = parse_number(match["years"]) if match else None
    if match is None or not length:
        return None
    end = int(match["end"])
    return (end - int(length) + 1, end)


def _flush(state: _State) -> list[Span]:
    spans = _complete_sentences(state, final=True)
    state.text, state.fold, state.lines = [], [], []
    return spans
