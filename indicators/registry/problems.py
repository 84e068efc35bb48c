"""Located registry problems in Chinese and English, and the error a refused change raises.

The loader and the models write their messages in English, the one source
(validate prints it); the Plans page shows staff the Chinese too.  Each case is a pattern on the English message and
its Chinese, with the pattern's groups filled in; a message no case knows is
shown as it is, so a new rule is never hidden, only untranslated.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict

from indicators.errors import Problem, TrackerError

# (pattern on the English message, Chinese with {0}, {1}... from the pattern's groups)
MESSAGES_ZH: tuple[tuple[str, str], ...] = (
    (r"Field required", "必填"),
    (r"Extra inputs are not permitted", "不是该记录的字段"),
    (r"String should have at least (\d+) characters?", "不能为空"),
    (r"String should match pattern .*", "只能用小写字母、数字和下划线，并以字母开头"),
    (r"Input should be a valid integer.*", "应为整数"),
    (r"Input should be a valid number.*", "应为数字"),
    (r"Input should be a valid date.*", "应为日期（如 2025-01-01）"),
    (r"Input should be a valid boolean.*", "应为 true 或 false"),
    (r"Input should be a valid string", "应为文字"),
    (r"Input should be greater than or equal to (\S+)", "应不小于 {0}"),
    (r"Input should be less than or equal to (\S+)", "应不大于 {0}"),
    (r"Input should be a valid dictionary.*", "应为键值对"),
    (r"Input should be a valid (?:list|tuple).*", "应为列表"),
    (r"Input should be (.+) or ('.*')", "应为以下之一：{0} 或 {1}"),
    (r"Input should be (.+)", "应为以下之一：{0}"),
    (r"unknown region '(.*)' \(config\.yaml lists (.*)\)", "未知地区“{0}”（config.yaml 中的地区：{1}）"),
    (r"unknown indicator '(.*)'", "未知指标“{0}”"),
    (r"unknown document '(.*)'", "未知文件“{0}”"),
    (r"unknown target '(.*)'", "未知目标“{0}”"),
    (r"duplicate id \(first defined in the same file\)", "编号重复（同一文件中已有此编号）"),
    (r"duplicate id \(first defined in (.*)\)", "编号重复（首次定义于 {0}）"),
    (r"'(.*)' already names indicator '(.*)'", "“{0}”已是指标“{1}”的名称"),
    (r"'(.*)' is not a magnitude of '(.*)'", "“{0}”与指标单位“{1}”不是同一单位的不同量级"),
    (r"period_start and period_end go together", "规划起止年须同时填写"),
    (r"period_end (\d+) is before period_start (\d+)", "规划截止年 {0} 早于起始年 {1}"),
    (r"(\d+) is before the baseline year (\d+)", "目标年 {0} 早于基期年 {1}"),
    (r"a target quoted from the text needs its line number", "引自原文的目标须注明行号"),
    (r"a cumulative target's planned path is linear", "累计型目标的规划路径只能是线性"),
    (r"a range target needs target_low and target_high", "区间目标须填写下限和上限"),
    (r"(\S+) is above target_high (\S+)", "下限 {0} 高于上限 {1}"),
    (r"a range target uses target_low/target_high", "区间目标用下限和上限，不填目标值"),
    (r"only a range target has low and high bounds", "只有区间目标才有下限和上限"),
    (r"an 'increase' target has no number", "“增长”型目标没有目标值"),
    (r"a '(.*)' target needs a value", "“{0}”型目标须填写目标值"),
    (r"a coverage target means 100 \(%\), not (\S+)", "覆盖型目标的目标值为 100（%），不是 {0}"),
)
_COMPILED = tuple((re.compile(pattern), zh) for pattern, zh in MESSAGES_ZH)


def message_zh(message: str) -> str:
    """The Chinese of one English problem message (the English itself when no case knows it)."""
    for pattern, zh in _COMPILED:
        found = pattern.fullmatch(message)
        if found:
            return zh.format(*found.groups())
    return message


class RegistryProblem(BaseModel):
    """One problem of a registry change: which record (a draft row's key or a record id), which field."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    record: str
    field: str
    message_zh: str
    message_en: str

    @classmethod
    def of(cls, problem: Problem, record: str | None = None) -> RegistryProblem:
        return cls(record=record or problem.record or "", field=problem.field or "",
                   message_zh=message_zh(problem.message), message_en=problem.message)

    def text(self, lang: str = "zh") -> str:
        where = ".".join(part for part in (self.record, self.field) if part)
        message = self.message_zh if lang == "zh" else self.message_en
        return f"{where}: {message}" if where else message


class RegistryChangeError(TrackerError):
    """A registry change was refused (invalid records, no reason, no right); nothing was changed."""

    def __init__(self, problems: Iterable[RegistryProblem], *, hint: str | None = None) -> None:
        self.problems = list(problems)
        shown = "; ".join(problem.text("en") for problem in self.problems[:10])
        more = f"; ... and {len(self.problems) - 10} more" if len(self.problems) > 10 else ""
        super().__init__(f"registry change refused, nothing was changed: {shown}{more}",
                         hint=hint)
        self.message_zh = "未作任何修改：" + "；".join(p.text("zh") for p in self.problems[:10])


def refusal(record: str, field: str, zh: str, en: str) -> RegistryChangeError:
    """A change refused for one reason that is not a record's rule (a blank reason, a role)."""
    return RegistryChangeError([RegistryProblem(record=record, field=field, message_zh=zh,
                                                message_en=en)])
