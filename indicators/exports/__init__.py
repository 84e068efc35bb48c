"""Files the tracker hands out: gap reports (CSV, xlsx), the audit log CSV, the upload template.

safety.py holds the rules every export follows (UTF-8 with BOM, no cell can
start a formula, Windows-safe file names); columns.py which report columns
appear and under which headers; report.py and xlsx.py the report files;
audit.py the audit log; template.py the upload template.  The dashboard and
the CLI call these same functions, so their files are byte-identical.
"""

from indicators.exports.audit import audit_csv, audit_table
from indicators.exports.columns import (
    COLUMN_LABELS_ZH,
    column_labels,
    export_columns,
    localise_report,
)
from indicators.exports.report import report_to_csv, report_to_xlsx
from indicators.exports.safety import (
    escape_formula,
    escape_frame,
    frame_to_csv_bytes,
    safe_file_name,
)
from indicators.exports.template import build_template, template_frame

__all__ = [
    "COLUMN_LABELS_ZH", "audit_csv", "audit_table", "build_template", "column_labels",
    "escape_formula", "escape_frame", "export_columns", "frame_to_csv_bytes", "localise_report",
    "report_to_csv", "report_to_xlsx", "safe_file_name", "template_frame",
]
