"""One number format per report column, for the grid, the CLI, the CSV and the xlsx report.

The formats are data (`COLUMN_KINDS`: column -> kind) read by a few small
functions, so that a figure reads the same on every surface:

- ratio: a fraction shown as a percentage with PERCENT_DECIMALS (1) decimals,
  0.798 -> "79.8%".  The CSV and the xlsx cell hold the fraction rounded to
  that precision (0.798), so a spreadsheet still computes with it; the xlsx
  shows it as 79.8% (number format "0.0%").
- value: a figure in the indicator's unit, with the indicator's precision:
  the most decimals its targets, baselines and latest values are written with,
  at least 0 and at most MAX_VALUE_DECIMALS (2); a percentage unit ("%") at
  least 1.  "66 -> 140 亿元, latest 100" gives 0 decimals, "3.65 -> 12 件" 2,
  "13%" 1 (13.0%), "3500 亿元, latest 8539.9" 1: neither a plan's figure nor a
  published one loses a digit it was written with.
- year: a whole number, 2023 (never 2023.0).

Rounding is half away from zero (2.5 -> 3, as a reader rounds), and removes
float noise: 0.5199999999999996 is written 0.52.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import pandas as pd

from indicators.exports.numbers import is_number

PERCENT_DECIMALS = 1
RATIO_DIGITS = PERCENT_DECIMALS + 2  # a fraction's decimals: 0.798 is 79.8%
MAX_VALUE_DECIMALS = 2
UNIT_MIN_DECIMALS = {"%": 1}  # units shown with at least these decimals: 13.0%
BLANK = "—"

RATIO, VALUE, YEAR = "ratio", "value", "year"
COLUMN_KINDS: dict[str, str] = {
    **dict.fromkeys(("time_share", "progress_ratio", "schedule_ratio", "growth_ratio",
                     "completion_rate", "required_annual_growth", "achieved_annual_growth"), RATIO),
    **dict.fromkeys(("baseline_value", "target_value", "target_low", "target_high",
                     "latest_value", "planned_value", "gap_to_target", "gap_to_path",
                     "projected_value", "old_value", "new_value", "value"), VALUE),
    **dict.fromkeys(("baseline_year", "target_year", "latest_year", "plan_start",
                     "first_met_year", "year"), YEAR),
}
# The columns an indicator's precision is read from: what its plan and its sources wrote.
WRITTEN_COLUMNS = ("target_value", "baseline_value", "target_low", "target_high", "latest_value")
# xlsx number formats: ratios as percentages, values by decimals, years plain.
XLSX_RATIO_FORMAT = "0." + "0" * PERCENT_DECIMALS + "%"
XLSX_YEAR_FORMAT = "0"
# CSV floats, once rounded: shortest text, 140 rather than 140.0 (15 digits hold any figure).
CSV_FLOAT_FORMAT = "%.15g"


def column_kind(column: str) -> str | None:
    """The column's format kind (ratio, value, year), None for text and codes."""
    return COLUMN_KINDS.get(column)


def written_decimals(value: object) -> int:
    """Decimals a number is written with (12 -> 0, 3.65 -> 2), at most MAX_VALUE_DECIMALS."""
    return int(decimals_written(pd.Series([value]))[0])


def decimals_written(values: pd.Series) -> np.ndarray:
    """written_decimals of a whole column at once (blanks count 0): the fewest decimals that
    hold the number, float noise ignored (0.5199999999999996 is written 0.52)."""
    numbers = pd.to_numeric(values, errors="coerce").astype("float64").to_numpy()
    numbers = np.where(np.isfinite(numbers), numbers, 0.0)
    decimals = np.full(len(numbers), MAX_VALUE_DECIMALS)
    for places in range(MAX_VALUE_DECIMALS - 1, -1, -1):
        scaled = numbers * 10.0**places
        whole = np.abs(scaled - np.round(scaled)) <= 1e-9 * np.maximum(1.0, np.abs(scaled))
        decimals = np.where(whole, places, decimals)
    return decimals


