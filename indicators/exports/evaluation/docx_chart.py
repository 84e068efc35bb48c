"""The progress chart drawn as a Word table: one row per target, a bar of shaded cells.

Why a table and not a picture: a PNG needs a drawing library (matplotlib, or
Pillow plus a CJK font file on the server; neither is a dependency today, and
plotly's image export needs kaleido and a browser), and its Chinese labels
would be pixels in whatever font the server has.  A table needs nothing new,
its labels are text in the document's own 宋体 (selectable, searchable,
editable by staff, printed sharp at any size), and Word and WPS both render
shaded cells and borders the same way.  The bar shows progress_ratio (the
share of the way from baseline to target, as on the overview's chart) in
steps of 5 %, up to 150 %, in the status colour; a thick line marks the
target (100 %) and a thin one the time elapsed.
"""

from __future__ import annotations

import math

import pandas as pd
from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table

from indicators.engine import furthest_behind, status_colour, status_label
from indicators.exports.evaluation.docx_style import border, cell_text, shade
from indicators.exports.evaluation.frame import is_number, name_text, percent_text

STEP = 0.05  # one cell is 5 % of the way from baseline to target
CELLS = 30  # so the bar ends at 150 %
TARGET_CELL = 20  # the target (100 %) is the right edge of the 20th cell
NAME_CM, CELL_CM, VALUE_CM = 3.6, 0.3, 2.4
SCALE = ((1, "0"), (11, "50%"), (21, "100%"))  # (first cell, label at its left edge)
# At most this many rows, as on the overview's chart: a longer table is unreadable.
CHART_LIMIT = 60


def chart_rows(report: pd.DataFrame) -> pd.DataFrame:
    """Targets with a progress figure, furthest behind (binding ones at risk) first."""
    return furthest_behind(report, CHART_LIMIT)


def filled_cells(progress: float) -> int:
    """How many cells the bar fills: progress in 5 % steps, between 0 and 150 %."""
    return max(0, min(CELLS, int(math.floor(progress / STEP + 0.5))))


def time_cell(share: object) -> int | None:
    """The cell whose right edge marks the time elapsed (None before the plan starts)."""
    if not is_number(share) or float(share) <= 0:
        return None
    return max(1, min(CELLS, int(math.floor(float(share) / STEP + 0.5))))


def add_progress_chart(document: Document, report: pd.DataFrame, lang: str) -> Table | None:
    rows = chart_rows(report)
    if rows.empty:
        return None
    table = document.add_table(rows=len(rows) + 1, cols=CELLS + 2)
    _fixed_layout(table)
    _scale_row(table)
    for position, row in enumerate(rows.to_dict("records"), start=1):
        _bar_row(table, position, row, lang)
    return table


def _fixed_layout(table: Table) -> None:
    table.autofit = False
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.insert_element_before(
        layout, "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")
    widths = [Cm(NAME_CM)] + [Cm(CELL_CM)] * CELLS + [Cm(VALUE_CM)]
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width  # Word reads the cell's width, WPS the grid's: set both


def _scale_row(table: Table) -> None:
    cells = table.rows[0].cells
    for first, label in SCALE:
        span = cells[first].merge(cells[first + 9])
        cell_text(span, label, align="left", size=Pt(7.5))


def _bar_row(table: Table, position: int, row: dict, lang: str) -> None:
    cells = table.rows[position].cells
    cell_text(cells[0], name_text(row, lang == "en"), align="left")
    progress = float(row["progress_ratio"])
    colour = status_colour(str(row["status"]))
    for index in range(1, filled_cells(progress) + 1):
        shade(cells[index], colour)
    border(cells[TARGET_CELL], "right", 12)
    marked = time_cell(row.get("time_share"))
    if marked is not None and marked != TARGET_CELL:
        border(cells[marked], "right", 4, "555555")
    text = f"{percent_text(progress)} {status_label(str(row['status']), lang)}"
    cell_text(cells[CELLS + 1], text, align="left", size=Pt(7.5))
