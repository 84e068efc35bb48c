"""More wording rules as data (classes of misses of blind rounds 3 and 5): means that are no
results (allocations, thresholds of a count), bare 百/千 counts, goal paragraphs, day limits.

Like patterns.py, every pattern runs on the folded text; each rule has a sentence in
tests/test_drafting_rules_more.py showing what it gives.
"""

from __future__ import annotations

import re

# A paragraph that opens with its goals (主要目标是:…;…): 较上年/同比 in it state a goal's base.
GOAL_LEAD = re.compile(r"目标(?:是|为|如下)?\s*:")

# A measure right after a count that it qualifies: 培育1个产值过50亿元、5个产值过10亿元的企业.
COUNT_THRESHOLD = re.compile(r"[个家所项户][\u4e00-\u9fff]{0,5}?(?:过|超过|超|逾)\s*$")

# An allocation of money is a means, not a result to reach: 设立2000万元专项资金,
# 每年安排专项资金不少于2000万元.
ALLOCATION = re.compile(r"(?:设立|安排|投入|统筹|筹集)[^,;。]{0,12}$|^\s*(?:以上|左右)?\s*的?\s*"
                        r"(?:专项|引导|产业|发展|扶持|奖补)?资金")

# 创建百个标杆, 覆盖千家企业: 百/千 alone before a count unit is 100/1000 (not 千家万户).
BARE_COUNT = re.compile(r"(?<![零〇一二两三四五六七八九十百千万\d])(?P<mag>百|千)\s*"
                        r"(?P<unit>个|项|家|件|所|名|户)(?![万争户])")

# A time limit in working days or hours is set by 不超过 too (办理时限不超过15个工作日,
# 投诉处理时间不超过24小时).
DAY_LIMIT = (("工作日", "小时", "天"), "不超过")
# A sentence reviewing a past period (“十一五”时期, “十四五”期间): what its paragraph goes on
# to state without a year of its own is past too.
REVIEW_PERIOD = re.compile(r"十[一二三四]五”?\s*(?:时期|期间)")
