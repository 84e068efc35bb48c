"""Wording rules as data for the classes of misses of blind round 6 (texts nobody tuned on)
and the variants of them other plans write: as-of years (截至…), baselines stated inside a goal
(（2025年为8.4件）, 在2025年…1300件的基础上, 从目前的38家, 达到2025年的2倍), periods stated as
a duration (用两年时间（2026—2027年）, 通过三年建设，到2027年), staged goals (近期目标（2026年）),
values paired with years by 分别, key-value indicator lines and a table's caption unit,
statistics paragraphs of a report without a period, amounts set 每年, 预计 as a schedule.

Like patterns.py, every pattern runs on the folded text; each rule has a sentence in
tests/test_drafting_rules_unseen.py showing what it gives.
"""

from __future__ import annotations

import re

from indicators.drafting import patterns as p

# 截至2025年底, 截止2024年: the state at a date, a statistic, unless the plan's own period has the
# year after its base year or a goal word follows (years.year_marks).
AS_OF = ("截至", "截止")

# Key-value indicator lines (a table written as text, one row a line):
#     指标1：每万人口高价值发明专利拥有量（件）；2025年：2.1；2030年：5；属性：预期性。
#     有效发明专利量（件）；2025年基期值：1120；2030年目标值：2500以上；属性：预期性
#     指标名称：有效发明专利量，单位：件，基期值（2025年）：1120，目标值（2030年）：2500件
#     1.有效注册商标量：2025年12万件，2030年18万件（预期性）
# The cells are split by ; (else by ,); the name cell may open with 指标1 / 1. / 指标名称, a year
# cell is the year, a key word and the value (—, 〔12〕, 2500以上, ≥85, 5件); 单位 and 属性 cells
# may stand too.  Every cell must be one of these, so a sentence is never read as a row.
KEY_VALUE_SPLITS = (";", ",")
KEY_VALUE_YEAR = re.compile(r"^(?:(?P<year>(?:19|20)\d\d)\s*年(?:底|末)?\s*(?:\([^)]*\))?\s*"
                            r"(?:基期值?|基数|目标值?|预期值|数值|值)?|(?:基期值?|基数|现状值?|目标值?|预期值)"
                            r"\s*\(\s*(?P<bracket>(?:19|20)\d\d)\s*年?\s*\)|(?P<key>基期值?|基数|现状值?|目标值?|预期值))"
                            r"\s*(?:[:=]|为)?\s*(?P<value>\S+)$")
KEY_VALUE_NAME = re.compile(r"^(?:指标\s*\d{0,2}\s*[:.、]?|\d{1,2}\s*[.、:]|\(\s*\d{1,2}\s*\))?\s*"
                            r"(?:指标名称\s*:)?\s*(?P<name>[^:;]+?)\s*$")
KEY_VALUE_UNIT = re.compile(r"^(?:计量)?单位\s*:\s*(?P<unit>\S+)$")
KEY_VALUE_ATTRIBUTE = re.compile(r"^(?:指标)?属性\s*:\s*(?P<attribute>\S+)$")
MIN_KEY_VALUE_YEARS = 2
# Two year keys, or a base and a target key without years (现状值：2.1；目标值：5: the plan's base
# and end years).
KEY_VALUE_HINT = re.compile(r"(?:19|20)\d\d\s*年[^年]*?(?:19|20)\d\d\s*年|(?:基期值?|现状值?|基数).*?目标值?")
KEY_VALUE_ATTRIBUTE_END = re.compile(r"\(\s*(?P<attribute>预期性|约束性)\s*\)$")

# A base with its value inside a goal: 在2025年转化实施存量专利1300件的基础上, 在2024年62亿元的
# 基础上实现翻一番.  The year is a baseline's (no past statistic), the number the baseline value.
BASE_WITH_VALUE = re.compile(r"在\s*(?P<year>(?:19|20)\d\d)\s*年(?:底|末)?\s*(?P<body>[^,;。:()]{1,30}?)"
                             r"\s*的?\s*(?:基础上|水平上|基数上)")
# A base value in brackets right after a target: 达到9.2件（2025年为8.4件）, （2025年：8.4件）,
# （2025年底基数为8.4件）.  Its year is a baseline's, its number the target's baseline value.
BASE_NOTE = re.compile(r"\(\s*(?P<year>(?:19|20)\d\d)\s*年(?:底|末)?\s*(?P<body>(?:基数|基期值|现状值|"
                       r"实际值?)?\s*(?:为|是|:|达到|达)?\s*[^()]{1,16}?)\s*\)")
# A multiple of a base year's value: 达到2025年的2倍, 为2025年的1.5倍 (2025 is the baseline's year).
BASE_MULTIPLE = re.compile(r"(?:达到|达|为|是|提高到|增至)\s*(?P<year>(?:19|20)\d\d)\s*年(?:底|末)?\s*的\s*"
                           r"(?:\d+(?:\.\d+)?|[一二两三四五六七八九十])\s*倍")
