"""A registry's located problems in the run's language, one line each.

`validate`, `validate --db` and `registry import` fail with the registry's
problems (file, record, field, why).  The record rules' Chinese is
indicators.registry.message_zh (the Plans page shows the same); the problems of
a file as a whole (its YAML, its sections) and of config.yaml only the command
line and the start-up show, so their Chinese is here.  Each case is a pattern on
the English message and its Chinese with the pattern's fields; a message no case
knows is shown as written, so a new rule is never hidden, only untranslated.
"""

from __future__ import annotations

import re

from indicators.cli.language import localised_error, message
from indicators.errors import Problem, RegistryError
from indicators.registry import RegistryChangeError, RegistryProblem, message_zh

FILE_PROBLEMS: tuple[tuple[str, str], ...] = (
    (r"YAML syntax error at line (?P<line>\d+), column (?P<column>\d+): (?P<detail>.*)",
     "YAML 语法错误（第 {line} 行第 {column} 列）：{detail}"),
    (r"YAML syntax error at (?P<detail>.*)", "YAML 语法错误：{detail}"),
    (r"unknown section \(expected (?P<sections>.*)\)", "未知的部分（应为 {sections} 之一）"),
    (r"must be a list of records", "应为记录的列表"),
    (r"must hold a mapping at the top level", "顶层应为键值对"),
    (r"is not UTF-8 text", "不是 UTF-8 文本"),
    (r"cannot read: (?P<detail>.*)", "无法读取：{detail}"),
    (r"no \*\.yaml registry files found", "没有找到 *.yaml 登记册文件"),
    # config.yaml's own rules (indicators.config).
    (r"(?:Value error, )?slightly_behind must be below on_track", "slightly_behind 须小于 on_track"),
    (r"(?:Value error, )?regions: duplicate region code", "地区编码重复"),
)
# PyYAML's explanation of a syntax error (the detail of the first case above).
YAML_DETAILS: tuple[tuple[str, str], ...] = (
    (r"did not find expected key", "缺少应有的键"),
    (r"did not find expected '-' indicator", "缺少列表项的“-”（缩进不一致？）"),
    (r"did not find expected node content", "缺少值"),
    (r"mapping values are not allowed here", "此处不能出现键值对（冒号后的值里还有冒号？）"),
    (r"found character '(?P<char>.*)' that cannot start any token", "字符“{char}”不能出现在此处"),
    (r"expected <block end>, but found '(?P<found>.*)'", "缩进不一致：此处出现了“{found}”"),
    (r"expected '(?P<comma>.*)' or '(?P<close>.*)', but got '(?P<got>.*)'",
     "应为“{comma}”或“{close}”，却是“{got}”"),
    (r"found undefined alias '(?P<name>.*)'", "未定义的别名“{name}”"),
    (r"found duplicate anchor '(?P<name>.*)'.*", "重复的锚点“{name}”"),
    (r"found unexpected end of stream", "文件意外结束（引号未闭合？）"),
    (r"could not find expected '(?P<char>.*)'", "缺少“{char}”"),
)


def _chinese(text: str, cases: tuple[tuple[str, str], ...]) -> str | None:
    for pattern, chinese in cases:
        found = re.fullmatch(pattern, text)
        if found:
            return chinese.format(**found.groupdict())
    return None


def problem_message(english: str, lang: str) -> str:
    """One problem's message in the run's language (the English when no case knows it)."""
    if lang == "en":
        return english
    translated = message_zh(english)
    if translated != english:
        return translated
    file_level = _chinese(english, FILE_PROBLEMS)
    if file_level is None:
        return english
    if file_level.startswith("YAML"):  # its detail is PyYAML's English
        head, _, detail = file_level.partition("：")
        return f"{head}：{_chinese(detail, YAML_DETAILS) or detail}"
    return file_level


def problem_line(problem: Problem, lang: str) -> str:
    """'  file [record] .field: why', as errors.Problem writes it, the why in the run's language."""
    where = problem.file + (f" [{problem.record}]" if problem.record else "") \
        + (f" .{problem.field}" if problem.field else "")
    return f"  {where}: {problem_message(problem.message, lang)}"


def change_line(problem: RegistryProblem, lang: str) -> str:
    """'  record.field: why' of a refused registry change."""
    text = problem.text(lang)
    if lang == "zh" and problem.message_zh == problem.message_en:
        where = text.removesuffix(problem.message_en)
        text = where + problem_message(problem.message_en, lang)
    return f"  {text}"


def registry_failure(exc: RegistryError | RegistryChangeError, lang: str) -> str:
    """The message of a registry that failed its rules: a header line, then one line a problem."""
    if isinstance(exc, RegistryChangeError):
        lines = [message("registry.refused", lang)] + [change_line(p, lang) for p in exc.problems]
    else:
        header = localised_error(exc.message.partition("\n")[0], lang)
        lines = [header] + [problem_line(p, lang) for p in exc.problems]
    return "\n".join(lines)
