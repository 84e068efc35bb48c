"""The evaluation report (总结评估 / 中期评估) of one or more plan documents, as Word or xlsx.

frame.py holds the request and the one table both files print; text.py the
report's words; docx_style.py the Word formatting of government reports
(fonts with their East-Asian names); docx_chart.py the progress chart as a
Word table; docx_report.py and xlsx_report.py assemble the two files;
annex.py the method annex.  The CLI (`python -m indicators evaluation`) and
the overview's button call the same functions.
"""

from indicators.exports.evaluation.docx_report import evaluation_docx
from indicators.exports.evaluation.frame import (
    TABLE_COLUMNS,
    EvaluationError,
    EvaluationRequest,
    evaluation_table,
    number_text,
)
from indicators.exports.evaluation.xlsx_report import evaluation_xlsx

__all__ = [
    "TABLE_COLUMNS", "EvaluationError", "EvaluationRequest", "evaluation_docx",
    "evaluation_table", "evaluation_xlsx", "number_text",
]
