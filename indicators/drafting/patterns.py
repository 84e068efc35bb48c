"""Wording rules as data: units, comparator words, year phrases, past markers.

Every pattern runs on the folded text (see text.fold_text): simplified
characters, ASCII digits, and ASCII , ; : ( ) % - ~ for their full-width forms.
The functions that use these tables are in sentences.py, tables.py and layout.py;
each rule has a sentence in tests/test_drafting_rules.py showing what it gives.
"""

from __future__ import annotations

import re

from indicators.drafting.numerals import ARABIC_NUMBER, SPACED_NUMBER

# Units a target counts in, longest first, each with the characters that, right
# after it, show it is part of another word (3个月 is a time, 2个单位 is not 单).
UNITS: dict[str, str] = {
    "个百分点": "", "百分点": "", "人年": "", "个月": "内", "港元": "", "澳门元": "", "澳元": "", "平方米": "", "公顷": "", "人次": "", "件次": "",
    "户次": "", "美元": "", "%": "", "元": "素宵", "件": "事次", "个": "月工小星季体人性别方",
    "家": "庭乡属园", "人": "民员才口均工为们群", "名": "列录称单义牌", "项": "目",
    "所": "有在属以得需谓", "单": "位一独元项", "户": "籍外口", "座": "谈", "条": "件例款龙",
    "部": "门分署委长", "支": "持撑付柱", "种": "植子类", "类": "型别", "位": "于置居列",
    "场": "所景地馆", "篇": "章", "份": "额子数", "笔": "记试画墨者直触", "批次": "", "家次": "",
    "项次": "", "册": "", "套": "餐", "分": "别之钟类配析布工级散享支局会行院厅", "倍": "增",
    "亩": "", "吨": "", "间": "隔距断", "宗": "教旨族祠", "期": "间限末内初中刊货望待盼满工", "EFLOPS": "", "PFLOPS": "",
    "场次": "", "小时": "候", "次": "要年日数序级会生第元性", "个工作日": "", "工作日": "", "天": "津然地下际使空",
    # A magnitude written alone (网民规模提高到12亿, 引进4兆资金) is its own unit.
    "亿": "", "兆": "",
    # 六成 (six tenths); 成 also opens words (成为, 成效, 成本) and closes verbs (建成).
    "成": "为功立效果本员熟就长交都型绩品不年份分",
    # A duration or an age counts only right after a word that sets it (see CUE_ONLY_UNITS).
    "年": "底末度前内初中均间代级龄限份来以后起至到", "岁": "月数以",
}
# Units that count only after a word that sets a level (提高到11.7年, 缩短至2年, 达到80岁):
# elsewhere they are durations of law (期限为20年, 超过5年的), ages of a condition
# (60岁以上) or years.
CUE_ONLY_UNITS = ("年", "岁", "天", "个工作日", "工作日", "小时")
LEVEL_CUE = re.compile(r"(?:到|至|在|达到)$")
# 翻一番 (×2), 翻两番 (×4), 实现翻番: the value is the number of doublings, unit 番.
DOUBLING = re.compile(r"翻\s*(?P<num>[一二两三四]|\d)?\s*番")
# Words that begin with a numeral but count nothing: 十分重要 (very), 万分 (extremely).
NUMERAL_WORDS = ("十分", "万分")
MAGNITUDES = ("万亿", "千亿", "百亿", "千万", "亿", "万", "千", "兆")
CHINESE_NUMBER = "[零〇一二两三四五六七八九十百千]+(?:[万亿][零〇一二两三四五六七八九十百千]+)*"
# Characters before a Chinese numeral that make it part of a word (第一, 之一, 三五); the
# words in ONE_WORDS only with 一 (统一, 合一: 组合二十个 is a count).
CHINESE_NUMBER_NOT_AFTER = "第之一二三四五六七八九十"
ONE_WORDS = "统唯同单万专合均逐划"

