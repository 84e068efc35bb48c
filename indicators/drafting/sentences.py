"""Targets in a sentence: which quantities it sets for a future year, and how.

A quantity is a target when a word sets it (达到, 突破, 不低于, 以上, 左右),
a verb creates it (新增, 建设, 培育 30 个) or the sentence names a target year,
and nothing marks it as a statistic of the past (较上年, “十三五”, 2020年,
a 发展基础 section) or as law (罚款, 以下的).
"""

from __future__ import annotations

from dataclasses import replace

from indicators.drafting import goals as g
from indicators.drafting import patterns as p
from indicators.drafting import patterns_unseen as u
from indicators.drafting import wording as w
from indicators.drafting.bases import carry_year, end_interim_year, pair_years, read_base
from indicators.drafting.clauses import Clause, Context, Cue, Sentence, clause_bounds
from indicators.drafting.layout import Span
from indicators.drafting.means import allocation, counts_the_covered, counts_the_list, last_verb_end
from indicators.drafting.naming import finding_for, names_for, shared_heads
from indicators.drafting.quantities import Quantity, after_comparator, find_quantities
from indicators.drafting.records import Finding
from indicators.drafting.years import has_past_year, period_key, year_marks

BEFORE_WORDS = sorted(p.BEFORE_WORDS, key=lambda rule: -len(rule[0]))


def sentence_findings(span: Span, context: Context) -> list[Finding]:
    """The targets one sentence sets; updates `context` with its target year."""
    if span.starts_section:
        context.year, context.past_carry = None, False
        context.interim_line = context.outer_year = None
    end_interim_year(context, span.lines[0])
    period = span.period or context.period
    # Under a period the text only implies (a news report naming a plan) a plain
    # "2012年，" is a goal only from the first year it sets with 到/前: the report
    # may be written inside that period.
    plain_after = span.period[0] - 1 if span.period else context.plain_after
    marks = g.with_goal_marks(year_marks(span.fold, period, plain_after, context.year is not None,
                                         span.period[0] - 1 if span.period else None),
                              span.fold, context.this_year)
    sentence = Sentence(span, marks, period, context)
    if w.GOAL_LEAD.search(span.fold):
        context.goal_line = span.lines[-1]
    context.sentence_cue = None
    past = _past_sentence(sentence)
    context.past_carry = past and span.fold.rstrip().endswith(";")
    # “十一五”时期,…。全省专利…累计达到680421件: a review of a period goes on to the end of
    # its paragraph (the line), for sentences that set no year of their own.
    if past and w.REVIEW_PERIOD.search(span.fold):
        context.review_line = span.lines[-1]
    if past and period is None and not p.GOAL_SECTION.search(span.section) and find_quantities(
            span.fold):
        context.stats_line = span.lines[-1]  # statistics go on in a report without a period
    findings = [] if past else _quantity_findings(sentence)
    # A year past the plan's end (为到2035年…打好基础 in a 2026-2030 plan) is a vision
    # of that sentence only; later sentences keep the plan's years.
    targets = [mark for mark in sentence.marks
               if mark.target and (period is None or mark.year <= period[1])]
    if targets:
        carry_year(context, span, targets[-1])
    context.goal_lead = g.lead_goes_on(context.goal_lead, span.fold)
    return findings


def _quantity_findings(sentence: Sentence) -> list[Finding]:
    """The targets of a sentence that is no statistic, quantity by quantity."""
    fold, findings, starts = sentence.fold, [], []
    clause: Clause | None = None
    for quantity in find_quantities(fold):
        start, end = clause_bounds(fold, quantity.start)
        if clause is None or clause.start != start:
            # 由现时的1%,到2025年增至1.5%: a baseline left open goes on to the next clause.
            carried = clause.baseline if clause else None
            clause = Clause(start, end, start, baseline=carried)
        if read_base(fold, quantity, clause, findings):
            continue  # 在2025年…1300件的基础上, （2025年为8.4件）: a baseline's value
        found = _read_quantity(sentence, quantity, clause)
        findings += found
        starts += [quantity.start] * len(found)
    return pair_years(fold, findings, starts, sentence.context, sentence.span.lines[0])


