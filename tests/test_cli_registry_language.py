"""Issue 16 residue: a registry's located problems in the run's language.

`validate` (folder and --db) and `registry import` on records with many kinds of mistake:
a Chinese run is wholly Chinese, an English run wholly English, apart from the data (ids,
paths, field names, quoted values), indicators.cli.problem_lines.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from indicators.cli import main
from indicators.cli.problem_lines import FILE_PROBLEMS, YAML_DETAILS, problem_message
from indicators.registry import message_zh
from tests.conftest import MINI_CONFIG

ENGLISH_CONFIG = MINI_CONFIG + "app:\n  default_language: en\n"
DOCUMENT = ("{id: %s, title_zh: 规划, title_en: Plan, issuer: 国务院, level: national, kind: plan, "
            "region: %s, period_start: %d, period_end: %d%s}")
TARGET = ("{id: %s, indicator: %s, region: CN, document: plan, section: 指标, quote: 原文, line: 1, "
          "baseline: {year: %s, value: 2180}, target_year: 2025, target_value: 3200, "
          "comparator: '%s', kind: %s%s}")
PLAN = "  - " + DOCUMENT % ("plan", "CN", 2021, 2025, "")
MISTAKES = "\n".join([
    "documents:",
    PLAN,
    PLAN,                                                                  # duplicate id
    "  - " + DOCUMENT % ("late", "CN", 2025, 2021, ""),                      # years in the wrong order
    "  - " + DOCUMENT % ("far", "CN-XX", 2021, 2025, ""),                    # unknown region
    "  - " + DOCUMENT % ("odd", "CN", 2021, 2025, ", colour: red"),          # unknown field
    "indicators:",
    "  - {id: pledge, name_zh: 质押融资, name_en: Pledge, unit: 亿元, category: use, aliases: [融资]}",
    "  - {id: loans, name_zh: 贷款, name_en: Loans, unit: 亿元, category: use, aliases: [融资]}",
    "  - {id: Bad-Id, name_zh: 坏, name_en: Bad, unit: 件, category: nonsense, aliases: 单个}",
    "targets:",
    "  - " + TARGET % ("unit_off", "pledge", 2020, ">=", "level", ", unit: 件"),   # unit mismatch
    "  - " + TARGET % ("year_off", "pledge", 2026, ">=", "level", ""),             # baseline after target
    "  - " + TARGET % ("ref_off", "nothere", "later", "~", "level", ""),          # unknown refs, types
    "  - " + TARGET % ("range_off", "pledge", 2020, "range", "level", ""),
    "  - {id: shape_off, indicator: pledge, region: CN, document: plan, section: 指标, quote: q,",
    "     line: 1, baseline: 5, target_year: 2025, target_value: 1, comparator: '>=', kind: sum}",
    "extra: []",
])
BROKEN_YAML = "indicators:\n  - id: a\n  name_zh: b: c\n"
NOT_A_LIST = "targets: {id: x}\n"
# What may stay in Latin letters in a Chinese line: the data and the names of things.
DATA = [
    r"/\S+\.yaml",            # the file
    r"\[[^\]]*\]",            # [record] and listed values
    r" \.[\w.]+:",            # .field
    r"^  [\w.-]+:",           # record.field of a refused change
    r"'[^']*'", r"“[^”]*”",   # quoted values
    r"`[^`]*`",               # a command to run
    r"config\.yaml", r"YAML", r"UTF-8",
]


@pytest.fixture
def broken(mini_project):
    def write(config: str = MINI_CONFIG) -> Path:
        path = mini_project(MISTAKES, config)
        (path.parent / "registry" / "broken.yaml").write_text(BROKEN_YAML, encoding="utf-8")
        (path.parent / "registry" / "list.yaml").write_text(NOT_A_LIST, encoding="utf-8")
        return path

    return write


def english_left(text: str) -> list[str]:
    for pattern in DATA:
        text = re.sub(pattern, " ", text)
    return re.findall(r"[A-Za-z]{2,}", text)


def chinese_left(text: str) -> list[str]:
    text = re.sub(r"'[^']*'|“[^”]*”|\[[^\]]*\]", " ", text)  # quoted data, listed values
    return re.findall(r"[\u4e00-\u9fff]+", text)


def failure(config: Path, capsys, *arguments: str) -> list[str]:
    assert main(["--config", str(config), *arguments]) == 2
    return capsys.readouterr().err.strip().splitlines()


def test_validate_in_chinese_says_every_problem_in_chinese(broken, capsys):
    lines = failure(broken(), capsys, "validate")
    assert lines[0].startswith("错误: 登记册中有 ")
    assert len(lines) > 15  # every kind of mistake got through to the list
    kinds = "\n".join(lines)
    for chinese in ("编号重复", "规划截止年 2021 早于起始年 2025", "不是该记录的字段", "未知地区“CN-XX”",
                    "“件”与指标单位“亿元”", "目标年 2025 早于基期年 2026", "YAML 语法错误（第 3 行",
                    "应为记录的列表", "未知的部分", "应为键值对", "应为列表", "（提示：请修改所列字段"):
        assert chinese in kinds
    assert {line: english_left(line) for line in lines if english_left(line)} == {}


def test_validate_in_english_says_every_problem_in_english(broken, capsys):
    for config, arguments in ((broken(), ("validate", "--lang", "en")),
                              (broken(ENGLISH_CONFIG), ("validate",))):
        lines = failure(config, capsys, *arguments)
        assert lines[0].startswith("error: ") and "problem(s) in the registry" in lines[0]
        assert "duplicate id" in "\n".join(lines) and "(hint: fix the listed fields" in lines[-1]
        assert {line: chinese_left(line) for line in lines if chinese_left(line)} == {}


def test_lang_zh_overrides_an_english_config(broken, capsys):
    lines = failure(broken(ENGLISH_CONFIG), capsys, "validate", "--lang", "zh")
    assert lines[0].startswith("错误: ")
    assert {line: english_left(line) for line in lines if english_left(line)} == {}


def test_registry_import_says_its_refusal_in_the_runs_language(mini_project, tmp_path, capsys):
    from tests.test_cli_registry import seed  # the dashboard's first start

    config = mini_project()
    url = f"sqlite:///{tmp_path / 'v.db'}"
    seed(config, url)
    twice = tmp_path / "twice.yaml"  # refused before any record is checked
    twice.write_text(MISTAKES.replace("extra: []", ""), encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(twice.read_text(encoding="utf-8").replace(PLAN + "\n", "", 1), encoding="utf-8")
    unreadable = tmp_path / "sections.yaml"
    unreadable.write_text(MISTAKES, encoding="utf-8")
    for lang, left in (("zh", english_left), ("en", chinese_left)):
        arguments = ("--reason", "x", "--db", url, "--lang", lang)
        lines = failure(config, capsys, "registry", "import", str(bad), *arguments)
        assert lines[0] == ("错误: 登记册的修改被拒绝，未作任何修改：" if lang == "zh"
                            else "error: registry change refused, nothing was changed:")
        assert len(lines) > 10
        assert {line: left(line) for line in lines if left(line)} == {}
        lines = failure(config, capsys, "registry", "import", str(twice), *arguments)
        assert lines[1].startswith("  plan.id: " + ("编号重复" if lang == "zh" else "duplicate id"))
        assert {line: left(line) for line in lines if left(line)} == {}
        lines = failure(config, capsys, "registry", "import", str(unreadable), *arguments)
        assert lines[-1].endswith("（提示：未导入任何记录）" if lang == "zh" else "(hint: nothing was imported)")
        assert {line: left(line) for line in lines if left(line)} == {}


def test_a_successful_import_says_so_in_the_runs_language(mini_project, tmp_path, capsys):
    from tests.test_cli_registry import export, seed

    config = mini_project()
    url = f"sqlite:///{tmp_path / 'i.db'}"
    seed(config, url)
    (tmp_path / "same.yaml").write_text(export(config, url, capsys), encoding="utf-8")
    arguments = ["--config", str(config), "registry", "import", str(tmp_path / "same.yaml"),
                 "--reason", "同步", "--db", url]
    assert main(arguments) == 0
    assert capsys.readouterr().out.strip() == f"已导入 {tmp_path / 'same.yaml'}：新增 0 条，修改 0 条，未变 3 条"
    assert main([*arguments, "--lang", "en"]) == 0
    assert capsys.readouterr().out.strip() == f"imported {tmp_path / 'same.yaml'}: 0 added, 0 changed, 3 unchanged"


NEW_RECORD_CASES = [
    ("Input should be a valid dictionary or instance of Baseline", "应为键值对"),
    ("Input should be a valid list", "应为列表"),
    ("Input should be a valid tuple", "应为列表"),
    ("Input should be 'level', 'annual' or 'cumulative'", "应为以下之一：'level', 'annual' 或 'cumulative'"),
    ("duplicate id (first defined in the same file)", "编号重复（同一文件中已有此编号）"),
]
FILE_CASES = [
    ("YAML syntax error at line 3, column 9: mapping values are not allowed here",
     "YAML 语法错误（第 3 行第 9 列）：此处不能出现键值对（冒号后的值里还有冒号？）"),
    ("YAML syntax error at while scanning", "YAML 语法错误：while scanning"),
    ("unknown section (expected ['documents'])", "未知的部分（应为 ['documents'] 之一）"),
    ("must be a list of records", "应为记录的列表"),
    ("must hold a mapping at the top level", "顶层应为键值对"),
    ("is not UTF-8 text", "不是 UTF-8 文本"),
    ("cannot read: Permission denied", "无法读取：Permission denied"),
    ("no *.yaml registry files found", "没有找到 *.yaml 登记册文件"),
    ("Value error, slightly_behind must be below on_track", "slightly_behind 须小于 on_track"),
    ("Value error, regions: duplicate region code", "地区编码重复"),
]
YAML_CASES = [
    ("did not find expected key", "缺少应有的键"),
    ("did not find expected '-' indicator", "缺少列表项的“-”（缩进不一致？）"),
    ("did not find expected node content", "缺少值"),
    ("mapping values are not allowed here", "此处不能出现键值对（冒号后的值里还有冒号？）"),
    ("found character '\\t' that cannot start any token", "字符“\\t”不能出现在此处"),
    ("expected <block end>, but found '?'", "缩进不一致：此处出现了“?”"),
    ("expected ',' or ']', but got '<stream end>'", "应为“,”或“]”，却是“<stream end>”"),
    ("found undefined alias 'x'", "未定义的别名“x”"),
    ("found duplicate anchor 'a'; first occurrence", "重复的锚点“a”"),
    ("found unexpected end of stream", "文件意外结束（引号未闭合？）"),
    ("could not find expected ':'", "缺少“:”"),
]


@pytest.mark.parametrize(("english", "chinese"), NEW_RECORD_CASES)
def test_each_new_record_message_reads_in_chinese(english, chinese):
    assert message_zh(english) == chinese


@pytest.mark.parametrize(("english", "chinese"), FILE_CASES)
def test_each_file_problem_reads_in_chinese_and_stays_in_english(english, chinese):
    assert problem_message(english, "zh") == chinese
    assert problem_message(english, "en") == english


@pytest.mark.parametrize(("detail", "chinese"), YAML_CASES)
def test_each_yaml_detail_reads_in_chinese(detail, chinese):
    assert problem_message(f"YAML syntax error at line 1, column 2: {detail}", "zh") \
        == f"YAML 语法错误（第 1 行第 2 列）：{chinese}"


def test_every_case_is_tested():
    assert len(FILE_CASES) == len(FILE_PROBLEMS) and len(YAML_CASES) == len(YAML_DETAILS)
