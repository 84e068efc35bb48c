"""A target's source quote as a reader understands it.

Targets read from an indicator table are quoted as the table row's text
("8 知识产权质押融资登记金额 亿元 66 140 预期性"), which means little on its own; here
such a row is shown again as a small table under the headers the row stands
for (indicator, base year, target year, attribute).  The exact quote is kept
beneath it, so the figure can still be found in the document.

The quote is the document's own words, so the English UI shows it in Chinese too,
marked lang="zh-CN" and labelled as the original (the English-UI test allows Chinese
only inside such marks); the table above it speaks English (name_en, Anticipatory).
"""

from __future__ import annotations

import re

from dash import html

from indicators.registry import Target
from layouts.figures.format import attribute_label
from layouts.text.english import TEXT
from layouts.text.i18n import pick, translate

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


def quote_block(target: Target, lang: str, name_en: str = "") -> list:
    """The quote as a table row under its headers when it is one, then the exact quote."""
    exact = original(f"“{target.quote}”", lang, html.Blockquote, className="quote")
    cells = table_row(target)
    if cells is None:
        return [exact]
    table = html.Table([
        html.Thead(html.Tr([html.Th(_header(key, lang)) for key, _ in cells])),
        html.Tbody(html.Tr([html.Td(_cell(key, cell, lang, name_en)) for key, cell in cells])),
    ], className="table table-sm quote-table")
    return [table, html.Div(exact, className="small-note")]


def _cell(key: str, cell: str, lang: str, name_en: str) -> object:
    if key == "attribute":
        return attribute_label(cell, lang)
    if key == "name" and lang == "en":
        return name_en or original(cell, lang, html.Span)
    return cell


def original(text: str, lang: str, element=html.Span, labelled: bool = True,
             **props) -> html.Component:
    """Words quoted from a Chinese document: marked as Chinese, and in the English UI
    labelled (unless `labelled` is False) as the original text."""
    if lang != "en":
        return element(text, **props)
    if not labelled:
        return element(text, lang="zh-CN", **props)
    label = html.Span(translate(TEXT, "detail.quote_original", lang) + ": ", className="muted")
    return element([label, html.Span(text, lang="zh-CN")], **props)
