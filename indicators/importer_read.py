"""Turn uploaded bytes into sheets of cells, checking the file is what it claims.

An .xlsx must be an OOXML spreadsheet (a zip whose content types name a
workbook); a .csv must decode as text.  CSV encodings are tried strictly in
the order Chinese offices produce them: UTF-8 (with or without BOM), then
GB18030 (a superset of GBK), then charset-normalizer's best guess, so a file
is either read correctly or refused, never shown as mojibake.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path

import charset_normalizer
import openpyxl

from indicators.config import UploadLimits
from indicators.errors import TrackerError

ZIP_SIGNATURE = b"PK\x03\x04"
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, or any password-protected workbook
WORKBOOK_CONTENT_TYPE = "spreadsheetml"
# A zip bomb inflates far beyond its size; no honest sheet of this size does.
MAX_INFLATION = 40
OTHER_SPREADSHEETS = {".xls", ".xlsm", ".xlsb", ".et", ".ods", ".numbers", ".wps"}
CSV_DELIMITERS = (",", "\t", ";")
# Control characters other than tab and line breaks: text files do not hold them.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class RawSheet:
    """Non-empty rows of one sheet as (Excel row number, cell values)."""

    name: str
    rows: list[tuple[int, tuple[object, ...]]]
    width: int


class FileRejected(TrackerError):
    """The whole file is unusable; carries an issue code for the importer's message."""

    def __init__(self, code: str, hint: str | None = None, **fields: object) -> None:
        super().__init__(code)
        self.code = code
        self.hint_code = hint
        self.fields = fields


class SheetTooLarge(TrackerError):
    def __init__(self, code: str, **fields: object) -> None:
        super().__init__(code)
        self.code = code
        self.fields = fields


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
    hint = "other_spreadsheet" if suffix in OTHER_SPREADSHEETS else None
    raise FileRejected("unsupported_type", hint=hint, suffix=suffix or file_name)


def read_xlsx(content: bytes, limits: UploadLimits) -> list[RawSheet]:
    check_is_workbook(content, limits)
    with warnings.catch_warnings():
        # openpyxl warns about styles and extensions it ignores; they do not matter here.
        warnings.simplefilter("ignore")
        try:
            workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as exc:  # untrusted input: any parser failure means "unreadable"
            raise FileRejected("unreadable_xlsx", detail=type(exc).__name__) from None
        try:
            if len(workbook.sheetnames) > limits.max_sheets:
                raise FileRejected(
                    "too_many_sheets", count=len(workbook.sheetnames), limit=limits.max_sheets
                )
            return [_read_worksheet(sheet, limits) for sheet in workbook.worksheets]
        except (FileRejected, SheetTooLarge):
            raise
        except Exception as exc:  # corrupt sheet XML surfaces only while iterating
            raise FileRejected("unreadable_xlsx", detail=type(exc).__name__) from None
        finally:
            workbook.close()


def check_is_workbook(content: bytes, limits: UploadLimits) -> None:
    if content.startswith(OLE_SIGNATURE):
        raise FileRejected("not_xlsx", hint="ole")
    if not content.startswith(ZIP_SIGNATURE):
        raise FileRejected("not_xlsx", hint="text" if _looks_like_text(content) else None)
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            inflated = sum(info.file_size for info in archive.infolist())
            if inflated > MAX_INFLATION * max(len(content), 1_000_000):
                raise FileRejected("file_too_large", size=inflated, limit=limits.max_bytes)
            types = archive.read("[Content_Types].xml").decode("utf-8", errors="replace")
    except (zipfile.BadZipFile, KeyError):
        raise FileRejected("not_xlsx", hint="other_zip") from None
    if WORKBOOK_CONTENT_TYPE not in types:
        raise FileRejected("not_xlsx", hint="other_zip")


def _read_worksheet(sheet, limits: UploadLimits) -> RawSheet:  # noqa: ANN001
    # Without this, a sheet whose stated dimension is huge is padded cell by cell.
    sheet.reset_dimensions()
    rows: list[tuple[int, tuple[object, ...]]] = []
    width = 0
    for number, cells in enumerate(sheet.iter_rows(), start=1):
        trimmed = _trim([_cell_value(cell) for cell in cells])
        if not trimmed:
            continue
        if len(rows) > limits.max_rows:
            raise SheetTooLarge("too_many_rows", sheet=sheet.title, limit=limits.max_rows)
        rows.append((number, trimmed))
        width = max(width, len(trimmed))
    return RawSheet(sheet.title, rows, width)


def _cell_value(cell) -> object:  # noqa: ANN001
    """The cell's value; a number shown as a percentage comes back as "13%".

    Typing 13% into Excel stores 0.13 with a % format; staff mean 13.
    """
    value = cell.value
    is_number = isinstance(value, (int, float)) and not isinstance(value, bool)
    if is_number and "%" in (getattr(cell, "number_format", None) or ""):
        return f"{value * 100:.12g}%"
    return value


def read_csv(content: bytes, name: str, limits: UploadLimits) -> RawSheet:
    if content.startswith(ZIP_SIGNATURE) or content.startswith(OLE_SIGNATURE):
        raise FileRejected("not_csv", hint="excel_as_csv")
    text = decode_text(content)
    if _control_characters(text) > max(2, len(text) // 1000):
        raise FileRejected("not_csv", hint="binary")
    delimiter = _delimiter(text)
    rows: list[tuple[int, tuple[object, ...]]] = []
    width = 0
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for number, record in enumerate(reader, start=1):
            trimmed = _trim([cell if cell.strip() else None for cell in record])
            if not trimmed:
                continue
            if len(rows) > limits.max_rows:
                raise SheetTooLarge("too_many_rows", sheet=name, limit=limits.max_rows)
            rows.append((number, trimmed))
            width = max(width, len(trimmed))
    except csv.Error as exc:
        raise FileRejected("unreadable_xlsx", detail=str(exc)) from None
    return RawSheet(name, rows, width)


def decode_text(content: bytes) -> str:
    """Decode CSV bytes strictly; raise FileRejected rather than guess badly."""
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Excel's "Unicode text" export.
        try:
            return content.decode("utf-16")
        except UnicodeDecodeError:
            raise FileRejected("bad_encoding") from None
    if b"\x00" in content:
        raise FileRejected("not_csv", hint="binary")
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if _mostly_utf8(content[: exc.start]):
            # A UTF-8 file with one damaged byte would "decode" as GB18030 mojibake.
            raise FileRejected("bad_encoding") from None
    try:
        return content.decode("gb18030")
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(content).best()
    if best is None:
        raise FileRejected("bad_encoding")
    return str(best)


def _mostly_utf8(prefix: bytes) -> bool:
    """Several CJK characters already decoded as UTF-8: the file is UTF-8."""
    decoded = prefix.decode("utf-8", errors="ignore")
    return sum(1 for char in decoded if "\u4e00" <= char <= "\u9fff") >= 3


def _looks_like_text(content: bytes) -> bool:
    return b"\x00" not in content[:4096]


def _control_characters(text: str) -> int:
    return len(CONTROL_CHARACTERS.findall(text))


def _delimiter(text: str) -> str:
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    counts = {delimiter: first_line.count(delimiter) for delimiter in CSV_DELIMITERS}
    best = max(counts, key=lambda delimiter: counts[delimiter])
    return best if counts[best] > 0 else ","


def _trim(values) -> tuple[object, ...]:  # noqa: ANN001
    """Drop trailing empty cells; blank strings count as empty."""
    cells = [None if isinstance(value, str) and not value.strip() else value for value in values]
    while cells and cells[-1] is None:
        cells.pop()
    return tuple(cells)
