"""Wording rules for the classes of misses of blind round 6 (indicators/drafting/patterns_unseen.py):
a sentence of our own for each class and the draft it gives."""

from __future__ import annotations

from pathlib import Path

from indicators.drafting.records import Finding
from tests.drafting_helpers import findings_of, values

PLAN_HEAD = "某市知识产权强市建设实施方案（2026—2030年）\n二、主要目标\n"
ONE_YEAR_HEAD = "2027年某区知识产权工作要点\n一、主要目标\n"
NO_PERIOD_HEAD = "某县推进专利转化运用工作方案\n一、工作目标\n"


def draft(tmp_path: Path, body: str, head: str = PLAN_HEAD) -> list[Finding]:
    return findings_of(tmp_path, head, body)


def bases(found: list[Finding]) -> list[tuple[int | None, float | None]]:
    return [(f.baseline_year, f.baseline_value) for f in found]


# Class: key-value indicator lines, one table row a line with its own column years; cells split
# by ； or ，, years before or inside the key word, a unit in brackets, its own cell or the value.
def test_key_value_indicator_lines(tmp_path: Path) -> None:
    body = ("指标3：每万人口发明专利拥有量（件）；2025年：6.2；2030年：9；属性：预期性。\n"
            "（4）企业专利实施率（%）；2025年：40；2030年：≥50\n"
            "指标名称：作品登记量，单位：万件，基期值（2025年）：3.1，目标值（2030年）：4万件\n"
            "5.专利转化项目（项）；2025年：—；2030年：〔80〕；属性：约束性。\n")
    found = draft(tmp_path, body)
    assert values(found) == [(9.0, "件", ">=", 2030), (50.0, "%", ">=", 2030),
                             (4.0, "万件", ">=", 2030), (80.0, "项", "==", 2030)]
    assert bases(found) == [(2025, 6.2), (2025, 40.0), (2025, 3.1), (None, None)]
    assert found[0].name == "每万人口发明专利拥有量"
    # A sentence with ； and year cells that are no number stays a sentence.
    assert draft(tmp_path, "专利质量；2025年：明显提升；2030年：全面提升。\n") == []
    # Key-value lines of past years in a report without a period are statistics.
    stats = "有效发明专利量（件）；2023年：8200；2024年：9600。\n"
    assert draft(tmp_path, stats, "某市知识产权统计数据发布\n") == []


# Class: a row of five-year totals whose growth-rate column is empty (—).
def test_row_of_totals_with_an_empty_rate_cell(tmp_path: Path) -> None:
    body = ("序号　指标名称　单位　2025年　2030年　年均增速　属性\n"
            "3　专利转让许可合同金额　亿元　〔120〕　〔260〕　—　预期性\n")
    found = draft(tmp_path, body)
    assert values(found) == [(260.0, "亿元", ">=", 2030)]
    assert bases(found) == [(2025, 120.0)]


# Class: a plan's period stated as a duration with its years in brackets (用…时间（…年）).
def test_period_stated_as_a_duration(tmp_path: Path) -> None:
    body = "力争用三年时间（2026—2028年），全县专利转化实施项目达到60项，培训专业人才不少于200人。\n"
    found = draft(tmp_path, body, NO_PERIOD_HEAD)
    assert values(found) == [(60.0, "项", ">=", 2028), (200.0, "人", ">=", 2028)]
    effort = "经过两年（2026—2027年）努力，全县建成专利导航服务基地3家。\n"
    assert values(draft(tmp_path, effort, NO_PERIOD_HEAD)) == [(3.0, "家", "==", 2027)]
    # A review's duration states no period of the text: its 2023 stays a statistic.
    review = "某市用三年时间（2021—2023年）完成改革。2023年，全市专利授权量达到1万件。\n"
    assert draft(tmp_path, review, "某市知识产权工作新闻\n") == []


# Class: a change from now (从目前的…, 由当前的…): 目前 names the start, not a statistic.
def test_change_from_now_is_no_statistic(tmp_path: Path) -> None:
    found = draft(tmp_path, "全市专利代理机构数量由当前的25家增加到40家以上。\n")
    assert values(found) == [(40.0, "家", ">=", 2030)]
    assert bases(found) == [(None, 25.0)]
    assert draft(tmp_path, "目前，全市专利代理机构数量达到25家。\n") == []


