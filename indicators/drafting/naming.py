"""A target's name, quote and fields, from where its quantity stands in the sentence.

The name is read before the number (每万人口高价值发明专利拥有量达到 12 件) or,
when a verb leads straight to it, after the unit (建设 6 个以上 …保护平台).
Names and quotes are cut from the original characters, so traditional text
stays traditional.
"""

from __future__ import annotations

import re

from indicators.drafting import patterns as p
from indicators.drafting import patterns_unseen as u
from indicators.drafting.clauses import Clause, Cue, Sentence, clause_bounds
from indicators.drafting.quantities import Quantity
from indicators.drafting.records import Finding
from indicators.drafting.years import base_year_before, target_year_near

QUOTED_ONLY = re.compile(r"^(?:\s*[“\"《][^”\"》]*[”\"》])+\s*$")
# 及 and 和 inside words (惠及, 涉及, 普及, 总和) do not split a list.
SPLIT_LIST = re.compile(r"、|(?<![总调缓])和|(?<![惠涉普以波危触])及(?!时)|与")
ENUMERATION = re.compile(r"、")
MAX_NAME = 40
# A space between two Chinese characters is a line join, not part of a name.
CJK_GAP = re.compile(r"(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])")
STRIP = " \t,;:。、“”\"()|"
# Words written after a number that are no name (达到全市前3水平).
FILLER_NAMES = ("水平", "目标", "左右", "标准", "以上")
# A later item of a list this short shares the first item's head: 融资余额和户数 -> 融资户数.
MAX_SHARED_TAIL = 3
YEAR_TAIL = re.compile(r"\s*(?:底|末)?\s*(?:或)?(?:之前|以前|前)")
VERBS = frozenset(verb for verb, _ in p.COUNT_VERBS)
# Levels named by one character each before 两级/三级 (市、县两级): 市级, 县级.
LEVELS = re.compile(r"([省市县区乡镇村])级?、([省市县区乡镇村])级?(?:、([省市县区乡镇村])级?)?"
                    r"[两三四]级")
MAX_ACTION = 2  # 评价、筛选、登记: the longest item read as an action, not a name
COVERED_COUNT = re.compile(r"(?:全[国省市县区])?\s*\d+\s*[所家个项座]")


def trim(fold: str, start: int, end: int) -> tuple[int, int]:
    """Drop filler words and punctuation at both ends of fold[start:end]."""
    lead = p.NAME_LEAD.match(fold, start, end)
    if lead:
        start = lead.end()
    tail = p.NAME_TAIL.search(fold[start:end])
    if tail:
        end = start + tail.start()
    while start < end and fold[start] in STRIP and not _opens_quote(fold, start, end):
        start += 1
    while end > start and fold[end - 1] in STRIP and not _closes_quote(fold, start, end):
        end -= 1
    return start, end


def _opens_quote(fold: str, start: int, end: int) -> bool:
    return fold[start] in "“(" and any(mark in fold[start:end] for mark in "”)")


def _closes_quote(fold: str, start: int, end: int) -> bool:
    return fold[end - 1] in "”)" and any(mark in fold[start:end] for mark in "“(")


def names_for(sentence: Sentence, quantity: Quantity, clause: Clause,
              name_range: tuple[int, int]) -> list[tuple[int, int]]:
    """The name range(s) in the fold for one quantity; coverage lists give several."""
    names = _names(sentence, quantity, clause, name_range)
    if names and names[-1][1] - names[-1][0] >= 2:
        clause.last_name = names[-1]
    return names


def _names(sentence: Sentence, quantity: Quantity, clause: Clause,
           name_range: tuple[int, int]) -> list[tuple[int, int]]:
    fold = sentence.fold
    start, end = trim(fold, *name_range)
    start, end = _around_year(sentence, start, end)
    if fold[start:end] in VERBS:
        start = end  # 吸引不少于100家创科企业: the verb is no name; the name follows
    if fold[start:end].endswith("分别"):
        subject = _previous_subject(fold, clause) if end - start <= 2 else (start, end - 2)
        parts = _split(fold, *subject) if subject else [(start, start)]
        clause.names = parts[1:]
        return [parts[0]]
    if fold[start:end].endswith("各") and end - start > 3:
        return _split(fold, start, end - 1)  # 概念验证中心和中试基地各10家: one target each
    if end - start < 2 and clause.names:
        return [clause.names.pop(0)]
    if end - start < 2 and clause.baseline_name:
        return [trim(fold, *_after_year(sentence, *clause.baseline_name))]
    if quantity.coverage:
        return _coverage_names(sentence, start, end, clause)
    if quantity.doubling and end - start >= 2:  # 余额和户数翻两番: both double
        return _split(fold, start, end)
    if end - start < 2 or QUOTED_ONLY.match(fold[start:end]):
        trailing = _trailing(fold, quantity, clause)
        if trailing[1] - trailing[0] >= 2 and fold[slice(*trailing)] not in FILLER_NAMES:
            return [trailing]
        # 授权量确保达到6500件、力争达到7000件: the second number keeps the clause's name.
        return [clause.last_name or _previous_subject(fold, clause) or trailing]
    return [(start, min(end, start + MAX_NAME))]


