"""Check an .xlsx container before any XML parser sees it.

An .xlsx is a zip of XML parts.  Three things in an uploaded one are hostile
rather than merely broken, and each is refused from the zip's directory or
a bounded scan, before any XML parser sees it:

- a zip bomb: parts that inflate far beyond the file's size.  Only the
  sizes the central directory declares are summed; that is safe because
  Python's zipfile never returns more than an entry's declared size (a part
  that lies about it fails its CRC check instead of inflating further).
- macros: a VBA project or Excel 4.0 macro sheets.  Nothing here would run
  them, but a file that carries them is not a data upload.
- a DTD: OOXML never has one, and only a DTD can declare entities (external
  ones that read local files, or the "billion laughs").  defusedxml, which
  openpyxl uses when installed, refuses entities as a second line; calamine
  refuses any entity it does not know.

Then indicators.importing.partscan counts the shared strings and measures the
worksheets' cells, still from bytes, in the same pass as the DTD search: each part
is inflated once for every check.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import PurePosixPath

from indicators.config import UploadLimits
from indicators.importing.issues import FileRejected
from indicators.importing.partscan import PartsScan, measure_parts

ZIP_SIGNATURE = b"PK\x03\x04"
WORKBOOK_CONTENT_TYPE = "spreadsheetml"
# A workbook has a few dozen parts; thousands only come from a crafted file.
MAX_ENTRIES = 1000
# Sheet XML deflates 5-20 times; a zip bomb about 1000 times.  Apache POI
# refuses above 100 too.  Small parts may compress better and cannot inflate
# far, so the ratio is judged only above RATIO_FLOOR bytes.
MAX_ENTRY_RATIO = 100
RATIO_FLOOR = 1024 * 1024
# An embedded workbook is itself a zip; its parts count towards the budget.
MAX_NESTING = 2
MACRO_FILE_NAMES = {"vbaproject.bin", "vbaprojectsignature.bin", "vbadata.xml"}
MACRO_FOLDERS = ("xl/macrosheets/", "xl/dialogsheets/")
MACRO_CONTENT_TYPES = ("macroenabled", "vbaproject", "macrosheet")
DOCTYPE_MARKERS = tuple(
    "<!DOCTYPE".encode(encoding) for encoding in ("utf-8", "utf-16-le", "utf-16-be")
)
DOCTYPE_BYTE = b"!"


def check_workbook_container(content: bytes, limits: UploadLimits) -> PartsScan:
    """Refuse anything in the zip that is not a plain, honestly sized workbook.

    Returns what the worksheet parts hold (indicators.importing.partscan), for the reader.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            inflated_size(archive, limits.max_unzipped_bytes, depth=0)
            types = archive.read("[Content_Types].xml").decode("utf-8", errors="replace")
            check_no_macros(archive, types)
            if WORKBOOK_CONTENT_TYPE not in types:
                raise FileRejected("not_xlsx", hint="other_zip")
            # One pass: each part is searched for a DTD as it is measured; a table of
            # millions of strings is still refused from its header before it is inflated.
            return measure_parts(archive, limits, screen=refuse_doctype)
    except KeyError:  # no [Content_Types].xml: a zip, but no Office document
        raise FileRejected("not_xlsx", hint="other_zip") from None
    except FileRejected:
        raise
    except Exception as exc:  # untrusted input: a damaged, encrypted or exotic archive
        raise FileRejected("unreadable_xlsx", detail=type(exc).__name__) from None


def inflated_size(archive: zipfile.ZipFile, budget: int, depth: int) -> int:
    """Declared size of every part, nested zips included; FileRejected past the budget."""
    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES:
        raise FileRejected("zip_parts", count=len(infos), limit=MAX_ENTRIES)
    total = 0
    for info in infos:
        total += info.file_size
        if total > budget:
            raise FileRejected("zip_bomb", size=_mib(total), limit=_mib(budget))
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_ENTRY_RATIO * info.compress_size:
            raise FileRejected("zip_ratio", part=info.filename, size=_mib(info.file_size),
                               ratio=MAX_ENTRY_RATIO)
        if _is_nested_zip(archive, info):
            if depth >= MAX_NESTING:
                raise FileRejected("zip_nesting", limit=MAX_NESTING)
            # Read in place (a zip member is seekable), so the nested zip is never held in memory.
            with archive.open(info) as part, zipfile.ZipFile(part) as nested:
                total += inflated_size(nested, budget - total, depth + 1)
    return total


def check_no_macros(archive: zipfile.ZipFile, content_types: str) -> None:
    for name in archive.namelist():
        path = PurePosixPath(name.lower())
        if path.name in MACRO_FILE_NAMES or name.lower().startswith(MACRO_FOLDERS):
            raise FileRejected("macro_content", part=name)
    lowered = content_types.lower()
    for marker in MACRO_CONTENT_TYPES:
        if marker in lowered:
            raise FileRejected("macro_content", part="[Content_Types].xml")


def refuse_doctype(name: str, data: bytes) -> None:
    """FileRejected when a part's bytes hold a document type declaration.

    partscan.measure_parts calls it on every part as it inflates it (so each part
    is inflated once), in windows that overlap by more than a marker for a part it
    streams.  Images are skipped: an SVG may honestly carry a DOCTYPE, and openpyxl
    never parses an image as XML (a part it does parse goes through defusedxml).
    """
    # Every marker holds the byte "!", rare in XML: one memchr-fast search of it spares
    # the three marker searches (about a pass each) in nearly every part.
    if DOCTYPE_BYTE in data and any(marker in data for marker in DOCTYPE_MARKERS):
        raise FileRejected("xml_doctype", part=name)


def _is_nested_zip(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    if info.is_dir() or info.file_size < len(ZIP_SIGNATURE):
        return False
    with archive.open(info) as part:
        return part.read(len(ZIP_SIGNATURE)) == ZIP_SIGNATURE


def _mib(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MiB"
