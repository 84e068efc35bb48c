"""A workbook's structure as openpyxl reads it, and the cells calamine would read otherwise.

indicators.importing.xlsx_calamine reads cells with calamine; what it must give
is what openpyxl's reader gives.  Here openpyxl itself reads what is small: the
sheet names and order, which parts are worksheets, the styles and the calendar
(its load_workbook without shared strings and without a cell).  From the styles
come the cells calamine would read otherwise, each taken from its XML text as
openpyxl's WorkSheetParser reads it: numbers shown as a percentage or a date,
and error cells (#N/A, whose text calamine drops).
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from dataclasses import dataclass

from openpyxl.reader.excel import ExcelReader
from openpyxl.styles.numbers import BUILTIN_FORMATS, BUILTIN_FORMATS_MAX_SIZE
from openpyxl.utils.datetime import from_excel
from openpyxl.workbook.defined_name import DefinedNameDict
from openpyxl.worksheet._reader import _cast_number

from indicators.importing.partscan import SheetPart
from indicators.importing.sheet import shown_value

# A cell tag that is not <c r="A1" name="value" ...> with single spaces and plain
# double-quoted values (as Excel, WPS, LibreOffice and openpyxl write them).
UNUSUAL_CELL_TAG = re.compile(rb'<c(?! r="[A-Z]{1,3}[0-9]{1,7}"(?: [a-z]{1,3}="[^"\'<>]*")*/?>)[\s>/]')
ATTRIBUTE = re.compile(rb' ([a-z]{1,3})="([^"]*)"')
VALUE = re.compile(rb'<v(?: [^>]*)?>([^<&]*)</v>')
KEEP = object()  # an override that leaves calamine's value


class NotForCalamine(Exception):
    """This workbook would read differently in calamine; openpyxl reads it."""


class _SheetStub:
    """Stands in for openpyxl's ReadOnlyWorksheet, whose constructor may parse the whole sheet."""

    def __init__(self, title: str, path: str) -> None:
        self.title = title
        self.path = path
        self.defined_names = DefinedNameDict()


class _StructureReader(ExcelReader):
    """openpyxl's load_workbook(read_only=True, data_only=True) without reading any cell."""

    def read_strings(self) -> None:
        self.shared_strings = []

    def read_worksheets(self) -> None:
        for sheet, rel in self.parser.find_sheets():
            if rel.target not in self.valid_files:
                continue  # openpyxl skips a sheet whose part is missing
            if "chartsheet" in rel.Type:
                raise NotForCalamine("chart sheet")
            self.wb._sheets.append(_SheetStub(sheet.name, rel.target))


@dataclass(frozen=True)
class Structure:
    names: list[str]
    worksheets: list[tuple[str, str]]  # (title, part)
    formats: dict[int, str]  # style index -> number format, for styles shown as % or dates
    dates: frozenset[int]
    durations: frozenset[int]
    epoch: object

    def overrides(self, archive: zipfile.ZipFile, part: SheetPart) -> dict[int, dict[int, object]]:
        """Row -> column (0-based) -> openpyxl's value, for cells calamine would read otherwise."""
        if not self.formats and not part.error_cells:
            return {}
        data = archive.read(part.name)
        styles = _styles_used(data, self.formats)
        if not styles and not part.error_cells:
            return {}
        if UNUSUAL_CELL_TAG.search(data):
            raise NotForCalamine("cell tags written unusually")  # the search below would miss cells
        alternatives = [f's="{index}"'.encode() for index in styles] + [b't="e"']
        pattern = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"((?: [a-z]{1,3}="[^"]*")*? (?:'
                             + b"|".join(alternatives) + rb')(?: [a-z]{1,3}="[^"]*")*)>')
        found: dict[int, dict[int, object]] = {}
        for match in pattern.finditer(data):
            value = self._value(dict(ATTRIBUTE.findall(match.group(3))), _value_text(data, match.end()))
            if value is not KEEP:
                found.setdefault(int(match.group(2)), {})[_column(match.group(1))] = value
        return found

    def _value(self, attributes: dict[bytes, bytes], text: str | None) -> object:
        """openpyxl's WorkSheetParser.parse_cell (data_only) for a number or error cell."""
        kind = attributes.get(b"t", b"n")
        if kind == b"e":
            return text
        if kind != b"n":
            return KEEP
        if text is None:
            return None
        style = int(attributes.get(b"s", b"0") or 0)
        try:
            value = _cast_number(text)
        except ValueError:
            raise NotForCalamine("number text") from None
        if style in self.dates:
            try:
                return from_excel(value, self.epoch, timedelta=style in self.durations)
            except (OverflowError, ValueError):
                return "#VALUE!"
        return shown_value(value, self.formats.get(style))


def read_structure(content: bytes) -> Structure:
    reader = _StructureReader(io.BytesIO(content), read_only=True, data_only=True)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader.read()
    except NotForCalamine:
        raise
    except Exception as exc:  # openpyxl's own failure: its reader says so again
        raise NotForCalamine(type(exc).__name__) from None
    finally:
        reader.archive.close()
    workbook = reader.wb
    formats = {}
    for index, style in enumerate(workbook._cell_styles):
        number_format = _number_format(workbook, style.numFmtId)
        if index in workbook._date_formats or "%" in number_format:
            formats[index] = number_format
    return Structure([sheet.title for sheet in workbook._sheets],
                     [(sheet.title, sheet.path) for sheet in workbook._sheets],
                     formats, frozenset(workbook._date_formats),
                     frozenset(workbook._timedelta_formats), workbook.epoch)


def _number_format(workbook, format_id: int) -> str:  # noqa: ANN001
    """As openpyxl's ReadOnlyCell.number_format."""
    if format_id < BUILTIN_FORMATS_MAX_SIZE:
        return BUILTIN_FORMATS.get(format_id, "General")
    try:
        return workbook._number_formats[format_id - BUILTIN_FORMATS_MAX_SIZE]
    except IndexError:
        raise NotForCalamine("number format") from None


def _styles_used(data: bytes, formats: dict[int, str]) -> list[int]:
    if len(formats) <= 8:  # a few searches beat collecting every cell's style
        return [index for index in formats if f' s="{index}"'.encode() in data]
    used = {int(index) for index in set(re.findall(rb' s="([0-9]{1,9})"', data))}
    return sorted(used & set(formats))


def _value_text(data: bytes, start: int) -> str | None:
    """The text of the <v> of the cell whose tag ends at start, as openpyxl's findtext."""
    end = data.find(b"</c>", start)
    inner = data[start:end]
    match = VALUE.search(inner)
    if match is None:
        if b"<v" in inner.replace(b"<v/>", b""):
            raise NotForCalamine("value text")  # entities or CDATA: leave it to openpyxl
        return None
    return match.group(1).decode("utf-8") or None


def _column(letters: bytes) -> int:
    """0-based column index of "A", "AB", ..."""
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number - 1
