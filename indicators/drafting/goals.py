"""Goal wording and year rules for the classes of misses of engineer G3's dev texts (g3_*):
“实现…10%以上的目标”, a lead-in “力争5年内，” over the clauses after it, 今年 in a report of
one year, periods named by 到"十五五"末 or stated in prose (试点期为…), “十四五”末 table columns,
words between a level word and its number (新台币, 2030年的, 约), shares after a verb
(推动60%以上的企业…), incentive rates (贴息比例) as means.

Like patterns.py, every pattern runs on the folded text; each rule has a sentence in
tests/test_drafting_rules_g3.py showing what it gives.
"""

from __future__ import annotations

import re
from dataclasses import replace

from indicators.drafting import patterns as p
from indicators.drafting.years import YearMark

# 以上 followed by 的 is a condition (100人以上的企业) unless what follows is the goal itself:
# 实现…年均增长10%以上的目标.
GOAL_OBJECT = re.compile(r"的\s*(?:发展|奋斗|工作|预期)?目标")

# A time span a goal word opens: 5年内, 三年内, 到2028年, “十五五”末, 规划期内.
_TIME = (r"(?:用|在|于)?\s*(?:到|至)?\s*(?:(?:19|20)\d\d\s*年(?:底|末)?|[\d一二两三四五六七八九十]+\s*"
         r"(?:年|个月)|“?十[一二三四五六]五”?\s*(?:末|期末|期间|时期)?|规划期|今后)\s*"
         r"(?:内|以内|左右|时间|前|之前)?")
# The first clause of a sentence that holds only a goal word and a time (力争5年内,): the goal
# word sets a floor for the counts of the clauses after it, as 力争 before the verb does.
GOAL_LEAD_IN = re.compile(r"[^,;:。!?]{0,8}?(?:力争|争取|确保)\s*" + _TIME + r"\s*,")
SENTENCE_STARTS = "。!?;:"


def floor_reach(fold: str, clause_start: int, position: int, carried: bool = False) -> str:
    """The text whose goal words make a count a floor: the clause up to the number, and the
    sentence's lead-in clause when it is a goal word with a time (力争5年内,), also when it
    opened an earlier part of the sentence before a ; (`carried`)."""
    if carried:
        return "力争" + fold[clause_start:position]
    start = max(fold.rfind(mark, 0, clause_start) for mark in SENTENCE_STARTS) + 1
    lead = GOAL_LEAD_IN.match(fold, start)
    if lead and lead.end() <= clause_start:
        return fold[start:lead.end()] + fold[clause_start:position]
    return fold[clause_start:position]


# 今年 in a report of one year (某县召开2026年知识产权工作会议): that year, as a target year;
# 今年以来, 今年1-9月, 截至今年 state what was done.
THIS_YEAR = re.compile(r"(?<!截至)(?<!截止)(?:今年|本年度|本年)(?!以来|上半年|前三季度|一季度|"
                       r"\s*\d|[一二三四五六七八九十]+月|前[一二三四五六七八九十\d]+个?月)")


def report_year(folds: list[str]) -> int | None:
    """The one year a text's headline names (2026年…工作会议), which its 今年 means."""
    if not folds:
        return None
    head = folds[0].strip()
    years = {match["year"] for match in p.PLAIN_YEAR.finditer(head)}
    short = len(head) <= p.MAX_HEADING_CHARS and not any(mark in head for mark in ",。;")
    return int(years.pop()) if short and len(years) == 1 and not p.PERIOD_SPAN.search(head) else None


def this_year_marks(fold: str, year: int | None) -> list[YearMark]:
    """Target-year marks for 今年/本年 in a report of `year`."""
    if year is None:
        return []
    return [YearMark(match.start(), match.end(), year, True) for match in THIS_YEAR.finditer(fold)]


def goal_periods(fold: str) -> list[tuple[int, int]]:
    """The periods a text sets goals for by name (到“十五五”末, 到十五五末): a chapter of an
    outline cut from its title still has its plan's period.  截至“十四五”末 is past."""
    return [p.PERIODS[match["name"]] for match in p.PERIOD_NAME.finditer(fold)
            if match["name"] and match["to"] and (match["when"] or "").endswith("末")
            and fold[match.start() - 1:match.start()] != "截"]


# Words between a level word and its number that leave the word setting it: a currency
# (累计达新台币120亿元), the year of the value (提高到2030年的26件, rule 16).
CUE_GAP = re.compile(r"(?:新台币|人民币|港币|澳门币|(?<=[到至])\s*(?:19|20)\d\d\s*年(?:底|末)?\s*的|"
                     r"(?<=[到至])\s*约)\s*$")


def cue_lead(lead: str) -> str:
    """The words before a number with a gap word (a currency, 2030年的) cut off its end."""
    return CUE_GAP.sub("", lead).rstrip()


def agree_marks(marks: list[YearMark]) -> list[YearMark]:
    """到“十五五”末,…由2025年的15.2件提高到2030年的26件: a year named with a value that is the
    sentence's target year is that target year, not a past one."""
    targets = {mark.year for mark in marks if mark.target}
    return [replace(mark, target=True) if not (mark.target or mark.base or mark.span)
            and mark.year in targets else mark for mark in marks]


def with_goal_marks(marks: list[YearMark], fold: str, this_year: int | None) -> list[YearMark]:
    """A sentence's year marks with its 今年 added and its value years agreed (see above)."""
    return agree_marks(sorted(marks + this_year_marks(fold, this_year), key=lambda mark: mark.start))

# A plan's period stated in prose: 规划期为…, 试点期为2026年至2027年, 推动期程为2026年至2030年.
PERIOD_PROSE = re.compile(r"(?:规划|实施|试点|行动|执行|推动|建设)期")

# 以上的 after a share that a verb sets is the share to reach, not a condition:
# 推动60%以上的规上工业企业建立…, 覆盖全县80%以上的规上企业 (研发投入3%以上的企业 is one).
SHARE_VERB = re.compile(r"(?:推动|促进|引导|带动|支持|帮助|使|让|覆盖|惠及|实现)\s*"
                        r"(?:全[省市县区]|本[省市县区]|辖区)?\s*$")


def share_to_reach(fold: str, clause_start: int, quantity_start: int, unit: str) -> bool:
    """Whether a “N%以上的…” right after a verb states a share of things to reach."""
    return unit == "%" and bool(SHARE_VERB.search(fold, clause_start, quantity_start))


def lead_goes_on(carried: bool, fold: str) -> bool:
    """Whether a lead-in 力争两年内, reaches the part after this one (it ends with ;)."""
    opens = bool(GOAL_LEAD_IN.match(fold, len(fold) - len(fold.lstrip())))
    return (carried or opens) and fold.rstrip().endswith(";")


def period_end_years(fold: str) -> str:
    """A table header with “十四五”末 for its base column, as 2025年 (the period's end year)."""
    return p.PERIOD_NAME.sub(lambda match: f"{p.PERIODS[match['name']][1]}年" if match["name"]
                             and (match["when"] or "").endswith("末") else match.group(), fold)


# The rate of an incentive (贴息比例不超过50%, 资助比例最高30%) is a means, like its amount.
INCENTIVE_RATE = re.compile(r"(?:贴息|补贴|资助|补助|奖励|奖补|担保费|保费补贴)(?:比例|比率|率|标准)"
                            r"[^,;。]{0,6}$")
