"""Issue 16, the evaluation report's words and numbers: the attribute as the English UI says
it (Anticipatory/Binding), units in English, and the shared number formats (exports.formats):
ratios as percentages to 0.1 %, values at the indicator's precision."""

from __future__ import annotations

import pandas as pd
from openpyxl import Workbook

from indicators.exports.evaluation import evaluation_table, xlsx_report
from indicators.exports.evaluation.text import attention_body

ROW = {"target_id": "t1", "indicator_id": "pledge", "name_zh": "质押融资登记金额",
       "name_en": "IP pledge financing", "unit": "亿元", "attribute": "预期性",
       "baseline_value": 1580.0, "baseline_year": 2020, "target_value": 3200.0, "target_year": 2025,
       "latest_value": 8539.94, "latest_year": 2024, "completion_rate": 0.84567,
       "gap_to_target": 120.04, "status": "behind", "forecast": "not_judged",
       "planned_value": 2876.0, "schedule_ratio": 0.9345, "required_annual_growth": 0.04123,
       "achieved_annual_growth": 0.1}
BINDING = {**ROW, "target_id": "t2", "indicator_id": "count", "name_en": "Patents", "unit": "件",
           "attribute": "约束性", "baseline_value": 12, "target_value": 20, "latest_value": 15.0,
           "completion_rate": None}


def test_the_english_table_says_anticipatory_binding_and_english_units():
    table = evaluation_table(pd.DataFrame([ROW, BINDING]), "en")
    assert list(table["attribute"]) == ["Anticipatory", "Binding"]
    assert list(table["unit"]) == ["× 100 million yuan", "count"]
    chinese = evaluation_table(pd.DataFrame([ROW, BINDING]), "zh")
    assert list(chinese["attribute"]) == ["预期性", "约束性"] and list(chinese["unit"]) == ["亿元", "件"]


def test_the_table_writes_values_at_the_indicators_precision_and_ratios_to_a_tenth():
    table = evaluation_table(pd.DataFrame([ROW, BINDING]), "zh")
    first = table.iloc[0]
    assert first["latest"] == "8,539.94（2024）" and first["target"] == "3,200.00（2025）"
    assert first["completion"] == "84.6%"
    assert table.iloc[1]["target"] == "20（2025）" and table.iloc[1]["completion"] == "—"


def test_the_paragraph_uses_the_same_formats_and_english_units():
    english = attention_body(ROW, [], "en")
    assert "8,539.94 × 100 million yuan in 2024" in english and "completion rate 84.6%" in english
    assert "schedule ratio 93.5%" in english and "needs 4.1% a year" in english
    assert "10.0% a year" in english
    chinese = attention_body(ROW, [], "zh")
    assert "2024年为8,539.94亿元" in chinese and "序时进度比93.5%" in chinese


def test_the_xlsx_cells_hold_rounded_numbers_with_the_shared_number_formats():
    assert xlsx_report._number("completion_rate", 0.84567, 2) == 0.846
    assert xlsx_report._number("latest_value", 8539.944, 1) == 8539.9
    assert xlsx_report._number("target_year", 2025.0, 1) == 2025
    sheet = Workbook().active
    values = xlsx_report._values(ROW, 1, "《规划》", "en")
    xlsx_report._write_row(sheet, 1, values, "behind", 2)
    keys = [key for key, *_ in xlsx_report.COLUMNS]
    cell = {key: sheet.cell(row=1, column=i + 1) for i, key in enumerate(keys)}
    assert cell["completion_rate"].number_format == "0.0%"
    assert cell["latest_value"].number_format == "#,##0.00"
    assert cell["target_year"].number_format == "0"
    assert cell["attribute"].value == "Anticipatory" and cell["unit"].value == "× 100 million yuan"
