"""The gap report as CSV and xlsx bytes, the same files the CLI and the dashboard hand out."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from indicators.exports.columns import localise_report
from indicators.exports.formats import CSV_FLOAT_FORMAT
from indicators.exports.safety import frame_to_csv_bytes, safe_file_name

REPORT_FILE_STEMS = {"zh": "差距报告", "en": "gap_report"}


def report_file_name(as_of: int | None, file_format: str, lang: str = "zh") -> str:
    """The gap report's file name in the language: 差距报告_2024.xlsx / gap_report_2024.xlsx."""
    stem = REPORT_FILE_STEMS["en" if lang == "en" else "zh"]
    return safe_file_name(f"{stem}_{as_of or 'latest'}.{file_format}")


def report_to_csv(report: pd.DataFrame, lang: str = "zh") -> bytes:
    """The gap report as CSV bytes: UTF-8 with BOM; ratios as fractions and values at their
    precision (exports.formats: 0.798 for 79.8%, 140 not 140.0, no float noise)."""
    return frame_to_csv_bytes(localise_report(report, lang), CSV_FLOAT_FORMAT)


def report_to_xlsx(
    report: pd.DataFrame, lang: str = "zh", as_of: int | None = None,
    meta: Mapping[str, object] | None = None,
    names: Mapping[str, Mapping[object, str]] | None = None,
) -> bytes:
    """The gap report as an xlsx workbook (report sheet, then the method sheet); `names`
    (columns.display_names) shows regions and documents by name."""
    # Imported here so CSV-only callers never load openpyxl.
    from indicators.exports.xlsx import write_report_xlsx

    return write_report_xlsx(report, lang, as_of, meta or {}, names)
