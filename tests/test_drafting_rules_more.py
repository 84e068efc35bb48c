"""More wording rules (classes of misses and false positives of blind rounds 3 and 5):
a sentence of our own and the draft it gives.  tests/test_drafting_rules.py holds the first ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from indicators.drafting.records import Finding
from tests.drafting_helpers import findings_of, values

PLAN_HEAD = "某市知识产权发展规划（2021—2025年）\n二、主要目标\n"
NEWS_HEAD = "某省召开知识产权工作会议\n"


def draft(tmp_path: Path, body: str, head: str = PLAN_HEAD) -> list[Finding]:
    return findings_of(tmp_path, head, body)


# Class: past statistics worded like targets.  A rise verb's 至 before “YEAR年的” names the
# value of that year, and “A年至B年” is a span: neither sets B as a target year.
@pytest.mark.parametrize("sentence", [
    "全市有效商标量从2018年的3.1万件增长至2022年的5.6万件。",
    "2011年至2020年全市专利申请量的比重从12%下降到9.5%。",
])
def test_value_of_a_year_after_a_rise_verb_is_no_target_year(tmp_path: Path,
                                                              sentence: str) -> None:
    assert draft(tmp_path, sentence, NEWS_HEAD) == []


def test_plain_year_with_a_goal_word_sets_goals_in_a_news_report(tmp_path: Path) -> None:
    body = ("会议明确，到2030年，全市专利密集型产业增加值占比达到15%。\n"
            "2027年，全市将力争实现商标注册量1.5万件以上。\n"
            "按照方案，2024年全市年专利申请量要达到9000件。")
    assert values(draft(tmp_path, body, NEWS_HEAD)) == [
        (15, "%", ">=", 2030), (1.5, "万件", ">=", 2027), (9000, "件", ">=", 2024)]


def test_named_goal_period_makes_its_earlier_period_past(tmp_path: Path) -> None:
    # 锚定“十六五”目标 names the 2031-2035 period: “十五五”期间 is past, 2031年 a goal year.
    head = "某市召开会议 锚定“十六五”目标\n"
    body = ("会议指出，“十五五”期间，全市商标有效量由2025年底的3万件增至2030年底的6万件。\n"
            "2031年，全市将力争实现专利授权量2万件以上。")
    assert values(draft(tmp_path, body, head)) == [(2, "万件", ">=", 2031)]


# Class: counts of a plan's own programmes and slogans (convention 9: counts in titles).
@pytest.mark.parametrize("sentence", [
    "到2025年，持续推进专利导航和品牌培育两项行动，深化实施保护体系建设和运营服务两项工程。",
    "到2025年，将实施基础设施“强基”、数字技术创新等八大行动和27项工程。",
    "到2025年，统筹推进三项工作。",
    "“十五五”编制有四个聚焦。",
    "到2025年，主要创新指标实现“五个倍增、五个突破”。",
])
def test_counts_of_programmes_and_slogans_are_not_targets(tmp_path: Path,
                                                          sentence: str) -> None:
    assert draft(tmp_path, sentence) == []


def test_a_programme_word_inside_a_name_still_counts(tmp_path: Path) -> None:
    body = "到2025年，实施两项行动，建设5个重点工程技术研究中心，培育20个知识产权工作站。"
    assert values(draft(tmp_path, body)) == [(5, "个", "==", 2025), (20, "个", "==", 2025)]


# Class: numbers whose digits a PDF copy spaced out (3 5 0件): the value is the number.
def test_spaced_digits_are_one_number(tmp_path: Path) -> None:
    body = "到2025年，年商标申请量达到4 5 0件以上，其中集体商标占2 5%以上。"
    assert values(draft(tmp_path, body)) == [(450, "件", ">=", 2025), (25, "%", ">=", 2025)]


# Class: goals of a text with no year at all: a floor after the number (建立4家以上,
# 覆盖率90%以上) or a creating verb sets a goal, as 达到 does.
def test_floors_set_goals_without_any_year(tmp_path: Path) -> None:
    body = "(2)创新能力显著增强。新建6家以上企业技术中心，良种覆盖率9 5%以上，引进新技术20项。"
    assert values(draft(tmp_path, body, "")) == [(6, "家", ">=", None), (95, "%", ">=", None),
                                                 (20, "项", "==", None)]


# Class: means, not results: money allocated (convention 12) and a threshold of a count.
@pytest.mark.parametrize("sentence", [
    "到2025年，设立3000万元知识产权专项资金。",
    "到2025年，市财政每年安排知识产权专项资金不少于1500万元。",
])
def test_allocations_are_not_targets(tmp_path: Path, sentence: str) -> None:
    assert draft(tmp_path, sentence) == []


def test_threshold_after_a_count_belongs_to_its_name(tmp_path: Path) -> None:
    body = "到2025年，重点培育2个产值过80亿元、6个产值过20亿元的高新技术企业。"
    assert values(draft(tmp_path, body)) == [(2, "个", "==", 2025), (6, "个", "==", 2025)]


# Class: enumerations before 全覆盖 (convention 4: one row per name).
@pytest.mark.parametrize(("sentence", "names"), [
    ("到2025年，实现省、市两级商标受理窗口全覆盖。", ["省", "市"]),
    ("到2025年，实现全市8所高校和15家科研机构专利管理专员全覆盖。",
     ["高校", "科研机构专利管理专员"]),
    ("到2025年，实现高校和科研机构存量专利评估、分级、入库全覆盖。",
     ["高校", "科研机构存量专利评估、分级、入库"]),
])
def test_coverage_enumerations(tmp_path: Path, sentence: str, names: list[str]) -> None:
    found = draft(tmp_path, sentence)
    assert [f.name for f in found] == names
    assert {(f.comparator, f.value, f.unit) for f in found} == {("coverage", 100, "%")}


# Class: a headline that restates a past statistic of the body; one restating a target stays.
def test_headline_restating_a_statistic_is_past_one_restating_a_target_not(
        tmp_path: Path) -> None:
    head = "全市有效发明专利突破3万件\n"
    body = "记者获悉，截至今年9月，全市有效发明专利达到3万件。"
    assert draft(tmp_path, body, head) == []
    head = "全市有效发明专利将突破5万件\n"  # restating a target: one more statement
    body = "方案提出，到2027年，全市有效发明专利突破5万件。"
    assert values(draft(tmp_path, body, head)) == [(5, "万件", ">=", 2027),
                                                   (5, "万件", ">=", 2027)]


def test_bare_hundred_and_thousand_before_a_count_unit(tmp_path: Path) -> None:
    body = "到2025年，每年创建百个示范企业，带动千家中小企业，惠及千家万户。"
    assert values(draft(tmp_path, body)) == [(100, "个", "==", 2025), (1000, "家", "==", 2025)]


# Class: comparison words and ranks.
def test_goal_paragraph_of_a_one_year_plan_states_bases(tmp_path: Path) -> None:
    # 较上年/同比 after 主要目标是: state a goal's base, also in the later clauses after ;.
    head = "某市2026年知识产权工作要点\n"
    body = ("全市知识产权工作的主要目标是:商标注册量达到2万件;专利许可次数同比增长15%以上;"
            "版权登记量较上年提高8%;地理标志产值突破二十亿元。")
    assert values(draft(tmp_path, body, head)) == [
        (2, "万件", ">=", 2026), (15, "%", ">=", 2026), (8, "%", ">=", 2026),
        (20, "亿元", ">=", 2026)]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("到2025年，进入全国茶叶类区域品牌价值前15位。", [(15, "位", "<=", 2025)]),
    ("到2025年，知识产权综合实力稳居全省第一方阵。", []),
    ("到2025年，商标注册办理时限不超过10个工作日。", [(10, "个工作日", "<=", 2025)]),
])
def test_ranks_tiers_and_time_limits(tmp_path: Path, sentence: str,
                                     expected: list[tuple[float, str, str, int]]) -> None:
    assert values(draft(tmp_path, sentence)) == expected


# Class: table forms: a row counted in five-year totals, a cell's own sign, 月 as a unit.
def test_table_rows_of_totals_and_signed_cells(tmp_path: Path) -> None:
    head = "某省知识产权保护和运用规划（2026—2030年）\n专栏1 主要指标\n"
    body = ("序号 指标 单位 2025年 2030年 属性\n"
            "1 知识产权质押融资登记金额 亿元 〔800〕 〔1500〕 预期性\n"
            "2 专利侵权纠纷行政裁决平均结案周期 月 — ≤4 约束性")
    found = draft(tmp_path, body, head)
    assert values(found) == [(1500, "亿元", ">=", 2030), (4, "月", "<=", 2030)]
    assert (found[0].baseline_year, found[0].baseline_value) == (2025, 800)


def test_review_of_a_past_period_goes_on_to_the_end_of_its_paragraph(tmp_path: Path) -> None:
    body = ("会议指出，“十二五”时期，全市专利产出稳步增长。全市专利授权量累计达到5万件，年均增长12%。\n"
            "到2020年，全市专利授权量力争达到8万件。")
    assert values(draft(tmp_path, body, NEWS_HEAD)) == [(8, "万件", ">=", 2020)]
