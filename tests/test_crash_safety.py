"""An upload is stored whole or not at all, even when the process dies mid-commit.

A child process commits 50,000-row uploads one after another and is killed
with SIGKILL at varied moments, five times over the same database.  After
each kill the database opens (migrations run), SQLite's integrity check
passes, and every upload is complete: as many stored values as its
rows_total.  An upload the child never reported may be there (the kill came
after COMMIT) or not, but never in part.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from indicators.store import ActualsStore
from indicators.store import actuals as store_module
from tests.process_fixtures import Worker, census, database_url, orphan_rows
from tests.store_fixtures import BACKENDS, dump_tables
from tests.store_workers import series_keys, upload

ROWS = 50_000
# (commit to wait for, then seconds to wait before the kill): early, middle and
# late in a commit of a few seconds, and once with a finished upload before.
KILLS = [(1, 0.05), (1, 0.7), (2, 0.3), (1, 1.5), (1, 2.5)]


@pytest.mark.parametrize("backend", BACKENDS)
def test_sigkill_mid_commit_leaves_each_upload_whole_or_absent(backend: str, tmp_path: Path) -> None:
    with database_url(backend, tmp_path) as url:
        ActualsStore(url, root=tmp_path).close()  # schema in place before the first child
        reported: dict[int, str] = {}
        killed_inside_commit = 0
        for commit_number, delay in KILLS:
            worker = Worker("commit-loop", url, tmp_path, ROWS)
            try:
                worker.wait_for(f"committing {commit_number}", timeout=120)
                time.sleep(delay)
                lines = worker.kill()
            finally:
                worker.close()
            reported.update(_reported_ids(lines))
            killed_inside_commit += lines[-1].startswith("committing")
            _check_database(url, tmp_path, backend, reported)
        # The child loops commit after commit: nearly every kill lands inside one.
        assert killed_inside_commit >= len(KILLS) - 1


def _reported_ids(lines: list[str]) -> dict[int, str]:
    """Upload id -> file name for every commit the child saw return."""
    found = {}
    for line in lines:
        if line.startswith("committed "):
            _, number, upload_id = line.split()
            found[int(upload_id)] = f"crash-{number}.csv"
    return found


def _check_database(url: str, root: Path, backend: str, reported: dict[int, str]) -> None:
    store = ActualsStore(url, root=root)  # opens and runs the migrations after the crash
    try:
        if backend == "sqlite":
            with store.engine.connect() as connection:
                assert connection.exec_driver_sql("PRAGMA integrity_check").scalar_one() == "ok"
        uploads = census(store)
        for upload_id, (rows_total, versions, rows, _name) in uploads.items():
            assert (rows_total, versions, rows) == (ROWS, ROWS, ROWS), f"upload #{upload_id} is torn"
        for upload_id, name in reported.items():
            assert uploads[upload_id][3] == name, f"committed upload #{upload_id} is missing"
        assert orphan_rows(store) == 0
        assert store.data_version() == len(uploads)
        # Every upload sends the same keys, so the newest complete one is current everywhere.
        current = store.current_actuals()
        if uploads:
            assert len(current) == ROWS and (current["upload_id"] == max(uploads)).all()
    finally:
        store.close()


@pytest.mark.parametrize("backend", BACKENDS)
def test_failure_inside_the_transaction_changes_nothing(backend: str, tmp_path: Path,
                                                        monkeypatch) -> None:
    """The same promise in-process: an error after the first insert rolls everything back."""
    with database_url(backend, tmp_path) as url:
        store = ActualsStore(url, root=tmp_path)
        try:
            first = upload(series_keys(100), 1.0, "first")
            store.commit(first, "张三", first.file_name, first.sha256)
            before = dump_tables(store)
            real_insert = store_module.insert_rows

            def failing_insert(connection, table, frame, upload_id):  # noqa: ANN001, ANN202
                real_insert(connection, table, frame, upload_id)
                if table.name == "actual_versions":
                    raise sa.exc.OperationalError("INSERT", {}, Exception("disk I/O error"))

            monkeypatch.setattr(store_module, "insert_rows", failing_insert)
            second = upload(series_keys(100), 2.0, "second")
            with pytest.raises(sa.exc.OperationalError):
                store.commit(second, "张三", second.file_name, second.sha256)
            assert dump_tables(store) == before
        finally:
            store.close()
