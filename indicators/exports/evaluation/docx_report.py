"""The evaluation report as a Word document, laid out as Chinese government reports are.

Title, date, the data-as-of line; 一、总体情况 (the summary sentence per
document); 二、主要目标完成情况 (a table per document: indicator, unit,
baseline, target, latest value and year, completion rate, status, forecast,
attribute); 三、需要关注的目标 (a paragraph per target behind, missed or at
risk, binding ones first); 四、完成进度图 (docx_chart); then 附件 评估方法.
"""

from __future__ import annotations

import io

import pandas as pd
from docx.document import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table

from indicators.engine import attention_order, summary_sentence
from indicators.exports.evaluation.annex import annex_sections
from indicators.exports.evaluation.docx_chart import CHART_LIMIT, add_progress_chart
from indicators.exports.evaluation.docx_style import (
    NOTE_SIZE,
    body,
    cell_text,
    centred,
    heading,
    new_document,
    shade,
    title,
)
from indicators.exports.evaluation.frame import (
    TABLE_COLUMNS,
    EvaluationRequest,
    evaluation_table,
    headers,
    prepared,
    staff_notes,
)
from indicators.exports.evaluation.text import (
    attention_body,
    attention_heading,
    date_text,
    quoted_title,
    report_title,
    s,
    sub_ordinal,
)

# Column widths of the target table (cm), in TABLE_COLUMNS order; 15.5 cm in all.
WIDTHS_CM = (0.8, 3.4, 1.0, 1.6, 1.6, 1.6, 1.3, 1.4, 1.7, 1.1)
HEADER_FILL = "#DDE3EA"


def evaluation_docx(request: EvaluationRequest) -> bytes:
    """The Word file's bytes."""
    request = prepared(request)
    english, doc_ids = request.english, request.document_ids()
    documents = [request.documents.get(doc_id) for doc_id in doc_ids]
    document = new_document()
    heading_text = report_title(documents, doc_ids, english)
    # The template's own properties would name python-docx as the author.
    properties = document.core_properties
    properties.title, properties.author, properties.comments = heading_text, "", ""
    properties.last_modified_by = ""
    title(document, heading_text)
    centred(document, date_text(request.today, english))
    as_of = (s("as_of", english, year=request.as_of) if request.as_of is not None
             else s("as_of_none", english))
    centred(document, as_of, NOTE_SIZE)
    heading(document, s("overview", english))
    if not doc_ids:
        body(document, s("no_targets", english))
    for doc_id, doc in zip(doc_ids, documents, strict=True):
        body(document, summary_sentence(_of(request, doc_id), doc, request.as_of, request.lang))
    heading(document, s("table", english))
    for number, (doc_id, doc) in enumerate(zip(doc_ids, documents, strict=True), start=1):
        _target_table(document, request, doc_id, number, quoted_title(doc, doc_id, english))
    _attention(document, request)
    heading(document, s("chart", english))
    if add_progress_chart(document, request.report, request.lang) is None:
        body(document, s("chart_empty", english))
    body(document, s("chart_legend", english), NOTE_SIZE)
    charted = int(pd.to_numeric(request.report["progress_ratio"], errors="coerce").notna().sum())
    if charted > CHART_LIMIT:
        body(document, s("chart_limited", english, shown=CHART_LIMIT, total=charted), NOTE_SIZE)
    _annex(document, request)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _of(request: EvaluationRequest, doc_id: str) -> pd.DataFrame:
    return request.report[request.report["document_id"].astype(str) == doc_id]


def _target_table(document: Document, request: EvaluationRequest, doc_id: str, number: int,
                  doc_title: str) -> None:
    caption = centred(document, s("table_caption", request.english, n=number, title=doc_title),
                      NOTE_SIZE)
    caption.paragraph_format.keep_with_next = True
    rows = evaluation_table(_of(request, doc_id), request.lang)
    table = document.add_table(rows=len(rows) + 1, cols=len(TABLE_COLUMNS))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False  # keep the widths below rather than Word's fit to contents
    for cell, text in zip(table.rows[0].cells, headers(request.lang), strict=True):
        cell_text(cell, text, bold=True)
        shade(cell, HEADER_FILL)
    _repeat_header(table)
    keys = [key for key, _, _ in TABLE_COLUMNS]
    for position, row in enumerate(rows.to_dict("records"), start=1):
        for cell, key in zip(table.rows[position].cells, keys, strict=True):
            cell_text(cell, row[key], align="left" if key == "name" else "center")
    for column, width in zip(table.columns, WIDTHS_CM, strict=True):
        for cell in column.cells:
            cell.width = Cm(width)
    source = body(document, s("source", request.english), Pt(10.5))
    source.paragraph_format.first_line_indent = Pt(0)


def _repeat_header(table: Table) -> None:
    """The header row repeats on every page a long table runs over."""
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(repeat)


def _attention(document: Document, request: EvaluationRequest) -> None:
    english = request.english
    heading(document, s("attention", english))
    risky = attention_order(request.report)
    if risky.empty:
        body(document, s("attention_none", english))
        return
    body(document, s("attention_intro", english))
    for number, row in enumerate(risky.to_dict("records"), start=1):
        heading(document, sub_ordinal(number, english) + attention_heading(row, english), level=2)
        notes = staff_notes(request.actuals, row, request.as_of)
        body(document, attention_body(row, notes, request.lang))


def _annex(document: Document, request: EvaluationRequest) -> None:
    english = request.english
    document.add_page_break()
    heading(document, s("annex", english))
    title(document, s("annex_title", english))
    for sub_heading, paragraphs in annex_sections(request.thresholds, request.as_of, request.lang):
        heading(document, sub_heading, level=2)
        for text in paragraphs:
            body(document, text, Pt(14))

