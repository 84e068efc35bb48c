"""The summary sentence the way evaluations write it, and binding targets at risk first."""

from __future__ import annotations

import io
import textwrap

import pandas as pd

from indicators.engine import (
    RULE_ORDER,
    STATUS_CODES,
    attention_order,
    evaluation_counts,
    furthest_behind,
    summary_sentence,
)
from indicators.registry import Document

PLAN = Document(id="cn_ip_plan_14th", title_zh="“十四五”国家知识产权保护和运用规划",
                title_en="National IP Plan", issuer="国务院", level="national", kind="plan",
                region="CN", period_start=2021, period_end=2025)


def frame(text: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(textwrap.dedent(text).strip()), keep_default_na=False,
                       na_values=[""])


# The issue's example: 8 main indicators, 6 met (4 early), 1 missed, 1 without data.
FINAL = """
target_id,document_id,status,latest_year,target_year,forecast,attribute
a,cn_ip_plan_14th,met_early,2025,2025,not_judged,预期性
b,cn_ip_plan_14th,met_early,2025,2025,not_judged,预期性
c,cn_ip_plan_14th,met_early,2025,2025,not_judged,预期性
d,cn_ip_plan_14th,met_early,2025,2025,not_judged,预期性
e,cn_ip_plan_14th,achieved,2025,2025,not_judged,预期性
f,cn_ip_plan_14th,exceeded,2025,2025,not_judged,约束性
g,cn_ip_plan_14th,missed,2025,2025,not_judged,预期性
h,cn_ip_plan_14th,no_data,,2025,not_judged,预期性
"""


def test_final_evaluation_sentence_as_the_issue_writes_it():
    text = summary_sentence(frame(FINAL), PLAN, 2025, "zh")
    assert text == ("截至2025年，《“十四五”国家知识产权保护和运用规划》8项主要指标中，"
                    "已完成6项（其中提前完成4项、超额完成1项），未完成1项，无数据1项；"
                    "1项约束性指标均未出现风险。")


def test_final_evaluation_sentence_in_english():
    text = summary_sentence(frame(FINAL), PLAN, 2025, "en")
    assert text == ("As of 2025, of the 8 main indicators of “National IP Plan”: 6 met (4 of them "
                    "early, 1 of them by more than the margin), 1 missed, 1 without data; "
                    "none of the 1 binding targets is at risk.")


# Mid-term: one met already (counts as early), on schedule, behind, a fallen-back one,
# forecasts; two targets without an attribute get their own sentence.
MID_TERM = """
target_id,document_id,status,latest_year,target_year,forecast,attribute
a,cn_ip_plan_14th,achieved,2023,2025,exceed,预期性
b,cn_ip_plan_14th,on_track,2023,2025,on_time,预期性
c,cn_ip_plan_14th,on_track,2023,2025,exceed,预期性
d,cn_ip_plan_14th,slightly_behind,2023,2025,difficult,约束性
e,cn_ip_plan_14th,met_then_lost,2023,2025,on_time,预期性
f,cn_ip_plan_14th,on_track,2023,2025,on_time,
g,cn_ip_plan_14th,no_data,,2025,not_judged,
"""


def test_mid_term_sentence_counts_schedule_and_forecasts():
    text = summary_sentence(frame(MID_TERM), PLAN, 2023, "zh")
    assert text == (
        "截至2023年，《“十四五”国家知识产权保护和运用规划》5项主要指标中，"
        "已完成1项（其中提前完成1项），达到时序进度2项，未达时序进度2项（其中达标后回落1项）；"
        "尚无最终结果的5项中，预计可超额完成2项、预计可如期完成2项、预计完成难度较大1项；"
        "1项约束性指标中1项存在风险。"
        "规划文本中的其他2项量化目标中，达到时序进度1项，无数据1项；"
        "尚无最终结果的1项中，预计可如期完成1项。")


def test_targets_whose_target_year_figure_is_not_out_are_named():
    # As of 2025 with data only to 2023: 5 targets wait for their 2025 figure, and they are
    # exactly the ones with a forecast, so the two clauses become one.
    report = frame(MID_TERM)
    report = report[report["attribute"].notna()]
    counts = evaluation_counts(report, 2025)
    assert counts.pending_final == 5 and counts.same_targets
    text = summary_sentence(report, PLAN, 2025, "zh")
    assert "其中5项目标年数据尚未发布，按最新数据判断，预计可超额完成2项" in text


RANKED = """
target_id,status,progress_ratio,schedule_ratio,forecast,attribute
expected_behind,behind,0.2,0.3,difficult,预期性
binding_slight,slightly_behind,0.5,0.8,on_time,约束性
binding_fine,on_track,0.6,1.0,on_time,约束性
expected_missed,missed,0.9,0.9,not_judged,预期性
binding_hard,on_track,0.7,1.1,difficult,约束性
"""


def test_binding_targets_at_risk_are_ranked_first():
    report = frame(RANKED)
    order = furthest_behind(report, 10)["target_id"].tolist()
    # Binding at risk (slightly behind; on track but hard to reach) first, by status;
    # then the rest by status: missed, behind, on track.
    assert order == ["binding_slight", "binding_hard", "expected_missed", "expected_behind",
                     "binding_fine"]
    assert attention_order(report)["target_id"].tolist() == [
        "binding_slight", "binding_hard", "expected_missed", "expected_behind"]


def test_the_rule_order_in_words_covers_every_status():
    assert sorted(RULE_ORDER) == sorted(STATUS_CODES)