def _past_sentence(sentence: Sentence) -> bool:
    if sentence.span.past_section:
        return True
    if any(mark.target for mark in sentence.marks):
        return False
    if sentence.context.past_carry or sentence.context.review_line == sentence.span.lines[0]:
        return True  # “十三五”期间，…；培育…25家: the part after ; is past too
    if sentence.context.stats_line == sentence.span.lines[0] and not u.GOAL_WORDS.search(
            sentence.fold):
        return True  # 目前,全国已建设…。…覆盖18个…集聚区: the report's statistics go on
    # A sentence that names only past years states statistics, unless it is a
    # change from a baseline (由 2020 年的 6.3 件提高到 12 件, 比2020年翻一番).
    past_year = any(not mark.base for mark in sentence.marks) and not any(
        word in sentence.fold for word in ("由", "从")) or any(mark.span for mark in sentence.marks)
    return past_year or _past_period(sentence) or any(not _own_period(match.group(), sentence.period)
                            for match in p.PAST_SENTENCE.finditer(_unrelative(sentence)))


def _past_period(sentence: Sentence) -> bool:
    """“十四五”时期…由2.1%提高到2.6% in a 2026-2030 plan: a change over a period already past."""
    period = sentence.period
    return period is not None and any(
        match["when"] in p.PAST_PERIOD_WHEN and p.PERIODS[period_key(match)][1] < period[0]
        for match in p.PERIOD_NAME.finditer(sentence.fold))


def _unrelative(sentence: Sentence, start: int = 0, end: int | None = None) -> str:
    """The text with 较上年/同比 blanked under a one-year plan's goal heading or in the rest
    of a paragraph that opens with its goals (主要目标是:…;…), where they state a goal's base."""
    span = sentence.span
    text = u.NOW_BASELINE.sub(lambda match: " " * len(match.group()), span.fold[start:end])
    one_year = span.period is not None and span.period[0] == span.period[1]
    goals = p.GOAL_SECTION.search(span.section) or sentence.context.goal_line == span.lines[0]
    if not (one_year and goals):
        return text
    return p.RELATIVE_YEAR.sub(lambda match: " " * len(match.group()), text)


def _own_period(marker: str, period: tuple[int, int] | None) -> bool:
    # “十三五”科技创新的总体目标是… in a 13th-FYP plan names its own period, not the past.
    name = p.PERIOD_NAME.search(marker)
    return bool(name and period and p.PERIODS[period_key(name)] == period)


def _read_quantity(sentence: Sentence, quantity: Quantity, clause: Clause) -> list[Finding]:
    fold = sentence.fold
    lead_start = clause.seg_start
    lead = fold[lead_start:quantity.start]
    if _is_baseline(fold, quantity, lead):  # 从2020年的85提高到95: needs no word of its own
        clause.seg_start = quantity.end
        _mark_baseline(sentence, quantity, clause, lead)
        return []
    if counts_the_covered(fold, quantity, clause):
        return []  # 实现6所高校和12家科研机构…全覆盖: the number counts what is to be covered
    cue, name_range = _cue(sentence, lead, lead_start, quantity, clause)
    if cue is None:
        return []  # 未来4年平均达3%: a number no word sets stays inside the next one's name
    clause.seg_start = quantity.end
    cue = _floor(cue, g.floor_reach(fold, clause.start, quantity.start, sentence.context.goal_lead))
    clause.cue = sentence.context.sentence_cue = cue
    cue = _after(cue, quantity)
    if _excluded(sentence, quantity, cue, clause) or _past_total(sentence, clause):
        return []
    if has_past_year(sentence.marks, clause.start, clause.end, clause.exempt):
        return []
    names = names_for(sentence, quantity, clause, name_range)
    heads = shared_heads(names) if quantity.doubling else [None] * len(names)
    return [finding_for(sentence, quantity, clause, cue, name, lead_start, head)
            for name, head in zip(names, heads, strict=True)]