# Class: 在YEAR年…VALUE的基础上: the year and value are the baseline of the next target.
def test_base_with_its_value(tmp_path: Path) -> None:
    body = "在2025年全市有效发明专利2.1万件的基础上，到2030年有效发明专利突破3.5万件。\n"
    found = draft(tmp_path, body)
    assert values(found) == [(3.5, "万件", ">=", 2030)]
    assert bases(found) == [(2025, 2.1)]
    doubled = draft(tmp_path, "到2030年，技术合同成交额在2025年80亿元的基础上翻一番。\n")
    assert values(doubled) == [(1.0, "番", ">=", 2030)]
    assert bases(doubled) == [(2025, 80.0)]


# Class: a base value in brackets after a target (（2026年为…）, （2026年：…）).
def test_base_value_in_brackets(tmp_path: Path) -> None:
    body = ("主要预期目标是：商标注册量达到1.8万件（2026年为1.5万件），"
            "地理标志证明商标达到12件（2026年：10件），专利质押项目突破300项。\n")
    found = draft(tmp_path, body, ONE_YEAR_HEAD)
    assert values(found) == [(1.8, "万件", ">=", 2027), (12.0, "件", ">=", 2027),
                             (300.0, "项", ">=", 2027)]
    assert bases(found) == [(2026, 1.5), (2026, 10.0), (None, None)]


# Class: 分别 pairs its values with the years listed before it, in order.
def test_respectively_over_listed_years(tmp_path: Path) -> None:
    body = ("2027年、2028年和2029年，全市专利转让许可次数分别达到800次、1000次和1200次；"
            "技术经纪人分别达到50名、80名、120名。\n")
    found = draft(tmp_path, body)
    assert [(f.value, f.year) for f in found] == [
        (800.0, 2027), (1000.0, 2028), (1200.0, 2029), (50.0, 2027), (80.0, 2028), (120.0, 2029)]
    spans = draft(tmp_path, "2026—2027年，技术合同登记额分别达到20亿元和26亿元。\n")
    assert [(f.value, f.year) for f in spans] == [(20.0, 2026), (26.0, 2027)]
    # Two names with 分别 pair with their names, not with the years.
    names = draft(tmp_path, "2026—2027年，专利和商标质押金额分别达到20亿元和26亿元。\n")
    assert len(names) == 2 and names[0].year == names[1].year


# Class: 截至 a year states a statistic, also in a report that names a plan's period.
def test_as_of_a_year_is_past_in_a_report(tmp_path: Path) -> None:
    body = ("某省知识产权局发布会上介绍，截至2025年底，全省有效发明专利达到18万件，"
            "完成“十四五”规划目标。2025年，全省专利质押融资金额达到300亿元。\n")
    assert draft(tmp_path, body, "") == []
    # In a plan's own period a later 截至 year still sets a goal (rule 11 reads it by the base year).
    plan = draft(tmp_path, "截至2028年底，全市累计建成知识产权保护工作站100家。\n")
    assert values(plan) == [(100.0, "家", "==", 2028)]


# Class: a report without a period whose paragraph opens with statistics goes on with them.
def test_statistics_paragraph_in_a_report_without_a_period(tmp_path: Path) -> None:
    body = ("记者了解到，目前全省已建成商标品牌指导站56家。指导站服务覆盖32个产业集群，"
            "累计服务企业1.2万家。下一步将力争新建指导站20家以上。\n")
    found = draft(tmp_path, body, "")
    assert values(found) == [(20.0, "家", ">=", None)]
    goals = "目前，全县已建成专利导航服务站3个。新建专利导航服务站5个以上。\n"
    assert values(draft(tmp_path, goals, NO_PERIOD_HEAD)) == [(5.0, "个", ">=", None)]  # 目标 section


# Class: time limits in hours, reports counted in 份, a gloss in brackets that lists nothing.
def test_hours_copies_and_a_bracketed_gloss(tmp_path: Path) -> None:
    body = ("到2030年，网络侵权投诉处理时间不超过48小时，每年发布知识产权白皮书不少于2份，"
            "新增省级知识产权服务机构（所、中心）2家。\n")
    found = draft(tmp_path, body)
    assert values(found) == [(48.0, "小时", "<=", 2030), (2.0, "份", ">=", 2030),
                             (2.0, "家", "==", 2030)]
    assert draft(tmp_path, "到2030年，提供24小时在线服务。\n") == []
    days = draft(tmp_path, "到2030年，行政裁决案件平均办案周期不超过90天。\n")
    assert values(days) == [(90.0, "天", "<=", 2030)]


# Class: an amount set for every year takes the plan's end year, not another clause's deadline.
def test_every_year_amount_takes_the_plan_end(tmp_path: Path) -> None:
    body = "2027年底前实现重点园区维权工作站全覆盖，每年开展专利执法检查不少于6次。\n"
    found = draft(tmp_path, body)
    assert [(f.value, f.year) for f in found] == [(100.0, 2027), (6.0, 2030)]


