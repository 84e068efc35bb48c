"""Hostile and broken workbooks for the importer tests, built in memory.

Each builder starts from an honest workbook (store_fixtures.xlsx_bytes) and
changes one thing: a part swapped or added, a part of zeros that inflates a
thousandfold, a central directory that lies about a part's size.
"""

from __future__ import annotations

import io
import struct
import zipfile

from tests.store_fixtures import xlsx_bytes

SHEET_PART = "xl/worksheets/sheet1.xml"
SHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
LONG_HEADER = ["指标", "地区", "年份", "数值"]


def honest_workbook() -> bytes:
    return xlsx_bytes({"数据": [LONG_HEADER, ["pledge", "CN", 2021, 2300]]})


def rebuild(content: bytes, replace: dict[str, bytes] | None = None,
            add: dict[str, bytes] | None = None) -> bytes:
    """The workbook with some parts replaced and others added, deflated as Excel does."""
    replace = replace or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            target.writestr(name, replace.get(name, source.read(name)))
        for name, data in (add or {}).items():
            target.writestr(name, data)
    return out.getvalue()


def with_zeros_part(content: bytes, name: str, size: int) -> bytes:
    """Add a part of `size` zero bytes, streamed so the test never holds it in memory."""
    out = io.BytesIO(content)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED, compresslevel=9) as archive, \
            archive.open(name, "w", force_zip64=size > 2**31) as part:
        chunk = bytes(1024 * 1024)
        for offset in range(0, size, len(chunk)):
            part.write(chunk[: min(len(chunk), size - offset)])
    return out.getvalue()


def with_declared_size(content: bytes, name: str, declared: int) -> bytes:
    """Make the central directory understate a part's inflated size (a lying zip bomb)."""
    data = bytearray(content)
    encoded = name.encode()
    position = 0
    while (position := data.find(b"PK\x01\x02", position)) != -1:
        name_length = struct.unpack_from("<H", data, position + 28)[0]
        if bytes(data[position + 46: position + 46 + name_length]) == encoded:
            struct.pack_into("<I", data, position + 24, declared)
            return bytes(data)
        position += 4
    raise LookupError(name)


def sheet_xml(rows_xml: str, prolog: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}'
        f'<worksheet xmlns="{SHEET_NS}"><sheetData>{rows_xml}</sheetData></worksheet>'
    ).encode()


def inline_row(number: int, cells: dict[str, object]) -> str:
    """One <row> of inline strings and numbers, cells keyed by column letter."""
    parts = []
    for column, value in cells.items():
        reference = f"{column}{number}"
        if isinstance(value, str):
            parts.append(f'<c r="{reference}" t="inlineStr"><is><t>{value}</t></is></c>')
        elif value is None:
            parts.append(f'<c r="{reference}" s="0"/>')
        else:
            parts.append(f'<c r="{reference}"><v>{value}</v></c>')
    return f'<row r="{number}">{"".join(parts)}</row>'


def workbook_with_rows(rows_xml: str, prolog: str = "") -> bytes:
    """An honest workbook whose one sheet holds exactly the given rows."""
    return rebuild(honest_workbook(), replace={SHEET_PART: sheet_xml(rows_xml, prolog)})


HEADER_ROW = inline_row(1, dict(zip("ABCD", LONG_HEADER, strict=True)))
