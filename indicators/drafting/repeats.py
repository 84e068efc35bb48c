"""A target stated twice in one plan (in the text and again in a 专栏 or a headline)
is drafted once: the first statement is kept and notes the lines of the others.

Two drafts state the same target when they share the plan (Span.document: a file
may hold several plans), the indicator, the unit, the value (or range) and the year.
"""

from __future__ import annotations

from indicators.drafting.records import Draft


def merge_repeats(drafts: list[Draft], documents: list[int]) -> list[Draft]:
    """One draft per target of a plan; `documents` gives the plan of each draft."""
    first: dict[tuple[object, ...], int] = {}
    repeats: dict[int, list[Draft]] = {}
    kept: list[int] = []
    for index, (draft, document) in enumerate(zip(drafts, documents, strict=True)):
        key = (document, draft.indicator_id, draft.unit, draft.target_value, draft.target_low,
               draft.target_high, draft.target_year)
        if key in first:
            repeats[first[key]].append(draft)
            continue
        first[key], repeats[index] = index, []
        kept.append(index)
    return [_with_repeats(drafts[index], repeats[index]) for index in kept]


def _with_repeats(draft: Draft, repeats: list[Draft]) -> Draft:
    if not repeats:
        return draft
    where = ", ".join(f"line {repeat.line} ({repeat.quote})" for repeat in repeats)
    note = f"also stated at {where}: drafted once"
    reason = f"{draft.confidence_reason}; {note}" if draft.confidence_reason else note
    return draft.model_copy(update={"confidence_reason": reason,
                                    "also_lines": tuple(repeat.line for repeat in repeats)})

