"""Numbers and labels as a reader sees them: units, percentages, names in the UI language.

Shared by the figure builders and the page layouts so a value reads the same
in a hover, a card and a table.  A missing number is shown as a dash, never
as "nan".
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from indicators.engine import status_label
from indicators.exports.formats import PERCENT_DECIMALS
from indicators.exports.numbers import is_number
from indicators.registry.english import attribute_en, unit_en, unit_name_en
from layouts.text.english import TEXT as ENGLISH_TEXT
from layouts.text.i18n import pick, t, translate

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


def format_percent(ratio: object, decimals: int = PERCENT_DECIMALS) -> str:
    """A ratio as a percentage, as in the grid and the exports: 0.853 -> '85.3%'; blank -> '—'."""
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
    return f"{format_year(year, lang)}{separator}{format_value(value, unit_label(unit, lang))}"


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
        return shorten_name(pick(document.title_zh, document.title_en, lang), 12 if lang != "en" else 24, lang)
    return pair[1] if lang == "en" else pair[0]


def indicator_name(row: Mapping, lang: str) -> str:
    """The indicator's name from a report row (name_zh/name_en columns)."""
    zh = str(row.get("name_zh") or "")
    en = row.get("name_en")
    return pick(zh, en if isinstance(en, str) else "", lang)


def target_text(row: Mapping, lang: str) -> str:
    """What the target asks for, e.g. '≥ 12 件（2025年）' or '8–10%（2025年）'."""
    unit = unit_label(str(row.get("unit") or ""), lang)
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


def unit_label(unit: str | None, lang: str) -> str:
    """The unit as written after a number in the UI language: '亿元' -> '× 100 million yuan'.

    Idempotent (an English unit passes through), so layers may apply it twice; a unit
    without an English form stays as written (a test keeps the registry's all known).
    """
    unit = str(unit or "")
    if lang != "en":
        return unit
    english = unit_en(unit)
    return unit if english is None else english


def unit_name(unit: str | None, lang: str) -> str:
    """The unit named on its own (a 'Unit' column or line): '件' -> 'count' in English."""
    unit = str(unit or "")
    if lang != "en":
        return unit
    english = unit_name_en(unit)
    return unit_label(unit, lang) if english is None else english


def attribute_label(attribute: str | None, lang: str) -> str:
    """预期性/约束性 in the UI language ('Anticipatory'/'Binding')."""
    text = str(attribute or "")
    return attribute_en(text) if lang == "en" else text


def shorten_name(text: str, limit: int, lang: str) -> str:
    """A name cut to fit a chart; English at a word boundary after its abbreviations.

    Chinese has no word spaces, so it is cut by characters (short_label).  English
    first takes the abbreviations of ENGLISH_ABBREVIATIONS, then drops whole words.
    """
    if lang != "en" or len(text) <= limit:
        return short_label(text, limit)
    for long, short in ENGLISH_ABBREVIATIONS:
        text = text.replace(long, short)
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:-(") + "…"


def distinct_labels(labels: list[str], full: list[str]) -> list[str]:
    """Where shortening made different names look alike, those rows keep their full name."""
    first_full: dict[str, str] = {}
    clashing = set()
    for label, name in zip(labels, full, strict=True):
        if first_full.setdefault(label, name) != name:
            clashing.add(label)
    return [name if label in clashing else label for label, name in zip(labels, full, strict=True)]


# Cases: (long, short) replaced in order, so a chart label keeps its meaning.
ENGLISH_ABBREVIATIONS = (
    ("per 10,000 people", "per 10k people"),
    ("per 10,000 market entities", "per 10k market entities"),
    ("intellectual property", "IP"),
    ("geographical-indication", "GI"),
    ("geographical indications", "GIs"),
    ("Geographical indications", "GIs"),
    ("demonstration", "demo"),
    ("municipal", "mun."),
    ("Municipal", "Mun."),
    ("enterprises", "firms"),
    ("institutions", "bodies"),
    ("international", "intl."),
    (" as a share of GDP", ", % of GDP"),
)


def axis_title(key: str, unit: str, lang: str) -> str:
    """'Value (× 100 million yuan)'; a count, whose English unit is empty, just 'Value'."""
    if unit:
        return t(key, lang, unit=unit)
    return translate(ENGLISH_TEXT, key + "_plain", lang)


def label_colon(lang: str) -> str:
    """The colon after a label: full-width in Chinese, ': ' in English."""
    return "：" if lang != "en" else ": "
