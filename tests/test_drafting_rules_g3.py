"""Wording rules for the classes of misses of engineer G3's dev texts (tests/fixtures/plans/g3_*):
a sentence of our own and the draft it gives."""

from __future__ import annotations

from pathlib import Path

from indicators.drafting.records import Finding
from tests.drafting_helpers import findings_of, values

PLAN_HEAD = "某区知识产权强区建设实施方案（2026—2028年）\n一、工作目标\n"
TASK_HEAD = "某区知识产权强区建设实施方案（2026—2028年）\n二、主要任务\n"


def draft(tmp_path: Path, body: str, head: str = PLAN_HEAD) -> list[Finding]:
    return findings_of(tmp_path, head, body)


# Class: “实现…的目标”.  实现 before 有效… is no 现有 (a past statistic), and “10%以上的目标”
# names the goal itself, not a condition like “100人以上的企业”.
def test_goal_clause_with_shi_xian_and_de_mu_biao(tmp_path: Path) -> None:
    body = "到2028年，实现有效发明专利拥有量达到6000件、PCT专利申请量年均增长10%以上的目标。"
    found = draft(tmp_path, body)
    assert values(found) == [(6000.0, "件", ">=", 2028), (10.0, "%", ">=", 2028)]
    assert [f.name for f in found] == ["有效发明专利拥有量", "PCT专利申请量年均增长"]
    assert draft(tmp_path, "到2028年，支持100人以上的企业开展专利导航。") == []  # a condition


# Class: a goal word in a lead-in clause of time (力争5年内，) makes the counts after it floors.
def test_goal_word_with_a_time_reaches_the_clauses_after_it(tmp_path: Path) -> None:
    found = draft(tmp_path, "力争5年内，建成知识产权强市示范城市4个，培育示范企业20家。")
    assert values(found) == [(4.0, "个", ">=", 2028), (20.0, "家", ">=", 2028)]
    assert [f.wording for f in found] == ["力争…建成", "力争…培育"]
    assert values(draft(tmp_path, "到2027年，建成示范城市4个。")) == [(4.0, "个", "==", 2027)]


# Class: verbs that organise a counted thing (组织, 召开, 签约…) set a count like 开展.
def test_organising_verb_sets_a_range_count(tmp_path: Path) -> None:
    found = draft(tmp_path, "（一）实施专利导航工程。每年组织专利导航项目2至3项。", TASK_HEAD)
    assert [(f.low, f.high, f.unit, f.comparator, f.year) for f in found] == [
        (2.0, 3.0, "项", "range", 2028)]
    assert found[0].name == "专利导航项目"
    noun = draft(tmp_path, "（一）深化合作。对接世界知识产权组织3个项目。", TASK_HEAD)
    assert all(f.wording != "组织" for f in noun)


# Class: 今年 in a one-year report whose headline names the year (a work conference).
def test_this_year_in_a_report_of_one_year(tmp_path: Path) -> None:
    body = ("会议部署了2026年重点工作。今年，全县将力争发明专利授权量突破500件；\n"
            "会议要求，到2027年底，全县知识产权优势企业总数达到30家以上。")
    found = draft(tmp_path, body, "某县召开2026年知识产权工作会议\n")
    assert values(found) == [(500.0, "件", ">=", 2026), (30.0, "家", ">=", 2027)]
    so_far = draft(tmp_path, "今年以来，全县发明专利授权量达到412件。", "某县召开2026年知识产权工作会议\n")
    assert so_far == []


# Class: a chapter cut from its outline (no title): 到"十五五"末 (ASCII or no quotes) gives the
# period, a rise to “2030年的” value is the target, and counts of the tasks take 2030.
def test_outline_chapter_without_title_takes_the_named_period(tmp_path: Path) -> None:
    body = ('到"十五五"末，每万人口高价值发明专利拥有量由2025年的15.2件提高到2030年的26件。\n'
            "第二节 重点任务\n打造3—5个专利密集型产业集群，建设10个左右省级知识产权运营服务平台。")
    found = draft(tmp_path, body, "第八章 建设知识产权强省\n第一节 发展目标\n")
    assert [(f.value, f.low, f.comparator, f.year) for f in found] == [
        (26.0, None, ">=", 2030), (None, 3.0, "range", 2030), (10.0, None, "==", 2030)]
    assert (found[0].baseline_year, found[0].baseline_value) == (2025, 15.2)