# Words right before the number: (word, comparator, kind).  Longest match wins.
BEFORE_WORDS: tuple[tuple[str, str, str], ...] = (
    ("力争达到", ">=", "level"), ("累计达到", ">=", "cumulative"), ("达到", ">=", "level"),
    ("力争", ">=", "level"), ("争取", ">=", "level"), ("确保", ">=", "level"),
    ("至少", ">=", "level"), ("跃升至", ">=", "level"), ("跃升到", ">=", "level"),
    ("压减至", "<=", "level"), ("压减到", "<=", "level"), ("压缩至", "<=", "level"),
    ("压缩到", "<=", "level"), ("缩减至", "<=", "level"), ("缩减到", "<=", "level"),
    ("接近", "==", "unspecified"), ("约为", "==", "unspecified"), ("分别为", "==", "level"),
    ("达到约", ">=", "level"), ("达约", ">=", "level"), ("达到近", ">=", "level"),
    ("维持约", "==", "level"), ("保持约", "==", "level"), ("创造", ">=", "cumulative"),
    ("达至", ">=", "level"), ("升至", ">=", "level"),  # 達至, 升至: Hong Kong and Macau usage
    ("达", ">=", "level"), ("超过", ">=", "level"), ("超出", ">=", "level"),
    ("超", ">=", "level"), ("突破", ">=", "level"), ("逾", ">=", "level"),
    ("不低于", ">=", "level"), ("不少于", ">=", "level"), ("不小于", ">=", "level"),
    ("高于", ">=", "level"), ("多于", ">=", "level"), ("大于", ">=", "level"),
    ("提高到", ">=", "level"), ("提高至", ">=", "level"), ("提升到", ">=", "level"),
    ("提升至", ">=", "level"), ("增加到", ">=", "level"), ("增加至", ">=", "level"),
    ("增长到", ">=", "level"), ("增长至", ">=", "level"), ("增至", ">=", "level"),
    ("扩大到", ">=", "level"), ("扩大至", ">=", "level"), ("上升到", ">=", "level"),
    # 稳定在/保持在 2%: keep at, no direction (==, like 为X).
    ("上升至", ">=", "level"), ("稳定在", "==", "level"), ("保持在", "==", "level"),
    ("维持在", "==", "level"), ("控制在", "<=", "level"), ("降低到", "<=", "level"),
    ("降低至", "<=", "level"), ("下降到", "<=", "level"), ("下降至", "<=", "level"),
    ("减少到", "<=", "level"), ("减少至", "<=", "level"), ("降到", "<=", "level"),
    ("降至", "<=", "level"), ("缩短到", "<=", "level"), ("缩短至", "<=", "level"),
    ("不超过", "<=", "level"), ("不高于", "<=", "level"), ("不多于", "<=", "level"),
    ("低于", "<=", "level"), ("少于", "<=", "level"), ("约", "==", "unspecified"),
    ("年均增长", ">=", "annual"), ("年均增速", ">=", "annual"), ("年平均增长", ">=", "annual"),
    ("年均提高", ">=", "annual"), ("年增长", ">=", "annual"), ("增长", ">=", "unspecified"),
    ("年递增", ">=", "annual"), ("递增", ">=", "unspecified"),  # 年递增10%: annual growth
    ("提高", ">=", "unspecified"), ("提升", ">=", "unspecified"), ("增加", ">=", "unspecified"),
    ("翻", ">=", "unspecified"), ("下降", ">=", "unspecified"), ("降低", ">=", "unspecified"),
    ("减少", ">=", "unspecified"), ("近", "==", "unspecified"), ("成长", ">=", "unspecified"),
)
# Before-words whose first characters stay with the name (…企业数分别为: a list to split).
NAME_KEEPS = ("分别",)
# Before-words that state a change rather than a level: the name keeps them.
CHANGE_WORDS = ("年均增长", "年均增速", "年平均增长", "年均提高", "年增长", "增长", "提高", "年递增", "递增",
                "提升", "增加", "翻", "下降", "降低", "减少", "成长")
