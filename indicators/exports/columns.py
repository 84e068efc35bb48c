"""The gap report's columns as exports show them: which, in what order, with what headers."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from indicators.engine import (
    FORECAST_LABELS_ZH,
    LATEST_SOURCE_COLUMNS,
    REPORT_COLUMNS,
    status_labels,
)
from indicators.exports.formats import rounded_report
from indicators.registry.english import ATTRIBUTE_EN

# The report's columns in exports: the columns, then the ones a reader
# needs to interpret them; the note in the export's language comes last.
EXPORT_EXTRAS = [
    "target_low", "target_high", "kind", "comparator", "category", "baseline_source",
    "verified", "secondary_of",
]
# The evaluation's figures (总结评估), appended after every older column so files
# read by position keep working.
EVALUATION_EXPORTS = [
    "attribute", "completion_rate", "achieved_annual_growth", "first_met_year", "forecast",
]


COLUMN_LABELS_ZH = {
    "target_id": "目标编号", "indicator_id": "指标编码", "region": "地区",
    "document_id": "规划文件", "name_zh": "指标名称", "name_en": "英文名称", "unit": "单位",
    "baseline_year": "基期年份", "baseline_value": "基期值", "target_year": "目标年份",
    "target_value": "目标值", "latest_year": "最新数据年份", "latest_value": "最新值",
    "time_share": "时间进度", "planned_value": "序时进度值", "progress_ratio": "目标完成度",
    "schedule_ratio": "序时进度比", "growth_ratio": "增速比", "gap_to_target": "距目标差距",
    "gap_to_path": "距序时进度差距", "required_annual_growth": "所需年均增速",
    "projected_value": "趋势预测值", "status": "状态", "target_low": "目标下限",
    "target_high": "目标上限", "kind": "目标类型", "comparator": "比较方式",
    "category": "类别", "direction": "方向", "path": "路径", "plan_start": "规划起始年",
    "baseline_source": "基期来源", "verified": "已核实", "secondary_of": "所属一级指标",
    "note_zh": "说明", "note_en": "说明（英文）",
    "attribute": "指标属性", "completion_rate": "完成率",
    "achieved_annual_growth": "基期以来年均增速", "first_met_year": "首次达到目标年份",
    "forecast": "预计完成情况",
    "latest_source": "最新值来源", "latest_url": "最新值链接", "latest_published": "最新值发布日期",
}


VALUE_LABELS_ZH: dict[str, Mapping[object, str]] = {
    "kind": {"level": "水平值", "annual": "当年值", "cumulative": "累计值"},
    "comparator": {">=": "不低于", "<=": "不高于", "==": "达到", "range": "区间",
                   "coverage": "全覆盖", "increase": "稳定增长"},
    "category": {"creation": "知识产权创造", "use": "知识产权运用",
                 "protection": "知识产权保护", "management_service": "知识产权管理与服务",
                 "environment_talent": "环境与人才", "international": "国际合作"},
    "baseline_source": {"text": "规划文本", "first_actual": "实际值（规划起始年或之前）",
                        "cumulative_zero": "累计起点0", "none": "无"},
    "verified": {True: "是", False: "否"},
    "direction": {1: "越高越好", -1: "越低越好"},
    "path": {"linear": "线性", "geometric": "几何"},
    "forecast": FORECAST_LABELS_ZH,
}
# English exports write codes, as for statuses; the attribute is the one Chinese word to
# translate, and comparators are words: a raw "==" would reach Excel as the escaped text "'==".
VALUE_LABELS_EN: dict[str, Mapping[object, str]] = {
    "attribute": ATTRIBUTE_EN,  # as the English UI says it: Anticipatory, Binding
    "comparator": {">=": "at least", "<=": "at most", "==": "equal to", "range": "range",
                   "coverage": "full coverage", "increase": "steady increase"},
}
# The xlsx report reads like the page: names first, the internal ids at the end.
XLSX_FIRST = ("name_en", "name_zh", "region", "document_id")
XLSX_LAST = ("target_id", "indicator_id")


def column_labels(lang: str = "zh") -> dict[str, str]:
    """Report column -> header in the language (English headers are the column names)."""
    if lang == "en":
        return {column: column for column in COLUMN_LABELS_ZH}
    return dict(COLUMN_LABELS_ZH)


def export_columns(report: pd.DataFrame, lang: str = "zh") -> list[str]:
    note = "note_en" if lang == "en" else "note_zh"
    # Where the latest value was published goes last, so existing columns keep their places.
    wanted = (REPORT_COLUMNS + EXPORT_EXTRAS + [note] + list(LATEST_SOURCE_COLUMNS)
              + EVALUATION_EXPORTS)
    if lang == "en":  # English readers get the English name, last so that no column moves
        wanted.append("name_en")
    return [column for column in wanted if column in report.columns]


def xlsx_columns(report: pd.DataFrame, lang: str = "zh") -> list[str]:
    """export_columns reordered for the xlsx reader: names first, ids last."""
    columns = export_columns(report, lang)
    first = [column for column in XLSX_FIRST if column in columns]
    last = [column for column in XLSX_LAST if column in columns]
    return first + [c for c in columns if c not in first and c not in last] + last


def display_names(regions: Mapping, documents: Mapping, lang: str = "zh") -> dict[str, dict]:
    """Region codes and document ids -> their names in the language (registry records)."""
    def name(record: object, zh: str, en: str) -> str:
        english = getattr(record, en, "") if lang == "en" else ""
        return str(english or getattr(record, zh, ""))

    return {"region": {code: name(region, "name_zh", "name_en") for code, region in regions.items()},
            "document_id": {key: name(document, "title_zh", "title_en")
                            for key, document in documents.items()}}


def localise_report(
    report: pd.DataFrame, lang: str = "zh", columns: list[str] | None = None,
    names: Mapping[str, Mapping[object, str]] | None = None,
) -> pd.DataFrame:
    """The export's columns with headers and words in the language, numbers at their
    formats' precision (exports.formats); not yet escaped.  `names` replaces codes
    (region, document_id) by names."""
    frame = rounded_report(report, columns or export_columns(report, lang))
    if "status" in frame.columns and lang != "en":
        frame["status"] = frame["status"].astype(str).map(status_labels(lang))
    labels_by_column = {**(VALUE_LABELS_EN if lang == "en" else VALUE_LABELS_ZH), **(names or {})}
    for column, words in labels_by_column.items():
        if column in frame.columns:
            frame[column] = frame[column].astype(object).map(
                lambda value, words=words: words.get(value, value), na_action="ignore"
            )
    labels = column_labels(lang)
    return frame.rename(columns={column: labels.get(column, column) for column in frame.columns})
