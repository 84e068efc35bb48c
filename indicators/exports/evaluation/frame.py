"""What an evaluation report is made of: its request, its table of targets, its number format.

`EvaluationRequest` is everything the Word and xlsx writers need, gathered by
the caller (CLI or dashboard) from the service; `evaluation_table` is the one
table both writers print, so the two files (and the CSV report, whose figures
they repeat) agree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

import pandas as pd

from indicators.config import StatusThresholds
from indicators.engine import forecast_label, status_label
from indicators.errors import TrackerError
from indicators.exports.formats import (
    MAX_VALUE_DECIMALS,
    UNIT_MIN_DECIMALS,
    WRITTEN_COLUMNS,
    format_figure,
    format_ratio,
    indicator_decimals,
    written_decimals,
)
from indicators.exports.numbers import is_number
from indicators.registry import Document
from indicators.registry.english import attribute_en, unit_name_en

DASH = "—"
# Each row's value decimals (exports.formats: the indicator's precision), added by prepared().
DECIMALS = "value_decimals"
# The table's columns: (key, Chinese header, English header).
TABLE_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("number", "序号", "No."),
    ("name", "指标名称", "Indicator"),
    ("unit", "单位", "Unit"),
    ("baseline", "基期值（年份）", "Baseline (year)"),
    ("target", "目标值（年份）", "Target (year)"),
    ("latest", "最新值（年份）", "Latest (year)"),
    ("completion", "完成率", "Completion"),
    ("status", "状态", "Status"),
    ("forecast", "预计完成情况", "Forecast"),
    ("attribute", "属性", "Attribute"),
)


class EvaluationError(TrackerError):
    """The evaluation report was asked for something it cannot give."""


@dataclass(frozen=True)
class EvaluationRequest:
    report: pd.DataFrame  # gap report rows of the targets evaluated (one or more documents)
    documents: Mapping[str, Document]
    as_of: int | None
    thresholds: StatusThresholds = field(default_factory=StatusThresholds)
    # Current values with their notes (indicator_id, region, year, note): the staff's remarks.
    actuals: pd.DataFrame | None = None
    lang: str = "zh"
    today: dt.date = field(default_factory=dt.date.today)

    @property
    def english(self) -> bool:
        return self.lang == "en"

    def document_ids(self) -> list[str]:
        return list(dict.fromkeys(self.report["document_id"].astype(str)))


def prepared(request: EvaluationRequest) -> EvaluationRequest:
    """The request with each row's value decimals, read from the whole report (DECIMALS)."""
    return replace(request, report=request.report.assign(
        **{DECIMALS: indicator_decimals(request.report)}))


def row_decimals(row: Mapping) -> int:
    """The row's value decimals: prepared()'s, else what the row's own figures are written with."""
    if is_number(row.get(DECIMALS)):
        return int(row[DECIMALS])  # type: ignore[arg-type]
    written = [written_decimals(row.get(column)) for column in WRITTEN_COLUMNS]
    least = UNIT_MIN_DECIMALS.get(str(row.get("unit") or ""), 0)
    return min(MAX_VALUE_DECIMALS, max([least, *written]))


def number_text(value: object, decimals: int = MAX_VALUE_DECIMALS) -> str:
    """A figure as the exports write it (exports.formats): '8,539.9' at 1 decimal; blank '—'."""
    return format_figure(value, decimals)


def percent_text(ratio: object) -> str:
    """A ratio as every surface shows it: 0.798 -> '79.8%'; blank '—'."""
    return format_ratio(ratio)


def unit_text(unit: object, english: bool) -> str:
    """The unit named in the report's language: '亿元' -> '× 100 million yuan', '件' -> 'count'."""
    text = str(unit or "")
    return (unit_name_en(text) or text) if english else text


def point_text(value: object, year: object, english: bool, decimals: int = MAX_VALUE_DECIMALS) -> str:
    """'6.3（2020）' / '6.3 (2020)'; the year alone is left out when unknown."""
    number = number_text(value, decimals)
    if number == DASH or not is_number(year):
        return number
    return f"{number} ({int(year)})" if english else f"{number}（{int(year)}）"


def attribute_text(value: object, english: bool) -> str:
    text = "" if value is None or value is pd.NA else str(value)
    if not text or text == "nan":
        return DASH
    return attribute_en(text) if english else text


def name_text(row: Mapping, english: bool) -> str:
    name = str(row.get("name_en") or "") if english else ""
    return name or str(row.get("name_zh") or row.get("indicator_id") or "")


def ordered_targets(report: pd.DataFrame) -> pd.DataFrame:
    """A document's main indicators (those with an attribute) first, each group in registry order."""
    attribute = report["attribute"].fillna("").astype(str) if "attribute" in report else None
    if attribute is None:
        return report
    return pd.concat([report[attribute.ne("")], report[attribute.eq("")]])


def evaluation_table(report: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """One row per target with the table's texts (TABLE_COLUMNS), plus its target_id."""
    english = lang == "en"
    rows = []
    for number, row in enumerate(ordered_targets(report).to_dict("records"), start=1):
        places = row_decimals(row)
        rows.append({
            "number": str(number),
            "name": name_text(row, english),
            "unit": unit_text(row.get("unit"), english),
            "baseline": point_text(row.get("baseline_value"), row.get("baseline_year"), english, places),
            "target": point_text(row.get("target_value"), row.get("target_year"), english, places),
            "latest": point_text(row.get("latest_value"), row.get("latest_year"), english, places),
            "completion": percent_text(row.get("completion_rate")),
            "status": status_label(str(row.get("status")), lang),
            "forecast": forecast_label(str(row.get("forecast") or "not_judged"), lang),
            "attribute": attribute_text(row.get("attribute"), english),
            "target_id": str(row["target_id"]),
        })
    return pd.DataFrame(rows, columns=[key for key, _, _ in TABLE_COLUMNS] + ["target_id"])


def headers(lang: str) -> list[str]:
    return [en if lang == "en" else zh for _, zh, en in TABLE_COLUMNS]


def staff_notes(actuals: pd.DataFrame | None, row: Mapping, as_of: int | None) -> list[tuple[int, str]]:
    """(year, note) of the series' stored values up to the as-of year that carry a note."""
    if actuals is None or actuals.empty or "note" not in actuals:
        return []
    series = actuals[(actuals["indicator_id"].astype(str) == str(row["indicator_id"]))
                     & (actuals["region"].astype(str) == str(row["region"]))]
    if as_of is not None:
        series = series[pd.to_numeric(series["year"], errors="coerce") <= as_of]
    notes = series["note"].fillna("").astype(str).str.strip()
    kept = series[notes.ne("")].assign(note=notes[notes.ne("")]).sort_values("year")
    return [(int(year), note) for year, note in zip(kept["year"], kept["note"], strict=True)]
