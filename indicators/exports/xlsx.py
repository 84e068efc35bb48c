"""The gap report as an Excel workbook: report sheet, then a method sheet.

The report sheet keeps its header row visible, sizes columns for Chinese
text, rounds and formats numbers, and fills each status cell with the status
palette.  Every text cell goes through the same formula escaping as CSV.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import unicodedata
from collections.abc import Mapping

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from indicators.config import StatusThresholds
from indicators.engine import STATUS_CODES, status_colour, status_label, status_text_colour
from indicators.exports.clock import beijing_time
from indicators.exports.columns import column_labels, localise_report, xlsx_columns
from indicators.exports.formats import YEAR, column_kind, indicator_decimals, xlsx_number_format
from indicators.exports.safety import escape_formula

# Method-sheet rows naming what the report was narrowed to: blank means every one.
NARROWING_KEYS = ("region", "document_id")
ALL_WORDS = {"zh": "全部", "en": "All"}
GENERATED_SUFFIX = {"zh": "（北京时间）", "en": " (Beijing time)"}
HEADER_FILL = PatternFill("solid", fgColor="DDE3EA")
MAX_WIDTH, MIN_WIDTH = 48, 6

SHEET_TITLES = {"zh": ("差距报告", "说明"), "en": ("Gap report", "Method")}

METHOD_ZH = (
    ("方法", "对每个目标，按基期 (y0, v0)、目标 (yT, vT) 和方向 d（越高越好 +1，越低越好 −1）计算："),
    ("时间进度", "s = (y − y0) / (yT − y0)，限定在 0 到 1 之间"),
    ("序时进度值", "线性 v0 + (vT − v0)·s；几何 v0·(vT/v0)^s"),
    ("目标完成度", "(a − v0) / (vT − v0)"),
    ("序时进度比", "q = (a − v0) / (序时进度值 − v0)，基期当年无定义"),
    ("距目标差距", "d·(vT − a)，正数表示尚未达到目标"),
    ("距序时进度差距", "d·(序时进度值 − a)，正数表示落后于序时进度"),
    ("增速比", "实际年均增速 / 目标所需年均增速（数值均为正时）"),
    ("所需年均增速", "(vT / a)^(1/(yT − y)) − 1"),
    ("趋势预测值", "基期点与各年实际值的最小二乘直线在目标年份的取值"),
    ("状态", "已完成：d·(a − vT) ≥ 0；否则按 q 判断：符合序时进度、略滞后、滞后（q ≥ 0）、"
             "逆向变化（q < 0）；无实际值为无数据；q 无定义为无法评估；曾达到目标后回落为达标后回落"),
    ("最终状态", "目标年（或之后）实际值已知时：此前已达到且仍达到为提前完成；超出目标超过超额幅度为"
                 "超额完成；达到为已完成；否则为未完成"),
    ("完成率", "越高越好 a / vT，越低越好 vT / a"),
    ("预计完成情况", "目标年实际值未知时：趋势预测值达到目标且基期以来年均增速不低于所需年均增速为"
                     "预计可如期完成（趋势预测超出目标超过超额幅度为预计可超额完成）；两者均不满足为"
                     "预计完成难度较大；两者不一致时符合序时进度或已完成为预计可如期完成，否则为难度较大"),
    ("累计型目标", "实际值为规划期内逐年值之和，基数为 0（文本另有基期除外）"),
)
METHOD_EN = (
    ("Method", "For each target with baseline (y0, v0), target (yT, vT) and direction d "
               "(+1 higher is better, -1 lower is better), and the actual a in year y:"),
    ("time_share", "s = (y - y0) / (yT - y0), clamped to [0, 1]"),
    ("planned_value", "linear v0 + (vT - v0)·s; geometric v0·(vT/v0)^s"),
    ("progress_ratio", "(a - v0) / (vT - v0)"),
    ("schedule_ratio", "q = (a - v0) / (planned - v0), undefined at y = y0"),
    ("gap_to_target", "d·(vT - a); positive: still short of the target"),
    ("gap_to_path", "d·(planned - a); positive: behind the planned path"),
    ("growth_ratio", "actual CAGR since the baseline / CAGR the target requires (positive values)"),
    ("required_annual_growth", "(vT / a)^(1/(yT - y)) - 1"),
    ("projected_value", "least-squares line through the baseline and the actuals, at yT"),
    ("status", "achieved when d·(a - vT) >= 0; else by q: on_track, slightly_behind, "
               "behind (q >= 0), moving_away (q < 0); no_data without actuals; "
               "not_assessable when q is undefined; met_then_lost when met before and below now"),
    ("final status", "once the target year's actual is known: met_early when met before and "
                     "still met; exceeded when beyond the target by more than the exceed margin; "
                     "achieved when met; else missed"),
    ("completion_rate", "a / vT when higher is better, vT / a when lower is better"),
    ("forecast", "while the target year's actual is unknown: on_time when the projection reaches "
                 "the target and the growth achieved since the baseline is at least the growth "
                 "still required (exceed when the projection passes the target by more than the "
                 "exceed margin); difficult when neither holds; when they disagree, on_time if "
                 "the status is on_track or achieved, else difficult"),
    ("cumulative", "the actual is the sum of the yearly values in the plan period, from 0 "
                   "unless the text gives a baseline"),
)


def write_report_xlsx(
    report: pd.DataFrame, lang: str, as_of: int | None, meta: Mapping[str, object],
    names: Mapping[str, Mapping[object, str]] | None = None,
) -> bytes:
    """`names`: region codes and document ids -> names (columns.display_names)."""
    workbook = Workbook()
    sheet = workbook.active
    report_title, method_title = SHEET_TITLES["en" if lang == "en" else "zh"]
    sheet.title = report_title
    _write_report_sheet(sheet, report, lang, names or {})
    _write_method_sheet(workbook.create_sheet(method_title), lang, as_of, meta, names or {})
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _write_report_sheet(
    sheet: Worksheet, report: pd.DataFrame, lang: str, names: Mapping[str, Mapping[object, str]]
) -> None:
    columns = xlsx_columns(report, lang)
    localised = localise_report(report, lang, columns, names)
    headers = [escape_formula(str(name)) for name in localised.columns]
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    for row in localised.itertuples(index=False, name=None):
        sheet.append([_cell_value(column, value) for column, value in zip(columns, row, strict=True)])
    decimals = indicator_decimals(report).tolist()
    for position, column in enumerate(columns, start=1):
        _format_column(sheet, position, column, decimals)
    if "status" in columns and len(report):
        _colour_statuses(sheet, columns.index("status") + 1, report["status"].astype(str))
    sheet.freeze_panes = "A2"
    if len(localised):
        sheet.auto_filter.ref = sheet.dimensions
    _fit_widths(sheet, headers, localised)


def _cell_value(column: str, value: object) -> object:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, float) and math.isinf(value):
        return None
    if column_kind(column) == YEAR:
        return int(value)  # type: ignore[call-overload]
    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()  # numpy scalars -> plain Python for openpyxl
    return escape_formula(value)


def _format_column(sheet: Worksheet, position: int, column: str, decimals: list[int]) -> None:
    """Each number in its column's format (exports.formats); values at their row's precision."""
    cells = sheet.iter_rows(min_row=2, max_row=len(decimals) + 1, min_col=position,
                            max_col=position)
    for (cell,), places in zip(cells, decimals, strict=True):
        number_format = xlsx_number_format(column, places)
        if number_format and isinstance(cell.value, int | float) and not isinstance(cell.value, bool):
            cell.number_format = number_format


def _colour_statuses(sheet: Worksheet, position: int, codes: pd.Series) -> None:
    fills = {code: PatternFill("solid", fgColor=status_colour(code)[1:]) for code in STATUS_CODES}
    fonts = {code: Font(color=status_text_colour(code)[1:]) for code in STATUS_CODES}
    for row, code in enumerate(codes, start=2):
        if code in fills:
            cell = sheet.cell(row=row, column=position)
            cell.fill = fills[code]
            cell.font = fonts[code]


def display_width(text: str) -> int:
    """Columns a text takes in a monospaced sense: CJK characters count two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _fit_widths(sheet: Worksheet, headers: list[str], frame: pd.DataFrame) -> None:
    for position, header in enumerate(headers, start=1):
        sample = frame.iloc[:500, position - 1].dropna().astype(str)
        longest = max([display_width(header), *(display_width(text) for text in sample)])
        width = min(MAX_WIDTH, max(MIN_WIDTH, longest + 2))
        sheet.column_dimensions[get_column_letter(position)].width = width


