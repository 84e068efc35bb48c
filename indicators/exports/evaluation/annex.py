"""The evaluation report's annex: the method, with the thresholds that produced the report.

The status and forecast rules come from the engine's own words
(indicators.engine.rules_text), the same sentences as the dashboard's Method page.
"""

from __future__ import annotations

from indicators.config import StatusThresholds
from indicators.engine import forecast_rules, status_label, status_rules

FORMULAS = {
    "zh": (
        "设某目标基期为（y0，v0），目标为（yT，vT），y年实际值为a。时间进度 s =（y − y0）/（yT − y0）；"
        "序时进度值 = v0 +（vT − v0）× s；目标完成度 =（a − v0）/（vT − v0）；"
        "序时进度比 q =（a − v0）/（序时进度值 − v0）；距目标差距 = vT − a（越低越好的指标符号相反）；"
        "完成率 = a / vT（越低越好的指标为 vT / a）；所需年均增速 =（vT / a）^(1/(yT − y)) − 1；"
        "基期以来年均增速 =（a / v0）^(1/(y − y0)) − 1；趋势预测值为过基期点和历年实际值的最小二乘直线在目标年的取值。"
    ),
    "en": (
        "For a target with baseline (y0, v0), target (yT, vT) and the actual a in year y: time "
        "elapsed s = (y − y0) / (yT − y0); planned value = v0 + (vT − v0) × s; progress = "
        "(a − v0) / (vT − v0); schedule ratio q = (a − v0) / (planned − v0); gap to target = "
        "vT − a (signs flipped when lower is better); completion rate = a / vT (vT / a when lower "
        "is better); required annual growth = (vT / a)^(1/(yT − y)) − 1; growth since the "
        "baseline = (a / v0)^(1/(y − y0)) − 1; the projection is the least-squares line through "
        "the baseline and the actuals, read at the target year."
    ),
}
ATTRIBUTES = {
    "zh": "约束性指标必须完成，预期性指标允许适度偏离。存在风险（略滞后、滞后、达标后回落、逆向变化、未完成，"
          "或预计完成难度较大）的约束性指标在“需要关注的目标”和进度图中排在最前。",
    "en": "Binding (约束性) targets must be met; anticipatory (预期性) ones may deviate moderately. "
          "Binding targets at risk (slightly behind, behind, fell back, moving away, missed, or "
          "hard to reach) come first among the targets that need attention and in the chart.",
}
DATA = {
    "zh": "实际值为本系统中当前有效的上传数据（每个数值的来源和备注见系统的指标详情页）；数据截至{year}年，"
          "即使用该年及以前最近一年的数值。目标年数据尚未发布的，按最新数据判断并给出预计完成情况。",
    "en": "Actuals are the values currently stored in the tracker (each value's source and notes "
          "are on its indicator page); data as of {year}: the latest value at or before that "
          "year. Where the target year's figure is not published yet, the latest one is used and "
          "a forecast is given.",
}
HEADINGS = {
    "zh": ("（一）计算公式", "（二）状态判定（自上而下，符合的第一条即为状态）", "（三）预计完成情况",
           "（四）约束性与预期性", "（五）数据"),
    "en": ("(1) Formulas", "(2) Statuses (top to bottom, the first that applies)",
           "(3) Forecast", "(4) Binding and anticipatory targets", "(5) Data"),
}


def annex_sections(thresholds: StatusThresholds, as_of: int | None,
                   lang: str) -> list[tuple[str, list[str]]]:
    """(sub-heading, paragraphs) of the annex, in order."""
    key = "en" if lang == "en" else "zh"
    colon = ": " if key == "en" else "："
    stop = "." if key == "en" else "。"
    statuses = [f"{status_label(code, lang)}{colon}{rule}{stop}"
                for code, rule in status_rules(thresholds, lang)]
    forecasts = [f"{words}{colon}{rule}{stop}" for words, rule in forecast_rules(thresholds, lang)]
    formulas, statuses_h, forecast_h, attribute_h, data_h = HEADINGS[key]
    return [
        (formulas, [FORMULAS[key]]),
        (statuses_h, statuses),
        (forecast_h, forecasts),
        (attribute_h, [ATTRIBUTES[key]]),
        (data_h, [DATA[key].format(year=as_of if as_of is not None else "—")]),
    ]
