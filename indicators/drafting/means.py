"""Quantities a sentence states that are means or counts of what a goal covers, not targets."""

from __future__ import annotations

import re

from indicators.drafting import patterns as p
from indicators.drafting import wording as w
from indicators.drafting.clauses import Clause
from indicators.drafting.quantities import Quantity

# A lookahead finds overlapping verbs: in 力争创建 both 争创 and 创建; the later one wins.
VERBS = re.compile("(?=(" + "|".join(re.escape(verb) for verb, _ in p.COUNT_VERBS_LONGEST) + "))")


def counts_the_covered(fold: str, quantity: Quantity, clause: Clause) -> bool:
    """实现6所高校和12家科研机构…全覆盖: the number counts the units to be covered."""
    after = fold[quantity.end:clause.end]
    return (not quantity.coverage and quantity.unit in p.LIST_COUNT_UNITS + ("所",)
            and bool(p.COVERAGE.search(after)) and not re.search(r"达到|以上", after))


def allocation(fold: str, quantity: Quantity, clause: Clause) -> bool:
    """设立2000万元专项资金, 安排专项资金不少于2000万元: money allocated, a means."""
    before, after = fold[clause.start:quantity.start], fold[quantity.end:clause.end]
    return bool(w.ALLOCATION.search(before) and "资金" in before + after
                or w.ALLOCATION.match(after))


def last_verb_end(lead: str) -> int | None:
    """End of the verb nearest the number; verbs inside nouns (培育中心, 服务业) do not count."""
    masked = p.VERB_NOUNS.sub(lambda match: "\0" * len(match.group()), lead)
    ends = [match.start() + len(match.group(1)) for match in VERBS.finditer(masked)]
    return max(ends) if ends else None


def counts_the_list(lead: str, quantity: Quantity) -> bool:
    """电子信息、光伏制造2个优势产业: the number counts the items listed right before it."""
    if quantity.unit not in p.LIST_COUNT_UNITS or "、" not in lead or quantity.value is None:
        return False
    verb_end = last_verb_end(lead) or 0
    # 示范单位（园区、基地）2个: an enumeration in brackets glosses one name, it lists nothing.
    listed = re.sub(r"\([^()]*\)", "", lead[verb_end:])
    items = [item for item in re.split(r"、|和|及", listed) if item.strip()]
    # 保护中心1家、快速维权中心2家: items with numbers of their own are targets, not a list.
    return len(items) == quantity.value and not any(re.search(r"\d", item) for item in items)
