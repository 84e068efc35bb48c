"""说明 Method: how progress, statuses and forecasts are worked out, for a non-technical reader.

The thresholds shown are the ones in force (config.yaml via settings.status),
so the page never disagrees with the tiles.
"""

from __future__ import annotations

from dash import dcc, html

from indicators.engine import forecast_rules, status_rules
from indicators.service import TrackerService
from layouts.pages.detail_parts import status_badge
from layouts.text.i18n import t

INTRO = {
    "zh": """
每一项目标都有**基期**（起点年份和数值）、**目标年**和**目标值**。系统把每年上传的实际值与规划要求的进度相比较。
以“每万人口高价值发明专利拥有量”为例：2020 年基期 6.3 件，2025 年目标 12 件。
到 2023 年，规划期已过去 3/5，即**时间进度** 60%；按线性路径，2023 年应达到 6.3 + (12 − 6.3) × 60% = 9.72 件。
若 2023 年实际为 9.4 件，则：

- **目标完成度** = (9.4 − 6.3) ÷ (12 − 6.3) = 54%（从基期到目标走过的比例）
- **序时进度比** = (9.4 − 6.3) ÷ (9.72 − 6.3) = 0.91（实际进展与按期应有进展之比）
- **距目标差距** = 12 − 9.4 = 2.6 件；**距序时进度差距** = 9.72 − 9.4 = 0.32 件
- **增速比** = 基期以来实际年均增速 ÷ 达到目标所需的年均增速（国际上常用的比较方法，仅作参考）
- **所需年均增速**：剩余 2 年要达到目标，每年需增长 (12 ÷ 9.4)^(1/2) − 1 = 13.0%
- **趋势预测值**：用最小二乘法对基期和历年实际值拟合一条直线，延伸到目标年的数值

对于“越低越好”的指标，差距的正负号相应反过来：正值始终表示“还差多少”。
""",
    "en": """
Every target has a **baseline** (year and value), a **target year** and a **target value**.
The tracker compares each year's uploaded actual with the progress the plan requires.
Example: high-value invention patents per 10,000 people, baseline 6.3 in 2020, target 12 in 2025.
By 2023, 3 of the 5 years have passed: **time elapsed** is 60%, so on a straight path the plan
expects 6.3 + (12 − 6.3) × 60% = 9.72. With an actual of 9.4 in 2023:

- **Progress** = (9.4 − 6.3) ÷ (12 − 6.3) = 54% (share of the way from baseline to target)
- **Schedule ratio** = (9.4 − 6.3) ÷ (9.72 − 6.3) = 0.91 (actual progress over expected progress)
- **Gap to target** = 12 − 9.4 = 2.6; **gap to path** = 9.72 − 9.4 = 0.32
- **Growth ratio** = actual average annual growth since the baseline ÷ the growth the target requires (the international practice; shown for reference)
- **Required annual growth**: to reach 12 in the 2 remaining years, (12 ÷ 9.4)^(1/2) − 1 = 13.0% a year
- **Projection**: a least-squares straight line through the baseline and the actuals, read at the target year

For indicators where lower is better, the signs flip so that a positive gap always means "still short".
""",
}

SPECIAL = {
    "zh": """
**特殊情形**

- **累计型目标**（如“新增”“累计建成”）：实际值为规划期内各年上传数值之和，起点为 0（文本另有基期的除外）。
- **区间目标**（如“8—10 家”）：以下限判断是否完成、计算比率，表格同时列出上下限。
- **覆盖率目标**（“全覆盖”）：目标为 100%。
- **保持水平**（目标值等于基期值，如服判息诉率）：达到比较关系即“已完成”，否则“滞后”，不计算比率。
- **“合理稳定增长”类目标**：最新值高于上一年即“符合序时进度”，否则“滞后”，不计算比率。
- **文本未给出基期**：取规划起始年或之前最近一年的实际值作基期，并在说明中注明。
- **“数据截至”某年**：使用该年及以前最近的实际值；默认取有数据的最近年份。
- **未核实**：目标数值或出处尚未与原文逐字核对的，在详情页以“未核实”标出。
""",
    "en": """
**Special cases**

- **Cumulative targets** ("new", "built in total"): the actual is the sum of the yearly values in the plan period, from 0 unless the text gives a baseline.
- **Range targets** ("8 to 10"): the low bound decides achievement and the ratios; tables show both bounds.
- **Coverage targets** ("full coverage"): the target is 100%.
- **Holding a level** (target equals baseline): achieved while the comparison holds, else behind; no ratios.
- **"Steady growth" targets**: on track when the latest value is above the previous year's, else behind; no ratios.
- **No baseline in the text**: the latest actual at or before the plan's start year is used, and the notes say so.
- **"As of" a year**: the latest actual at or before that year; by default the latest year with data.
- **Unverified**: a target whose figure or source has not been checked word for word is marked "unverified" on its page.
""",
}