# Words right after the number and unit: (word, comparator).
AFTER_WORDS: tuple[tuple[str, str], ...] = (
    ("及以上", ">="), ("以上", ">="), ("以内", "<="), ("左右", "=="), ("上下", "=="),
)
# 以下 sets a ceiling only after these words; elsewhere (五万元以下的罚款) it is law.
CEILING_WORDS = ("控制在", "降至", "降到", "降低到", "降低至", "下降到", "下降至", "保持在")
# Verbs that create or gather a counted thing: (verb, kind).  "建设 20 个" is a plain
# count (==, guessed); with 以上 it is a floor.
COUNT_VERBS: tuple[tuple[str, str], ...] = tuple((verb, "cumulative") for verb in (
    "新培育", "争创", "新增", "新建", "新设", "累计", "培育", "建设", "建成", "建立", "创建", "打造",
    "布局", "设立", "引进", "推出", "发行", "孵化", "支持", "推进", "推动", "认定", "组建",
    "培训", "遴选", "扶持", "举办", "开展", "制定", "形成", "实施", "落地", "带动",
    "覆盖", "吸引", "选树", "评选", "命名", "申报", "获批", "入选", "完成", "开发",
    "培养", "储备", "招引", "帮扶", "资助", "奖励", "备案", "登记", "注册", "办理",
    "助力", "扩大", "发展", "增设", "共建", "挂牌", "建好", "办好", "出版", "推广",
    "征集", "编制", "发布", "健全", "引育", "集聚", "聚集", "认证", "实现", "拥有", "提供",
    "组织", "召开", "促成", "签约", "签订", "举行", "协助", "盘活",
))
COUNT_VERBS_LONGEST = tuple(sorted(COUNT_VERBS, key=lambda rule: -len(rule[0])))
# Nouns that contain a verb: the verb in them does not set a count.
VERB_NOUNS = re.compile(
    r"试验发展|培育中心|培育基地|培育库|集聚区|服务业|服务机构|服务中心|服务站|服务平台|服务体系|服务能力|开发区|"
    r"软件开发|孵化器|孵化基地|孵化中心|孵化平台|发展区|发展中心|建设工程|建设项目|示范区建设|实施方案|"
    r"登记量|注册量|备案量|认证机构|推广中心|服务业集聚|[权会业]组织|"
    # Any count verb right before a measure noun (登记金额, 完成率, 建设规模) is in a noun.
    r"(?:" + "|".join(verb for verb, _ in COUNT_VERBS) + r")(?=金额|总额|额度|量(?!子)|率|规模|数量)"
)
COVERAGE = re.compile(r"(全覆盖|全面覆盖|全域覆盖|全部覆盖|100%覆盖|覆盖全部|覆盖所有)")
# 超万亿元: a magnitude with no digits before it means one of it; 百亿元 is 100 亿元.
BARE_VALUES = {"百亿": (100.0, "亿"), "千亿": (1000.0, "亿")}
BARE_MAGNITUDE = re.compile(r"(?P<cue>超过|超|突破|达到|逾|近)\s*(?P<mag>万亿|千亿|百亿|亿|万)"
                            r"(?P<unit>元|美元|件|人次|人|户|家)")

# 百分之三十, 百分之7.5: a share written in words.
PERCENT_WORDS = re.compile(r"百分之(?P<num>\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百]+)")

# Year phrases.  A target year is set by 到/至 2025 年 or 2025 年底前; "十四五" names a period.
PERIODS: dict[str, tuple[int, int]] = {
    "十一五": (2006, 2010), "十二五": (2011, 2015), "十三五": (2016, 2020),
    "十四五": (2021, 2025), "十五五": (2026, 2030), "十六五": (2031, 2035),
}
# 主要目标是:2025年, … : a year right after 目标 is the year the goals are set for.
TO_YEAR = re.compile(r"(?:到|至|于|力争|争取|确保|截至|截止到|截止|在|目标(?:是|为)?\s*:?)\s*(?P<year>(?:19|20)\d\d)\s*年")
# 至2015年 that only names a year's value or ends a span is no target year: 从2020年的44.9%
# 提升至2024年的53.3% (a rise verb's 至 before 年的), 2006年至2015年 (a span of years).
YEAR_VALUE = re.compile(r"(?:[增升高长加降少大低](?:到|至)\s*(?P<year>(?:19|20)\d\d)\s*年(?:底|末)?\s*的)|"
                        r"(?:\d\s*年(?:底|末)?\s*(?:到|至)\s*(?P<end>(?:19|20)\d\d)\s*年)")
