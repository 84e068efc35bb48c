"""The actuals store on SQLite, and on PostgreSQL when TEST_DATABASE_URL is set."""

from __future__ import annotations

import io
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from indicators.store import (
    ActualsStore,
    AlreadyReverted,
    StoreError,
    UnknownUpload,
    UploadRejected,
    load_sample_if_empty,
)
from indicators.store import queries as store_queries
from indicators.store.schema import MIGRATIONS_DIR, database_url, metadata
from tests.store_fixtures import (
    CONFIG,
    codes,
    csv_bytes,
    dump_tables,
    make_project,
    parse,
)

FIRST = """
指标,地区,年份,数值,备注
hv_patents,CN,2021,7.5,
hv_patents,CN,2022,9.4,初步数
pledge,CN,2021,2300,
"""
SECOND = """
指标,地区,年份,数值,备注
hv_patents,CN,2022,9.6,修订
hv_patents,CN,2023,10.8,
pledge,CN,2021,2300,
"""


def upload(store: ActualsStore, project, text: str, name: str = "a.csv", user: str = "王芳") -> int:  # noqa: ANN001
    parsed = parse(csv_bytes(text), name, project)
    assert parsed.ok, parsed.errors
    return store.commit(parsed, user, name, parsed.sha256)


def current(store: ActualsStore) -> list[tuple]:
    return [tuple(row) for row in store.current_actuals().itertuples(index=False)]


def migration_head() -> str:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return ScriptDirectory.from_config(config).get_current_head()


def test_fresh_store_is_at_head_and_matches_the_tables(store: ActualsStore) -> None:
    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, metadata) == []
        assert context.get_current_revision() == migration_head()
    assert store.is_empty()
    assert store.data_version() == 0
    frame = store.current_actuals()
    assert list(frame.columns) == ["indicator_id", "region", "year", "value", "note", "upload_id"]
    assert frame.empty


def test_default_sqlite_file_lives_under_the_root(tmp_path: Path) -> None:
    store = ActualsStore("sqlite:///data/tracker.db", root=tmp_path)
    ActualsStore("sqlite:///data/tracker.db", root=tmp_path).close()  # reopening migrates nothing
    assert (tmp_path / "data" / "tracker.db").is_file()
    assert store.is_empty()
    store.close()


def test_database_urls() -> None:
    root = Path("/srv/app")
    assert database_url("sqlite:///data/t.db", root).database == "/srv/app/data/t.db"
    assert database_url("sqlite:////abs/t.db", root).database == "/abs/t.db"
    assert database_url("postgres://u:p@h/db", root).drivername == "postgresql+psycopg"
    assert database_url("postgresql+psycopg://u@h/db", root).drivername == "postgresql+psycopg"


def test_commit_stores_every_row_with_provenance(store: ActualsStore, project) -> None:
    upload_id = upload(store, project, FIRST)
    assert current(store) == [
        ("hv_patents", "CN", 2021, 7.5, "", upload_id),
        ("hv_patents", "CN", 2022, 9.4, "初步数", upload_id),
        ("pledge", "CN", 2021, 2300.0, "", upload_id),
    ]
    frame = store.current_actuals()
    assert frame["year"].dtype == "int64" and frame["value"].dtype == "float64"
    [row] = store.uploads().to_dict("records")
    assert (row["user"], row["file_name"], row["kind"], row["rows_total"], row["added"]) == (
        "王芳", "a.csv", "upload", 3, 3)
    assert row["created_at"].tzinfo is not None
    assert not row["reverted"] and not row["is_sample"]
    assert len(row["sha256"]) == 64
    assert store.data_version() == 1
    assert not store.is_empty()


def test_preview_compares_with_what_is_stored_and_writes_nothing(store: ActualsStore, project) -> None:
    upload(store, project, FIRST)
    before = dump_tables(store)
    preview = store.preview(parse(csv_bytes(SECOND), "b.csv", project))
    assert (preview.added, preview.changed, preview.unchanged, preview.rows_total) == (1, 1, 1, 3)
    expected = pd.read_csv(io.StringIO(
        "indicator_id,region,year,old_value,new_value,old_note,new_note,action\n"
        "hv_patents,CN,2022,9.4,9.6,初步数,修订,changed\n"
        "hv_patents,CN,2023,,10.8,,,added\n"
        "pledge,CN,2021,2300,2300,,,unchanged\n"
    ), keep_default_na=False, na_values={"old_value": [""], "old_note": []})
    got = preview.rows[expected.columns].copy()
    got["old_note"] = got["old_note"].fillna("")
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)
    assert dump_tables(store) == before


def test_preview_warns_about_jumps_against_stored_values(store: ActualsStore, project) -> None:
    upload(store, project, FIRST)
    parsed = parse(csv_bytes("指标,地区,年份,数值\nhv_patents,CN,2023,15\nhv_patents,CN,2020,3\n"), "b.csv", project)
    preview = store.preview(parsed)
    jumps = [w for w in preview.warnings if w.code == "jump"]
    # 2023: 15 vs 9.4 in 2022 (+60 %); 2020: 3 -> 7.5 in 2021 (+150 %)
    assert [(w.row, w.column) for w in jumps] == [(2, "D"), (3, "D")]
    assert jumps[0].message == "数值 15 比 2022 年的 9.4 变化 +60%，请核对"
    assert "+150%" in jumps[1].message


