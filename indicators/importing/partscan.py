"""What the worksheets and the shared-string table of an .xlsx hold, measured before any parser.

zipcheck has bounded every part's size; this pass reads the worksheet and
shared-string parts once more, as bytes, and answers with byte searches only:

- the shared-string table may hold upload.max_shared_strings strings.  Millions
  of one-letter strings pack into a few MB, stay under the zip-ratio and size
  limits, and still take a minute and a GiB to read; the table's uniqueCount
  header is refused from its first bytes, and the <si> elements are counted, since
  a header can lie.
- per worksheet, whether every cell tag is written the plain way spreadsheet
  programs write it (<c r="B12" s="3" t="n">), and how far right and down the
  cells reach.  calamine builds a dense grid of the used range, so one value in
  XFD1048576 would ask it for 17 billion cells: indicators.importing.xlsx_calamine
  reads a sheet only when its grid is small and its cells are plain.
- what calamine would read differently from openpyxl (error cells, whose text
  calamine drops; `_x000D_` escapes, which calamine decodes and openpyxl keeps),
  so that such workbooks go to openpyxl and read as they always did.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO

from indicators.config import UploadLimits
from indicators.importing import bytescan
from indicators.importing.issues import FileRejected

# One search proves every cell tag starts <c r="B12" with a column in A..Z and a
# row below 100,000, so the grid is at most 26 x 99,999 cells; only other sheets
# need their cells' references read.  A cell without a reference calamine would
# place by counting; one whose reference is written otherwise the searches miss.
NARROW_SHORT_CELLS = (26, 99_999)
ODD_OR_FAR_CELL = re.compile(rb'<c(?:[>\t\n\r/]| (?!r="[A-Z][0-9]{1,5}"))')
ODD_CELL = re.compile(rb'<c(?:[>\t\n\r/]| (?!r="[A-Z]{1,3}[0-9]{1,7}"))')
CELL_REFERENCE = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"([^>]*)>')
# A cell with a namespace prefix (<x:c>...</x:c>): calamine reads it, the searches would not.
PREFIXED_CELL_END = b":c>"
# An error cell's type, however its attribute is quoted: t="e".
ERROR_TYPES = (b'"e"', b"'e'")
ESCAPE = re.compile(rb"_x[0-9A-Fa-f]{4}_")
ESCAPE_START = b"_x"
# openpyxl deletes this from shared strings (its escape of "_"); calamine keeps it.
OPENPYXL_STRIPS = b"x005F_"
STRING_MARKERS = (b"<si>", b"<si ", b":si>", b":si ")
# In any other part: an upper bound of its <si> elements, in two searches.
STRING_STARTS = (b"<si", b":si")
UNIQUE_COUNT = re.compile(rb'uniqueCount\s*=\s*["\']\s*([0-9]+)')
HEADER_BYTES = 4096
STREAM_CHUNK = 1024 * 1024
# Longest thing searched for across chunks (a screen's "<!DOCTYPE" in UTF-16, 18 bytes;
# an escape, "_x000D_"), less one byte.
STRING_TAIL = 17
SHEET_MARKERS = (b"<sheetData", b":sheetData")
STRING_TABLE_MARKERS = (b"<sst", b":sst")
MEDIA_FOLDER = "xl/media/"


Screen = Callable[[str, bytes], None]


@dataclass(frozen=True)
class SheetPart:
    """One worksheet part's cells as bytes show them."""

    name: str
    plain: bool  # every cell tag <c r="B12" ...>: calamine places cells where openpyxl does
    rows: int  # the last row any cell with a value names (an upper bound)
    columns: int  # the last column, likewise
    error_cells: bool  # may hold cells of type "e" (#N/A, #DIV/0!), which calamine reads as empty
    escapes: bool  # _xHHHH_ escapes in inline strings

    @property
    def cells_bound(self) -> int:
        return self.rows * self.columns


@dataclass(frozen=True)
class PartsScan:
    sheets: dict[str, SheetPart]
    strings_escaped: bool  # shared strings that calamine and openpyxl would read differently


