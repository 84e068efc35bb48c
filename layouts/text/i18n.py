"""Looking up UI strings in Chinese and English by key: t("nav.overview", "en").

Chinese is the default and the fallback, so a missing English string shows
Chinese rather than a bare key.  Strings may carry str.format fields.  The
strings themselves are in catalogue.py; other tables (staff.py) use the same
rules through `translate`.
"""

from __future__ import annotations

from collections.abc import Mapping

from layouts.text.catalogue import CATEGORY_LABELS, STRINGS

LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"




def normalise_language(lang: str | None) -> str:
    """Any unknown or missing language falls back to Chinese."""
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def translate(table: Mapping[str, tuple[str, str]], key: str, lang: str | None, **fields: object) -> str:
    """Look a key up in a (zh, en) table; a missing key shows itself so it gets noticed."""
    pair = table.get(key)
    if pair is None:
        return key
    text = pair[1] if normalise_language(lang) == "en" and pair[1] else pair[0]
    return text.format(**fields) if fields else text


def t(key: str, lang: str | None, **fields: object) -> str:
    return translate(STRINGS, key, lang, **fields)


def category_label(category: str, lang: str | None) -> str:
    pair = CATEGORY_LABELS.get(category)
    if pair is None:
        return category
    return pair[1] if normalise_language(lang) == "en" else pair[0]


def pick(zh: str, en: str, lang: str | None) -> str:
    """Choose between a record's name_zh/name_en; English falls back to Chinese."""
    return en if normalise_language(lang) == "en" and en else zh