def test_preview_warns_when_the_same_file_was_imported(store: ActualsStore, project) -> None:
    upload(store, project, FIRST)
    preview = store.preview(parse(csv_bytes(FIRST), "again.csv", project))
    assert "already_uploaded" in codes(preview.warnings)
    assert preview.unchanged == 3


def test_rejected_upload_leaves_every_table_unchanged(store: ActualsStore, project) -> None:
    upload(store, project, FIRST)
    before = dump_tables(store)
    bad = parse(csv_bytes(SECOND + "hv_patents,CN,2024,abc,\n"), "bad.csv", project)
    with pytest.raises(UploadRejected) as caught:
        store.commit(bad, "王芳", "bad.csv", bad.sha256)
    assert codes(caught.value.issues) == ["bad_value"]
    assert dump_tables(store) == before


def test_failure_half_way_rolls_the_whole_commit_back(store: ActualsStore, project, monkeypatch) -> None:
    upload(store, project, FIRST)
    before = dump_tables(store)
    real_insert = store_queries.insert_rows
    calls = []

    def insert_then_fail(connection, table, frame, upload_id):  # noqa: ANN001, ANN202
        real_insert(connection, table, frame, upload_id)
        calls.append(table.name)
        if table.name == "upload_rows":
            raise RuntimeError("disk full")

    monkeypatch.setattr("indicators.store.actuals.insert_rows", insert_then_fail)
    parsed = parse(csv_bytes(SECOND), "b.csv", project)
    with pytest.raises(RuntimeError):
        store.commit(parsed, "王芳", "b.csv", parsed.sha256)
    assert calls == ["actual_versions", "upload_rows"]  # the versions were written, then undone
    assert dump_tables(store) == before


def test_file_without_note_column_keeps_stored_notes(store: ActualsStore, project) -> None:
    upload(store, project, FIRST)
    upload(store, project, "指标,地区,年份,数值\nhv_patents,CN,2022,9.5\n")
    assert store.current_actuals().set_index("year").loc[2022, "note"] == "初步数"
    upload(store, project, "指标,地区,年份,数值,备注\nhv_patents,CN,2022,9.5,\n")
    assert store.current_actuals().set_index("year").loc[2022, "note"] == ""


def test_revert_restores_what_was_there_before(store: ActualsStore, project) -> None:
    first = upload(store, project, FIRST)
    second = upload(store, project, SECOND, "b.csv")
    assert store.data_version() == 2
    revert_id = store.revert(second, "李雷")
    assert store.data_version() == 3
    assert current(store) == [
        ("hv_patents", "CN", 2021, 7.5, "", first),
        ("hv_patents", "CN", 2022, 9.4, "初步数", first),
        ("pledge", "CN", 2021, 2300.0, "", first),
    ]
    rows = store.upload_rows(revert_id).fillna({"new_value": -1.0})
    assert rows[["indicator_id", "year", "old_value", "new_value", "action"]].values.tolist() == [
        ["hv_patents", 2022, 9.6, 9.4, "changed"],
        ["hv_patents", 2023, 10.8, -1.0, "removed"],
        ["pledge", 2021, 2300.0, 2300.0, "unchanged"],
    ]
    listed = store.uploads().set_index("id")
    assert listed.loc[revert_id, "kind"] == "revert"
    assert listed.loc[revert_id, "reverts_upload_id"] == second
    assert listed.loc[second, "reverted"] and listed.loc[second, "reverted_by_upload_id"] == revert_id
    assert (listed.loc[revert_id, "changed"], listed.loc[revert_id, "removed"]) == (1, 1)


def test_nothing_is_deleted_by_a_revert(store: ActualsStore, project) -> None:
    upload(store, project, FIRST)
    second = upload(store, project, SECOND, "b.csv")
    before = dump_tables(store)
    store.revert(second, "李雷")
    after = dump_tables(store)
    assert set(before["actual_versions"]) <= set(after["actual_versions"])
    assert set(before["upload_rows"]) <= set(after["upload_rows"])
    assert len(after["uploads"]) == len(before["uploads"]) + 1


def test_reverting_an_older_upload_keeps_newer_values(store: ActualsStore, project) -> None:
    first = upload(store, project, FIRST)
    second = upload(store, project, SECOND, "b.csv")
    store.revert(first, "李雷")
    # 2021 came only from the first upload; 2022 and pledge were re-asserted by the second
    assert current(store) == [
        ("hv_patents", "CN", 2022, 9.6, "修订", second),
        ("hv_patents", "CN", 2023, 10.8, "", second),
        ("pledge", "CN", 2021, 2300.0, "", second),
    ]


