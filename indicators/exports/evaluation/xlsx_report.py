"""The evaluation report as an xlsx workbook: the table, the targets at risk, the method.

Same content as the Word file, for staff who rework the figures: numbers stay
numbers (years, values, completion rate), status cells carry the status
palette, and every text cell goes through the exports' formula escaping.
"""

from __future__ import annotations

import io

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from indicators.engine import (
    attention_order,
    forecast_label,
    status_colour,
    status_label,
    status_text_colour,
    summary_sentence,
)
from indicators.exports.evaluation.annex import annex_sections
from indicators.exports.evaluation.frame import (
    EvaluationRequest,
    attribute_text,
    is_number,
    name_text,
    ordered_targets,
    prepared,
    row_decimals,
    staff_notes,
    unit_text,
)
from indicators.exports.evaluation.text import (
    attention_body,
    attention_heading,
    quoted_title,
    report_title,
    s,
)
from indicators.exports.formats import RATIO_DIGITS, round_half_up, xlsx_number_format
from indicators.exports.safety import escape_formula

SHEETS = {"zh": ("评估表", "需关注目标", "评估方法"), "en": ("Evaluation", "Attention", "Method")}
# (report column or derived key, Chinese header, English header, width)
COLUMNS = (
    ("number", "序号", "No.", 6), ("document", "规划文件", "Document", 28),
    ("name", "指标名称", "Indicator", 36), ("unit", "单位", "Unit", 8),
    ("baseline_year", "基期年份", "Baseline year", 10), ("baseline_value", "基期值", "Baseline", 12),
    ("target_year", "目标年份", "Target year", 10), ("target_value", "目标值", "Target", 12),
    ("latest_year", "最新数据年份", "Latest year", 12), ("latest_value", "最新值", "Latest", 12),
    ("completion_rate", "完成率", "Completion rate", 10), ("status", "状态", "Status", 14),
    ("forecast", "预计完成情况", "Forecast", 16), ("attribute", "属性", "Attribute", 10),
    ("target_id", "目标编号", "Target id", 30),
)
HEADER_FILL = PatternFill("solid", fgColor="DDE3EA")
YEARS = {"baseline_year", "target_year", "latest_year"}


def evaluation_xlsx(request: EvaluationRequest) -> bytes:
    request = prepared(request)
    workbook = Workbook()
    names = SHEETS["en" if request.english else "zh"]
    table = workbook.active
    table.title = names[0]
    _table_sheet(table, request)
    _attention_sheet(workbook.create_sheet(names[1]), request)
    _method_sheet(workbook.create_sheet(names[2]), request)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _text(sheet: Worksheet, row: int, text: str, bold: bool = False) -> None:
    cell = sheet.cell(row=row, column=1, value=escape_formula(text))
    cell.font = Font(bold=bold, size=14 if bold else 11)


def _table_sheet(sheet: Worksheet, request: EvaluationRequest) -> None:
    english, doc_ids = request.english, request.document_ids()
    documents = [request.documents.get(doc_id) for doc_id in doc_ids]
    _text(sheet, 1, report_title(documents, doc_ids, english), bold=True)
    _text(sheet, 2, s("as_of", english, year=request.as_of) if request.as_of is not None
          else s("as_of_none", english))
    line = 3
    for doc_id, doc in zip(doc_ids, documents, strict=True):
        part = request.report[request.report["document_id"].astype(str) == doc_id]
        _text(sheet, line, summary_sentence(part, doc, request.as_of, request.lang))
        line += 1
    header_row = line + 1
    for position, (_, zh, en, width) in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=header_row, column=position, value=en if english else zh)
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
        sheet.column_dimensions[cell.column_letter].width = width
    number = 0
    for doc_id, doc in zip(doc_ids, documents, strict=True):
        part = ordered_targets(request.report[request.report["document_id"].astype(str) == doc_id])
        for row in part.to_dict("records"):
            number += 1
            values = _values(row, number, quoted_title(doc, doc_id, english), request.lang)
            _write_row(sheet, header_row + number, values, str(row["status"]), row_decimals(row))
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)


def _values(row: dict, number: int, doc_title: str, lang: str) -> list[object]:
    english = lang == "en"
    values: list[object] = []
    for key, _, _, _ in COLUMNS:
        if key == "number":
            values.append(number)
        elif key == "document":
            values.append(doc_title)
        elif key == "name":
            values.append(name_text(row, english))
        elif key == "status":
            values.append(status_label(str(row["status"]), lang))
        elif key == "forecast":
            values.append(forecast_label(str(row.get("forecast") or "not_judged"), lang))
        elif key == "attribute":
            values.append(attribute_text(row.get("attribute"), english))
        elif key == "unit":
            values.append(unit_text(row.get("unit"), english))
        elif key in YEARS or key.endswith(("_value", "_rate")):
            values.append(_number(key, row.get(key), row_decimals(row)))
        else:
            values.append(str(row.get(key) or ""))
    return values


def _number(key: str, value: object, decimals: int) -> float | int | None:
    """A figure at its format's precision (exports.formats): ratios to 0.1 %, values to the
    indicator's decimals, years whole; blanks stay empty."""
    if not is_number(value):
        return None
    if key in YEARS:
        return int(float(value))  # type: ignore[arg-type]
    places = RATIO_DIGITS if key.endswith("_rate") else decimals
    return float(round_half_up(pd.Series([value]), places).iloc[0])


def _write_row(sheet: Worksheet, row: int, values: list[object], status: str, decimals: int) -> None:
    keys = [key for key, _, _, _ in COLUMNS]
    for position, value in enumerate(values, start=1):
        cell = sheet.cell(row=row, column=position,
                          value=escape_formula(value) if isinstance(value, str) else value)
        shape = xlsx_number_format(keys[position - 1], decimals)
        if shape is not None and isinstance(value, (int, float)):
            cell.number_format = shape
        if keys[position - 1] == "status":
            cell.fill = PatternFill("solid", fgColor=status_colour(status)[1:])
            cell.font = Font(color=status_text_colour(status)[1:])


def _attention_sheet(sheet: Worksheet, request: EvaluationRequest) -> None:
    english = request.english
    labels = ("No.", "Target", "Status", "Details") if english else ("序号", "目标", "状态", "情况")
    sheet.append(list(labels))
    for cell in sheet[1]:
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
    risky = attention_order(request.report)
    for number, row in enumerate(risky.to_dict("records"), start=1):
        notes = staff_notes(request.actuals, row, request.as_of)
        sheet.append([number, escape_formula(attention_heading(row, english)),
                      escape_formula(status_label(str(row["status"]), request.lang)),
                      escape_formula(attention_body(row, notes, request.lang))])
    for column, width in zip("ABCD", (6, 36, 14, 100), strict=True):
        sheet.column_dimensions[column].width = width
    for cell in sheet["D"]:
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def _method_sheet(sheet: Worksheet, request: EvaluationRequest) -> None:
    for sub_heading, paragraphs in annex_sections(request.thresholds, request.as_of, request.lang):
        sheet.append([escape_formula(sub_heading)])
        sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
        for text in paragraphs:
            sheet.append([escape_formula(text)])
            sheet.cell(row=sheet.max_row, column=1).alignment = Alignment(wrap_text=True)
    sheet.column_dimensions["A"].width = 120