FINAL = {
    "zh": """
**目标年之后：最终状态与总结评估**

目标年（或之后）的实际值公布后，不再看序时进度，只看是否完成目标：此前已达到且目标年仍达到为**提前完成**；
超出目标值的幅度大于“超额幅度”为**超额完成**；达到目标为**已完成**；未达到为**未完成**，同时列出差距和**完成率**
（越高越好为实际值 ÷ 目标值，越低越好为目标值 ÷ 实际值）。目标年之前，已达到目标的指标继续跟踪：之后回落到目标以下的显示为**达标后回落**。

**约束性与预期性**：约束性指标必须完成，预期性指标允许适度偏离。凡是排序的地方（进度图、评估报告的“需要关注的指标”），存在风险的约束性指标排在最前面。
“存在风险”指状态为略滞后、滞后、达标后回落、逆向变化、未完成，或预计完成难度较大。

**评估摘要**按评估报告的写法计数，例如“8项主要指标中，已完成6项（其中提前完成4项），未完成1项，无数据1项”。
有约束性/预期性属性的指标（规划的主要指标表）单独计数，规划文本中的其他量化目标另起一句。
目标年之前已达到目标的计为“提前完成”。
""",
    "en": """
**After the target year: final statuses and the final evaluation**

Once the actual of the target year (or a later one) is known, the schedule no longer matters, only the target:
**met early** when it was met before the target year and still is; **exceeded** when it beats the target by more than the
exceed margin; **achieved** when met; **missed** otherwise, with the gap and the **completion rate**
(actual ÷ target when higher is better, target ÷ actual when lower is better). Before the target year a target that was met
keeps being watched: one that falls back below its target shows **fell back below target**.

**Binding and anticipatory**: binding targets must be met; anticipatory ones may deviate moderately. Wherever targets
are ranked (the progress chart, the evaluation's "targets that need attention"), binding targets at risk come first.
At risk means slightly behind, behind, fell back, moving away, missed, or forecast hard to reach.

The **summary sentence** counts as evaluations do, e.g. "of the 8 main indicators, 6 met (4 of them early), 1 missed,
1 without data". Targets with an attribute (the plan's main indicator table) are counted first; the plan's other
quantified targets get a second sentence. A target met before its target year counts as met early.
""",
}


def layout(service: TrackerService, lang: str = "zh", **_params: object) -> html.Div:
    key = "en" if lang == "en" else "zh"
    rows = [html.Tr([html.Td(status_badge(code, lang)), html.Td(rule)])
            for code, rule in status_rules(service.settings.status, lang)]
    forecasts = [html.Tr([html.Td(html.Strong(words)), html.Td(rule)])
                 for words, rule in forecast_rules(service.settings.status, lang)]
    return html.Div(className="method-text", children=[
        html.H2(t("method.title", lang), className="page-title"),
        html.Div(className="card-panel", children=[
            html.H3(t("method.formulas", lang), className="section-title"),
            dcc.Markdown(INTRO[key]),
        ]),
        html.Div(className="card-panel", children=[
            html.H3(t("method.statuses", lang), className="section-title"),
            html.P(t("method.statuses_intro", lang)),
            html.Table([html.Tbody(rows)]),
            html.P(t("method.thresholds_note", lang), className="small-note"),
        ]),
        html.Div(className="card-panel", children=[dcc.Markdown(FINAL[key])]),
        html.Div(className="card-panel", id="method-forecast", children=[
            html.H3(t("method.forecast", lang), className="section-title"),
            html.P(t("method.forecast_intro", lang)),
            html.Table([html.Tbody(forecasts)]),
        ]),
        html.Div(className="card-panel", children=[dcc.Markdown(SPECIAL[key])]),
    ])