def test_revert_of_a_revert_restores_the_upload(store: ActualsStore, project) -> None:
    upload(store, project, FIRST)
    second = upload(store, project, SECOND, "b.csv")
    after_second = current(store)
    revert_id = store.revert(second, "李雷")
    undo_id = store.revert(revert_id, "李雷")
    assert current(store) == after_second
    listed = store.uploads().set_index("id")
    assert not listed.loc[second, "reverted"]
    assert listed.loc[revert_id, "reverted_by_upload_id"] == undo_id
    assert store.data_version() == 4
    # and the upload can be reverted again
    store.revert(second, "李雷")
    assert [row[3] for row in current(store)] == [7.5, 9.4, 2300.0]


def test_refused_reverts(store: ActualsStore, project) -> None:
    upload(store, project, FIRST)
    second = upload(store, project, SECOND, "b.csv")
    revert_id = store.revert(second, "李雷")
    version = store.data_version()
    before = dump_tables(store)
    with pytest.raises(AlreadyReverted):
        store.revert(second, "李雷")
    with pytest.raises(UnknownUpload):
        store.revert(99, "李雷")
    with pytest.raises(UnknownUpload):
        store.upload_rows(99)
    # the revert is undone, then the upload is reverted again by a new revert:
    # undoing the undo would now silently fight that newer revert
    undo_id = store.revert(revert_id, "李雷")
    store.revert(second, "李雷")
    with pytest.raises(StoreError, match="later revert"):
        store.revert(undo_id, "李雷")
    assert store.data_version() == version + 2
    assert len(dump_tables(store)["uploads"]) == len(before["uploads"]) + 2


def test_series_history_and_versions(store: ActualsStore, project) -> None:
    first = upload(store, project, FIRST, user="王芳")
    second = upload(store, project, SECOND, "b.csv", user="李雷")
    history = store.series_history("hv_patents", "CN")
    assert history[["year", "value", "note", "upload_id", "user"]].values.tolist() == [
        [2021, 7.5, "", first, "王芳"], [2022, 9.6, "修订", second, "李雷"],
        [2023, 10.8, "", second, "李雷"],
    ]
    assert str(history["created_at"].dt.tz) == "UTC"
    versions = store.versions("hv_patents", "CN")
    assert versions[["year", "value", "upload_id"]].values.tolist() == [
        [2021, 7.5, first], [2022, 9.4, first], [2022, 9.6, second], [2023, 10.8, second],
    ]


def test_sample_loads_only_into_an_empty_store(store: ActualsStore, tmp_path: Path) -> None:
    sample = tmp_path / "sample.csv"
    sample.write_bytes(csv_bytes(FIRST, "utf-8-sig"))
    config = CONFIG.replace("sample_data: null", f"sample_data: {sample}")
    settings, registry = make_project(tmp_path, config=config)
    sample_id = load_sample_if_empty(store, settings, registry)
    assert sample_id is not None
    assert store.uploads().loc[0, "is_sample"]
    assert store.uploads().loc[0, "user"] == "sample"
    assert store.sample_in_use()
    assert load_sample_if_empty(store, settings, registry) is None
    store.revert(sample_id, "admin")
    assert not store.sample_in_use()
    assert load_sample_if_empty(store, settings, registry) is None  # a reverted sample stays reverted
    assert len(store.uploads()) == 2


def test_commit_if_empty_refuses_a_used_store(store: ActualsStore, project) -> None:
    upload(store, project, FIRST)
    version = store.data_version()
    parsed = parse(csv_bytes(SECOND), "b.csv", project)
    assert store.commit_if_empty(parsed, "x", "b.csv", parsed.sha256) is None
    assert store.data_version() == version


def test_sqlite_store_survives_reopening(tmp_path: Path, project) -> None:
    first = ActualsStore("sqlite:///t.db", root=tmp_path)
    upload(first, project, FIRST)
    first.close()
    again = ActualsStore("sqlite:///t.db", root=tmp_path)
    assert len(again.current_actuals()) == 3
    assert again.data_version() == 1
    with again.engine.connect() as connection:
        assert connection.execute(sa.text("PRAGMA journal_mode")).scalar() == "wal"
    again.close()


def test_concurrent_commits_queue_up(store: ActualsStore, project) -> None:
    files = [
        parse(csv_bytes(f"指标,地区,年份,数值\npledge,CN,{2021 + i},{2300 + i}\n"), f"{i}.csv", project)
        for i in range(4)
    ]
    with ThreadPoolExecutor(max_workers=4) as pool:
        ids = list(pool.map(lambda parsed: store.commit(parsed, "x", parsed.file_name, parsed.sha256), files))
    assert sorted(ids) == [1, 2, 3, 4]
    assert store.data_version() == 4
    assert store.current_actuals()["year"].tolist() == [2021, 2022, 2023, 2024]
    assert store.uploads()["added"].tolist() == [1, 1, 1, 1]


def test_very_long_names_are_cut_not_refused(store: ActualsStore, project) -> None:
    name = "很长的文件名" * 100 + ".csv"
    parsed = parse(csv_bytes(FIRST), name, project)
    upload_id = store.commit(parsed, "用户" * 200, name, parsed.sha256, note="季度补报")
    row = store.uploads().iloc[0]
    assert (len(row["file_name"]), len(row["user"]), row["note"]) == (500, 200, "季度补报")
    assert store.upload_rows(upload_id)["source_sheet"].str.len().max() == 200
