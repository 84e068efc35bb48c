"""Issue 16, the command line in one language per run: the "error:" prefix, the store's and
cli.output's messages and `validate`'s ok line are Chinese by default, English with --lang en
or config.yaml's default_language en (indicators.cli.language)."""

from __future__ import annotations

from pathlib import Path

import pytest

from indicators.cli import main
from indicators.cli.language import ERROR_TEXTS, localised_error
from tests.store_fixtures import CONFIG, csv_bytes, make_project

GOOD = """
指标,地区,年份,数值,备注
hv_patents,CN,2021,7.5,初步数
"""
ENGLISH = CONFIG + "app:\n  default_language: en\n"


@pytest.fixture
def cli(tmp_path: Path, capsys):
    """run(config text)(*arguments) -> (exit code, stdout, stderr) on the storage project."""

    def project(config: str = CONFIG):
        folder = tmp_path / ("en" if config is ENGLISH else "zh")
        folder.mkdir(exist_ok=True)
        make_project(folder, config)
        url = f"sqlite:///{folder / 'a.db'}"

        def run(*arguments: str) -> tuple[int, str, str]:
            code = main(["--config", str(folder / "config.yaml"), *arguments, "--db", url])
            captured = capsys.readouterr()
            return code, captured.out, captured.err

        return run, folder

    return project


def imported(run, folder: Path) -> None:
    path = folder / "data.csv"
    path.write_bytes(csv_bytes(GOOD))
    assert run("import", str(path))[0] == 0


def test_a_chinese_run_says_the_error_and_its_hint_in_chinese(cli):
    run, folder = cli()
    imported(run, folder)
    code, _, err = run("revert", "99")
    assert code == 2
    assert err.strip() == "错误: 没有第 99 次上传（提示：可用 `uploads` 列出上传记录）"


def test_an_english_config_says_it_in_english(cli):
    run, folder = cli(ENGLISH)
    imported(run, folder)
    code, _, err = run("revert", "99")
    assert err.strip() == "error: there is no upload #99 (hint: list them with `uploads`)"


def test_lang_en_on_the_command_line_says_it_in_english(cli, tmp_path, capsys):
    _, folder = cli()
    passwd = tmp_path / "passwd"
    passwd.write_text("root:x:0:0\n")
    config, url = str(folder / "config.yaml"), f"sqlite:///{passwd}"
    assert main(["--config", config, "actuals", "--db", url]) == 2
    assert capsys.readouterr().err.strip() == f"错误: “{passwd}”不是 SQLite 数据库（提示：请检查 --db）"
    path = folder / "data.csv"
    path.write_bytes(csv_bytes(GOOD))
    assert main(["--config", config, "import", str(path), "--lang", "en", "--db", url]) == 2
    assert capsys.readouterr().err.strip() == f"error: '{passwd}' is not an SQLite database (hint: check --db)"


def test_a_twice_reverted_upload_and_note_errors_read_in_chinese(cli, capsys):
    run, folder = cli()
    imported(run, folder)
    assert run("revert", "1")[0] == 0
    assert run("revert", "1")[2].strip() == "错误: 第 1 次上传已被第 2 次撤销（提示：撤销第 2 次即可恢复）"
    assert run("note", "hv_patents", "CN", "2030", "x")[2].strip() == (
        "错误: 没有 hv_patents / CN / 2030 的已存数值（提示：请先上传该数值；备注只能加在已存的数值上）")


def test_validate_says_ok_in_the_runs_language(tmp_path, capsys):
    make_project(tmp_path)
    config = str(tmp_path / "config.yaml")
    assert main(["--config", config, "validate"]) == 0
    assert capsys.readouterr().out.startswith("通过：2 个规划文件、")
    assert main(["--config", config, "validate", "--lang", "en"]) == 0
    assert capsys.readouterr().out.startswith("ok: 2 documents, ")


def test_a_config_that_cannot_load_still_answers_in_chinese(tmp_path, capsys):
    assert main(["--config", str(tmp_path / "missing.yaml"), "validate"]) == 2
    assert capsys.readouterr().err.startswith("错误: ")