def _mark_baseline(sentence: Sentence, quantity: Quantity, clause: Clause, lead: str) -> None:
    lead_start = quantity.start - len(lead)
    clause.baseline = (_year_in(sentence, lead_start, quantity.start), quantity.value or 0.0)
    opening = min(index for index in (lead.find("由"), lead.find("从")) if index >= 0)
    clause.baseline_name = (lead_start, lead_start + opening)
    clause.baseline_span = (lead_start + opening, quantity.end)
    clause.exempt |= {mark.start for mark in sentence.marks
                      if lead_start <= mark.start < quantity.start}


def _cue(sentence: Sentence, lead: str, lead_start: int, quantity: Quantity,
         clause: Clause) -> tuple[Cue | None, tuple[int, int]]:
    """How the quantity is set (before 以上/左右 are read), and where its name may stand."""
    whole = (lead_start, quantity.start)
    if quantity.coverage:
        return Cue("coverage", "全覆盖", "level"), whole
    if quantity.rank:
        return Cue("<=", "前", "level"), whole
    if quantity.doubling:
        return Cue(">=", sentence.fold[quantity.start:quantity.end], "unspecified"), whole
    stripped = g.cue_lead(lead)  # 累计达新台币120亿元, 提高到2030年的26件
    for word, comparator, kind in BEFORE_WORDS:
        day_limit = quantity.unit.endswith(w.DAY_LIMIT[0]) and word == w.DAY_LIMIT[1]
        if quantity.unit in p.CUE_ONLY_UNITS and not (p.LEVEL_CUE.search(word) or day_limit):
            continue
        if stripped.endswith(word) and not _year_then_word(stripped, word):
            change = word in p.CHANGE_WORDS  # 年均增长 stays in the name
            cue = Cue(comparator, word, kind, ceiling=word in p.CEILING_WORDS, change=change)
            kept = next((len(keep) for keep in p.NAME_KEEPS if word.startswith(keep)), 0)
            name_end = len(stripped) - (0 if change else len(word) - kept)
            return cue, (lead_start, lead_start + name_end)
    if not quantity.unit or stripped.endswith("了") or quantity.unit in p.CUE_ONLY_UNITS:
        return None, whole  # a bare number needs a word; 部署了19项 is done
    verb_end = last_verb_end(lead)
    if verb_end is not None and quantity.unit == "%" and len(lead[verb_end:].strip()) > 2:
        verb_end = None  # a verb creates things, not a share: 发展(R&D)经费…比重3.4%
    if verb_end is not None:
        verb = lead[:verb_end]
        word = next(v for v, _ in p.COUNT_VERBS_LONGEST if verb.endswith(v))
        return Cue("==", word, "cumulative", guessed=True), (lead_start + verb_end, quantity.start)
    inherited = clause.cue or (sentence.context.sentence_cue if _noun_lead(lead) else None)
    return inherited or _bare_cue(sentence, quantity), whole


def _year_then_word(stripped: str, word: str) -> bool:
    """较2025年增长: the 年 closes a year, so 年增长 is no annual-growth word here."""
    before = stripped[: len(stripped) - len(word)].rstrip()
    return word.startswith("年") and before[-1:].isdigit()


def _noun_lead(lead: str) -> bool:
    # 建成研究院1家，实验室1家: a short name after a comma goes on with the last cue;
    # a ratio (每万名就业人员中研发人员60人年) does too, an amount per item (每家10万元) not.
    return len(lead.strip()) <= p.MAX_INHERIT_CHARS and not p.PER_ITEM.search(lead)


def _floor(cue: Cue, before: str) -> Cue:
    """力争创建…10 家: a striven-for count is a floor, not an exact number."""
    word = next((word for word in p.FLOOR_CUES if word in before), None)
    if cue.comparator == "==" and word:
        return replace(cue, comparator=">=", wording=f"{word}…{cue.wording}", guessed=False)
    return cue


def _bare_cue(sentence: Sentence, quantity: Quantity) -> Cue | None:
    if after_comparator(quantity.after_word):
        return Cue(after_comparator(quantity.after_word) or "==", "", "unspecified")
    if any(mark.target for mark in sentence.marks):
        return Cue("==", "", "unspecified", guessed=True)
    return None