BY_YEAR = re.compile(r"(?P<year>(?:19|20)\d\d)\s*年\s*(?:底|末|年底|年末)?\s*(?:前|之前|以前)")
PLAIN_YEAR = re.compile(r"(?<![\d\-—–~至到])(?P<year>(?:19|20)\d\d)\s*年(?![\d\-—–~]|\s*[—\-~至到]\s*\d)")
# What follows a plain year that sets an interim goal: 2017年达到4.5件 (see years._plain_goals).
PLAIN_GOAL = re.compile(r"\s*(?:底|末)?\s*(?:要|将|力争|争取)?\s*(?:达到|达|突破|超过|增至|提高到|提升到|"
                        r"实现|不低于|不少于)")
# A goal word later in the clause makes a plain year a goal year, also in a news report
# without a period: 2026年,全省将力争实现…, 2020年湖南年发明专利申请量要达到3万件.
GOAL_AFTER_YEAR = re.compile(r"[^。;!?]{0,24}?(?:力争|争取|确保|要(?:达到|突破|超过|实现))")
PERIOD_NAME = re.compile(r"(?P<to>到|至|力争|计划|争取)?\s*(?:[“\"]?(?P<name>十[一二三四五六]五)[”\"]?|"
                         r"第(?P<long>十[一二三四五六])个五年(?:计划|规划)(?:纲要)?)"
                         r"\s*(?P<when>末|期末|时期末|期间|时期|规划期)?")
# A plan named in a text, with its period: 纲要(2021-2035年), “十四五”规划, 第十五个五年规划.
PLAN_NAME_SPAN = re.compile(r"(?:规划|纲要|方案|计划)\s*(?:\(草案\))?\s*\(\s*(?P<start>(?:19|20)\d\d)\s*"
                            r"年?\s*[—\-–~至到]+\s*(?P<end>(?:19|20)\d\d)\s*年?\s*\)")
# A named period whose whole span (时期, 期间) is before the plan's: what it tells is past.
PAST_PERIOD_WHEN = ("时期", "期间")
# 锚定“十五五”目标 names the period a report's goals are for, as “十五五”规划 does.
PLAN_NAME_PERIOD = re.compile(r"(?:[“\"]?(?P<name>十[一二三四五六]五)[”\"]?\s*(?:规划|纲要|[^,。;:“”]{0,10}?的?(?:总体|主要)?目标)|"
                              r"第(?P<long>十[一二三四五六])个五年(?:计划|规划))")
PLAN_END = re.compile(r"规划期末|规划期内|本规划期|到期末")
PERIOD_SPAN = re.compile(r"(?P<start>(?:19|20)\d\d)\s*年?\s*[—\-–~至到]+\s*(?P<end>(?:19|20)\d\d)\s*年")
TITLE_END = re.compile(r"(?:规划|纲要|方案|计划|意见|通知|要点|总结|法|条例|办法|规定|细则)\s*"
                       r"(?:\([^)]*\))?\s*》?$")
# A title line may follow an unfinished line this short (a date, a document number).
TITLE_AFTER_CHARS = 20