def _write_method_sheet(
    sheet: Worksheet, lang: str, as_of: int | None, meta: Mapping[str, object],
    names: Mapping[str, Mapping[object, str]],
) -> None:
    english = lang == "en"
    thresholds = _thresholds(meta.get("thresholds"))
    rows = list(METHOD_EN if english else METHOD_ZH)
    on_track, slightly = f"{thresholds.on_track:g}", f"{thresholds.slightly_behind:g}"
    rows += [
        (status_label("on_track", lang), f"q >= {on_track}"),
        (status_label("slightly_behind", lang), f"{slightly} <= q < {on_track}"),
        (status_label("behind", lang), f"0 <= q < {slightly}"),
        (status_label("moving_away", lang), "q < 0"),
        ("exceed_margin" if english else "超额幅度", f"{thresholds.exceed_margin:g}"),
        ("forecast.projection_slack" if english else "趋势预测容差",
         f"{thresholds.forecast.projection_slack:g}"),
        ("forecast.growth_ratio" if english else "增速倍数", f"{thresholds.forecast.growth_ratio:g}"),
        ("As of" if english else "数据截至年份", as_of if as_of is not None else "—"),
        ("Generated" if english else "生成时间",
         beijing_time(dt.datetime.now(dt.UTC)) + GENERATED_SUFFIX["en" if english else "zh"]),
    ]
    labels = column_labels(lang)
    rows += [(labels.get(str(key), str(key)), _meta_text(key, value, lang, names))
             for key, value in meta.items() if key != "thresholds"]
    for label, text in rows:
        sheet.append([escape_formula(str(label)), escape_formula(text)])
    for cell in sheet["A"]:
        cell.font = Font(bold=True)
    for cell in sheet["B"]:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 100


def _thresholds(value: object) -> StatusThresholds:
    if isinstance(value, StatusThresholds):
        return value
    if isinstance(value, Mapping):
        return StatusThresholds.model_validate(dict(value))
    return StatusThresholds()


def _meta_text(
    key: str, value: object, lang: str, names: Mapping[str, Mapping[object, str]]
) -> object:
    """A narrowing (region, document) by name, 全部/All when not narrowed."""
    if key in NARROWING_KEYS and value in (None, ""):
        return ALL_WORDS["en" if lang == "en" else "zh"]
    if key in NARROWING_KEYS:
        return names.get(key, {}).get(value, str(value))  # type: ignore[call-overload]
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    return "" if value is None else str(value)