# Class: a duration that ends at a target year gives the period (通过三年建设，到2027年): the
# year-keyed goal lines after it (2025年：…) are goals, not statistics.
def test_duration_up_to_a_target_year_gives_the_period(tmp_path: Path) -> None:
    body = ("通过三年建设，到2027年，全县专利转化项目达到90项。\n（二）年度目标\n"
            "2025年：新增专利转化项目30项；\n2026年：新增专利转化项目60项。\n")
    found = draft(tmp_path, body, NO_PERIOD_HEAD)
    assert [(f.value, f.year) for f in found] == [(90.0, 2027), (30.0, 2025), (60.0, 2026)]


# Class: a one-year plan's goal heading in traditional characters (年度目標) makes 同比 a goal's base.
def test_goal_heading_in_traditional_script(tmp_path: Path) -> None:
    body = "全市PCT國際專利申請量同比增長12%以上。\n"
    found = draft(tmp_path, body, "某市2027年知識產權工作計劃\n一、年度目標\n")
    assert values(found) == [(12.0, "%", ">=", 2027)]


# Class: a ceiling in working days written with 内 (控制在30个工作日内) is a target, not law.
def test_working_days_ceiling_with_nei(tmp_path: Path) -> None:
    found = draft(tmp_path, "到2030年，商标侵权案件平均办理时限控制在25个工作日内。\n")
    assert values(found) == [(25.0, "个工作日", "<=", 2030)]
    assert draft(tmp_path, "当事人应当在15个工作日内提交材料。\n") == []


# Class: names without the list number (1. / （二）) and, after a target year inside the
# range, the name that follows it (…方案提出到2028年发明专利拥有量翻番).
def test_names_without_list_numbers_and_after_a_target_year(tmp_path: Path) -> None:
    found = draft(tmp_path, "到2030年：\n1.有效注册商标总量达到30万件；\n（二）商标品牌指导站达到20个。\n")
    assert [f.name for f in found] == ["有效注册商标总量", "商标品牌指导站"]
    head = "某市印发知识产权强市建设方案（2026—2028年）\n"
    found = draft(tmp_path, "方案提出到2028年发明专利拥有量翻番。\n", head)
    assert [(f.name, f.value, f.unit) for f in found] == [("发明专利拥有量", 1.0, "番")]


# Class: counts in 笔 (deals) and 盘活 as a verb that sets a plain count.
def test_deals_and_revived_patents(tmp_path: Path) -> None:
    found = draft(tmp_path, "到2030年，开展数据知识产权交易30笔以上，盘活存量专利2000件。\n")
    assert values(found) == [(30.0, "笔", ">=", 2030), (2000.0, "件", "==", 2030)]


# Class: more table layouts: cells split by commas, and key-value items in sentence form
# (name：2025年value，2030年value（属性）) with the unit in each value.
def test_comma_rows_and_key_value_items_in_sentence_form(tmp_path: Path) -> None:
    body = ("指标名称，单位，2025年，2027年，2028年\n专利转化项目，项，40，55，70\n"
            "1.有效注册商标量：2025年9万件，2028年12万件（预期性）\n")
    found = draft(tmp_path, body, "某县知识产权强县方案（2026—2028年）\n表1 主要指标\n")
    assert [(f.value, f.unit, f.year, f.baseline_value) for f in found] == [
        (55.0, "项", 2027, 40.0), (70.0, "项", 2028, 40.0), (12.0, "万件", 2028, 9.0)]
    assert found[-1].attribute == "预期性"
    sentence = draft(tmp_path, "到2028年，全县专利转化项目达到70项，商标12万件，地理标志20件。\n")
    assert [f.wording for f in sentence] == ["达到", "达到", "达到"]


# Class: growth written 递增 (年递增10%, 每年递增8%左右) is annual growth, a floor.
def test_growth_written_di_zeng(tmp_path: Path) -> None:
    found = draft(tmp_path, "到2030年，全市专利授权量年递增10%，商标注册量每年递增8%左右。\n")
    assert values(found) == [(10.0, "%", ">=", 2030), (8.0, "%", ">=", 2030)]
    assert [f.name for f in found] == ["全市专利授权量年递增", "商标注册量每年递增"]


