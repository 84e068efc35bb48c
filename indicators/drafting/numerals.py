"""Numbers as plans write them: 12, 3,500, 7.5, 三十, 两, 一百二十, 十二万 ...

Magnitudes that name a unit (万件, 亿元) are not folded into the value: the
value stays as written and the magnitude stays in the unit, as the registry
keeps it (4 万人 is value 4, unit 万人).
"""

from __future__ import annotations

import re

CHINESE_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
                  "六": 6, "七": 7, "八": 8, "九": 9}
CHINESE_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
CHINESE_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
CHINESE_NUMERAL_CHARS = "".join(CHINESE_DIGITS) + "".join(CHINESE_SMALL_UNITS) + "".join(
    CHINESE_BIG_UNITS)
ARABIC_NUMBER = r"\d+(?:,\d{3})*(?:\.\d+)?"
ARABIC_PATTERN = re.compile(rf"^{ARABIC_NUMBER}$")
# Text copied from some PDFs spaces the digits of every number: 3 5 0件, 3 0%, 1 2 0亿.
SPACED_NUMBER = r"\d(?: \d)+(?![\d.])"
SPACED_PATTERN = re.compile(rf"^{SPACED_NUMBER}$")


def parse_number(text: str) -> float | None:
    """The value of an Arabic or Chinese numeral, or None when `text` is not one."""
    text = text.strip()
    if ARABIC_PATTERN.match(text):
        return float(text.replace(",", ""))
    if SPACED_PATTERN.match(text):
        return float(text.replace(" ", ""))
    return parse_chinese(text)


def parse_chinese(text: str) -> float | None:
    """三十 -> 30, 两 -> 2, 一百零五 -> 105, 十二万 -> 120000; None for 万 alone or 三五."""
    if not text or any(char not in CHINESE_NUMERAL_CHARS for char in text):
        return None
    if not any(char in CHINESE_DIGITS or char == "十" for char in text):
        return None  # 万, 百 alone are magnitudes, not numbers
    total, section, digit = 0, 0, None
    for char in text:
        if char in CHINESE_DIGITS:
            if digit is not None and CHINESE_DIGITS[char] != 0:
                return None  # 三五 (three or five) is not one number
            digit = CHINESE_DIGITS[char] or None
        elif char in CHINESE_SMALL_UNITS:
            section += (digit if digit is not None else 1) * CHINESE_SMALL_UNITS[char]
            digit = None
        else:
            total = (total + section + (digit or 0)) * CHINESE_BIG_UNITS[char]
            section, digit = 0, None
    return float(total + section + (digit or 0))


def format_number(value: float) -> str:
    """12 rather than 12.0; as many decimals as the value has."""
    return format(value, ".15g")
