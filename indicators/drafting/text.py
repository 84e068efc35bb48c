"""Read a plan file (.txt, .docx, .pdf) into numbered lines, as the command sees them.

Line numbers are what a reviewer looks up: the line of a .txt file, the
paragraph (or table row) of a .docx file, the running line of a PDF's text
layer.  Each line also gets a `fold`, the same characters made comparable
(traditional -> simplified, full-width -> ASCII, 二〇二五年 -> 2025年) one
character for one, so a match in the fold points at the very characters of
the original.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from indicators.drafting.errors import PlanTextError

SUFFIXES = (".txt", ".docx", ".pdf")
# Magic numbers of files that are often renamed to .txt by mistake.
BINARY_MAGIC = {
    b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image",
    b"%PDF": "a PDF file", b"PK\x03\x04": "a zip archive (.docx/.xlsx?)",
    b"\xd0\xcf\x11\xe0": "an old Office file (.doc/.xls)", b"II*\x00": "a TIFF image",
}
TEXT_BOMS = (("utf-8-sig", b"\xef\xbb\xbf"), ("utf-16", b"\xff\xfe"), ("utf-16", b"\xfe\xff"))
# Share of control characters above which decoded bytes are not text.
MAX_CONTROL_SHARE = 0.01
# A year in Chinese digits, 二〇二五年 (or 二〇二一—二〇二五年): folded to 2025, digit for digit.
CHINESE_YEAR = re.compile(r"[〇○零一二三四五六七八九]{4}(?=\s*(?:年|[—\-–~至到]\s*[〇○零一二三四五六七八九]{4}))")
YEAR_DIGITS = str.maketrans("〇○零一二三四五六七八九", "000123456789")


@dataclass(frozen=True)
class PlanText:
    path: Path
    lines: tuple[str, ...]
    folds: tuple[str, ...]
    locations: tuple[str, ...]
    kind: str

    @property
    def line_count(self) -> int:
        return len(self.lines)


def read_plan_text(path: Path | str) -> PlanText:
    """Numbered lines of a plan file; PlanTextError names the file and why it cannot be read."""
    path = Path(path)
    if not path.exists():
        raise PlanTextError(path, "no such file")
    if path.is_dir():
        raise PlanTextError(path, "is a folder, not a file")
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise PlanTextError(path, f"unknown extension '{path.suffix or '(none)'}'",
                            hint="give a .txt, .docx or .pdf file (save .doc/.wps as .docx)")
    try:
        content = path.read_bytes()
    except OSError as exc:
        raise PlanTextError(path, f"cannot be read ({exc.strerror})") from None
    return plan_text_from_bytes(path, content)


def plan_text_from_bytes(path: Path | str, content: bytes) -> PlanText:
    """Numbered lines of an uploaded plan file; its name (path) gives the kind and the messages."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise PlanTextError(path, f"unknown extension '{path.suffix or '(none)'}'",
                            hint="give a .txt, .docx or .pdf file (save .doc/.wps as .docx)")
    if not content.strip():
        raise PlanTextError(path, "is empty")
    readers = {".txt": _txt_lines, ".docx": _docx_lines, ".pdf": _pdf_lines}
    lines, locations = readers[suffix](path, content)
    if not any(line.strip() for line in lines):
        raise PlanTextError(path, "is empty (no text in it)")
    folds = tuple(fold_text(line) for line in lines)
    return PlanText(path, tuple(lines), folds, tuple(locations), suffix.lstrip("."))


def decode_text(path: Path, content: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 (a superset of GBK)."""
    for magic, what in BINARY_MAGIC.items():
        if content.startswith(magic):
            raise PlanTextError(path, f"is {what}, not text")
    for encoding, bom in TEXT_BOMS:
        if content.startswith(bom):
            return _checked_text(path, content.decode(encoding, errors="strict"))
    if b"\x00" in content:
        raise PlanTextError(path, "looks like a binary file, not text")
    for encoding in ("utf-8", "gb18030"):
        try:
            return _checked_text(path, content.decode(encoding))
        except UnicodeDecodeError:
            continue
    raise PlanTextError(path, "cannot be decoded as UTF-8 or GBK/GB18030 text")


def _checked_text(path: Path, text: str) -> str:
    controls = sum(1 for char in text if unicodedata.category(char) == "Cc" and char not in "\t\n\r\f")
    if "\x00" in text or controls > MAX_CONTROL_SHARE * len(text):
        raise PlanTextError(path, "looks like a binary file, not text")
    return text


def _txt_lines(path: Path, content: bytes) -> tuple[list[str], list[str]]:
    lines = decode_text(path, content).splitlines()
    return lines, [f"第{number}行" for number in range(1, len(lines) + 1)]


def _docx_lines(path: Path, content: bytes) -> tuple[list[str], list[str]]:
    import docx  # python-docx; imported here so .txt drafting does not need it
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(content))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise PlanTextError(path, f"is not a valid .docx file ({exc})") from None
    lines: list[str] = []
    locations: list[str] = []
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            for row_number, row in enumerate(item.rows, start=1):
                lines.append("\t".join(_unique_cells(row.cells)))
                locations.append(f"第{len(lines)}段（表格第{row_number}行）")
        else:
            lines.append(item.text)
            locations.append(f"第{len(lines)}段")
    return lines, locations


def _unique_cells(cells: list) -> list[str]:
    # A merged cell is returned once per grid column it spans.
    seen: list[str] = []
    for cell in cells:
        text = " ".join(cell.text.split())
        if not seen or seen[-1] != text:
            seen.append(text)
    return seen


def _pdf_lines(path: Path, content: bytes) -> tuple[list[str], list[str]]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(content))
        if reader.is_encrypted and not reader.decrypt(""):
            raise PlanTextError(path, "is an encrypted PDF")
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise PlanTextError(path, f"is not a readable PDF ({exc})") from None
    if not any(page.strip() for page in pages):
        raise PlanTextError(path, "is a PDF without a text layer (a scan?)",
                            hint="run OCR on it first, or paste its text into a .txt file")
    lines: list[str] = []
    locations: list[str] = []
    for page_number, page in enumerate(pages, start=1):
        for line_number, line in enumerate(page.splitlines(), start=1):
            lines.append(line)
            locations.append(f"第{page_number}页第{line_number}行")
    return lines, locations


@lru_cache(maxsize=1)
def _converter() -> Any:  # OpenCC ships no type hints
    import opencc

    return opencc.OpenCC("t2s")


def fold_text(text: str) -> str:
    """Same length as `text`: simplified characters, ASCII digits and signs, one for one."""
    simplified = _converter().convert(text)
    if len(simplified) != len(text):
        # A phrase rule changed the length; convert character by character instead.
        simplified = "".join(_single(char) for char in text)
    simplified = CHINESE_YEAR.sub(lambda match: match.group().translate(YEAR_DIGITS), simplified)
    return "".join(_narrow(char) for char in simplified)


def _single(char: str) -> str:
    converted = _converter().convert(char)
    return converted if len(converted) == 1 else char


@lru_cache(maxsize=4096)
def _narrow(char: str) -> str:
    # Circled footnote marks (11.6③) must not turn into digits (11.63).
    if unicodedata.category(char) == "No":
        return char
    folded = unicodedata.normalize("NFKC", char)
    return folded if len(folded) == 1 else char