def _around_year(sentence: Sentence, start: int, end: int) -> tuple[int, int]:
    """The name beside a year phrase inside the range: after a target year that a name
    follows (…方案提出到2028年发明专利拥有量翻番), else before the year (比重料到2028年达到)."""
    ends = [mark.end for mark in sentence.marks if mark.target and start <= mark.start < end]
    if ends:
        after = trim(sentence.fold, *_after_year(sentence, max(ends), end))
        if after[1] - after[0] >= 2:
            return after
    return trim(sentence.fold, start, _before_year(sentence, start, end))


def _before_year(sentence: Sentence, start: int, end: int) -> int:
    """A year phrase inside a name range ends the name: 比重料到2028年达到, 总值比2020年翻一番."""
    return min((mark.start for mark in sentence.marks if start < mark.start < end), default=end)


def _after_year(sentence: Sentence, start: int, end: int) -> tuple[int, int]:
    """目标于2030年前将…比例由: the name starts after a year phrase inside the range."""
    ends = [mark.end for mark in sentence.marks if start <= mark.start and mark.end <= end]
    if not ends:
        return start, end
    tail = YEAR_TAIL.match(sentence.fold, max(ends), end)  # 2030年前, 2025年或之前
    return (tail.end() if tail else max(ends)), end


def _previous_subject(fold: str, clause: Clause) -> tuple[int, int] | None:
    """The subject of the clause before: 每万人口…拥有量，力争达到12件 (name and number apart)."""
    if clause.start == 0:
        return None
    start, end = trim(fold, *clause_bounds(fold, clause.start - 1))
    end = _before_stated(fold, start, end)
    cut = p.SUBJECT_END.search(fold, start, end)
    start, end = trim(fold, start, cut.start() if cut else end)
    return (start, min(end, start + MAX_NAME)) if end - start >= 2 else None


def _before_stated(fold: str, start: int, end: int) -> int:
    """授权量1386件,力争达到1500件: the subject ends before a quantity it states itself."""
    for stated in p.QUANTITY.finditer(fold, start, end):
        before = trim(fold, start, stated.start())
        if stated["unit"] not in p.CUE_ONLY_UNITS and before[1] - before[0] >= 2:
            return before[1]
    return end


def shared_heads(names: list[tuple[int, int]]) -> list[tuple[int, int] | None]:
    """The head each name of a list shares with the first: 质押融资余额和户数 -> 质押融资户数."""
    first = names[0] if names else (0, 0)
    heads: list[tuple[int, int] | None] = []
    for index, (start, end) in enumerate(names):
        short = index > 0 and end - start <= MAX_SHARED_TAIL
        fits = short and first[1] - first[0] >= end - start + 2
        heads.append((first[0], first[1] - (end - start)) if fits else None)
    return heads


def _trailing(fold: str, quantity: Quantity, clause: Clause) -> tuple[int, int]:
    """The name written after the number: up to the clause end or the next number."""
    stop = clause.end
    following = re.search(r"[、和及与]\s*(?:\d|[一二两三四五六七八九十]+[个家项所人件])",
                          fold[quantity.end:clause.end])
    if following:
        stop = quantity.end + following.start()
    start, end = trim(fold, quantity.end, stop)
    if fold[start:start + 1] == "的":
        start += 1
    clause.seg_start = max(clause.seg_start, stop)
    return start, min(end, start + MAX_NAME)


def _split(fold: str, start: int, end: int,
           marks: re.Pattern[str] = SPLIT_LIST) -> list[tuple[int, int]]:
    """Ranges of a list written 甲、乙和丙, outside quotes and brackets."""
    parts, depth, part_start = [], 0, start
    for index in range(start, end):
        char = fold[index]
        depth += char in "“(《" and 1 or 0
        depth -= char in "”)》" and 1 or 0
        if depth == 0 and marks.match(fold, index):
            parts.append(trim(fold, part_start, index))
            part_start = index + 1
    parts.append(trim(fold, part_start, end))
    return [part for part in parts if part[1] - part[0] >= 2] or [(start, end)]


