"""A target's source quote as a reader understands it.

Targets read from an indicator table are quoted as the table row's text
("8 知识产权质押融资登记金额 亿元 66 140 预期性"), which means little on its own; here
such a row is shown again as a small table under the headers the row stands
for (indicator, base year, target year, attribute).  The exact quote is kept
beneath it, so the figure can still be found in the document.
"""

from __future__ import annotations

import re

from dash import html

from indicators.registry import Target
from layouts.text.i18n import pick

ATTRIBUTES = ("预期性", "约束性")
NUMBER = re.compile(r"^[-+]?\d+(\.\d+)?$")


def table_row(target: Target) -> list[tuple[str, str]] | None:
    """(header, cell) pairs when the quote is a table row whose numbers are the target's
    baseline and goal, else None.  Headers are language-neutral keys, see row_table."""
    tokens = target.quote.split()
    if len(tokens) > 2 and NUMBER.match(tokens[0]) and not NUMBER.match(tokens[1]):
        tokens = tokens[1:]  # the row's number in the table ("8 知识产权…")
    names = [token for token in tokens if not NUMBER.match(token) and token not in ATTRIBUTES]
    numbers = [token for token in tokens if NUMBER.match(token)]
    attribute = next((token for token in tokens if token in ATTRIBUTES), None)
    expected = [target.baseline.value] if target.baseline else []
    expected.append(target.target_value if target.target_value is not None else target.target_low)
    if not names or len(numbers) != len(expected):
        return None
    if any(expected_value is None or float(token) != expected_value
           for token, expected_value in zip(numbers, expected, strict=True)):
        return None
    cells = [("name", " ".join(names))]
    if target.baseline:
        cells.append((f"year:{target.baseline.year}", numbers[0]))
    cells.append((f"year:{target.target_year}", numbers[-1]))
    if attribute:
        cells.append(("attribute", attribute))
    return cells


def _header(key: str, lang: str) -> str:
    if key.startswith("year:"):
        year = key.split(":", 1)[1]
        return pick(f"{year}年", year, lang)
    return {"name": pick("指标", "Indicator", lang), "attribute": pick("属性", "Attribute", lang)}[key]


def quote_block(target: Target, lang: str) -> list:
    """The quote as a table row under its headers when it is one, then the exact quote."""
    exact = html.Blockquote(f"“{target.quote}”", className="quote")
    cells = table_row(target)
    if cells is None:
        return [exact]
    table = html.Table([
        html.Thead(html.Tr([html.Th(_header(key, lang)) for key, _ in cells])),
        html.Tbody(html.Tr([html.Td(cell) for _, cell in cells])),
    ], className="table table-sm quote-table")
    return [table, html.Div(exact, className="small-note")]
