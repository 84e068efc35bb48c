"""The gap and trajectory engine: how far along every target is, as of a year.

Pure functions on pandas frames and numpy arrays, no I/O: targets.py turns the
registry into arrays, series.py matches actuals to targets, metrics.py holds
the method's formulas, status.py the fixed set of statuses and their palette,
notes.py the plain-language notes, report.py assembles the report and its
per-year history, ranking.py orders the targets furthest behind, sources.py adds
where each latest value was published, releases.py which national series have
a newer figure due.  evaluation.py adds the evaluation columns (attribute,
completion rate, first year met, forecast), forecast.py gives the verdict on
targets whose final figure is not known yet, summary.py counts targets the way
evaluations write them (ranking.py puts binding targets at risk first) and
rules_text.py words the rules for the Method page and the report.  The engine
never imports the store: callers hand it the current values.
"""

from indicators.engine.forecast import (
    FORECAST_CODES,
    FORECAST_LABELS_EN,
    FORECAST_LABELS_ZH,
    FORECAST_RULES,
    forecast_label,
)
from indicators.engine.metrics import planned_value, projected_value, time_share
from indicators.engine.ranking import (
    AT_RISK_STATUSES,
    BINDING,
    assessable_count,
    at_risk,
    attention_order,
    binding_at_risk,
    furthest_behind,
)
from indicators.engine.releases import RELEASE_COLUMNS, expected_releases
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
from indicators.engine.rules_text import RULE_ORDER, forecast_rules, status_rules
from indicators.engine.sources import LATEST_SOURCE_COLUMNS, with_latest_sources
from indicators.engine.status import (
    FINAL_CODES,
    STATUS_CODES,
    STATUS_COLOURS,
    STATUS_LABELS_EN,
    STATUS_LABELS_ZH,
    status_colour,
    status_label,
    status_labels,
    status_text_colour,
)
from indicators.engine.summary import (
    EvaluationCounts,
    document_summaries,
    evaluation_counts,
    summary_sentence,
)
from indicators.engine.targets import COMPARATORS

__all__ = [
    "AT_RISK_STATUSES", "BINDING", "FINAL_CODES", "FORECAST_CODES", "FORECAST_LABELS_EN",
    "FORECAST_LABELS_ZH", "FORECAST_RULES", "EvaluationCounts", "at_risk", "attention_order",
    "binding_at_risk", "document_summaries", "evaluation_counts", "forecast_label",
    "summary_sentence", "RULE_ORDER", "forecast_rules", "status_rules",
    "LATEST_SOURCE_COLUMNS", "RELEASE_COLUMNS", "expected_releases", "with_latest_sources",
    "COMPARATORS", "EXTRA_COLUMNS", "HISTORY_COLUMNS", "REPORT_COLUMNS", "STATUS_CODES",
    "STATUS_COLOURS", "STATUS_LABELS_EN", "STATUS_LABELS_ZH", "TARGET_FRAME_COLUMNS",
    "EngineInputError", "GapReport", "assessable_count", "furthest_behind", "gap_report", "planned_value",
    "projected_value", "status_colour", "status_label", "status_labels", "status_text_colour",
    "targets_frame", "time_share",
]
