"""Where a value was published: the optional source columns of an upload.

来源/出处 (outlet and release), 链接/网址 (the page), 发布日期 (the release
date) and 原文 (the sentence that gives the number) are stored with each
value and its version.  They are copied as typed (only trimmed): a quote
must stay character for character what the page says.  A link must be an
http(s) address, so the detail page never renders another scheme as a link;
a date is stored as YYYY, YYYY-MM or YYYY-MM-DD.  Each rule below is a case
list next to the small function that applies it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

# The record fields, in the order they follow the other record fields.
SOURCE_ROLES = ("source", "url", "published", "quote")
# Longest text kept per field; a longer cell is an error, not silently cut.
TEXT_LIMITS = {"source": 500, "url": 2000, "published": 40, "quote": 2000}
URL_SCHEMES = ("http", "https")
# Release dates as staff type them -> (pattern, how many of year, month, day it gives).
PUBLISHED_FORMS = (
    re.compile(r"(\d{4})"),
    re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?"),
    re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"),
)
# Our exports prefix formula-like text with a quote; it is taken off on the way back.
FORMULA_PREFIX = "'"


@dataclass(frozen=True)
class SourceProblem:
    """Why a source cell was refused: an issue code (importing.issues) and its fields."""

    code: str
    fields: dict[str, object]


def plain_text(cell: object) -> str:
    """A source cell as text, trimmed; no other change (a quote keeps every character)."""
    if cell is None:
        return ""
    if isinstance(cell, dt.datetime | dt.date):
        return _date_text(cell)
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    text = str(cell).strip()
    if text.startswith(FORMULA_PREFIX) and text[1:2] in ("=", "+", "-", "@"):
        text = text[1:]
    return text


def source_value(role: str, cell: object) -> tuple[str, SourceProblem | None]:
    """The stored text of one source cell, or the problem that refuses it."""
    text = plain_text(cell)
    limit = TEXT_LIMITS[role]
    if len(text) > limit:
        return "", SourceProblem("source_too_long", {"length": len(text), "limit": limit})
    if role == "url" and text:
        return _checked_url(text)
    if role == "published" and text:
        return _checked_date(cell, text)
    return text, None


def url_problem(text: str) -> str | None:
    """None when text is an http(s) address with a host, else why not (a word for the message)."""
    if any(char.isspace() or ord(char) < 32 or ord(char) == 127 for char in text):
        return "space"
    try:
        parts = urlsplit(text)
    except ValueError:
        return "form"
    if parts.scheme.lower() not in URL_SCHEMES:
        return "scheme"
    if not parts.hostname:
        return "host"
    return None


def _checked_url(text: str) -> tuple[str, SourceProblem | None]:
    if url_problem(text) is None:
        return text, None
    return "", SourceProblem("bad_url", {"text": text[:80]})


def published_date(text: str) -> str | None:
    """YYYY, YYYY-MM or YYYY-MM-DD from what staff type (2024年1月25日, 2024/1/25), or None."""
    for pattern in PUBLISHED_FORMS:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        numbers = [int(group) for group in match.groups()]
        try:
            dt.date(numbers[0], *(numbers[1:] + [1, 1])[:2])
        except ValueError:
            return None
        return "-".join([f"{numbers[0]:04d}", *(f"{number:02d}" for number in numbers[1:])])
    return None


def _checked_date(cell: object, text: str) -> tuple[str, SourceProblem | None]:
    if isinstance(cell, dt.datetime | dt.date):
        return text, None
    date = published_date(text)
    if date is None:
        return "", SourceProblem("bad_published", {"text": text[:40]})
    return date, None


def _date_text(cell: dt.date) -> str:
    day = cell.date() if isinstance(cell, dt.datetime) else cell
    return day.isoformat()