# Marks of a past statistic.  Clause-level ones apply to the clause (up to a comma);
# sentence-level ones to the whole sentence unless it names a future year.
PAST_CLAUSE = re.compile(
    r"较上年|比上年|同比|上年|去年|已(?!知)|(?<!实)现有|现时|目前|共有|位列|排名(?!\s*(?:前|提升|上升|提高|前进|进入|迈入|跻身|跃居|稳居|保持|位居|达到))|荣获|超额完成|实际(?:完成|值)|"
    # The perfective 了 after a verb (吸引了, 列出了) tells what was done, not what is set;
    # 为了, 除了, 了解 are other words.
    r"(?<![为除罢])了(?!解)"
)
# Marks of a past total that a target year in the sentence turns into a goal
# (到2030年累计完成…1000次).
PAST_TOTAL = re.compile(r"累计完成|共计")
# Marks of a forecast: what an agency or a researcher expects is not a goal the text
# sets (主计总处预测…将达5,892亿美元).  A quantity after one, in its sentence, is left out.
FORECAST = re.compile(r"预测|预估|预计|估计")
# A goal word after the forecast ends its reach (估计…约22兆元,期盼能创造10兆元).
FORECAST_END = re.compile(r"期盼|期望|目标|力争|争取")
# Units of the counts that PLAN_PARTS may follow.
COUNT_UNITS = ("项", "个", "条", "类")
# Counts of a plan's own parts (20项主要指标, 19项任务, 两个阶段, 三个方面): not targets.
# 两项行动, 十项工程, 三项工作, 四个聚焦 count a plan's programmes when the word ends the noun
# (工程技术中心, 工作站 are things to build).
PLAN_PARTS = re.compile(r"\s*(?:约束性|预期性|[\u4e00-\u9fff]{0,4}?)\s*"
                        r"(?:指标|任务|举措|措施|方面|阶段|原则|篇|章|部分|目标|"
                        r"(?:行动|工程|工作|聚焦|特点)(?=[、和及与,;:。!?\s)”]|$))")
# A baseline year: 比2020年翻一番, 在2021年的基础上翻两番, 与2020年相比, 较2020年.
# It is neither a target year nor a past statistic.
BASE_YEARS = (
    re.compile(r"(?:比|较|相比|相较于?|对比)\s*(?P<year>(?:19|20)\d\d)\s*年(?:底|末)?"),
    re.compile(r"(?:在|以|与|和|同)\s*(?P<year>(?:19|20)\d\d)\s*年(?:底|末)?\s*"
               r"(?:的?\s*(?:基础上|水平上|基数上)|为基[数准]|相比|比较)"),
)
PAST_SENTENCE = re.compile(r"五年来|近年来|以来|过去|截至目前|当前(?!和|及|与|至)|截至(?:今年|本年|当前|发稿|上月|本月|年底|年末)|去年|上年|目前|“十[一二三]五”|"
                           r"十[一二三]五(?:时期|期间|末)")
# Words of a comparison with last year: under the goal heading of a one-year plan (工作要点,
# 主要目标) they state the base of a goal (较上年提高8%), elsewhere a past statistic.
RELATIVE_YEAR = re.compile(r"(?<!截至)(?:较上年|比上年|同比|上年|去年)")
GOAL_SECTION = re.compile(r"目[标標]")  # the section as written: 年度目標 too
# A heading that sets a task (夯实工作基础, 巩固发展基础) is no review of the past.
TASK_HEADING = re.compile(r"夯实|筑牢|打牢|巩固|强化|加强|完善")
PAST_SECTIONS = re.compile(r"发展基础|规划背景|发展成就|主要成就|工作成效|取得成效|发展现状|现实基础|"
                           r"回顾|工作总结|基本情况|工作基础|面临形势|发展环境|总体形势|主要成效|现状")