# Class: a base-year statistic before interim goals (2025年…1386件，力争2026年达到…) stays past,
# and the interim years reach no further than their line.
def test_base_year_statistic_and_interim_years(tmp_path: Path) -> None:
    body = ("2025年全市发明专利授权量1386件，力争2026年达到1500件、2028年达到2000件。\n"
            "每万人口高价值发明专利拥有量由“十四五”末的9.6件提高到16件。\n")
    found = draft(tmp_path, body)
    assert [(f.value, f.year) for f in found] == [(1500.0, 2026), (2000.0, 2028), (16.0, 2030)]
    # The name of a later number stops before the quantity its subject states (1386件).
    assert [f.name for f in found[:2]] == ["全市发明专利授权量", "全市发明专利授权量"]


# Class: 预计于2029年达成 (a plan scheduling its own results) is no forecast.
def test_expected_by_a_year_under_a_goal_heading(tmp_path: Path) -> None:
    body = "預計於2029年達成：推動產學合作案200件以上，培育專業人才累計達1萬人次。\n"
    found = draft(tmp_path, body, "某市智慧財產推動方案（2026至2029年）\n二、計畫目標\n")
    assert values(found) == [(200.0, "件", ">=", 2029), (1.0, "万人次", ">=", 2029)]
    report = "某省统计局预计，2026年全省专利授权量将达到12万件。\n"
    assert draft(tmp_path, report, "某省统计局发布专利统计快报\n") == []


# Class: a table whose unit stands in its caption (（单位：亿元）): rows that write none take it,
# up to the next heading or sentence; a multiple of a base year's value (达到2025年的2倍).
def test_caption_unit_and_multiple_of_a_base_year(tmp_path: Path) -> None:
    body = ("表2　知识产权运用主要指标（单位：亿元）\n指标\t2025年\t2030年\t属性\n"
            "技术合同成交额\t300\t600\t预期性\n"
            "到2030年，全市专利转让许可次数达到2025年的2倍。\n")
    found = draft(tmp_path, body)
    assert values(found) == [(600.0, "亿元", ">=", 2030), (2.0, "倍", ">=", 2030)]
    assert bases(found) == [(2025, 300.0), (2025, None)]
    assert draft(tmp_path, "指标\t2025年\t2030年\n技术合同成交额\t300\t600\n") == []  # no unit


# Class: staged goals with their year in brackets (近期目标（2026年）, 中期目标（2027—2028年）,
# 第一阶段（2026年）：…) in a plan whose title states no period.
def test_staged_goals_with_bracketed_years(tmp_path: Path) -> None:
    body = ("（一）近期目标（2026年）。全市发明专利授权量达到2800件。\n"
            "（二）中期目标（2027—2028年）。知识产权质押融资登记金额累计突破120亿元。\n"
            "第一阶段（2026年）：完成专利导航项目5项；第二阶段（2027年）：完成专利导航项目10项。\n")
    found = draft(tmp_path, body, "某市知识产权强市建设行动方案\n二、阶段目标\n")
    assert [(f.value, f.year) for f in found] == [(2800.0, 2026), (120.0, 2028), (5.0, 2026),
                                                  (10.0, 2027)]


# Class: key-value items with a base and a target key but no years (现状值：620；目标值：900):
# the plan's base and end years.
def test_key_value_items_without_years(tmp_path: Path) -> None:
    body = ("1.发明专利授权量（件）；现状值：620；目标值：900；属性：预期性\n"
            "2.知识产权质押融资金额：现状值8亿元，目标值15亿元（预期性）\n")
    found = draft(tmp_path, body, "某区知识产权强区方案（2026—2028年）\n三、主要指标\n")
    assert values(found) == [(900.0, "件", ">=", 2028), (15.0, "亿元", ">=", 2028)]
    assert bases(found) == [(2025, 620.0), (2025, 8.0)]
    now = draft(tmp_path, "全县专利代理机构由现有的12家增加到20家。\n", PLAN_HEAD)
    assert values(now) == [(20.0, "家", ">=", 2030)]


# Class: a change from a base year's value (较2025年底的14.6件增长七成以上): the value is the
# baseline, the change the target.
def test_change_from_a_base_years_value(tmp_path: Path) -> None:
    body = "到2030年，每万人口高价值发明专利拥有量较2025年底的14.6件增长七成以上。\n"
    found = draft(tmp_path, body)
    assert values(found) == [(7.0, "成", ">=", 2030)]
    assert bases(found) == [(2025, 14.6)]


# Class: 保持两位数增长 is growth of 10% at least (round-5 decision), not a count of 位.
def test_double_digit_growth(tmp_path: Path) -> None:
    found = draft(tmp_path, "到2030年，全市技术合同成交额保持两位数增长。\n")
    assert values(found) == [(10.0, "%", ">=", 2030)]
