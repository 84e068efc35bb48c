"""The gap report as CSV and xlsx bytes, the same files the CLI and the dashboard hand out."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from indicators.exports.columns import localise_report
from indicators.exports.safety import frame_to_csv_bytes


def report_to_csv(report: pd.DataFrame, lang: str = "zh") -> bytes:
    """The gap report as CSV bytes: UTF-8 with BOM, ratios as plain decimals."""
    return frame_to_csv_bytes(localise_report(report, lang))


def report_to_xlsx(
    report: pd.DataFrame, lang: str = "zh", as_of: int | None = None,
    meta: Mapping[str, object] | None = None,
) -> bytes:
    """The gap report as an xlsx workbook (report sheet, then the method sheet)."""
    # Imported here so CSV-only callers never load openpyxl.
    from indicators.exports.xlsx import write_report_xlsx

    return write_report_xlsx(report, lang, as_of, meta or {})
