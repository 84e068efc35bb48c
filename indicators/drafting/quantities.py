"""Find the quantities in a folded sentence: 12件, 3家至5家, 1—2个, 超万亿元, 全覆盖.

A quantity is only a candidate here; sentences.py decides whether the
sentence sets it as a target.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from indicators.drafting import patterns as p
from indicators.drafting import patterns_unseen as u
from indicators.drafting import wording as w
from indicators.drafting.numerals import parse_number

# Characters before a number that make it an ordinal or a rank (第3, 前10位).
NOT_AFTER = "第前后排"
# The longest reach of a quoted slogan around a numeral (“六个倍增、六个突破”).
SLOGAN_CHARS = 10


@dataclass(frozen=True)
class Quantity:
    start: int
    end: int  # after the unit and any 以上/左右
    unit_end: int
    unit: str
    value: float | None = None
    low: float | None = None
    high: float | None = None
    after_word: str = ""
    approx: str = ""
    coverage: bool = False
    bare: bool = False  # 超万亿元: no digits, one of the magnitude
    rank: bool = False  # 跃居全省前40位: the rank must be this or better (starts at 跃居)
    doubling: bool = False  # 翻两番: value 2 doublings, unit 番


def find_quantities(fold: str) -> list[Quantity]:
    """Every candidate quantity in reading order, ranges before the numbers inside them."""
    found: list[Quantity] = []
    for finder in (_double_digits, _ranges, _singles, _percent_words, _bare, _bare_counts,
                   _coverage, _ranks, _doublings, _unitless):
        for quantity in finder(fold):
            if not any(_overlaps(quantity, other) for other in found):
                found.append(quantity)
    return sorted(found, key=lambda quantity: quantity.start)


def _overlaps(one: Quantity, other: Quantity) -> bool:
    return one.start < other.unit_end and other.start < one.unit_end


def _ranges(fold: str) -> list[Quantity]:
    quantities = []
    for match in p.RANGE.finditer(fold):
        low, high = parse_number(match["low"]), parse_number(match["high"])
        if low is None or high is None or low >= high or not _number_stands(fold, match, "low"):
            continue
        unit = (match["mag"] or "") + match["unit"]
        if _is_year(high, unit):
            continue
        after, end = _after_word(fold, match.end())
        quantities.append(Quantity(match.start(), end, match.end(), unit, low=low, high=high,
                                   after_word=after))
    return quantities


def _singles(fold: str) -> list[Quantity]:
    quantities = []
    for match in p.QUANTITY.finditer(fold):
        value = parse_number(match["num"])
        if value is None or not _number_stands(fold, match, "num"):
            continue
        unit = (match["mag"] or "") + match["unit"]
        if _is_year(value, unit) or fold.startswith(p.NUMERAL_WORDS, match.start()):
            continue
        after, end = _after_word(fold, match.end())
        quantities.append(Quantity(match.start(), end, match.end(), unit, value=value,
                                   after_word=after, approx=match["approx"] or ""))
    return quantities


def _is_year(value: float, unit: str) -> bool:
    """2025年 is a year, not a duration of 2025 years."""
    return unit == "年" and value.is_integer() and 1900 <= value <= 2100


def _number_stands(fold: str, match: re.Match[str], group: str) -> bool:
    """False for ordinals (第3个), ranks (前10位) and numerals inside words (统一部署)."""
    before = fold[: match.start(group)].rstrip()
    previous = before[-1:] if before else ""
    if previous and previous in NOT_AFTER:
        return False
    chinese = not match[group][0].isdigit()
    words = p.CHINESE_NUMBER_NOT_AFTER + (p.ONE_WORDS if match[group].startswith("一") else "")
    # A numeral opening a quoted slogan (“四个全面”, “五位一体”) counts nothing, nor one
    # inside it (“六个倍增、六个突破”).
    if chinese and _in_slogan(fold, match.start(group)):
        return False
    return not (chinese and previous and previous in words + "“\"")


def _in_slogan(fold: str, at: int) -> bool:
    opening = fold.rfind("“", max(at - SLOGAN_CHARS, 0), at)
    closing = fold.find("”", at, at + SLOGAN_CHARS)
    return opening >= 0 and closing >= 0 and "”" not in fold[opening:at]


def _after_word(fold: str, position: int) -> tuple[str, int]:
    rest = fold[position:]
    stripped = rest.lstrip()
    for word, _ in p.AFTER_WORDS:
        if stripped.startswith(word):
            return word, position + len(rest) - len(stripped) + len(word)
    if stripped.startswith("以下"):
        return "以下", position + len(rest) - len(stripped) + 2
    return "", position


def _bare(fold: str) -> list[Quantity]:
    quantities = []
    for match in p.BARE_MAGNITUDE.finditer(fold):
        value, magnitude = p.BARE_VALUES.get(match["mag"], (1.0, match["mag"]))
        after, end = _after_word(fold, match.end())
        quantities.append(Quantity(match.start("mag"), end, match.end(), magnitude + match["unit"],
                                   value=value, after_word=after, bare=True))
    return quantities


def _bare_counts(fold: str) -> list[Quantity]:
    quantities = []
    for match in w.BARE_COUNT.finditer(fold):
        after, end = _after_word(fold, match.end())
        quantities.append(Quantity(match.start(), end, match.end(), match["unit"],
                                   value=100.0 if match["mag"] == "百" else 1000.0,
                                   after_word=after))
    return quantities


def _coverage(fold: str) -> list[Quantity]:
    return [Quantity(match.start(), match.end(), match.end(), "%", value=100.0, coverage=True)
            for match in p.COVERAGE.finditer(fold)]


def _percent_words(fold: str) -> list[Quantity]:
    quantities = []
    for match in p.PERCENT_WORDS.finditer(fold):
        value = parse_number(match["num"])
        if value is not None:
            after, end = _after_word(fold, match.end())
            quantities.append(Quantity(match.start(), end, match.end(), "%", value=value,
                                       after_word=after))
    return quantities


def _ranks(fold: str) -> list[Quantity]:
    # The quantity starts at its verb (跃居), so the name before it leaves the verb out;
    # 达到世界第二 is a rank too (2 or better).
    quantities = []
    for match in p.RANK.finditer(fold):
        value = parse_number(match["num"] or match["ord"])
        if value is not None:
            quantities.append(Quantity(match.start(), match.end(), match.end(),
                                       match["unit"] or "", value=value, rank=True))
    return quantities


def _doublings(fold: str) -> list[Quantity]:
    quantities = []
    for match in p.DOUBLING.finditer(fold):
        value = parse_number(match["num"]) if match["num"] else 1.0  # 翻番 is one doubling
        if value is not None:
            quantities.append(Quantity(match.start(), match.end(), match.end(), "番", value=value,
                                       doubling=True))
    return quantities


def _double_digits(fold: str) -> list[Quantity]:
    """保持两位数增长: growth of 10% at least (before 两位 is read as a count of 位)."""
    return [Quantity(match.start(), match.end(), match.end(), "%", value=u.DOUBLE_DIGIT_VALUE,
                     after_word="以上") for match in u.DOUBLE_DIGIT_GROWTH.finditer(fold)]


def _unitless(fold: str) -> list[Quantity]:
    quantities = []
    for match in p.UNITLESS.finditer(fold):
        after, end = _after_word(fold, match.end())
        quantities.append(Quantity(match.start(), end, match.end(), "", value=float(match["num"]),
                                   after_word=after))
    for match in p.UNITLESS_CHANGE.finditer(fold):
        value = float(match["num"])
        if not _is_year(value, "年"):  # 到2030, : a year, not an index
            quantities.append(Quantity(match.start("num"), match.end(), match.end(), "",
                                       value=value))
    return quantities


def after_comparator(word: str) -> str | None:
    return dict(p.AFTER_WORDS).get(word)