# A change from a base year's value: 较2025年底的14.6件增长七成以上, 比2025年的62亿元翻一番.
BASE_COMPARED = re.compile(r"(?:比|较|相比|相较于?|对比)\s*(?P<year>(?:19|20)\d\d)\s*年(?:底|末)?\s*的\s*"
                           r"(?P<body>[^,;。]{1,12}?)(?=\s*(?:增长|提高|提升|增加|下降|降低|减少|翻))")
BASE_YEARS = (BASE_WITH_VALUE, BASE_NOTE, BASE_MULTIPLE, BASE_COMPARED)
# A baseline stated for now (从目前的38家增加到100家): 目前 there names the start of the
# change, not a past statistic of the sentence.
NOW_BASELINE = re.compile(r"(?:由|从)\s*(?:目前|现时|现在|当前|现有)(?:的)?")

# A plan's period stated as a duration with its years: 力争用两年时间（2026—2027年）,
# 经过三年（2025—2027年）努力, 用5年左右时间(2026-2030年).
DURATION_PERIOD = re.compile(r"(?:用|经过|通过|利用)\s*[\d一二两三四五六七八九十]+\s*年\s*(?:左右)?\s*"
                             r"(?:的?时间)?\s*\(\s*(?:19|20)\d\d\s*年?\s*[—\-–~至到]+\s*"
                             r"(?:19|20)\d\d\s*年\s*\)")

# Years listed for the values 分别 gives in order: 2026年、2027年…分别达到150件和200件,
# 2026—2028年…分别达到30亿元、38亿元、46亿元 (one value a year, one row each).
YEAR_LIST = re.compile(r"(?P<first>(?:19|20)\d\d)\s*年?\s*(?P<rest>(?:[、和及与]\s*(?:19|20)\d\d\s*年?\s*)+)年?"
                       r"|(?P<start>(?:19|20)\d\d)\s*年?\s*[—\-–~至到]+\s*(?P<end>(?:19|20)\d\d)\s*年")
RESPECTIVELY = "分别"
MAX_LISTED_YEARS = 6

# A report without a period that states statistics (目前,全国已建设…77家。…覆盖18个…集聚区。):
# the later sentences of that paragraph are statistics too, unless a goal word sets them.
GOAL_WORDS = re.compile(r"力争|争取|确保|目标|计划|将|要|拟|预期")

# An amount set for every year (每年开展…不少于4次) is the plan's to its end: it takes the plan's
# end year, not a deadline another clause of the sentence sets (2027年底前实现…全覆盖,每年…).
EVERY_YEAR = re.compile(r"每年|每一年|年年")
# A duration gives the period only as a goal: under a 目标 heading or after a goal word.
DURATION_GOAL = re.compile(r"(?:力争|争取|确保|计划|拟|预计)\s*(?:用|经过|通过|利用)")
# A duration ending at a target year gives the period: 通过三年建设，到2027年 (2025—2027),
# 用5年时间,到2030年 (2026—2030); the years before the end year are then goals too.
DURATION_TO_YEAR = re.compile(r"(?:用|经过|通过|利用)\s*(?P<years>\d|[一二两三四五六七八九十])\s*年\s*(?:左右)?\s*"
                              r"(?:的?(?:时间|建设|努力|奋斗|攻坚))?\s*,?\s*(?:到|至)\s*"
                              r"(?P<end>(?:19|20)\d\d)\s*年")

# A table's own unit in its caption or header (表2 主要指标（单位：亿元）): the unit of its rows
# that write none; a heading or a sentence after the table ends it.
TABLE_UNIT = re.compile(rf"单位\s*:\s*(?P<unit>(?:{p.MAGNITUDE})?{p.UNIT}|%)\s*\)?\s*$")
MAX_CAPTION_CHARS = 60

# 预计 that schedules the plan's own results (預計於2029年達成：…) is no forecast.
SCHEDULE = re.compile(r"预计\s*(?:于|到|在)?\s*(?:19|20)\d\d\s*年(?:底|末)?\s*(?:前)?\s*(?:达成|完成|实现)")

# Staged goals with their year in brackets: 近期目标（2026年）, 中期目标（2027—2028年）,
# 第一阶段（2026年）：…  The (end) year is the target year of what the stage sets.
STAGE_YEAR = re.compile(r"(?:目标|阶段)\s*\(\s*(?:到|至)?\s*(?:(?:19|20)\d\d\s*年?\s*[—\-–~至到]+\s*)?"
                        r"(?P<year>(?:19|20)\d\d)\s*年(?:底|末)?\s*\)")

# 保持两位数增长 (plans README round 5: growth of at least 10%): value 10, unit %, a floor.
DOUBLE_DIGIT_GROWTH = re.compile(r"两位数\s*(?:以上)?\s*的?\s*(?:增长|增速|增幅)")
DOUBLE_DIGIT_VALUE = 10.0
