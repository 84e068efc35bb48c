"""Quantities a sentence states that are means or counts of what a goal covers, not targets."""

from __future__ import annotations

import re

from indicators.drafting import patterns as p
from indicators.drafting import wording as w
from indicators.drafting.clauses import Clause
from indicators.drafting.quantities import Quantity


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
