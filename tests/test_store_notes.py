"""Changing a stored value's note: ActualsStore.set_note, revision 0003 and the `note` command.

On SQLite, and on PostgreSQL when TEST_DATABASE_URL is set.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.config import Config

from indicators.accounts import PermissionDenied
from indicators.cli import actuals as cli_actuals
from indicators.cli import main
from indicators.store import (
    ActualsStore,
    NoteTooLong,
    NoteUnchanged,
    StoreError,
    UnknownValue,
    list_audit,
)
from indicators.store.schema import MIGRATIONS_DIR, WRITE_OPTION, upgrade_to_head, uploads
from tests.store_fixtures import csv_bytes, dump_tables, make_project, parse

FIRST = """
指标,地区,年份,数值,备注
hv_patents,CN,2021,7.5,
hv_patents,CN,2022,9.4,初步数
pledge,CN,2021,2300,
"""
CENSUS = "第五次经济普查后修订"


def upload(store: ActualsStore, project, text: str = FIRST, user: str = "王芳",  # noqa: ANN001
           is_sample: bool = False) -> int:
    parsed = parse(csv_bytes(text), "a.csv", project)
    assert parsed.ok, parsed.errors
    return store.commit(parsed, user, "a.csv", parsed.sha256, is_sample=is_sample)


def value_and_note(store: ActualsStore, indicator_id: str, region: str, year: int) -> tuple:
    frame = store.current_actuals().set_index(["indicator_id", "region", "year"])
    row = frame.loc[(indicator_id, region, year)]
    return float(row["value"]), row["note"], int(row["upload_id"])


def test_a_note_change_is_a_new_version_with_the_same_value(store: ActualsStore, project) -> None:
    first = upload(store, project)
    note_id = store.set_note("hv_patents", "CN", 2022, CENSUS, user="李四")
    assert note_id == first + 1
    assert value_and_note(store, "hv_patents", "CN", 2022) == (9.4, CENSUS, note_id)
    assert value_and_note(store, "hv_patents", "CN", 2021) == (7.5, "", first)  # others untouched
    versions = store.versions("hv_patents", "CN")
    kept = versions[versions["year"] == 2022]
    assert kept[["value", "note", "upload_id", "active"]].values.tolist() == [
        [9.4, "初步数", first, True], [9.4, CENSUS, note_id, True]]
    row = store.uploads().set_index("id").loc[note_id]
    assert (row["kind"], row["user"], row["file_name"], row["rows_total"], row["changed"],
            row["added"], row["is_sample"]) == ("note", "李四", "", 1, 1, 0, False)
    [change] = store.upload_rows(note_id).to_dict("records")
    assert (change["old_value"], change["new_value"], change["old_note"], change["new_note"],
            change["action"]) == (9.4, 9.4, "初步数", CENSUS, "changed")
    assert store.data_version() == 2


def test_the_note_change_is_audited_in_the_same_transaction(store: ActualsStore, project) -> None:
    upload(store, project)
    note_id = store.set_note("hv_patents", "CN", 2022, CENSUS, user="李四")
    [row] = list_audit(store, action="note").to_dict("records")
    assert (row["user"], row["target"], row["rows_total"], row["changed"]) == (
        "李四", str(note_id), 1, 1)
    assert json.loads(row["detail"]) == {"indicator_id": "hv_patents", "region": "CN", "year": 2022,
                                         "old_note": "初步数", "new_note": CENSUS}


def test_reverting_a_note_change_restores_the_old_note(store: ActualsStore, project) -> None:
    first = upload(store, project)
    note_id = store.set_note("hv_patents", "CN", 2022, CENSUS, user="李四")
    revert_id = store.revert(note_id, user="李四")
    assert value_and_note(store, "hv_patents", "CN", 2022) == (9.4, "初步数", first)
    [change] = store.upload_rows(revert_id).to_dict("records")
    assert (change["old_note"], change["new_note"], change["action"]) == (CENSUS, "初步数", "changed")
    assert store.data_version() == 3
    store.revert(revert_id, user="李四")  # and back again
    assert value_and_note(store, "hv_patents", "CN", 2022) == (9.4, CENSUS, note_id)


def test_an_editor_may_revert_only_their_own_note_change(store: ActualsStore, project) -> None:
    upload(store, project)
    note_id = store.set_note("hv_patents", "CN", 2022, CENSUS, user="李四")
    with pytest.raises(PermissionDenied):
        store.revert(note_id, user="王芳", owner_only=True)
    store.revert(note_id, user="李四", owner_only=True)


def test_a_value_that_is_not_stored_gets_no_note(store: ActualsStore, project) -> None:
    first = upload(store, project)
    before = dump_tables(store)
    for key in (("hv_patents", "CN", 2030), ("hv_patents", "CN-CQ", 2022), ("nonsense", "CN", 2021)):
        with pytest.raises(UnknownValue, match="no stored value"):
            store.set_note(*key, CENSUS, user="李四")
    assert dump_tables(store) == before
    store.revert(first, user="王芳")  # a reverted value is no longer stored either
    with pytest.raises(UnknownValue):
        store.set_note("hv_patents", "CN", 2022, CENSUS, user="李四")
    assert issubclass(UnknownValue, StoreError)


def test_the_same_note_again_is_refused_and_writes_nothing(store: ActualsStore, project) -> None:
    upload(store, project)
    before = dump_tables(store)
    for same in ("初步数", "  初步数 "):  # cleaned like a note in a file
        with pytest.raises(NoteUnchanged):
            store.set_note("hv_patents", "CN", 2022, same, user="李四")
    with pytest.raises(NoteUnchanged):
        store.set_note("hv_patents", "CN", 2021, "", user="李四")
    assert dump_tables(store) == before
    assert store.data_version() == 1


def test_notes_are_cleaned_can_be_cleared_and_have_a_limit(store: ActualsStore, project) -> None:
    upload(store, project)
    store.set_note("hv_patents", "CN", 2022, " （口径调整） ", user="李四")
    assert value_and_note(store, "hv_patents", "CN", 2022)[1] == "(口径调整)"  # NFKC, trimmed
    store.set_note("hv_patents", "CN", 2022, "", user="李四")
    assert value_and_note(store, "hv_patents", "CN", 2022)[1] == ""
    with pytest.raises(NoteTooLong):
        store.set_note("hv_patents", "CN", 2022, "长" * 1001, user="李四")


def test_uploads_after_a_note_change_treat_it_as_the_stored_note(store: ActualsStore, project) -> None:
    upload(store, project)
    store.set_note("hv_patents", "CN", 2022, CENSUS, user="李四")
    without_notes = "指标,地区,年份,数值\nhv_patents,CN,2022,9.4\n"
    preview = store.preview(parse(csv_bytes(without_notes), "b.csv", project))
    assert preview.rows["action"].tolist() == ["unchanged"]  # the file has no note column
    upload(store, project, "指标,地区,年份,数值,备注\nhv_patents,CN,2022,9.5,快报\n")
    assert value_and_note(store, "hv_patents", "CN", 2022)[:2] == (9.5, "快报")


def test_a_note_on_a_sample_value_keeps_it_marked_as_sample(store: ActualsStore, project) -> None:
    upload(store, project, user="sample", is_sample=True)
    note_id = store.set_note("pledge", "CN", 2021, "示例", user="李四")
    assert bool(store.uploads().set_index("id").loc[note_id, "is_sample"])
    assert store.sample_in_use()


# revision 0003


def migrate(store: ActualsStore, revision: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with store.engine.connect() as connection:
        connection.execution_options(**{WRITE_OPTION: True})
        with connection.begin():
            config.attributes["connection"] = connection
            command.downgrade(config, revision)


def insert_upload(store: ActualsStore, kind: str) -> None:
    """Try to store an upload of this kind; the transaction is rolled back either way."""
    with store.engine.connect() as connection, connection.begin() as transaction:
        connection.execute(uploads.insert().values(
            user_name="x", created_at=dt.datetime.now(dt.UTC), file_name="", sha256="", kind=kind,
            rows_total=0, added=0, changed=0, unchanged=0, removed=0, note="", is_sample=False))
        transaction.rollback()


def upgrade(store: ActualsStore, revision: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with store.engine.connect() as connection:
        connection.execution_options(**{WRITE_OPTION: True})
        with connection.begin():
            config.attributes["connection"] = connection
            command.upgrade(config, revision)


def test_revision_0003_keeps_every_row_and_allows_note_uploads(store: ActualsStore, project) -> None:
    # The rows are stored by today's code, then taken back to 0002 (0004 and 0003 are undone).
    first = upload(store, project)
    upload(store, project, "指标,地区,年份,数值,备注\nhv_patents,CN,2022,9.6,修订\n")
    store.revert(store.revert(first, user="王芳"), user="王芳")  # a chain of self-references
    migrate(store, "0002_users_audit")
    with pytest.raises(sa.exc.IntegrityError):
        insert_upload(store, "note")
    before = dump_tables(store)
    upgrade(store, "0003_note_uploads")
    after = dump_tables(store)
    assert after.pop("alembic_version") == [("0003_note_uploads",)]
    before.pop("alembic_version")
    assert after == before
    insert_upload(store, "note")
    with pytest.raises(sa.exc.IntegrityError):
        insert_upload(store, "bogus")
    with store.engine.connect() as connection, pytest.raises(sa.exc.IntegrityError):
        connection.execute(sa.text(  # foreign keys still hold on the rebuilt table
            "INSERT INTO upload_rows (upload_id, indicator_id, region, year, action) "
            "VALUES (999, 'x', 'CN', 2021, 'added')"))
    upgrade_to_head(store.engine)
    store.set_note("hv_patents", "CN", 2022, CENSUS, user="李四")
    with pytest.raises(RuntimeError, match="note uploads"):
        migrate(store, "0002_users_audit")


def test_sqlite_constraint_names_after_0003(tmp_path: Path) -> None:
    store = ActualsStore("sqlite:///m.db", root=tmp_path)
    with store.engine.connect() as connection:
        ddl = connection.execute(sa.text("SELECT sql FROM sqlite_master WHERE name = 'uploads'")).scalar()
        assert connection.execute(sa.text("PRAGMA foreign_key_check")).all() == []
    assert "CONSTRAINT ck_uploads_kind CHECK (kind IN ('upload', 'revert', 'note'))" in ddl
    assert "REFERENCES uploads (id)" in ddl and "uploads_new" not in ddl
    store.close()


# the `note` command


def run_note(project, db: str, *words: str, user: str = "tester") -> int:  # noqa: ANN001
    settings, registry = project
    parser = argparse.ArgumentParser()
    cli_actuals.add_commands(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["note", *words, "--db", db, "--user", user])
    return args.handler(args, settings, registry)


def test_note_command_accepts_labels_and_prints_the_upload(project, tmp_path: Path, capsys) -> None:
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    upload(ActualsStore(db), project)
    assert run_note(project, db, "高价值发明专利拥有量", "全国", "2022", CENSUS, user="李四") == 0
    assert capsys.readouterr().out.strip() == (  # issue 16: config.yaml's language, Chinese
        "已修改 hv_patents CN 2022 的备注，记为第 2 次上传（可用 `revert 2` 撤销）")
    store = ActualsStore(db)
    assert value_and_note(store, "hv_patents", "CN", 2022) == (9.4, CENSUS, 2)
    assert store.uploads().loc[0, "user"] == "李四"


def test_note_command_refusals_exit_2_and_change_nothing(tmp_path: Path, capsys) -> None:
    project = make_project(tmp_path)
    config = str(tmp_path / "config.yaml")
    db = f"sqlite:///{tmp_path / 'main.db'}"
    upload(ActualsStore(db), project)
    before = dump_tables(ActualsStore(db))
    capsys.readouterr()
    for words, message in (
        (["nonsense", "CN", "2022", "x"], "未知的指标“nonsense”"),
        (["hv_patents", "火星", "2022", "x"], "未知的地区“火星”"),
        (["hv_patents", "CN", "2030", "x"], "没有 hv_patents / CN / 2030 的已存数值"),
        (["hv_patents", "CN", "2022", "初步数"], "的备注已是“初步数”"),
    ):
        assert main(["--config", config, "note", *words, "--db", db]) == 2
        assert message in capsys.readouterr().err
    assert dump_tables(ActualsStore(db)) == before
