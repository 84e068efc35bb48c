"""Each wording rule of indicators/drafting/patterns.py: a sentence and the draft it gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from indicators.drafting import draft_targets, read_plan_text
from indicators.drafting.numerals import parse_number
from indicators.drafting.records import Finding
from tests.drafting_helpers import findings_of

PLAN_HEAD = "某市知识产权发展规划（2021—2025年）\n二、主要目标\n"


def draft(tmp_path: Path, body: str, head: str = PLAN_HEAD) -> list[Finding]:
    return findings_of(tmp_path, head, body)


def only(findings: list[Finding]) -> Finding:
    assert len(findings) == 1, [(f.name, f.value, f.low) for f in findings]
    return findings[0]


@pytest.mark.parametrize(("sentence", "value", "unit", "comparator", "wording"), [
    ("到2025年，每万人口高价值发明专利拥有量达到12件。", 12, "件", ">=", "达到"),
    ("到2025年，有效发明专利突破23万件。", 23, "万件", ">=", "突破"),
    ("到2025年，知识产权使用费年进出口总额超320亿元。", 320, "亿元", ">=", "超"),
    ("到2025年，每万人口高价值发明专利拥有量力争达到10件。", 10, "件", ">=", "力争达到"),
    ("到2025年，知识产权保护社会满意度不低于85分。", 85, "分", ">=", "不低于"),
    ("到2025年，发明专利审查周期控制在16个月以内。", 16, "个月", "<=", "控制在…以内"),
    ("到2025年，新增知识产权保护工作站30个以上。", 30, "个", ">=", "新增…以上"),
    ("到2025年，累计培育三十个知识产权强企。", 30, "个", "==", "培育"),
    # 左右 softens the number; the verb still sets the direction.
    ("到2025年，专利申请量年均增长10%左右。", 10, "%", ">=", "年均增长…左右"),
    ("到2025年，备案认定的专利密集型产品产值超万亿元。", 1, "万亿元", ">=", "超"),
    ("到2025年，商标品牌价值提升至两倍。", 2, "倍", ">=", "提升至"),
    ("到2025年，研发经费投入占比达到百分之三。", 3, "%", ">=", "达到"),
    ("到2025年，区域科技创新指数达到160以上。", 160, "", ">=", "达到…以上"),
    ("到2025年，科技进步综合评价跃居全省前10位。", 10, "位", "<=", "前"),
    ("到2025年，力争创建全国版权示范园区10家。", 10, "家", ">=", "力争…创建"),
    ("到2025年，规上企业研发机构覆盖率达到七成以上。", 7, "成", ">=", "达到…以上"),
    ("到2025年，本地就业人数占比维持约九成。", 9, "成", "==", "维持约"),
    ("到2025年，居民人均预期寿命提高到81.5岁。", 81.5, "岁", ">=", "提高到"),
    ("到2025年，全省数字经济竞争力成为全国排名前 3。", 3, "", "<=", "前"),
    ("到2025年，创造20万个数字经济就业岗位。", 20, "万个", ">=", "创造"),
    ("到2025年，会展业收入達至300億元。", 300, "亿元", ">=", "达至"),
])
def test_comparator_words(tmp_path: Path, sentence: str, value: float, unit: str,
                          comparator: str, wording: str) -> None:
    found = only(draft(tmp_path, sentence))
    assert (found.value, found.unit, found.comparator, found.wording) == (value, unit, comparator,
                                                                         wording)
    assert found.year == 2025 and found.year_source == "sentence"


@pytest.mark.parametrize(("sentence", "low", "high", "unit"), [
    ("到2025年，创建1—2个国家级知识产权保护示范区。", 1, 2, "个"),
    ("到2025年，培育3家至5家知识产权示范企业。", 3, 5, "家"),
    ("到2025年，建设5-10个知识产权服务工作站。", 5, 10, "个"),
])
def test_ranges(tmp_path: Path, sentence: str, low: float, high: float, unit: str) -> None:
    found = only(draft(tmp_path, sentence))
    assert (found.low, found.high, found.unit, found.comparator) == (low, high, unit, "range")


def test_coverage_lists_give_one_target_each(tmp_path: Path) -> None:
    found = draft(tmp_path, "力争实现高新技术企业、规模以上工业企业、上市企业贯标全覆盖。")
    assert [f.name for f in found] == ["高新技术企业", "规模以上工业企业", "上市企业贯标"]
    assert {(f.comparator, f.value, f.unit) for f in found} == {("coverage", 100, "%")}
    # No year in the sentence: the plan's end year, marked as inferred.
    assert {(f.year, f.year_source) for f in found} == {(2025, "document")}


def test_coverage_keeps_quoted_lists_whole(tmp_path: Path) -> None:
    found = only(draft(tmp_path, "实现“双随机、一公开”监管全覆盖。"))
    assert found.name == "“双随机、一公开”监管"


def test_two_targets_written_with_fenbie(tmp_path: Path) -> None:
    found = draft(tmp_path, "到2025年，发明专利和商标国际注册申请量分别达到4.5万件和1.7万件。")
    assert [(f.name, f.value, f.unit) for f in found] == [
        ("发明专利", 4.5, "万件"), ("商标国际注册申请量", 1.7, "万件")]


def test_baseline_from_a_change(tmp_path: Path) -> None:
    found = only(draft(tmp_path, "到2025年，每万人口高价值发明专利拥有量由2020年的6.3件提高到12件。"))
    assert (found.name, found.value, found.baseline_year, found.baseline_value) == (
        "每万人口高价值发明专利拥有量", 12, 2020, 6.3)


@pytest.mark.parametrize("sentence", [
    "2020年，全市每万人口发明专利拥有量达到6.3件。",
    "全市专利授权量达到5万件，较上年增长12%。",
    "“十三五”期间，全市累计培育知识产权优势企业300家。",
    "截至去年年底，有效注册商标达到120万件。",
    "目前全市拥有专利的企业达到9829家。",
    "对侵权人处五万元以下的罚款。",
    "专利权人应当自收到通知之日起3个月内缴纳年费。",
    "统筹推进“五位一体”总体布局和协调推进“四个全面”战略布局。",
    "《纲要》从六个方面部署了19项任务。",
    # Counts of a plan's own parts.
    "到2025年，方案提出15项重点任务和4个发展阶段。",
    # A forecast is not a goal the text sets.
    "据统计部门预计，到2025年全省软件业务收入将达到9000亿元。",
    # 十分 is "very", not ten points.
    "知识产权保护对营商环境的提升十分关键。",
    # A past marker holds over ; up to the end of the sentence.
    "“十三五”期间，全市新增国家级孵化器5家；培育科技小巨人企业120家。",
    # A comma in brackets does not end the clause that names the past year.
    "文化产业和旅游产业增加值将由2020年的45亿元(人民币,下同)及60亿元，到2025年保持稳定增长。",
])
def test_past_statistics_and_law_are_not_targets(tmp_path: Path, sentence: str) -> None:
    assert draft(tmp_path, sentence) == []



def test_about_keeps_the_direction_of_the_verb(tmp_path: Path) -> None:
    found = draft(tmp_path, "到2025年，农村居民人均可支配收入达到3万元左右，建设科技企业孵化器20个左右。")
    assert [(f.value, f.comparator, f.wording) for f in found] == [(3, ">=", "达到…左右"),
                                                                   (20, "==", "建设…左右")]


def test_durations_count_only_after_a_level_word(tmp_path: Path) -> None:
    text = "到2025年，新增劳动力平均受教育年限提高到14年，对年满60岁以上、专利保护期限超过5年的给予奖励。"
    assert [(f.value, f.unit, f.comparator) for f in draft(tmp_path, text)] == [(14, "年", ">=")]


@pytest.mark.parametrize("sentence", [
    "该交易平台上线首日便吸引了超过1,500家企业注册。",  # the perfective 了
    "该平台上线初期已收录超过一万件专利。",  # 已…: already done
])
def test_past_facts_without_any_year_are_not_targets(tmp_path: Path, sentence: str) -> None:
    assert draft(tmp_path, sentence, head="新闻\n") == []


def test_doubling_from_a_base_year(tmp_path: Path) -> None:
    found = only(draft(tmp_path, "到2025年，全市技术合同成交额比2020年翻一番。"))
    assert (found.name, found.value, found.unit, found.comparator) == ("全市技术合同成交额", 1, "番", ">=")
    assert (found.year, found.baseline_year) == (2025, 2020)


def test_doubling_of_a_list_shares_the_head(tmp_path: Path) -> None:
    found = draft(tmp_path, "到2025年，技术合同登记金额和项数在2020年的基础上翻两番。")
    assert [(f.name, f.value, f.year, f.baseline_year) for f in found] == [
        ("技术合同登记金额", 2, 2025, 2020), ("技术合同登记项数", 2, 2025, 2020)]


def test_base_year_is_no_target_year_and_fenbie_takes_the_earlier_subject(tmp_path: Path) -> None:
    head = "某县知识产权行动方案（2024—2028年）\n二、工作目标\n"
    found = draft(tmp_path, "到2028年，全县专利代理机构和服务网点在2023年的基础上实现倍增，分别超过40家和120家。",
                  head=head)
    assert [(f.name, f.value, f.year, f.baseline_year) for f in found] == [
        ("全县专利代理机构", 40, 2028, 2023), ("服务网点", 120, 2028, 2023)]


@pytest.mark.parametrize(("sentence", "name"), [
    ("到2025年，全市技术合同成交额，力争突破300亿元。", "全市技术合同成交额"),
    ("到2025年，全省区域创新能力稳步提升，跃居全国前15位。", "全省区域创新能力"),
    ("到2025年，明确提出全社会研发投入年均增长8%以上。", "全社会研发投入年均增长"),
    ("到2025年，拟将版权登记量料到2025年达到9万件。", "版权登记量"),
])
def test_name_in_an_earlier_clause_or_after_fillers(tmp_path: Path, sentence: str, name: str) -> None:
    assert only(draft(tmp_path, sentence)).name == name


def test_headline_takes_the_period_the_body_states(tmp_path: Path) -> None:
    text = ("某市：专利密集型产业增加值占比将达15%\n某市近日发布知识产权发展规划。\n"
            "规划期为2024—2028年。\n到2028年，专利密集型产业增加值占比达到15%。")
    found = draft(tmp_path, text, head="新闻\n")
    assert [(f.line, f.year, f.year_source) for f in found] == [(2, 2028, "document"),
                                                                 (5, 2028, "sentence")]


def test_a_news_report_takes_the_period_of_the_latest_plan_it_names(tmp_path: Path) -> None:
    text = ("与“十四五”规划相比，“十五五”规划纲要提出，研发经费投入强度提高到3.5%。"
            "2027年，全市专利授权量达到6万件。")
    found = only(draft(tmp_path, text, head="新闻\n"))
    assert (found.value, found.year, found.year_source) == (3.5, 2030, "document")


def test_years_in_chinese_numerals(tmp_path: Path) -> None:
    found = only(draft(tmp_path, "到二〇二五年，全市有效商标注册量达到50万件。",
                       head="某市商标品牌发展规划（二〇二一—二〇二五年）\n二、主要目标\n"))
    assert (found.value, found.year, found.year_source) == (50, 2025, "sentence")


def test_a_target_stated_twice_is_drafted_once(tmp_path: Path) -> None:
    body = ("到2025年，全市有效发明专利达到5万件。\n专栏1 重点指标\n"
            "到2025年，有效发明专利达到5万件，商标注册量达到20万件。")
    path = tmp_path / "plan.txt"
    path.write_text(PLAN_HEAD + body + "\n", encoding="utf-8")
    drafts = draft_targets(read_plan_text(path))
    assert [(d.line, d.target_value, d.also_lines) for d in drafts] == [(3, 5, (5,)), (5, 20, ())]
    assert "also stated at line 5" in drafts[0].confidence_reason


def test_review_sections_are_past(tmp_path: Path) -> None:
    body = "一、发展基础\n全市有效发明专利突破3.5万件，培育示范企业225家。\n二、主要目标\n到2025年，有效发明专利突破5万件。"
    found = draft(tmp_path, body, head="某市知识产权规划（2021—2025年）\n")
    assert [(f.value, f.unit) for f in found] == [(5, "万件")]


def test_year_carries_over_within_a_section(tmp_path: Path) -> None:
    found = draft(tmp_path, "到2025年，知识产权强市建设取得明显成效。新建高价值专利培育中心30个以上。")
    assert (found[0].name, found[0].year, found[0].year_source) == ("高价值专利培育中心", 2025,
                                                                   "context")


def test_enumeration_keeps_the_verb(tmp_path: Path) -> None:
    found = draft(tmp_path, "建设100人以上专家队伍、500人以上执法队伍和2000人以上志愿者队伍。")
    assert [(f.name, f.value, f.comparator) for f in found] == [
        ("专家队伍", 100, ">="), ("执法队伍", 500, ">="), ("志愿者队伍", 2000, ">=")]


def test_name_after_a_comma_keeps_the_sentence_cue(tmp_path: Path) -> None:
    found = draft(tmp_path, "到2027年，争取建成省级重点企业研究院1家，市级重点实验室1家。")
    assert [(f.name, f.comparator) for f in found] == [("省级重点企业研究院", ">="),
                                                       ("市级重点实验室", ">=")]


def test_traditional_text_matches_but_quotes_as_written(tmp_path: Path) -> None:
    found = only(draft(tmp_path, "到2025年，每萬人口高價值發明專利擁有量達到12件。"))
    assert found.name == "每萬人口高價值發明專利擁有量"
    assert found.quote == "每萬人口高價值發明專利擁有量達到12件"
    assert (found.value, found.wording) == (12, "达到")


def test_wrapped_pdf_text_joins_lines_and_numbers_by_the_number(tmp_path: Path) -> None:
    body = "全国执业专利代理师达到 4 万\n\n人。完善知识产权服务业统计制度，知识产权使用费年进出口总额达到 3500 亿\n\n元，全面推进。"
    found = draft(tmp_path, body)
    assert [(f.value, f.unit, f.line) for f in found] == [(4, "万人", 3), (3500, "亿元", 5)]


def test_a_news_report_without_period_uses_its_own_years(tmp_path: Path) -> None:
    text = "2023年，全国发明专利授权量达到92.1万件。到2025年，每万人口高价值发明专利拥有量达到12件。"
    found = draft(tmp_path, text, head="新闻\n")
    assert [(f.value, f.year) for f in found] == [(12, 2025)]


def test_indicator_table_rows(tmp_path: Path) -> None:
    body = ("专栏1 主要指标\n序号 指标名称 单位 2020年 2025年 属性\n"
            "8 知识产权质押融资登记金额 亿元 66 140 预期性\n"
            "知识产权质押融资登记金额（亿元）\t2180\t3200\t约束性\n"
            "专利密集型产业增加值占GDP比重（%） 11.6③ 13 预期性\n")
    found = draft(tmp_path, body)
    assert [(f.name, f.unit, f.value, f.baseline_year, f.baseline_value, f.attribute) for f in found] == [
        ("知识产权质押融资登记金额", "亿元", 140, 2020, 66, "预期性"),
        ("知识产权质押融资登记金额", "亿元", 3200, 2020, 2180, "约束性"),
        ("专利密集型产业增加值占GDP比重", "%", 13, 2020, 11.6, "预期性")]
    assert {(f.year, f.comparator) for f in found} == {(2025, ">=")}


def test_attribute_from_the_sentence(tmp_path: Path) -> None:
    found = only(draft(tmp_path, "到2025年，版权产业增加值占GDP比重达到7.5%（上述指标均为预期性指标）。"))
    assert found.attribute == "预期性"


@pytest.mark.parametrize(("text", "value"), [
    ("12", 12), ("3,500", 3500), ("7.5", 7.5), ("三十", 30), ("两", 2), ("一百零五", 105),
    ("十二万", 120000), ("万", None), ("三五", None),
])
def test_numerals(text: str, value: float | None) -> None:
    assert parse_number(text) == value


PLAN_2030 = "某省知识产权发展规划（2026—2030年）\n二、发展目标\n"


@pytest.mark.parametrize(("body", "expected"), [
    # Round 4 classes, each a general rule (value, low, high, unit, comparator, year).
    ("到2030年，培育高价值专利组合二十个。", [(20, None, None, "个", "==", 2030)]),  # 合 before 二十
    ("到2030年，行政裁决平均办案周期缩短至60天。", [(60, None, None, "天", "<=", 2030)]),
    ("到2030年，累计完成专利开放许可1000次。", [(1000, None, None, "次", "==", 2030)]),
    ("三、重点任务\n建立专利池5个，累计完成专利开放许可1000次。",  # a plan's own text: a goal
     [(5, None, None, "个", "==", 2030), (1000, None, None, "次", "==", 2030)]),
    ("到2030年，专利转化合同金额累计超过百亿元。", [(100, None, None, "亿元", ">=", 2030)]),
    ("截至2025年底，全省有效发明专利达到15.6万件。", []),  # a 截至 year before the plan: past
    ("对获批示范企业的，一次性给予奖励30万元。", []),  # an incentive, not a target
    ("对新获批的优势企业给予一次性资助。", []),  # 一次性 is no count of 次
    ("“十四五”时期，研发经费投入强度由2.1%提高到2.6%。", []),  # a change over a past period
    ("四、夯实工作基础\n举办知识产权业务培训班，培训各类人员3000人次以上。",  # a task, not a review
     [(3000, None, None, "人次", ">=", 2030)]),
    # Under a one-year plan's goal heading 较上年/同比 state a goal's base, not a statistic.
    ("2026年工作要点\n一、主要目标\n全年专利授权量较上年提高8%，质押融资金额同比增长15%以上。",
     [(8, None, None, "%", ">=", 2026), (15, None, None, "%", ">=", 2026)]),
    ("到2028年，建成保护中心1家、快速维权中心2家。",  # items with their own numbers are no list
     [(1, None, None, "家", "==", 2028), (2, None, None, "家", "==", 2028)]),
    ("到2030年，进入全国前50名的企业不少于3家。", [(3, None, None, "家", ">=", 2030)]),  # rank in a name
    ("到2030年，开展知识产权培训不少于二十场次。", [(20, None, None, "场次", ">=", 2030)]),
    ("到2028年，建成验证中心和中试基地各10家。",  # 各: the number for each name
     [(10, None, None, "家", "==", 2028), (10, None, None, "家", "==", 2028)]),
    ("到2028年，每个设区市至少建设1家转化中心。", [(1, None, None, "家", ">=", 2028)]),
])
def test_round4_constructions(tmp_path: Path, body: str, expected: list[tuple[object, ...]]) -> None:
    found = draft(tmp_path, body, head=PLAN_2030)
    assert [(f.value, f.low, f.high, f.unit, f.comparator, f.year) for f in found] == expected


@pytest.mark.parametrize(("sentence", "names"), [
    ("到2030年，质押登记金额和惠及企业数分别为120亿元和1500家。", ["质押登记金额", "惠及企业数"]),
    # A second number of the same subject keeps its name (确保…、力争…).
    ("到2030年，发明专利授权量确保达到6500件、力争达到7000件。", ["发明专利授权量"] * 2),
])
def test_names_of_plain_values_and_second_numbers(tmp_path: Path, sentence: str,
                                                  names: list[str]) -> None:
    assert [f.name for f in draft(tmp_path, sentence, head=PLAN_2030)] == names


def test_change_from_a_base_year_is_no_annual_growth(tmp_path: Path) -> None:
    found = only(draft(tmp_path, "到2030年，全省PCT国际专利申请量较2025年增长50%。", head=PLAN_2030))
    assert (found.value, found.kind, found.wording, found.baseline_year) == (50, "unspecified",
                                                                            "增长", 2025)


def test_pipe_tables_with_year_columns_and_direction_of_rows(tmp_path: Path) -> None:
    body = ("指标 | 单位 | 2026年 | 2027年 | 2028年\n有效发明专利拥有量 | 万件 | 3.2 | 3.6 | 4.0\n"
            "指标名称 单位 2025年 2030年 属性\n平均结案周期 个月 4.5 3 约束性\n调解成功率（%） — 90 预期性\n")
    found = draft(tmp_path, body, head=PLAN_2030)
    assert [(f.name, f.value, f.year, f.comparator, f.baseline_value) for f in found] == [
        ("有效发明专利拥有量", 3.2, 2026, "==", None), ("有效发明专利拥有量", 3.6, 2027, "==", None),
        ("有效发明专利拥有量", 4.0, 2028, "==", None), ("平均结案周期", 3, 2030, "<=", 4.5),
        ("调解成功率", 90, 2030, "==", None)]


def test_table_rows_with_rate_and_five_year_total_columns(tmp_path: Path) -> None:
    body = ("类别\t指标\t2025年\t2030年\t年均增速/累计\t属性\n"
            "创造\t高价值发明专利拥有量（件）\t4.1\t7.5\t〔3.4〕\t预期性\n"
            "运用\t质押融资登记金额（亿元）\t45\t—\t〔300〕\t预期性\n"
            "保护\t保护社会满意度（分）\t80.5\t85以上\t—\t预期性\n")
    found = draft(tmp_path, body, head=PLAN_2030)
    assert [(f.value, f.year, f.comparator, f.kind, f.baseline_value) for f in found] == [
        (7.5, 2030, ">=", "level", 4.1), (300, 2030, "==", "cumulative", None),
        (85, 2030, ">=", "level", 80.5)]


def test_a_review_document_states_no_targets(tmp_path: Path) -> None:
    body = "全年发明专利授权量达到9856件；截至年底，调解成功率达到87%，超额完成规划确定的18件目标。"
    assert draft(tmp_path, body, head="某市2025年知识产权工作总结\n") == []
