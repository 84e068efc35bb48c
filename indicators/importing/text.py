"""Text cells of an upload made safe to store and to show, and capped in size.

screen_sheets runs on the sheets as read, before any header is looked for, so
both row paths and every later check see the same cells:

- control characters (C0 other than tab and line breaks, DEL, C1), text-direction
  controls and zero-width format characters are removed, with a warning at the
  cell: an ESC sequence in a note reached an operator's terminal through
  `actuals --format table`, a direction control makes a note read otherwise
  than it is stored, and a zero-width space hides "=" from formula escaping;
- a cell longer than upload.max_cell_chars is an error at the cell, and the cell
  is emptied so that nothing downstream works on it;
- all text cells of the file together may hold upload.max_text_chars characters.

long_notes caps each note at upload.max_note_chars, as the note editor does
(indicators.store.notes), once a sheet's note column is known.
"""

from __future__ import annotations

import itertools
import re

from openpyxl.utils import get_column_letter

from indicators.config import UploadLimits
from indicators.importing.issues import FileRejected, IssueLog, Where
from indicators.importing.layout import SheetLayout
from indicators.importing.sheet import RawSheet, is_comment
from indicators.importing.values import clean_text

# Kept: tab, line feed and carriage return (a note may have several lines), and the
# zero-width (non-)joiners that emoji and some scripts need.
UNSAFE_CHARACTERS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"  # C0 and C1 controls, DEL
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # text-direction controls
    "\u200b\u2060\ufeff]"  # zero-width space, word joiner, BOM
)
# NFKC makes at most 18 characters of one ("ﷺ"): shorter notes cannot pass the cap.
NFKC_GROWTH = 18


def screen_sheets(sheets: list[RawSheet], limits: UploadLimits, log: IssueLog) -> list[RawSheet]:
    """The sheets with unsafe characters removed and over-long cells emptied (each logged)."""
    texts = [[cell for _, cells in sheet.rows for cell in cells if cell.__class__ is str]
             for sheet in sheets]
    total = sum(map(len, itertools.chain.from_iterable(texts)))
    if total > limits.max_text_chars:
        raise FileRejected("too_much_text", length=total, limit=limits.max_text_chars)
    return [_screen(sheet, sheet_texts, limits, log) for sheet, sheet_texts in zip(sheets, texts, strict=True)]


def safe_text(text: str) -> str:
    """text without the characters screen_sheets removes (for names shown in messages)."""
    return UNSAFE_CHARACTERS.sub("", text)


def _screen(sheet: RawSheet, texts: list[str], limits: UploadLimits, log: IssueLog) -> RawSheet:
    distinct = set(texts)
    name = safe_text(sheet.name)
    # One search over all distinct texts: a clean sheet (nearly all) costs no loop per cell.
    longest = max(map(len, distinct), default=0)
    if longest <= limits.max_cell_chars and not UNSAFE_CHARACTERS.search("\n".join(distinct)):
        return sheet if name == sheet.name else RawSheet(name, sheet.rows, sheet.width)
    flagged = {text for text in distinct
               if len(text) > limits.max_cell_chars or UNSAFE_CHARACTERS.search(text)}
    rows = []
    for number, cells in sheet.rows:
        if any(cell in flagged for cell in cells if cell.__class__ is str):
            cells = _trimmed(tuple(_cell(cell, Where(name, number, get_column_letter(index + 1)),
                                         limits, log) if cell in flagged else cell
                                   for index, cell in enumerate(cells)))
        if cells:
            rows.append((number, cells))
    return RawSheet(name, rows, sheet.width)


def _cell(text: str, where: Where, limits: UploadLimits, log: IssueLog) -> str | None:
    if len(text) > limits.max_cell_chars:
        log.error("cell_too_long", where, length=len(text), limit=limits.max_cell_chars)
        return None
    cleaned, count = UNSAFE_CHARACTERS.subn("", text)
    log.warn("control_characters", where, count=count)
    return cleaned if cleaned.strip() else None


def _trimmed(cells: tuple[object, ...]) -> tuple[object, ...]:
    end = len(cells)
    while end and cells[end - 1] is None:
        end -= 1
    return cells[:end]


def long_notes(sheet: RawSheet, layout: SheetLayout, limits: UploadLimits, log: IssueLog) -> None:
    """An error at every note longer than upload.max_note_chars once cleaned (as stored)."""
    column = layout.roles.get("note")
    if column is None:
        return
    shortest = limits.max_note_chars // NFKC_GROWTH
    for number, cells in sheet.rows:
        if number <= layout.header_row or column.index >= len(cells) or is_comment(cells):
            continue
        cell = cells[column.index]
        if cell.__class__ is str and len(cell) > shortest:  # type: ignore[arg-type]
            length = len(clean_text(cell))
            if length > limits.max_note_chars:
                log.error("note_too_long", layout.where(number, "note"), length=length,
                          limit=limits.max_note_chars)
