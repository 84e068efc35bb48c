"""Issue 17, the command line: one-line errors, no accidental databases, what was stored.

Every failure is one line on stderr with a non-zero exit and no traceback; --db
never creates folders, never opens a file that is not SQLite, and a read-only
command never creates a database; a new SQLite file is private (0600); import
prints the counts the commit stored; stored text cannot drive the terminal.
"""

from __future__ import annotations

import csv
import io
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from indicators.cli import main
from indicators.store import ActualsStore
from tests.conftest import ROOT
from tests.store_fixtures import csv_bytes, dump_tables, make_project

GOOD = """
指标,地区,年份,数值,备注
hv_patents,CN,2021,7.5,初步数
pledge,全国,2021,2300,
"""


@pytest.fixture
def cli(tmp_path: Path, capsys):
    """run(*arguments) -> (exit code, stdout, stderr) through main() on the storage project."""
    make_project(tmp_path)
    config = str(tmp_path / "config.yaml")

    def run(*arguments: str) -> tuple[int, str, str]:
        code = main(["--config", config, *arguments])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


def db_url(path: Path) -> str:
    return f"sqlite:///{path}"


def data_file(tmp_path: Path, text: str = GOOD, name: str = "data.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(csv_bytes(text))
    return path


def one_line_error(code: int, err: str) -> None:
    assert code != 0
    assert len(err.splitlines()) == 1, err
    assert err.startswith("错误: ") and "Traceback" not in err  # issue 16: a Chinese run


def test_users_add_without_a_terminal_fails_in_one_line_and_creates_nothing(tmp_path: Path) -> None:
    make_project(tmp_path)
    database = tmp_path / "users.db"
    environment = {key: value for key, value in os.environ.items() if key != "TRACKER_USER_PASSWORD"}
    result = subprocess.run(
        [sys.executable, "-m", "indicators", "--config", str(tmp_path / "config.yaml"), "users", "add",
         "X", "--db", db_url(database)],
        cwd=ROOT, stdin=subprocess.DEVNULL, capture_output=True, text=True, encoding="utf-8",
        timeout=120, env=environment, start_new_session=True,  # no controlling terminal
    )
    one_line_error(result.returncode, result.stderr)
    assert "TRACKER_USER_PASSWORD" in result.stderr
    assert not database.exists()


def test_a_file_that_is_not_sqlite_is_refused_in_one_line(cli, tmp_path: Path) -> None:
    passwd = tmp_path / "passwd"
    passwd.write_text("root:x:0:0:root:/root:/bin/bash\n")
    code, _, err = cli("actuals", "--db", db_url(passwd))
    one_line_error(code, err)
    assert "不是 SQLite 数据库" in err
    assert passwd.read_text() == "root:x:0:0:root:/root:/bin/bash\n"


def test_an_unwritable_output_is_one_line(cli, tmp_path: Path) -> None:
    database = tmp_path / "audit.db"
    ActualsStore(db_url(database)).close()
    code, _, err = cli("audit", "--db", db_url(database), "-o", str(tmp_path))  # a folder
    one_line_error(code, err)
    assert err.startswith(f"错误: 无法写入 {tmp_path}")
    code, _, err = cli("actuals", "--db", db_url(database), "-o", str(tmp_path / "no" / "x.csv"))
    one_line_error(code, err)


def test_an_error_with_a_hint_is_one_line(cli, tmp_path: Path) -> None:
    code, _, err = cli("import", str(data_file(tmp_path)), "--db", db_url(tmp_path / "a.db"))
    assert code == 0
    code, _, err = cli("revert", "99", "--db", db_url(tmp_path / "a.db"))
    one_line_error(code, err)
    assert err.strip() == "错误: 没有第 99 次上传（提示：可用 `uploads` 列出上传记录）"


def test_a_mistyped_db_creates_no_folder_and_no_database(cli, tmp_path: Path) -> None:
    missing = tmp_path / "nonexistent" / "dir" / "x.db"
    for arguments in (["actuals"], ["uploads"], ["users", "list"], ["audit"],
                      ["import", str(data_file(tmp_path))]):
        code, _, err = cli(*arguments, "--db", db_url(missing))
        one_line_error(code, err)
        assert "所在的文件夹不存在" in err
    assert not (tmp_path / "nonexistent").exists()
    typo = tmp_path / "typo.db"
    for arguments in (["actuals"], ["uploads"], ["users", "list"], ["audit"]):
        code, _, err = cli(*arguments, "--db", db_url(typo))
        one_line_error(code, err)
        assert "处没有数据库" in err
    assert not typo.exists()


def test_a_new_sqlite_file_is_private(tmp_path: Path) -> None:
    database = tmp_path / "private.db"
    store = ActualsStore(db_url(database))
    store.current_actuals()
    store.close()
    for path in tmp_path.glob("private.db*"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_import_prints_what_was_stored(cli, tmp_path: Path, monkeypatch) -> None:
    """A concurrent import of the same file commits between this one's preview and commit."""
    url = db_url(tmp_path / "race.db")
    path = data_file(tmp_path)
    real_preview = ActualsStore.preview

    def preview_then_someone_else_commits(self, parsed):  # noqa: ANN001, ANN202
        preview = real_preview(self, parsed)
        self.commit(parsed, "other", parsed.file_name, parsed.sha256)
        return preview

    monkeypatch.setattr(ActualsStore, "preview", preview_then_someone_else_commits)
    code, out, _ = cli("import", str(path), "--db", url)
    assert code == 0
    assert out.strip() == "第 2 次上传：新增 0 行，修改 0 行，未变 2 行"


def test_import_refuses_values_far_off_the_stored_ones(cli, tmp_path: Path) -> None:
    url = db_url(tmp_path / "history.db")
    first = "指标,地区,年份,数值\ncopyrights,CN,2021,5000\n"
    assert cli("import", str(data_file(tmp_path, first)), "--db", url, "--lang", "en")[0] == 0
    before = dump_tables(ActualsStore(url))
    absurd = "指标,地区,年份,数值\ncopyrights,CN,2022,9e9\n"
    code, out, err = cli("import", str(data_file(tmp_path, absurd, "b.csv")), "--db", url, "--lang", "en")
    assert code == 1 and out == ""
    assert "9,000,000,000 (件) is more than 10 times off the stored values 5,000" in err
    assert err.splitlines()[-1] == "1 error(s); nothing was stored"
    assert dump_tables(ActualsStore(url)) == before


def test_stored_text_cannot_drive_the_terminal(cli, tmp_path: Path) -> None:
    url = db_url(tmp_path / "notes.db")
    assert cli("import", str(data_file(tmp_path)), "--db", url)[0] == 0
    # A note stored before uploads were screened, or through the note editor.
    ActualsStore(url).set_note("hv_patents", "CN", 2021, "\x1b[2J\x1b]0;owned\x07修订\u202e", "张三")
    code, out, _ = cli("actuals", "--db", url, "--format", "table")
    assert code == 0
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    assert "\\x1b[2J\\x1b]0;owned\\x07修订\\u202e" in out
    code, out, _ = cli("uploads", "--db", url)
    assert code == 0 and "<NA>" not in out and "NaN" not in out


def test_targets_csv_starts_no_formula(capsys) -> None:
    assert main(["targets", "--format", "csv"]) == 0
    cells = [cell for row in csv.reader(io.StringIO(capsys.readouterr().out)) for cell in row]
    assert not [cell for cell in cells if cell.startswith(("=", "+", "@"))]
    assert "'==" in cells


def test_report_messages_follow_the_language_asked_for(mini_project, tmp_path: Path, capsys) -> None:
    config = str(mini_project())
    url = db_url(tmp_path / "empty.db")
    ActualsStore(url).close()
    target = tmp_path / "report.csv"
    assert main(["--config", config, "report", "--db", url, "--lang", "zh", "-o", str(target)]) == 0
    assert capsys.readouterr().err.strip() == f"已写入 1 个目标（尚无实际值）：{target}"
    assert main(["--config", config, "report", "--db", url, "--lang", "en", "-o", str(target)]) == 0
    assert capsys.readouterr().err.strip() == f"wrote 1 targets with no actuals yet to {target}"