# Class: Taiwan wording: 協助500家…企業 (a count), 累計達新臺幣120億元 (currency after the word),
# 較2025年成長50% (成長 is a change word like 增長).
def test_taiwan_wording(tmp_path: Path) -> None:
    body = ("預期於2030年達成以下目標：\n（一）協助500家中小企業建立智慧財產管理制度。\n"
            "（二）技術移轉授權金額累計達新臺幣120億元，較2025年成長50%。")
    found = draft(tmp_path, body, "智慧財產培育推動方案（2026至2030年）\n一、計畫目標\n")
    assert values(found) == [(500.0, "家", "==", 2030), (120.0, "亿元", ">=", 2030),
                             (50.0, "%", ">=", 2030)]
    assert [f.wording for f in found[1:]] == ["达", "成长"]


# Class: a scheme's period in prose (试点期为2026年至2027年) and a lead-in 力争两年内, that
# goes on over ; to the end of its sentence.
def test_period_in_prose_and_lead_in_over_a_semicolon(tmp_path: Path) -> None:
    body = ("为推进试点，制定本方案。试点期为2026年至2027年。\n一、工作目标\n"
            "力争两年内，全县发明专利拥有量达到1200件；培育县级以上知识产权示范企业二十家。")
    found = draft(tmp_path, body, "某县知识产权强县建设试点工作方案\n")
    assert values(found) == [(1200.0, "件", ">=", 2027), (20.0, "家", ">=", 2027)]


# Class: a share a verb sets before the noun (推动60%以上的规上工业企业…) is a target, unlike a
# condition (研发投入占比3%以上的企业).
def test_share_of_things_after_a_verb(tmp_path: Path) -> None:
    body = ("到2028年，推动60%以上的规上工业企业建立知识产权管理制度，知识产权服务覆盖全县80%以上的"
            "规上企业；支持研发投入占比3%以上的企业申报示范。")
    assert values(draft(tmp_path, body)) == [(60.0, "%", ">=", 2028), (80.0, "%", ">=", 2028)]


# Class: measure words 宗 (cases, Hong Kong / Macau) and 期 (sessions); 提升至约8,000人 (约
# after the level word leaves it setting a floor).
def test_measure_words_and_approximately_after_a_level_word(tmp_path: Path) -> None:
    body = ("到2028年，本地專利申請量由現時約1,200宗增至不少於2,500宗，"
            "把服務業就業人數提升至約8,000人，每年举办知识产权专题培训4期。")
    assert values(draft(tmp_path, body)) == [(2500.0, "宗", ">=", 2028), (8000.0, "人", ">=", 2028),
                                             (4.0, "期", "==", 2028)]


# Class: rank goals in Chinese numerals (保持全省前三, 进入全省前五位); 前三季度 is a period.
def test_rank_in_chinese_numerals(tmp_path: Path) -> None:
    body = ("到2027年，知识产权综合发展指数保持全省前三，专利密集型产业增加值占比进入全省前五位。\n"
            "全市专利授权量保持前三季度的增长势头。")
    found = draft(tmp_path, body)
    assert [(f.value, f.unit, f.comparator) for f in found] == [(3.0, "", "<="), (5.0, "位", "<=")]


# Class: a table whose base column is headed “十四五”末: that is the 2025 column, the next one
# the target (not the base value as the target).
def test_table_with_a_period_end_base_column(tmp_path: Path) -> None:
    body = ("表 主要指标\n指标名称 单位 “十四五”末 2030年目标值 年均增速 指标属性\n"
            "有效发明专利拥有量 件 1320 2600 14.5% 预期性")
    found = draft(tmp_path, body, "某县知识产权“十五五”规划\n")
    assert [(f.value, f.year, f.baseline_year, f.baseline_value, f.comparator) for f in found] == [
        (2600.0, 2030, 2025, 1320.0, ">=")]


# Class: coverage worded 覆盖全部/覆盖所有 (…委员会覆盖全部县（市、区）), and the rate of an
# incentive (贴息比例不超过50%), a means like its amount.
def test_coverage_of_all_and_incentive_rate(tmp_path: Path) -> None:
    body = ("到2027年，知识产权纠纷人民调解委员会覆盖全部县（市、区）。\n"
            "二、保障措施\n市财政对质押贷款给予贴息，贴息比例不超过50%。")
    found = draft(tmp_path, body)
    assert [(f.name, f.comparator, f.year) for f in found] == [
        ("知识产权纠纷人民调解委员会", "coverage", 2027)]