def _after(cue: Cue, quantity: Quantity) -> Cue:
    """以上/以内/左右 after the number decide the comparator; a range is a range."""
    comparator = after_comparator(quantity.after_word)
    if comparator == "==" and cue.wording and not cue.guessed:
        comparator = cue.comparator  # 达到60%左右: 左右 softens the number, 达到 still sets a floor
    if comparator:
        wording = f"{cue.wording}…{quantity.after_word}" if cue.wording else quantity.after_word
        cue = replace(cue, comparator=comparator, wording=wording, guessed=False)
    if quantity.low is not None:
        cue = replace(cue, comparator="range", wording=cue.wording or "—", guessed=False)
    return cue


def _excluded(sentence: Sentence, quantity: Quantity, cue: Cue, clause: Clause) -> bool:
    fold = sentence.fold
    if quantity.after_word == "以下" and not cue.ceiling:
        return True
    if quantity.after_word and fold[quantity.end:quantity.end + 1] == "的" and not (
            g.GOAL_OBJECT.match(fold, quantity.end)
            or g.share_to_reach(fold, clause.start, quantity.start, quantity.unit)):
        return True  # 100人以上的企业: a condition, not a goal
    if quantity.unit in p.COUNT_UNITS and p.PLAN_PARTS.match(fold, quantity.end):
        return True  # 20项主要指标: a count of the plan's parts
    if _forecast(fold, quantity.start) and not u.SCHEDULE.search(fold, 0, quantity.start):
        return True  # 主计总处预测…将达5,892亿美元: a forecast (预计于2029年达成: a schedule)
    if fold[quantity.end:quantity.end + 1] == "的" and (
            quantity.rank or cue.wording.split("…")[0] in p.THRESHOLD_WORDS):
        return True  # 年营业收入超100亿元的集群, 进入前50名的企业: a threshold inside a name
    if counts_the_list(fold[clause.start:quantity.start], quantity):
        return True
    if p.PER_ITEM_AMOUNT.search(fold, clause.start, quantity.start):
        return True  # 每家奖励10万元: an amount per item, not a target
    if quantity.unit.endswith("元") and (p.INCENTIVE.search(fold, clause.start, quantity.start)
                                        or allocation(fold, quantity, clause)) or (
            g.INCENTIVE_RATE.search(fold, clause.start, quantity.start)):
        return True  # 给予奖励30万元, 设立2000万元专项资金, 贴息比例不超过50%: means
    if w.COUNT_THRESHOLD.search(fold, clause.start, quantity.start):
        return True  # 培育1个产值过50亿元…的企业: the threshold of the count before it
    cut_start, cut_end = clause.baseline_span
    text = (_unrelative(sentence, clause.start, cut_start)
            + _unrelative(sentence, cut_end, clause.end)
            if cut_end else _unrelative(sentence, clause.start, clause.end))
    return bool(p.LEGAL_CLAUSE.search(text) or p.PAST_CLAUSE.search(text)
                or p.NOT_GOAL.search(text))


def _past_total(sentence: Sentence, clause: Clause) -> bool:
    """累计完成…: a total done, unless the sentence sets a target year (到2030年累计完成…) or
    stands in a plan's own text (a title with its period; a review section is past anyway)."""
    return bool(p.PAST_TOTAL.search(sentence.fold, clause.start, clause.end)) and not (
        sentence.span.period is not None or any(mark.target for mark in sentence.marks))


def _forecast(fold: str, position: int) -> bool:
    forecasts = list(p.FORECAST.finditer(fold, 0, position))
    return bool(forecasts) and not p.FORECAST_END.search(fold, forecasts[-1].end(), position)


def _is_baseline(fold: str, quantity: Quantity, lead: str) -> bool:
    # 由现时的1%,到2025年增至1.5%: a comma and the target year may stand before the rise.
    after = p.YEAR_BEFORE_RISE.sub("", fold[quantity.end:], count=1).lstrip()
    return ("由" in lead or "从" in lead) and after.startswith(p.RISE_WORDS)


def _year_in(sentence: Sentence, start: int, end: int) -> int | None:
    years = [mark.year for mark in sentence.marks if start <= mark.start < end and not mark.target]
    if years:
        return years[-1]
    if p.NOW.search(sentence.fold, start, end):
        return None  # 由现时的1%: the baseline is now, with no year
    return sentence.period[0] - 1 if sentence.period else None