# Clauses that are law, not plan: fines, deadlines, conditions.
# Clauses that deny a goal: 要达到10%有困难, 不可能一步达到.
NOT_GOAL = re.compile(r"有困难|不可能|难以|无法")
LEGAL_CLAUSE = re.compile(r"罚款|罚金|违法所得|赔偿|徒刑|拘留|没收|处以|应当|不得|(?<!工作)日内|个月内")
ATTRIBUTES = ("预期性", "约束性")
# 每家, 每人, 每年 before a number: an amount per item (a subsidy), not a ratio like 每万人口.
PER_ITEM = re.compile(r"每(?![十百千万亿])")
PER_ITEM_AMOUNT = re.compile(r"每[家个人项次件户所](?:给予|奖励|补助|资助|最高)?\s*$")
# An amount of money a clause grants (一次性给予奖励30万元, 补助最高50万元): an incentive.
INCENTIVE = re.compile(r"(?:奖励|补助|资助|补贴|奖补|给予)[^,;。]{0,8}$")
# The longest name after a comma that still takes the sentence's last cue.
MAX_INHERIT_CHARS = 16
# Words before a count verb that make its number a floor: 力争创建…10 家 (>=).
FLOOR_CUES = ("力争", "争取", "确保", "不少于", "至少", "目标")
# Ranks: 跃居全省前40位, 进入全国前10名, 达到全市前3水平 (the rank must be that or better),
# 进入全国水产类区域品牌价值前20位 (what is ranked between); 第一方阵 is a tier, no rank.
RANK = re.compile(r"(?P<cue>跃居|进入|迈入|跻身|稳居|保持|位居|达到|成为|居)\s*"
                  r"(?:全[国省市区球]|[国省市区]内|世界|全球|国际)?\s*(?:排名|排行|排位)?\s*"
                  r"(?:(?:[\u4e00-\u9fff]{0,12}?(?:价值|规模|排名))?前\s*(?P<num>\d+|[一二三四五六七八九十]+(?![季年月天周批]))|第\s*(?P<ord>[一二三四五六七八九十]+|\d+)(?!方阵|梯队|阵营|集团|档))\s*(?P<unit>位|名|强)?")
# A number without a unit counts only after a comparator word and before 以上/左右:
# 区域科技创新指数达到160以上.
UNITLESS = re.compile(r"(?<![\d.])(?P<num>\d+(?:\.\d+)?)\s*(?=以上|左右|以内)")
# An index without a unit in a change, 发展指数从2020年的85提高到95: the number after the
# rise word closes its clause; the one before it is the baseline.
UNITLESS_CHANGE = re.compile(r"(?:(?<=到)|(?<=至)|(?<=的))\s*(?P<num>\d+(?:\.\d+)?)"
                             r"(?=\s*(?:[,;。]|$|提高到|提升到|增至|增长到|增加到|上升到|下降到|降低到|降至))")
# A count that only counts the items listed before it (电子信息、光伏制造2个优势产业).
LIST_COUNT_UNITS = ("个", "家", "项", "类", "大", "条")
# Words before a threshold that, followed by 的, is part of a name (超100亿元的集群).
THRESHOLD_WORDS = ("超", "超过", "逾", "突破", "以上", "不超过", "不低于", "低于", "高于")

# Leading words stripped from a drafted name: fillers, not part of the indicator.
NAME_LEAD = re.compile(  # used with match(): anchored where the name starts
    r"(?:[,，;；:：。、\s]|\(\s*[一二三四五六七八九十\d]{1,3}\s*\)|\d{1,2}\s*[.、](?!\d)|其中|以及|并|和|及|同时|力争|确保|争取|努力|推动|促进|实现|使|"
    r"基本|初步|全面|进一步|逐步|持续|着力|大力|积极|有序|"
    # Reporting words of news and speeches (规划提出…, 目标是…) and 将/把/让 before an object.
    r"明确提出|提出|明确|要求|指出|强调|表示|目标是|目标为|希望|将|把|让|当地|拟|"
    r"为(?=\s*(?:到|至|在|于)\s*(?:19|20)\d\d)|"
    r"(?:期|拟|计划)?(?:到|至|在|于)?\s*(?:19|20)\d\d\s*年(?:底|末)?(?:前|之前)?|"
    # 较2020年翻一番: a base year opening the clause is no name; the subject stands before.
    r"(?:比|较|与|相比)\s*(?:19|20)\d\d\s*年(?:底|末)?(?:相比)?|"
    r"“?十[一二三四五六]五”?(?:期间|时期|末)?)+"
)
NAME_TAIL = re.compile(r"(?:的|力争|确保|达|要|将|均|需|(?<!许)可|和|及|与|、|,|，|\s|基本实现|力争实现|实现|争取|"
                       r"则|维持|保持|年内|(?<![材燃饲肥涂颜香染资原史])料|(?:于|在)?规划期(?:内|末)?)+$")
