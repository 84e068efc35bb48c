"""Cell values as staff type them, and plausibility against the registry.

Numbers arrive as "1,234.5", full-width "１２", "13%", "4.5万", with stray
spaces, or as Excel numbers.  Plausibility compares a value's order of
magnitude with the registry's baseline and target values for the same
indicator and region, scaled to the indicator's unit, to catch a fraction
typed for a percentage (0.13 for 13 %) or a number typed in the wrong unit
(40000 where the unit is 万件).

Every value, after 万/亿 and unit-column conversion, must lie in its series'
PlausibleRange: within upload.plausible_factor of the references, at most 100
for a share (a % indicator that is not a growth rate) and the full score for a
score in 分, and never above upload.max_value.  Those exactly 10^4/10^8 (or 100)
off get the unit-mistake messages of magnitude_problem; the rest a plain
"implausible" error.  Stored values are checked likewise at preview
(parse.check_plausible_against_stored).
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Literal, NamedTuple

from indicators.registry import Indicator, Registry

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


def reference_values(registry: Registry, indicator_id: str, region: str, *,
                     floors: bool = False) -> tuple[float, ...]:
    """Baseline and goal values of the region's targets, in the indicator's unit.

    floors: only those a value should not fall far below: baselines, and the goals of
    targets that are not cumulative (a count built up to 100 by 2025 may be 9 in 2021).
    """
    return reference_sets(registry, indicator_id, region)[1 if floors else 0]


def reference_sets(registry: Registry, indicator_id: str,
                   region: str) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """(reference_values(...), reference_values(..., floors=True)) in one pass over the targets:
    the importer asks both of every series of a file (18,000 series in a 50,000-row one)."""
    unit = registry.indicators[indicator_id].unit
    values: list[float] = []
    floors: list[float] = []
    for target in registry.targets_of(indicator_id, region):
        try:
            factor = target.scale_to(unit)
        except ValueError:
            continue
        baseline = target.baseline.value if target.baseline else None
        if baseline is not None and baseline != 0:
            values.append(abs(baseline) * factor)
            floors.append(values[-1])
        goal_is_floor = target.kind != "cumulative"
        for number in (target.target_value, target.target_low, target.target_high):
            if number is not None and number != 0:
                values.append(abs(number) * factor)
                if goal_is_floor:
                    floors.append(values[-1])
    return tuple(values), tuple(floors)


# Indicators in % that are rates of change rather than shares: these may be negative or
# above 100.  Every other % indicator is a share, rate or coverage within 0-100.
GROWTH_WORDS = ("增长", "增速", "增幅", "growth")
SHARE_CEILING = 100.0
# A score (分) is out of the smallest of these scales that holds its targets and baselines.
SCORE_UNIT = "分"
SCORE_SCALES = (5.0, 10.0, 100.0)
Implausibility = Literal["share", "score", "range", "limit"]


class PlausibleRange(NamedTuple):  # a tuple: made for every series of a file, cheaply
    """What a value of one series may be, in the indicator's unit, after any conversion.

    lower/upper: the floors / factor and the references x factor (NaN when the series has
    no references; without floors, 0: a cumulative count starts far below its goal);
    ceiling: 100 for a share, the full score for a score (inf otherwise); limit: the
    configured max_value.  Both row paths compare with these very floats.
    """

    lower: float
    upper: float
    ceiling: float
    ceiling_kind: Literal["share", "score", ""]
    negative_ok: bool
    limit: float
    factor: float

    def problem(self, value: float) -> Implausibility | None:
        if value > self.ceiling:
            return self.ceiling_kind or None
        if (0 < value < self.lower) or abs(value) > self.upper:  # False against NaN
            return "range"
        if abs(value) > self.limit:
            return "limit"
        return None


def is_share(indicator: Indicator) -> bool:
    """A % indicator that is a share (0-100), not a growth rate."""
    names = f"{indicator.name_zh} {indicator.name_en}".casefold()
    return indicator.is_percentage and not any(word in names for word in GROWTH_WORDS)


def plausible_range(indicator: Indicator, references: tuple[float, ...], floors: tuple[float, ...],
                    factor: float, limit: float) -> PlausibleRange:
    low, high = (min(references), max(references)) if references else (math.nan, math.nan)
    # Without floors every reference is the goal of a cumulative count, which may start at 1
    # (one centre built of 30): no lower bound; unit mistakes are caught by magnitude_problem.
    lower = min(floors) / factor if floors else 0.0
    ceiling, kind = math.inf, ""
    if is_share(indicator):
        ceiling, kind = SHARE_CEILING, "share"
    elif indicator.unit == SCORE_UNIT and references:
        ceiling = next((scale for scale in SCORE_SCALES if scale >= high), math.inf)
        kind = "score" if math.isfinite(ceiling) else ""
    # A change of a share may be typed as a % too (tests/test_importer_errors.py), so any
    # % may be negative; only its size is bounded.
    negative_ok = indicator.is_percentage
    return PlausibleRange(lower, high * factor, ceiling, kind, negative_ok, limit, factor)  # type: ignore[arg-type]


@dataclass(frozen=True)
class MagnitudeProblem:
    code: Literal["percent_as_fraction", "unit_factor"]
    factor: float
    suggested: float
    reference: str


def magnitude_problem(
    value: float, references: tuple[float, ...], *, is_percentage: bool,
    plausible_factor: float = PLAUSIBLE_FACTOR,
) -> MagnitudeProblem | None:
    """A unit mistake when the value is implausible but value x factor is plausible."""
    if value <= 0 or not references:
        return None
    low, high = min(references), max(references)

    def plausible(candidate: float) -> bool:
        return low / plausible_factor <= candidate <= high * plausible_factor

    if plausible(value):
        return None
    # Worded only for a problem found: most implausible values are no unit mistake.
    factors = ((100,) if value <= 1 else ()) if is_percentage else UNIT_MISTAKE_FACTORS
    factor = next((factor for factor in factors if plausible(value * factor)), None)
    if factor is None:
        return None
    reference = format_number(low) if low == high else f"{format_number(low)}–{format_number(high)}"
    return MagnitudeProblem("percent_as_fraction" if is_percentage else "unit_factor", factor,
                            tidy(value * factor), reference)


def factor_label(factor: float, lang: str) -> str:
    """How many times off, as staff say it: 1万 / 1亿 (or 10,000 / 100,000,000)."""
    size = factor if factor >= 1 else 1 / factor
    if lang == "zh":
        return {1e4: "1万", 1e8: "1亿", 100: "100"}.get(size, format_number(size))
    return format_number(size)
