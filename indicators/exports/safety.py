"""Rules every exported file follows, whatever it holds.

Chinese text survives Excel (CSV is UTF-8 with a BOM) and no text cell can
start a formula (a text cell that begins with =, +, -, @, tab or CR gets a
leading single quote; numbers stay numbers), so a crafted indicator note
cannot run in a colleague's Excel.  File names are safe on Windows.
"""

from __future__ import annotations

import re
import unicodedata

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")




WINDOWS_RESERVED = re.compile(
    r"^(con|prn|aux|nul|conin\$|conout\$|com[0-9¹²³]|lpt[0-9¹²³])\s*(\..*)?$", re.IGNORECASE
)


# Bidirectional controls can disguise an extension ("a\u202egpj.exe" shows as "aexe.jpg").
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


MAX_FILE_NAME = 120


# What may stand before a formula unseen: spaces, and zero-width or direction
# characters (a BOM or a zero-width space before "=" is invisible in a cell).  Tab and
# CR are formula starts themselves.
INVISIBLE_LEAD = re.compile(
    "[ \n\x0b\x0c\x85\xa0\u061c\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u2064\u2066-\u2069\u3000\ufeff]*"
)


def escape_formula(value: object) -> object:
    """A text cell that Excel would read as a formula, made inert with a leading quote."""
    # Leading spaces do not stop every spreadsheet from reading " =1+1" as a formula.
    if isinstance(value, str) and (
        value.startswith(FORMULA_STARTS)
        or value[INVISIBLE_LEAD.match(value).end():].startswith(FORMULA_STARTS)  # type: ignore[union-attr]
    ):
        return "'" + value
    return value


def escape_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Copy of `frame` with every text cell escaped (column names too); numbers untouched."""
    escaped = frame.copy()
    for column in escaped.columns:
        values = escaped[column]
        if pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
            continue
        escaped[column] = values.map(escape_formula, na_action="ignore")
    escaped.columns = [escape_formula(str(name)) for name in escaped.columns]
    return escaped


def frame_to_csv_bytes(frame: pd.DataFrame, float_format: str | None = None) -> bytes:
    """UTF-8 with BOM, formula-escaped, blanks for missing; floats at full precision unless
    `float_format` says otherwise (the gap report's, once rounded: exports.formats)."""
    text = escape_frame(frame).to_csv(index=False, lineterminator="\n", float_format=float_format)
    return text.encode("utf-8-sig")


def safe_file_name(name: str, default: str = "export") -> str:
    """A file name Windows (and every other system) accepts, keeping Chinese text."""
    cleaned = BIDI_CONTROLS.sub("", unicodedata.normalize("NFC", str(name)))
    # Leading dots hide a file; trailing dots and spaces are invalid on Windows.
    cleaned = re.sub(r'[<>:"/\\|?*\x00-\x1f\x7f]', "_", cleaned).strip(" .")
    if not cleaned:
        cleaned = default
    if WINDOWS_RESERVED.match(cleaned):
        cleaned = "_" + cleaned
    if len(cleaned) > MAX_FILE_NAME:
        stem, dot, suffix = cleaned.rpartition(".")
        if dot and 0 < len(suffix) <= 10:
            cleaned = stem[: MAX_FILE_NAME - len(suffix) - 1].rstrip(". ") + "." + suffix
        else:
            cleaned = cleaned[:MAX_FILE_NAME].rstrip(". ")
    return cleaned
