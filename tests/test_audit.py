"""The audit log: a row for every change, in the change's own transaction, never edited."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa

from indicators.accounts import PermissionDenied, add_user, disable_user, set_role
from indicators.cli import main
from indicators.exports import audit_csv, audit_table
from indicators.store import ActualsStore, AuditError, UploadRejected, list_audit, record
from indicators.store import actuals as store_module
from indicators.store.schema import audit_log
from tests.store_fixtures import csv_bytes, dump_tables, parse

ROOT = Path(__file__).resolve().parent.parent
FIRST = """
指标,地区,年份,数值,备注
hv_patents,CN,2021,7.5,
pledge,CN,2021,2300,
"""
SECOND = """
指标,地区,年份,数值,备注
hv_patents,CN,2021,7.9,修订
hv_patents,CN,2022,8.4,
pledge,CN,2021,2300,
"""
BAD = """
指标,地区,年份,数值
hv_patents,CN,2021,abc
"""
COLUMNS = ["user", "action", "target", "rows_total", "added", "changed", "unchanged", "removed"]


def commit(store: ActualsStore, project, text: str, user: str = "张三") -> int:
    parsed = parse(csv_bytes(text), "data.csv", project)
    return store.commit(parsed, user=user, file_name="data.csv", sha256=parsed.sha256)


def test_commit_and_revert_write_who_what_and_counts(store, project) -> None:
    first = commit(store, project, FIRST)
    second = commit(store, project, SECOND, user="李四")
    revert_id = store.revert(second, user="王五")
    audit = list_audit(store)
    assert audit[COLUMNS].values.tolist() == [
        ["王五", "revert", str(second), 3, 0, 1, 1, 1],   # 7.9 back to 7.5, 2022 removed
        ["李四", "commit", str(second), 3, 1, 1, 1, 0],
        ["张三", "commit", str(first), 2, 2, 0, 0, 0],
    ]
    assert json.loads(audit.loc[0, "detail"])["revert_upload_id"] == revert_id
    detail = json.loads(audit.loc[2, "detail"])
    assert (detail["file_name"], detail["is_sample"]) == ("data.csv", False)
    assert audit["at"].dt.tz is not None and audit["at"].is_monotonic_decreasing


def test_user_changes_are_audited_without_passwords(store) -> None:
    add_user(store, "ann", "secret password", "viewer", actor="cli:root")
    set_role(store, "ann", "editor", actor="boss")
    disable_user(store, "ann", actor="boss")
    audit = list_audit(store)
    assert audit[["user", "action", "target"]].values.tolist() == [
        ["boss", "user_disable", "ann"], ["boss", "user_role", "ann"],
        ["cli:root", "user_add", "ann"]]
    assert json.loads(audit.loc[1, "detail"]) == {"from": "viewer", "to": "editor"}
    assert "secret password" not in audit.to_csv()


def test_a_commit_that_fails_after_its_audit_row_leaves_nothing(store, project, monkeypatch) -> None:
    commit(store, project, FIRST)
    before = dump_tables(store)

    def record_then_fail(connection, **kwargs):  # noqa: ANN001, ANN003
        record(connection, **kwargs)
        raise RuntimeError("disk full")

    monkeypatch.setattr(store_module, "record", record_then_fail)
    with pytest.raises(RuntimeError):
        commit(store, project, SECOND)
    with pytest.raises(RuntimeError):
        store.revert(1, user="王五")
    assert dump_tables(store) == before  # neither the change nor its audit row


def test_a_rejected_file_writes_no_audit_row(store, project) -> None:
    with pytest.raises(UploadRejected):
        store.commit(parse(csv_bytes(BAD), "bad.csv", project), user="x", file_name="bad.csv",
                     sha256="0" * 64)
    assert list_audit(store).empty


def test_an_editor_may_revert_only_their_own_upload(store, project) -> None:
    theirs = commit(store, project, FIRST, user="张三")
    before = dump_tables(store)
    with pytest.raises(PermissionDenied):
        store.revert(theirs, user="李四", owner_only=True)
    assert dump_tables(store) == before
    store.revert(theirs, user="张三", owner_only=True)
    assert list_audit(store)["action"].tolist() == ["revert", "commit"]


def test_the_database_refuses_to_update_or_delete_audit_rows(store) -> None:
    add_user(store, "ann", "secret password")
    with store.engine.connect() as connection:
        for statement in (sa.update(audit_log).values(user_name="nobody"), sa.delete(audit_log)):
            with pytest.raises(sa.exc.DatabaseError, match="append-only"), connection.begin():
                connection.execute(statement)
    assert list_audit(store)["user"].tolist() == ["cli"]


def test_no_code_path_updates_or_deletes_audit_rows() -> None:
    # Every module of the three packages, at any depth (the migrations create the triggers).
    sources = [ROOT / "app.py", *ROOT.glob("indicators/**/*.py"), *ROOT.glob("callbacks/**/*.py"),
               *ROOT.glob("layouts/**/*.py")]
    sources = [path for path in sources if "migrations" not in path.parts]
    assert len(sources) > 60
    forbidden = ("update(audit_log", "delete(audit_log", "audit_log.update", "audit_log.delete",
                 "UPDATE audit_log", "DELETE FROM audit_log")
    offenders = [(path.name, word) for path in sources for word in forbidden
                 if word in path.read_text(encoding="utf-8")]
    assert offenders == []


def test_unknown_actions_are_refused(store) -> None:
    with pytest.raises(AuditError), store.engine.begin() as connection:
        record(connection, user="x", action="delete_everything")
    assert list_audit(store).empty


def test_audit_csv_is_excel_safe_and_chinese(store) -> None:
    add_user(store, "=HYPERLINK(1)", "secret password", actor="@evil")
    data = audit_csv(list_audit(store), "zh")
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0] == "编号,时间（北京时间）,用户,操作,对象,行数,新增,修改,未变,删除,详情"
    cells = lines[1].split(",")
    # A user change moves no rows: its counts are blank, not zero.
    assert (cells[0], cells[2], cells[3], cells[4], cells[5]) == (
        "1", "'@evil", "新增用户", "'=HYPERLINK(1)", "")
    english = audit_csv(list_audit(store), "en").decode("utf-8-sig").splitlines()
    assert english[0] == ("ID,Time (Beijing),User,Action,Target,Rows,Added,Changed,Unchanged,"
                          "Removed,Detail")
    assert english[1].split(",")[3] == "User added"


def test_list_audit_filters_by_action_and_limits(store) -> None:
    for name in ("a1", "a2", "a3"):
        add_user(store, name, "secret password")
    set_role(store, "a1", "editor")
    assert list_audit(store, action="user_add")["target"].tolist() == ["a3", "a2", "a1"]
    assert list_audit(store, limit=2)["action"].tolist() == ["user_role", "user_add"]


def test_audit_command_writes_csv(tmp_path: Path, project, capsys) -> None:
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    add_user(ActualsStore(db), "ann", "secret password", actor="cli:root")
    config = str(tmp_path / "config.yaml")
    assert main(["--config", config, "audit", "--db", db, "--format", "csv"]) == 0
    # Issue 16: Chinese unless --lang (or config.yaml) says otherwise.
    assert capsys.readouterr().out.startswith("编号,时间（北京时间）,用户,操作,对象")
    assert main(["--config", config, "audit", "--db", db, "--format", "csv", "--lang", "en"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("ID,Time (Beijing),User,Action,Target")
    assert lines[1].split(",")[2:5] == ["cli:root", "User added", "ann"]
    output = tmp_path / "audit.csv"
    assert main(["--config", config, "audit", "--db", db, "-o", str(output), "--lang", "zh"]) == 0
    assert output.read_bytes().startswith(b"\xef\xbb\xbf")


def test_audit_table_shows_beijing_time_words_and_counts_only_for_row_changes() -> None:
    frame = pd.read_csv(io.StringIO(
        "id,at,user,action,target,rows_total,added,changed,unchanged,removed,detail\n"
        "1,2025-12-31 16:30:05,王芳,commit,2,3,1,1,1,0,\n"
        "2,2026-01-01 01:00:00,admin,login,admin,0,0,0,0,0,\n"
        "3,2026-01-01 02:00:00,admin,mystery_action,x,0,0,0,0,0,\n"), parse_dates=["at"])
    chinese = audit_table(frame, "zh")
    assert chinese["时间（北京时间）"].tolist() == [
        "2026-01-01 00:30:05", "2026-01-01 09:00:00", "2026-01-01 10:00:00"]
    assert chinese["操作"].tolist() == ["提交上传", "登录", "mystery_action"]
    assert chinese["行数"].tolist()[0] == 3 and chinese["行数"].isna().tolist() == [False, True, True]
    english = audit_table(frame, "en")
    assert english["Action"].tolist() == ["Upload committed", "Login", "mystery_action"]
    assert english["Added"].tolist()[0] == 1 and english["Added"].isna().tolist()[1:] == [True, True]
