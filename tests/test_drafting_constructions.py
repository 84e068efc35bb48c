"""Constructions of Chinese plan writing found on unseen texts (round 3): a sentence each.

The sentences are written for these tests; each shows one rule of
indicators/drafting/patterns.py and what it gives.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from indicators.drafting import find_targets, read_plan_text
from indicators.drafting.records import Finding

PLAN_HEAD = "某市数字经济发展规划（2021—2025年）\n二、主要目标\n"
NEWS_HEAD = "记者获悉，《某省商标品牌战略实施方案（2021—2025年）》近日印发。\n"


def draft(tmp_path: Path, body: str, head: str = PLAN_HEAD) -> list[Finding]:
    path = tmp_path / "plan.txt"
    path.write_text(head + body + "\n", encoding="utf-8")
    return find_targets(read_plan_text(path))


def fields(found: list[Finding]) -> list[tuple[object, ...]]:
    return [(f.value, f.low, f.high, f.unit, f.comparator, f.year) for f in found]


def test_year_right_after_mubiao_is_the_goal_year(tmp_path: Path) -> None:
    body = ("主要目标是:2026年,全县技术合同成交额达到80亿元。\n"
            "到2030年,全县技术合同成交额达到120亿元。")
    found = draft(tmp_path, body, head="某县科技成果转化行动方案\n")
    assert fields(found) == [(80, None, None, "亿元", ">=", 2026),
                             (120, None, None, "亿元", ">=", 2030)]


def test_a_plan_of_a_past_period_names_its_own_period(tmp_path: Path) -> None:
    body = "“十二五”知识产权工作的主要目标是:全市专利授权量进入全省前5位,每万人口发明专利拥有量达到4件。"
    found = draft(tmp_path, body, head="“十二五”知识产权工作的主要目标\n")
    assert fields(found) == [(5, None, None, "位", "<=", 2015), (4, None, None, "件", ">=", 2015)]


@pytest.mark.parametrize(("sentence", "value", "unit", "comparator"), [
    ("到2025年，全省区域创新能力达到全国第三。", 3, "", "<="),  # a rank as an ordinal
    ("到2025年，区域创新能力全国排名提升2位。", 2, "位", ">="),  # a change of rank
    ("到2026年，新增孵化器6间，", 6, "间", "=="),
    ("到2026年，全市算力规模超过50EFLOPS。", 50, "EFLOPS", ">="),
    ("到2025年，城镇登记失业率稳定在4%。", 4, "%", "=="),  # keep at: no direction
    ("到2025年，全省数字化发展指数从2020年的70提高到88。", 88, "", ">="),  # an index, no unit
    ("到2025年，网民规模从2020年的0.9亿提高到1.1亿。", 1.1, "亿", ">="),  # a magnitude alone
])
def test_units_and_words(tmp_path: Path, sentence: str, value: float, unit: str,
                         comparator: str) -> None:
    assert fields(draft(tmp_path, sentence)) == [(value, None, None, unit, comparator, 2025
                                                  if "2025" in sentence else 2026)]


def test_plain_interim_year_beside_a_target_year(tmp_path: Path) -> None:
    body = "到2025年，全省商标品牌建设取得明显成效。按照方案，全省有效商标注册量2023年达到8万件，2025年达到10万件。"
    found = draft(tmp_path, body, head=NEWS_HEAD)
    assert [(f.name, f.value, f.year) for f in found] == [("全省有效商标注册量", 8, 2023),
                                                          ("全省有效商标注册量", 10, 2025)]


def test_baseline_before_a_comma_and_the_target_year(tmp_path: Path) -> None:
    found = draft(tmp_path, "全市服务业增加值占比目标由现时的40%,到2025年增至45%。")
    assert [(f.value, f.baseline_value) for f in found] == [(45, 40)]


@pytest.mark.parametrize(("sentence", "values"), [
    ("到2025年，培育年产值超50亿元的龙头企业10家。", [10]),  # a threshold inside a name
    ("到2025年，重点发展云计算、大数据、物联网3个产业，打造5个数字产业园区。", [5]),  # counts the list
    ("到2025年，研发投入强度要达到5%有困难。", []),  # denies the goal
    ("到2025年，全市专利拥有量达到3万件。截至今年6月底，全市专利拥有量超过2万件。", [3]),
    ("到2025年，明确五个方面十二个具体量化指标。", []),  # counts the plan's parts
    ("到2025年，新认定示范企业达到50家，每家奖励10万元。", [50]),  # an amount per item
    ("到2025年，服务机构达到40家，营收不低于1000万元的机构。", [40]),  # a condition
])
def test_numbers_that_are_no_targets(tmp_path: Path, sentence: str, values: list[float]) -> None:
    assert [f.value for f in draft(tmp_path, sentence)] == values


def test_a_bare_ratio_in_a_list_keeps_the_list_word(tmp_path: Path) -> None:
    found = draft(tmp_path, "到2025年，技术合同成交额达到90亿元，每万名就业人员中研发人员40人年。")
    assert [(f.value, f.comparator, f.wording) for f in found] == [(90, ">=", "达到"),
                                                                   (40, ">=", "达到")]


def test_two_column_rows(tmp_path: Path) -> None:
    found = draft(tmp_path, "指标 目标值\n年度新增发明专利授权量 1500件\n技术合同成交额 | 60亿元")
    assert [(f.name, f.value, f.unit, f.comparator, f.year) for f in found] == [
        ("年度新增发明专利授权量", 1500, "件", "==", 2025),
        ("技术合同成交额", 60, "亿元", "==", 2025)]


def test_goal_without_a_year(tmp_path: Path) -> None:
    found = draft(tmp_path, "方案目标引进海外人才5000名。", head="某市人才引进方案\n")
    assert [(f.value, f.comparator, f.wording, f.year) for f in found] == [
        (5000, ">=", "目标…引进", None)]


def test_a_goal_word_ends_a_forecast(tmp_path: Path) -> None:
    found = draft(tmp_path, "估计全市社会资本约500亿元,期盼能创造100亿元产值。")
    assert [(f.value, f.comparator) for f in found] == [(100, ">=")]


def test_a_number_no_word_sets_stays_in_the_next_name(tmp_path: Path) -> None:
    found = draft(tmp_path, "到2025年，经济增长率未来4年平均达到3%以上。")
    assert len(found) == 1 and "经济增长率未来4年" in found[0].name


def test_zhengchuang_range_takes_the_name_after_it(tmp_path: Path) -> None:
    found = draft(tmp_path, "到2025年，争创2-3个国家级数字经济示范区。")
    assert [(f.low, f.high, f.comparator, f.name) for f in found] == [
        (2, 3, "range", "国家级数字经济示范区")]


@pytest.mark.parametrize(("header", "row", "year"), [
    ("衡量指标 | 评估方式 | 2024年 年度目标值 |", "一 | 扶持小微企业(5%) | 统计数据 | 年度新增入驻企业数 | 15家 | |", 2024),
    # A Taiwan KPI table: 113年 is the ROC year 2024 (1911 + 113).
    ("衡量指標 | 評估方式 | 113年 年度目標值 |", "一 | 扶持小微企業(5%) | 統計數據 | 年度新增進駐企業數 | 15家 | |", 2024),
])
def test_pipe_table_rows(tmp_path: Path, header: str, row: str, year: int) -> None:
    found = draft(tmp_path, f"{header}\n{row}", head="某区经济发展局绩效目标\n")
    assert [(f.name[-5:], f.value, f.unit, f.comparator, f.year) for f in found] == [
        ("入驻企业数" if "入驻" in row else "進駐企業數", 15, "家", "==", year)]


def test_a_baseline_of_now_in_the_same_clause(tmp_path: Path) -> None:
    # 现时 states the start of the change, not a past statistic; 4,000 is one number.
    found = draft(tmp_path, "政府目標於2025年前將孵化企業數目由現時約4,000間增至6,000間。")
    assert [(f.name, f.value, f.baseline_year, f.baseline_value) for f in found] == [
        ("孵化企業數目", 6000, None, 4000)]


@pytest.mark.parametrize(("sentence", "name"), [
    ("到2025年，吸引不少于80家科技企业落户。", "科技企业落户"),  # a verb alone is no name
    ("到2025年，技术合同成交额突破60亿元，较2020年翻一番。", "技术合同成交额"),
])
def test_names_around_verbs_and_base_years(tmp_path: Path, sentence: str, name: str) -> None:
    assert draft(tmp_path, sentence)[-1].name == name
