"""Turn uploaded bytes into sheets of cells, checking the file is what it claims.

An .xlsx must be an OOXML spreadsheet (read by indicators.importing.xlsx);
a .csv must decode as text: UTF-8 (with or without BOM), UTF-16 with BOM, or
GB18030 (a superset of GBK) when that reads as Chinese; anything else is
refused, naming what it looks like (indicators.importing.encoding), so a file
is either read correctly or refused, never stored as mojibake.  Macro-enabled workbooks
are refused by name (.xlsm) here and by content in indicators.importing.zipcheck.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from indicators.config import UploadLimits
from indicators.importing.encoding import decode_text
from indicators.importing.issues import FileRejected, SheetTooLarge
from indicators.importing.sheet import RawSheet, RowBudget, check_width
from indicators.importing.xlsx import OLE_SIGNATURE, read_xlsx
from indicators.importing.zipcheck import ZIP_SIGNATURE

__all__ = ["FileRejected", "RawSheet", "SheetTooLarge", "decode_text", "read_csv", "read_sheets"]

# Workbooks that can carry macros: refused with their own message, since saving
# as .xlsx (which cannot hold macros) is the fix.
MACRO_SPREADSHEETS = {".xlsm", ".xltm", ".xlam"}
OTHER_SPREADSHEETS = {".xls", ".xlsb", ".et", ".ods", ".numbers", ".wps"}
CSV_DELIMITERS = (",", "\t", ";")
# Control characters other than tab and line breaks: text files do not hold them.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def read_sheets(content: bytes, file_name: str, limits: UploadLimits) -> list[RawSheet]:
    """Every sheet of an .xlsx, or the one sheet of a .csv (named after the file)."""
    if len(content) > limits.max_bytes:
        raise FileRejected("file_too_large", size=len(content), limit=limits.max_bytes)
    if not content.strip():
        raise FileRejected("empty_file")
    suffix = Path(file_name).suffix.lower()
    if suffix == ".xlsx":
        return read_xlsx(content, limits)
    if suffix == ".csv":
        return [read_csv(content, Path(file_name).name, limits)]
    if suffix in MACRO_SPREADSHEETS:
        raise FileRejected("macro_workbook", suffix=suffix)
    hint = "other_spreadsheet" if suffix in OTHER_SPREADSHEETS else None
    raise FileRejected("unsupported_type", hint=hint, suffix=suffix or file_name)


def read_csv(content: bytes, name: str, limits: UploadLimits) -> RawSheet:
    if content.startswith(ZIP_SIGNATURE) or content.startswith(OLE_SIGNATURE):
        raise FileRejected("not_csv", hint="excel_as_csv")
    text = decode_text(content)
    if _control_characters(text) > max(2, len(text) // 1000):
        raise FileRejected("not_csv", hint="binary")
    rows: list[tuple[int, tuple[object, ...]]] = []
    budget = RowBudget(limits.max_rows)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        for number, record in enumerate(reader, start=1):
            check_width(record, limits.max_columns, name, number)
            trimmed = _trim_text(record)
            if trimmed:
                budget.take(name)
                rows.append((number, trimmed))
    except csv.Error as exc:
        raise FileRejected("unreadable_csv", detail=str(exc)) from None
    return RawSheet(name, rows, max((len(cells) for _, cells in rows), default=0))


def _trim_text(record: list[str]) -> tuple[str | None, ...]:
    """sheet.trim for a row of text, without a call per cell (blank: "" or spaces)."""
    cells = [value if value and not value.isspace() else None for value in record]
    while cells and cells[-1] is None:
        cells.pop()
    return tuple(cells)


def _looks_like_text(content: bytes) -> bool:
    return b"\x00" not in content[:4096]


def _control_characters(text: str) -> int:
    return len(CONTROL_CHARACTERS.findall(text))


def _delimiter(text: str) -> str:
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    counts = {delimiter: first_line.count(delimiter) for delimiter in CSV_DELIMITERS}
    best = max(counts, key=lambda delimiter: counts[delimiter])
    return best if counts[best] > 0 else ","
