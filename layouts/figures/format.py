"""Numbers and labels as a reader sees them: units, percentages, names in the UI language.

Shared by the figure builders and the page layouts so a value reads the same
in a hover, a card and a table.  A missing number is shown as a dash, never
as "nan".
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from indicators.engine import status_label
from indicators.exports.numbers import is_number
from layouts.text.i18n import pick, t

DASH = "—"


def format_number(value: object) -> str:
    """1234.5 -> '1,234.5'; 12.3456 -> '12.35'; 0.000123 -> '0.000123'; blank -> '—'."""
    if not is_number(value):
        return DASH
    number = float(value)
    magnitude = abs(number)
    if magnitude >= 1000:
        decimals = 0 if number == round(number) else 1
    elif magnitude >= 1 or magnitude == 0:
        decimals = 2
    else:
        decimals = max(2, 1 - math.floor(math.log10(magnitude)) + 1)
    text = f"{number:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def format_value(value: object, unit: str | None) -> str:
    """A number with its unit: '3,200 亿元', '45.6%'."""
    text = format_number(value)
    if text == DASH or not unit:
        return text
    return f"{text}%" if unit == "%" else f"{text} {unit}"


def format_percent(ratio: object, decimals: int = 0) -> str:
    """A ratio as a percentage: 0.853 -> '85%'; blank -> '—'."""
    if not is_number(ratio):
        return DASH
    return f"{float(ratio) * 100:,.{decimals}f}%"


def format_year(year: object, lang: str) -> str:
    if not is_number(year):
        return DASH
    return t("common.year_suffix", lang, year=int(float(year)))


def format_point(year: object, value: object, unit: str | None, lang: str) -> str:
    """'2020年：3,200 亿元' / '2020: 3,200 亿元'; blank parts become dashes."""
    if not is_number(value):
        return DASH
    separator = "：" if lang != "en" else ": "
    return f"{format_year(year, lang)}{separator}{format_value(value, unit)}"


def region_name(code: str, regions: Mapping, lang: str) -> str:
    region = regions.get(code)
    if region is None:
        return code
    return pick(region.name_zh, region.name_en, lang)


def document_title(document_id: str, documents: Mapping, lang: str) -> str:
    document = documents.get(document_id)
    if document is None:
        return document_id
    return pick(document.title_zh, document.title_en, lang)


# Short names of documents for legends and chart rows, by kind.
DOCUMENT_KIND_SHORT = {
    "outline": ("纲要", "Outline"),
    "plan": ("“十四五”规划", "14th FYP plan"),
    "action_plan": ("专项行动方案", "Action plan"),
    "law": ("法律", "Law"),
    "rule": ("规章", "Rule"),
}


def document_short(document_id: str, documents: Mapping, lang: str) -> str:
    document = documents.get(document_id)
    if document is None:
        return document_id
    pair = DOCUMENT_KIND_SHORT.get(document.kind)
    if pair is None:
        return short_label(pick(document.title_zh, document.title_en, lang), 12)
    return pair[1] if lang == "en" else pair[0]


def indicator_name(row: Mapping, lang: str) -> str:
    """The indicator's name from a report row (name_zh/name_en columns)."""
    zh = str(row.get("name_zh") or "")
    en = row.get("name_en")
    return pick(zh, en if isinstance(en, str) else "", lang)


def target_text(row: Mapping, lang: str) -> str:
    """What the target asks for, e.g. '≥ 12 件（2025年）' or '8–10%（2025年）'."""
    unit = str(row.get("unit") or "")
    comparator = row.get("comparator")
    year = format_year(row.get("target_year"), lang)
    if comparator == "increase":
        words = "合理稳定增长" if lang != "en" else "steady growth"
        return f"{words}（{year}）" if lang != "en" else f"{words} ({year})"
    if comparator == "range" and is_number(row.get("target_high")):
        low = format_number(row.get("target_low"))
        value = f"{low}–{format_value(row.get('target_high'), unit)}"
    else:
        value = format_value(row.get("target_value"), unit)
    sign = {"<=": "≤ ", ">=": "≥ ", "coverage": ""}.get(str(comparator), "")
    return f"{sign}{value}（{year}）" if lang != "en" else f"{sign}{value} ({year})"


def short_label(text: str, limit: int = 14) -> str:
    """Long Chinese names cut to fit a chart's axis; the hover keeps the full name."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def status_word(code: str, lang: str) -> str:
    return status_label(code, "en" if lang == "en" else "zh")