def indicator_decimals(report: pd.DataFrame) -> pd.Series:
    """Each row's value decimals: its indicator's precision (module docstring)."""
    if report.empty or "indicator_id" not in report:
        return pd.Series(MAX_VALUE_DECIMALS, index=report.index, dtype="int64")
    written = [decimals_written(report[column]) for column in WRITTEN_COLUMNS if column in report]
    per_row = pd.Series(np.max(written, axis=0) if written else 0, index=report.index)
    decimals = per_row.groupby(report["indicator_id"].astype(str)).transform("max")
    if "unit" in report:
        least = report["unit"].map(UNIT_MIN_DECIMALS).fillna(0)
        decimals = np.maximum(decimals, least)
    return decimals.fillna(MAX_VALUE_DECIMALS).astype("int64")


def round_half_up(values: pd.Series, decimals: pd.Series | int) -> pd.Series:
    """values rounded half away from zero; blanks and infinities become NaN."""
    numbers = pd.to_numeric(values, errors="coerce").astype("float64")
    numbers = numbers.where(np.isfinite(numbers))
    scale = np.power(10.0, np.asarray(decimals, dtype="float64"))
    # The tiny nudge makes 2.675 (stored as 2.67499999...) round as written.
    scaled = np.floor(np.abs(numbers) * scale + 0.5 + 1e-9)
    return pd.Series(np.sign(numbers) * scaled / scale, index=values.index) + 0.0


def rounded_report(report: pd.DataFrame, columns: list[str] | None = None) -> pd.DataFrame:
    """The report (or its `columns`) with every number at its format's precision; years as
    integers.  The precision reads the whole report, whichever columns are kept."""
    decimals = indicator_decimals(report)
    frame = report[columns].copy() if columns is not None else report.copy()
    for column in frame.columns:
        kind = column_kind(str(column))
        if kind == RATIO:
            frame[column] = round_half_up(frame[column], RATIO_DIGITS)
        elif kind == VALUE:
            frame[column] = round_half_up(frame[column], decimals)
        elif kind == YEAR:
            frame[column] = round_half_up(frame[column], 0).astype("Int64")
    return frame


def format_ratio(value: object) -> str:
    """0.798 -> '79.8%'; blank -> '—'."""
    if not is_number(value):
        return BLANK
    number = float(value) * 100
    return f"{_half_up(number, PERCENT_DECIMALS):,.{PERCENT_DECIMALS}f}%"


def format_figure(value: object, decimals: int = MAX_VALUE_DECIMALS) -> str:
    """12.345 with 2 decimals -> '12.35'; 3200 with 0 -> '3,200'; blank -> '—'."""
    if not is_number(value):
        return BLANK
    text = f"{_half_up(float(value), decimals):,.{decimals}f}"
    return text[1:] if text.startswith("-") and not any(c in "123456789" for c in text) else text


def format_cell(column: str, value: object, decimals: int = MAX_VALUE_DECIMALS) -> str:
    """A report cell as text by its column's kind (text columns as they are, blanks '—')."""
    kind = column_kind(column)
    if kind == RATIO:
        return format_ratio(value)
    if kind == VALUE:
        return format_figure(value, decimals)
    if kind == YEAR:
        return str(int(float(value))) if is_number(value) else BLANK  # type: ignore[arg-type]
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return BLANK
    return str(value)


def xlsx_number_format(column: str, decimals: int) -> str | None:
    """The xlsx number format of a numeric cell in the column (None: leave Excel's default)."""
    kind = column_kind(column)
    if kind == RATIO:
        return XLSX_RATIO_FORMAT
    if kind == YEAR:
        return XLSX_YEAR_FORMAT
    if kind == VALUE:
        return "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return None


def d3_formats() -> Mapping[str, str]:
    """The same formats in d3-format syntax, for the grid's value formatters."""
    return {RATIO: f".{PERCENT_DECIMALS}%", YEAR: "d"}


def _half_up(number: float, decimals: int) -> float:
    return math.copysign(math.floor(abs(number) * 10**decimals + 0.5 + 1e-9) / 10**decimals, number)
