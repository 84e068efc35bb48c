"""The English of the registry's Chinese words: units and the attribute (预期性/约束性).

Units, one convention (docs/english.md says why):

- A Chinese measure word (件, 个, 家, 项, 所, 单 ...) has no English unit: the English
  name already says what is counted ("Invention patents granted abroad"), so after a
  number it is left out ("≥ 12"), and where a unit must be named it is "count".
- People and scores are named: 人 "people", 人次 "person-times", 分 "points", % "%".
- A magnitude English has one word for reads as that word (千 thousand, 百万 million,
  万亿 trillion: "1 trillion yuan"); 万 and 亿, which English lacks, read as a factor:
  "17.4 × 10,000", "3,200 × 100 million yuan".  The number itself is never rescaled, so
  it is the same number the Chinese UI and the plan show.

The attribute follows the official English of China's five-year plans: 预期性
"anticipatory", 约束性 "binding".
"""

from __future__ import annotations

# Units of one thing, in English after a number ("" = the name says what is counted).
BASE_UNITS_EN: dict[str, str] = {
    "件": "", "个": "", "家": "", "项": "", "所": "", "单": "", "座": "", "部": "", "种": "",
    "人": "people", "人次": "person-times", "名": "people", "户": "households",
    "次": "times", "分": "points", "%": "%", "元": "yuan", "美元": "US dollars",
    "年": "years", "天": "days", "小时": "hours",
}
# Magnitude prefixes, longest first when matched: (English, whether it is a word).
MAGNITUDES_EN: dict[str, tuple[str, bool]] = {
    "万亿": ("trillion", True),
    "百万": ("million", True),
    "亿": ("× 100 million", False),
    "万": ("× 10,000", False),
    "千": ("thousand", True),
    "百": ("× 100", False),
}
# Where a unit must be named on its own (a table's unit column) and its English is empty.
COUNT_NAME_EN = "count"

ATTRIBUTE_EN: dict[str, str] = {"预期性": "Anticipatory", "约束性": "Binding"}


def unit_en(unit: str) -> str | None:
    """The English written after a number: '亿元' -> '× 100 million yuan', '件' -> ''.

    None when the unit is not known, so a caller (and a test) can tell it apart from
    a measure word's empty English.
    """
    unit = (unit or "").strip()
    if unit in BASE_UNITS_EN:
        return BASE_UNITS_EN[unit]
    for prefix in sorted(MAGNITUDES_EN, key=len, reverse=True):
        base = unit[len(prefix):]
        if unit.startswith(prefix) and base in BASE_UNITS_EN:
            word, is_word = MAGNITUDES_EN[prefix]
            rest = BASE_UNITS_EN[base]
            if is_word:
                return f"{word} {rest}".strip() if rest else word
            return f"{word} {rest}".strip()
    return None


def unit_name_en(unit: str) -> str | None:
    """The unit named on its own: '件' -> 'count', '万件' -> '× 10,000', '%' -> '%'."""
    english = unit_en(unit)
    if english is None:
        return None
    return english or COUNT_NAME_EN


def attribute_en(attribute: str) -> str:
    """'预期性' -> 'Anticipatory'; anything else is returned as written."""
    return ATTRIBUTE_EN.get(attribute, attribute)