def _coverage_names(sentence: Sentence, start: int, end: int,
                    clause: Clause) -> list[tuple[int, int]]:
    fold = sentence.fold
    levels = LEVELS.search(fold, start, end)
    if levels:  # 市、县两级…窗口全覆盖: one target per level
        return [(levels.start(index), levels.end(index)) for index in (1, 2, 3)
                if levels[index]]
    if end - start >= 2:  # 高新技术企业、上市企业贯标全覆盖, 高校和科研机构…: one target each
        parts = _joined_actions(fold, _split(fold, start, end))
        return [(_after_count(fold, *part), part[1]) for part in parts]
    if clause.start == 0:
        return [(start, end)]
    previous_start, _ = clause_bounds(sentence.fold, clause.start - 1)
    verb = _leading_verb(sentence.fold, previous_start, clause.start - 1)
    return [trim(sentence.fold, verb, clause.start - 1)]


def _joined_actions(fold: str, parts: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """存量专利评价、筛选、登记、匹配: short items after a longer one are actions or aspects
    of it, not names of their own (joined back to it)."""
    joined: list[tuple[int, int]] = []
    for start, end in parts:
        if joined and end - start <= MAX_ACTION and joined[-1][1] - joined[-1][0] > MAX_ACTION:
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return joined


def _after_count(fold: str, start: int, end: int) -> int:
    """全市6所高校: the name starts after the count of the covered units."""
    count = COVERED_COUNT.match(fold, start, end)
    return count.end() if count and count.end() < end else start


def _leading_verb(fold: str, start: int, end: int) -> int:
    start = trim(fold, start, end)[0]
    for verb, _ in sorted(p.COUNT_VERBS, key=lambda rule: -len(rule[0])):
        if fold.startswith(verb, start):
            return start + len(verb)
    return start


def finding_for(sentence: Sentence, quantity: Quantity, clause: Clause, cue: Cue,
                name: tuple[int, int], lead_start: int,
                head: tuple[int, int] | None = None) -> Finding:
    span, fold = sentence.span, sentence.fold
    written = span.text[head[0]:head[1]] + span.text[name[0]:name[1]] if head else span.text[
        name[0]:name[1]]
    name_text = CJK_GAP.sub("", written.strip())
    name_text = name_text or span.text[quantity.start:quantity.end].strip()
    quote_start, _ = trim(fold, min(lead_start, name[0]), quantity.start)
    quote = span.text[quote_start:max(quantity.end, name[1])].strip()
    year, source = _year(sentence, quantity)
    if u.EVERY_YEAR.search(name_text) and sentence.period and not any(
            mark.target and clause.start <= mark.start < clause.end for mark in sentence.marks):
        year, source = sentence.period[1], "document"  # 每年…不少于4次: to the plan's end
    baseline, clause.baseline = clause.baseline, None
    base_year = base_year_before(sentence.marks, quantity.start)
    if baseline is None and base_year is not None:
        baseline = (base_year, None)  # 在2021年的基础上翻两番: the year, with no value
    return Finding(
        name=name_text, unit=quantity.unit, comparator=cue.comparator,
        wording=cue.wording or p.PLAIN_WORDING, kind=_kind(cue, name_text, quantity),
        quote=quote, line=span.line_at(quantity.start), section=span.section, year=year,
        year_source=source, value=quantity.value, low=quantity.low, high=quantity.high,
        baseline_year=baseline[0] if baseline else None,
        baseline_value=baseline[1] if baseline else None,
        attribute=next((word for word in p.ATTRIBUTES if word in fold), None),
        guessed_comparator=cue.guessed, document=span.document,
    )


def _year(sentence: Sentence, quantity: Quantity) -> tuple[int | None, str]:
    year = target_year_near(sentence.marks, quantity.start)
    if year is not None:
        return year, "sentence"
    if sentence.context.year is not None:
        return sentence.context.year, "context"
    if sentence.period is not None:
        return sentence.period[1], "document"
    return None, "none"


def _kind(cue: Cue, name: str, quantity: Quantity) -> str:
    if quantity.coverage:
        return "level"
    if p.ANNUAL_NAME.search(name):
        return "annual"
    return cue.kind
