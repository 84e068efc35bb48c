"""Files the tracker hands out: gap reports (CSV, xlsx), the audit log CSV, the upload template.

safety.py holds the rules every export follows (UTF-8 with BOM, no cell can
start a formula, Windows-safe file names); columns.py which report columns
appear and under which headers; report.py and xlsx.py the report files;
audit.py the audit log; template.py the upload template; the evaluation/
subpackage the evaluation report (Word and xlsx).  The dashboard and
the CLI call these same functions, so their files are byte-identical.

Each name loads its module on first use (PEP 562), so that importing
indicators.exports.safety alone (drafting does) does not load openpyxl, the
store and SQLAlchemy with the report and template modules.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from indicators.exports.audit import audit_csv, audit_table
    from indicators.exports.columns import (
        COLUMN_LABELS_ZH,
        column_labels,
        display_names,
        export_columns,
        localise_report,
    )
    from indicators.exports.report import report_file_name, report_to_csv, report_to_xlsx
    from indicators.exports.safety import (
        escape_formula,
        escape_frame,
        frame_to_csv_bytes,
        safe_file_name,
    )
    from indicators.exports.template import build_template, template_frame

# Public name -> the module that defines it.
_HOMES = {
    "audit_csv": "audit", "audit_table": "audit",
    "COLUMN_LABELS_ZH": "columns", "column_labels": "columns", "export_columns": "columns",
    "display_names": "columns",
    "localise_report": "columns",
    "report_file_name": "report", "report_to_csv": "report", "report_to_xlsx": "report",
    "escape_formula": "safety", "escape_frame": "safety", "frame_to_csv_bytes": "safety",
    "safe_file_name": "safety",
    "build_template": "template", "template_frame": "template",
}


def __getattr__(name: str) -> object:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value

__all__ = [
    "COLUMN_LABELS_ZH", "audit_csv", "audit_table", "build_template", "column_labels",
    "display_names",
    "escape_formula", "escape_frame", "export_columns", "frame_to_csv_bytes", "localise_report",
    "report_file_name",
    "report_to_csv", "report_to_xlsx", "safe_file_name", "template_frame",
]
