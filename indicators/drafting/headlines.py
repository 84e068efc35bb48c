"""Headlines that restate a statistic of the body are no targets.

A news report's headline or a ■ subheading (版权产业行业增加值突破5万亿) often repeats a
number that the body states as a past statistic (2015年…突破5万亿元, 截至今年6月…已达到
15.3件).  Such a headline, with no year of its own, is dropped; a headline restating a
target of the body (新增地标商标百个以上) stays.
"""

from __future__ import annotations

from indicators.drafting import patterns as p
from indicators.drafting.layout import Span
from indicators.drafting.quantities import find_quantities
from indicators.drafting.records import Finding

Key = tuple[float | None, str]


def is_headline(span: Span) -> bool:
    """A line standing alone without a clause mark: a title, a headline, a subheading."""
    text = span.fold.strip()
    return (not span.is_row and len(text) <= p.MAX_HEADING_CHARS
            and not any(mark in text for mark in p.CLAUSE_END))


def drop_restated_statistics(spans: list[Span], findings: list[Finding]) -> list[Finding]:
    """`findings` without the headline ones whose number the body states but does not set."""
    headline_lines = {span.lines[0] for span in spans if is_headline(span)}
    if not any(finding.line in headline_lines and finding.year_source != "sentence"
               for finding in findings):
        return findings
    body_numbers = [(quantity.value, quantity.unit) for span in spans
                    if span.lines[0] not in headline_lines
                    for quantity in find_quantities(span.fold)]
    body_targets = [(finding.value, finding.unit) for finding in findings
                    if finding.line not in headline_lines]
    return [finding for finding in findings
            if finding.line not in headline_lines or finding.year_source == "sentence"
            or not _stated(finding, body_numbers) or _stated(finding, body_targets)]


def _stated(finding: Finding, numbers: list[Key]) -> bool:
    # 5万亿 in the headline, 5万亿元 in the body: one unit may leave off the other's end.
    return any(value == finding.value and (unit.startswith(finding.unit)
                                           or finding.unit.startswith(unit))
               for value, unit in numbers if unit and finding.unit)