# Where the subject of a clause ends (its name, for a number in the next clause):
# at a baseline, a preposition of change, or the verb.
SUBJECT_END = re.compile(r"(?:(?:在|比|较|与|以)\s*)?(?:19|20)\d\d|由|从|实现|将|要|分别|需|应|"
                         r"达到|突破|超过|力争|争取|确保|提高|提升|增长|增加|降低|下降|保持|维持|"
                         r"控制|稳定|跃居|进入|稳步|明显|显著|大幅|不断|持续")
HEADINGS: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(r"^第[一二三四五六七八九十百零〇\d]+(?:章|部分|篇)"), 1),
    (re.compile(r"^第[一二三四五六七八九十百零〇\d]+节"), 2),
    (re.compile(r"^[一二三四五六七八九十]+[、.．]"), 3),
    (re.compile(r"^专栏\s*\d*"), 3),
    (re.compile(r"^\(\s*[一二三四五六七八九十]+\s*\)"), 4),
    (re.compile(r"^\d{1,2}\s*[.、](?!\d)"), 5),
    (re.compile(r"^\(\s*\d{1,2}\s*\)"), 6),
)
MAX_HEADING_CHARS = 40
SENTENCE_END = "。!?;"
# A baseline stated for now: 由现时的1%, 从目前的5万件 (its year is left blank).
NOW = re.compile(r"现时|目前|现在|当前")
THOUSANDS = re.compile(r"\d,\d{3}(?!\d)")
CLAUSE_END = ",;:。!?"


def unit_pattern() -> str:
    """One alternation of every unit, each guarded against the words it starts."""
    parts = []
    for unit, not_before in sorted(UNITS.items(), key=lambda item: -len(item[0])):
        guard = f"(?![{re.escape(not_before)}])" if not_before else ""
        parts.append(re.escape(unit) + guard)
    return "(?:" + "|".join(parts) + ")"


UNIT = unit_pattern()
MAGNITUDE = "(?:" + "|".join(MAGNITUDES) + ")"
NUMBER = rf"(?:{ARABIC_NUMBER}|{SPACED_NUMBER}|{CHINESE_NUMBER})"
QUANTITY = re.compile(
    rf"(?<![\d.])(?P<num>{NUMBER})\s*(?P<approx>余|多)?\s*(?P<mag>{MAGNITUDE})?\s*(?P<unit>{UNIT})"
)
RANGE = re.compile(
    rf"(?<![\d.])(?P<low>{NUMBER})\s*(?P<mag1>{MAGNITUDE})?\s*(?P<unit1>{UNIT})?\s*"
    rf"(?:—|–|-|~|至|到|—{{2}})\s*(?P<high>{NUMBER})\s*(?P<mag>{MAGNITUDE})?\s*(?P<unit>{UNIT})"
)
# Words after a number that make it the start of a change: 由 6.3 件提高到 12 件.
RISE_WORDS = ("提高到", "提高至", "提升到", "提升至", "增加到", "增加至", "增长到", "增长至", "增至",
              "扩大到", "扩大至", "上升到", "上升至", "下降到", "下降至", "降低到", "降低至",
              "减少到", "减少至", "降至", "达到")
YEAR_BEFORE_RISE = re.compile(r"^\s*,?\s*(?:到|至|在)?\s*(?:19|20)\d\d\s*年(?:底|末)?\s*,?")
# Name words that make a target a value of one year (年产值, 当年值, 每年).
ANNUAL_NAME = re.compile(r"^年|当年|每年|年度|年均|年产|年营|年进出口|年收入|年交易|年成交|年新增|"
                         r"年授权|年登记|年销售|年申请")
# The wording recorded when a verb alone sets a plain count (建设 20 个).
PLAIN_WORDING = "（无比较词）"