def measure_parts(archive: zipfile.ZipFile, limits: UploadLimits,
                  screen: Screen = lambda name, data: None) -> PartsScan:
    """Every worksheet part's facts; FileRejected when the shared strings pass the limit.

    screen(part name, bytes) sees every part but the images, whole or in overlapping
    windows, as it is inflated here: the one pass over the zip (zipcheck's DTD search).
    """
    sheets: dict[str, SheetPart] = {}
    escaped = False
    for info in archive.infolist():
        if info.filename.startswith(MEDIA_FOLDER):
            continue
        if info.is_dir():
            screen(info.filename, archive.read(info))
            continue
        with archive.open(info) as part:
            head = part.read(HEADER_BYTES)
            if _has_any(head, STRING_TABLE_MARKERS):
                _check_declared_strings(info.filename, head, limits)
                escaped = _count_strings(info.filename, head, part, limits, screen) or escaped
                continue
        data = archive.read(info)  # inflating its first bytes again costs less than joining
        screen(info.filename, data)
        if _check_strings(info.filename, data, limits):
            escaped = escaped or _has_escape(data) or bytescan.contains(data, OPENPYXL_STRIPS)
        if _has_any(data, SHEET_MARKERS):
            sheets[info.filename] = measure_sheet(info.filename, data)
    return PartsScan(sheets, escaped)


def _count_strings(name: str, head: bytes, part: IO[bytes], limits: UploadLimits,
                   screen: Screen) -> bool:
    """Stream the shared-string table, refusing as soon as it passes the limit.

    True when it holds text calamine and openpyxl would read differently.
    """
    count, escaped, tail = 0, False, b""
    chunk = head
    while chunk:
        # Three bytes of the last chunk hold no whole marker, so none is counted twice.
        count += sum((tail[-3:] + chunk).count(marker) for marker in STRING_MARKERS)
        if count > limits.max_shared_strings:
            raise FileRejected("too_many_shared_strings", part=name, count=count,
                               limit=limits.max_shared_strings)
        window = tail + chunk
        screen(name, window)
        escaped = escaped or bool(ESCAPE.search(window)) or OPENPYXL_STRIPS in window
        tail = window[-STRING_TAIL:]
        chunk = part.read(STREAM_CHUNK)
    return escaped


def measure_sheet(name: str, data: bytes) -> SheetPart:
    """How plain a worksheet's cell tags are and how far they reach."""
    errors = _has_error_type(data)
    escapes = _has_escape(data)
    odd_or_far = not bytescan.plain_narrow_cells(data) and ODD_OR_FAR_CELL.search(data)
    if bytescan.contains(data, PREFIXED_CELL_END) or (odd_or_far and ODD_CELL.search(data)):
        return SheetPart(name, False, 0, 0, errors, escapes)
    if not odd_or_far:
        columns, rows = NARROW_SHORT_CELLS
        return SheetPart(name, True, rows, columns, errors, escapes)
    # A cell tag closed at once (<c r="XFD9" s="1"/>) has no value: calamine leaves it out.
    found = [(letters, digits) for letters, digits, rest in CELL_REFERENCE.findall(data)
             if not rest.endswith(b"/")]
    rows = max(map(int, (digits for _, digits in found)), default=0)
    columns = max(map(column_number, {letters for letters, _ in found}), default=0)
    return SheetPart(name, True, rows, columns, errors, escapes)


def column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _check_declared_strings(name: str, head: bytes, limits: UploadLimits) -> None:
    declared = UNIQUE_COUNT.search(head)
    if declared and int(declared.group(1)) > limits.max_shared_strings:
        raise FileRejected("too_many_shared_strings", part=name, count=int(declared.group(1)),
                           limit=limits.max_shared_strings)


def _check_strings(name: str, data: bytes, limits: UploadLimits) -> int:
    """FileRejected when the part may hold more strings than the limit; else how many it may."""
    count = sum(bytescan.count(data, marker) for marker in STRING_STARTS)
    if count > limits.max_shared_strings:
        raise FileRejected("too_many_shared_strings", part=name, count=count,
                           limit=limits.max_shared_strings)
    return count


def _has_any(data: bytes, markers: tuple[bytes, ...]) -> bool:
    return any(marker in data for marker in markers)


def _has_error_type(data: bytes) -> bool:
    # A single quote is rare in XML: one memchr-fast search spares the second marker's.
    return bytescan.contains(data, ERROR_TYPES[0]) or (
        b"'" in data and bytescan.contains(data, ERROR_TYPES[1]))


def _has_escape(data: bytes) -> bool:
    """ESCAPE.search(data), run only where its first two bytes are."""
    return bytescan.contains(data, ESCAPE_START) and bool(ESCAPE.search(data))