# Each English message of the layers below, as they raise it, and its Chinese.
CASES = [
    ("there is no upload #7", "没有第 7 次上传"),
    ("list them with `uploads`", "可用 `uploads` 列出上传记录"),
    ("upload #3 was already reverted by #5", "第 3 次上传已被第 5 次撤销"),
    ("revert #5 to restore it", "撤销第 5 次即可恢复"),
    ("cannot revert #3: upload #4 has been reverted or restored by a later revert",
     "无法撤销第 3 次上传：第 4 次上传已被之后的撤销撤销或恢复"),
    ("revert that later revert instead", "请改为撤销那次之后的撤销"),
    ("upload #3 was made by '王芳'; only its author or an administrator may revert it",
     "第 3 次上传由“王芳”提交；只有提交者或管理员可以撤销"),
    ("the note has 1200 characters; at most 1000 are kept", "备注有 1200 个字符，最多保留 1000 个"),
    ("shorten it, or put the full explanation in the method notes", "请缩短，或把完整说明写入方法说明"),
    ("there is no stored value for a / CN / 2021", "没有 a / CN / 2021 的已存数值"),
    ("upload the value first; a note can only be set on a value that is stored",
     "请先上传该数值；备注只能加在已存的数值上"),
    ("the note of a / CN / 2021 is already 'x'; nothing was changed",
     "a / CN / 2021 的备注已是“x”，未作修改"),
    ("upload rejected: 2 error(s)", "上传被拒绝：2 个错误"),
    ("fix the file and upload it again; nothing was stored", "请修改文件后重新上传；未保存任何数据"),
    ("database URL 'x://' is not a valid SQLAlchemy URL", "数据库地址“x://”不是有效的 SQLAlchemy URL"),
    ("use sqlite:///data/tracker.db or postgresql+psycopg://user:pass@host/db",
     "请使用 sqlite:///data/tracker.db 或 postgresql+psycopg://user:pass@host/db"),
    ("no driver for 'mysql': boom", "没有“mysql”的数据库驱动：boom"),
    ("cannot create the database file /x/a.db: Permission denied", "无法创建数据库文件 /x/a.db：Permission denied"),
    ("cannot open the database sqlite:///a.db: locked", "无法打开数据库 sqlite:///a.db：locked"),
    ("check DATABASE_URL / --db and that the database server is running",
     "请检查 DATABASE_URL / --db，以及数据库服务器是否在运行"),
    ("cannot write /tmp/x: Is a directory", "无法写入 /tmp/x：Is a directory"),
    ("the folder of the database '/a/b.db' does not exist", "数据库“/a/b.db”所在的文件夹不存在"),
    ("check --db; it never creates folders", "请检查 --db；它不会创建文件夹"),
    ("there is no database at '/a/b.db'", "“/a/b.db”处没有数据库"),
    ("check --db; a command that only reads never creates one", "请检查 --db；只读的命令不会创建数据库"),
    ("cannot read the database '/a/b.db': Permission denied", "无法读取数据库“/a/b.db”：Permission denied"),
    ("'/etc/passwd' is not an SQLite database", "“/etc/passwd”不是 SQLite 数据库"),
    ("check --db", "请检查 --db"),
    ("the database holds no registry yet", "数据库中还没有登记册"),
    ("it is seeded from the YAML folder when the dashboard first starts",
     "仪表板首次启动时会从 YAML 文件夹载入"),
    ("3 problem(s) in the registry:\n  main.yaml: x", "登记册中有 3 个问题：\n  main.yaml: x"),
    ("cannot read a.csv: No such file or directory", "无法读取 a.csv：No such file or directory"),
    ("cannot read a.yaml: no such file", "无法读取 a.yaml：没有该文件"),
    ("fix the listed fields and run `python -m indicators validate --db`",
     "请修改所列字段后运行 `python -m indicators validate --db`"),
    ("nothing was imported", "未导入任何记录"),
    ("nothing was changed; fix the listed fields", "未作任何修改；请修改所列字段"),
    ("no terminal to type the password in; nothing was changed", "没有可输入密码的终端；未作任何修改"),
    ("run it in a terminal, or set TRACKER_USER_PASSWORD", "请在终端中运行，或设置 TRACKER_USER_PASSWORD"),
    ("the two passwords differ; nothing was changed", "两次输入的密码不一致；未作任何修改"),
    ("a password needs 12 to 128 characters", "密码需要 12 到 128 个字符"),
    ("there is already a user '王芳'", "已有用户“王芳”"),
    ("pick another name, or use set-role / enable", "请换一个名称，或使用 set-role / enable"),
    ("there is no user 'x'", "没有用户“x”"),
    ("list them with `users list`", "可用 `users list` 列出用户"),
    ("'admin' is the last enabled administrator", "“admin”是最后一个启用的管理员"),
    ("make another user admin first", "请先把另一位用户设为管理员"),
    ("unknown role 'boss'", "未知的角色“boss”"),
    ("use one of: viewer, editor, admin", "可用：viewer, editor, admin"),
]


@pytest.mark.parametrize(("english", "chinese"), CASES)
def test_each_message_reads_in_chinese_and_stays_in_english(english, chinese):
    assert localised_error(english, "zh") == chinese
    assert localised_error(english, "en") == english


def test_every_rule_has_a_case_and_an_unknown_message_stays_as_written():
    matched = {pattern for pattern, _ in ERROR_TEXTS for english, _ in CASES
               if localised_error(english, "zh") != english and _matches(pattern, english)}
    assert matched == {pattern for pattern, _ in ERROR_TEXTS}
    assert localised_error("something new went wrong", "zh") == "something new went wrong"


def _matches(pattern: str, text: str) -> bool:
    import re

    return re.fullmatch(pattern, text.partition("\n")[0]) is not None
