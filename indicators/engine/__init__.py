"""The gap and trajectory engine: how far along every target is, as of a year.

Pure functions on pandas frames and numpy arrays, no I/O: targets.py turns the
registry into arrays, series.py matches actuals to targets, metrics.py holds
the method's formulas, status.py the fixed set of statuses and their palette,
notes.py the plain-language notes, report.py assembles the report and its
per-year history, ranking.py orders the targets furthest behind.  The engine
never imports the store: callers hand it the current values.
"""

from indicators.engine.metrics import planned_value, projected_value, time_share
from indicators.engine.ranking import furthest_behind
from indicators.engine.report import (
    EXTRA_COLUMNS,
    HISTORY_COLUMNS,
    REPORT_COLUMNS,
    TARGET_FRAME_COLUMNS,
    EngineInputError,
    GapReport,
    gap_report,
    targets_frame,
)
from indicators.engine.status import (
    STATUS_CODES,
    STATUS_COLOURS,
    STATUS_LABELS_EN,
    STATUS_LABELS_ZH,
    status_colour,
    status_label,
    status_labels,
    status_text_colour,
)
from indicators.engine.targets import COMPARATORS

__all__ = [
    "COMPARATORS", "EXTRA_COLUMNS", "HISTORY_COLUMNS", "REPORT_COLUMNS", "STATUS_CODES",
    "STATUS_COLOURS", "STATUS_LABELS_EN", "STATUS_LABELS_ZH", "TARGET_FRAME_COLUMNS",
    "EngineInputError", "GapReport", "furthest_behind", "gap_report", "planned_value",
    "projected_value", "status_colour", "status_label", "status_labels", "status_text_colour",
    "targets_frame", "time_share",
]
