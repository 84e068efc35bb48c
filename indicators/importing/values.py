"""Cell values as staff type them, and plausibility against the registry.

Numbers arrive as "1,234.5", full-width "１２", "13%", "4.5万", with stray
spaces, or as Excel numbers.  Plausibility compares a value's order of
magnitude with the registry's baseline and target values for the same
indicator and region, scaled to the indicator's unit, to catch a fraction
typed for a percentage (0.13 for 13 %) or a number typed in the wrong unit
(40000 where the unit is 万件).
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from indicators.registry import Registry

# Cells staff use to say "no data"; they count as blank, not as an error.
PLACEHOLDERS = {"-", "--", "—", "——", "–", "/", "无", "暂无", "n/a", "na", "null", "none", "…", "..."}
NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$")
GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$")
YEAR = re.compile(r"^(\d{4})(\.0+)?(年度?)?$")
# Longest first, so "万亿" is not read as "亿".
MAGNITUDE_SUFFIXES = (("万亿", 1e12), ("亿", 1e8), ("万", 1e4))
FORMULA_PREFIX = "'"

# A value within this factor of the registry's baseline/target range is
# plausible; growth over a plan period stays well inside it, while unit
# mistakes (x100, x1e4, x1e8) fall far outside.
PLAUSIBLE_FACTOR = 10.0
UNIT_MISTAKE_FACTORS = (1e4, 1e8, 1e-4, 1e-8)


@dataclass(frozen=True)
class CellNumber:
    kind: Literal["number", "blank", "invalid"]
    value: float = 0.0
    percent: bool = False
    magnitude: str = ""
    text: str = ""


def clean_text(cell: object) -> str:
    """A cell as text: NFKC (full-width to ASCII), trimmed, export quote removed."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    text = unicodedata.normalize("NFKC", str(cell)).strip()
    # Our exports prefix formula-like text with a quote; take it off on the way back.
    if text.startswith(FORMULA_PREFIX) and text[1:2] in ("=", "+", "-", "@"):
        text = text[1:]
    return text


def parse_number(cell: object) -> CellNumber:
    if cell is None:
        return CellNumber("blank")
    if isinstance(cell, (bool, dt.date, dt.time, dt.timedelta)):
        return CellNumber("invalid", text=str(cell))
    if isinstance(cell, (int, float)):
        try:
            value = float(cell)
        except OverflowError:  # an Excel integer of hundreds of digits
            return CellNumber("invalid", text=clean_text(cell)[:20] + "…")
        return CellNumber("number", value) if math.isfinite(value) else CellNumber("invalid", text=str(cell))
    original = str(cell).strip()
    text = "".join(clean_text(cell).split()).removeprefix(FORMULA_PREFIX).casefold()
    if not text or text in PLACEHOLDERS:
        return CellNumber("blank", text=original)
    percent = text.endswith("%")
    text = text.removesuffix("%")
    magnitude = ""
    for suffix, _factor in MAGNITUDE_SUFFIXES:
        if not percent and text.endswith(suffix):
            magnitude, text = suffix, text.removesuffix(suffix)
            break
    if "," in text:
        if not GROUPED.match(text):
            return CellNumber("invalid", text=original)
        text = text.replace(",", "")
    if not NUMBER.match(text) or not math.isfinite(float(text)):
        # "1e999" is a number to Python but infinite: not a value anyone meant.
        return CellNumber("invalid", text=original)
    return CellNumber("number", float(text), percent, magnitude, original)


def magnitude_factor(suffix: str) -> float:
    return dict(MAGNITUDE_SUFFIXES)[suffix]


def parse_year(cell: object) -> int | None:
    """A year from 2021, 2021.0, "2021", "２０２１年" or "2021年度"; None if not a year."""
    if isinstance(cell, bool):
        return None
    if isinstance(cell, int):
        return cell if 1000 <= cell <= 9999 else None
    if isinstance(cell, float):
        return int(cell) if cell.is_integer() and 1000 <= cell <= 9999 else None
    if not isinstance(cell, str):
        return None
    match = YEAR.match("".join(clean_text(cell).split()))
    return int(match.group(1)) if match else None


def tidy(value: float) -> float:
    """Drop float noise from unit arithmetic: 0.05 * 1e4 is 500, not 500.00000000000006."""
    return float(f"{value:.12g}")


def format_number(value: float) -> str:
    if value != 0 and (abs(value) >= 1e15 or abs(value) < 1e-4):
        return f"{value:.6g}"
    return f"{value:,.6f}".rstrip("0").rstrip(".")


def reference_values(registry: Registry, indicator_id: str, region: str) -> tuple[float, ...]:
    """Baseline and goal values of the region's targets, in the indicator's unit."""
    unit = registry.indicators[indicator_id].unit
    values: list[float] = []
    for target in registry.targets_of(indicator_id, region):
        try:
            factor = target.scale_to(unit)
        except ValueError:
            continue
        baseline = target.baseline.value if target.baseline else None
        for number in (baseline, target.target_value, target.target_low, target.target_high):
            if number is not None and number != 0:
                values.append(abs(number) * factor)
    return tuple(values)


@dataclass(frozen=True)
class MagnitudeProblem:
    code: Literal["percent_as_fraction", "unit_factor"]
    factor: float
    suggested: float
    reference: str


def magnitude_problem(
    value: float, references: tuple[float, ...], *, is_percentage: bool
) -> MagnitudeProblem | None:
    """A unit mistake when the value is implausible but value x factor is plausible."""
    if value <= 0 or not references:
        return None
    low, high = min(references), max(references)

    def plausible(candidate: float) -> bool:
        return low / PLAUSIBLE_FACTOR <= candidate <= high * PLAUSIBLE_FACTOR

    if plausible(value):
        return None
    reference = format_number(low) if low == high else f"{format_number(low)}–{format_number(high)}"
    if is_percentage:
        if value <= 1 and plausible(value * 100):
            return MagnitudeProblem("percent_as_fraction", 100, tidy(value * 100), reference)
        return None
    for factor in UNIT_MISTAKE_FACTORS:
        if plausible(value * factor):
            return MagnitudeProblem("unit_factor", factor, tidy(value * factor), reference)
    return None


def factor_label(factor: float, lang: str) -> str:
    """How many times off, as staff say it: 1万 / 1亿 (or 10,000 / 100,000,000)."""
    size = factor if factor >= 1 else 1 / factor
    if lang == "zh":
        return {1e4: "1万", 1e8: "1亿", 100: "100"}.get(size, format_number(size))
    return format_number(size)
