"""Two editors commit at the same moment: both uploads are recorded, one after the other.

Two child processes each build an upload (its own 5,000 series plus 1,000
series both send), wait at a shared start line, and commit together.  The
store must record both with distinct ids, bump data_version twice, keep
every row, and serialise them: the later commit's diff sees the earlier
commit's values for the shared series, which a lost update would not.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from indicators.store import ActualsStore
from tests.process_fixtures import Worker, census, database_url, orphan_rows
from tests.store_fixtures import BACKENDS
from tests.store_workers import series_keys

OWN_ROWS = 5_000
SHARED_ROWS = 1_000
EDITORS = (1, 2)


@pytest.mark.parametrize("backend", BACKENDS)
def test_two_editors_committing_at_once_are_both_recorded_in_order(backend: str,
                                                                   tmp_path: Path) -> None:
    with database_url(backend, tmp_path) as url:
        store = ActualsStore(url, root=tmp_path)
        try:
            version_before = store.data_version()
            results = _commit_together(url, tmp_path)
            _check_both_recorded(store, results, version_before)
        finally:
            store.close()


def _commit_together(url: str, root: Path) -> dict[int, tuple[int, float, float]]:
    """Editor -> (upload id, commit start, commit end), after a simultaneous start."""
    workers = {editor: Worker("commit-on-go", url, root, OWN_ROWS, editor) for editor in EDITORS}
    try:
        for worker in workers.values():
            worker.wait_for("ready", timeout=120)
        for worker in workers.values():
            worker.send("go\n")
        results = {}
        for editor, worker in workers.items():
            line = worker.wait_for("committed", timeout=120)
            worker.finish()
            _, upload_id, started, ended = line.split()
            results[editor] = (int(upload_id), float(started), float(ended))
        return results
    finally:
        for worker in workers.values():
            worker.close()


def _check_both_recorded(store: ActualsStore, results: dict[int, tuple[int, float, float]],
                         version_before: int) -> None:
    ids = sorted(upload_id for upload_id, _, _ in results.values())
    assert len(set(ids)) == 2
    # Both commits were under way at once, so the store really had to order them.
    assert max(start for _, start, _ in results.values()) < min(end for _, _, end in results.values())
    assert store.data_version() == version_before + 2

    rows_each = OWN_ROWS + SHARED_ROWS
    uploads = census(store)
    assert {upload_id: counts[:3] for upload_id, counts in uploads.items()} == {
        upload_id: (rows_each, rows_each, rows_each) for upload_id in ids}
    assert orphan_rows(store) == 0
    listed = store.uploads().set_index("id")
    first, second = ids
    assert listed.loc[first, "created_at"] <= listed.loc[second, "created_at"]

    later_editor = next(editor for editor, (upload_id, _, _) in results.items() if upload_id == second)
    earlier_editor = next(editor for editor in EDITORS if editor != later_editor)
    # The later commit found the earlier one's values for the shared series: no lost update.
    assert listed.loc[first, ["added", "changed"]].tolist() == [rows_each, 0]
    assert listed.loc[second, ["added", "changed"]].tolist() == [OWN_ROWS, SHARED_ROWS]
    later_rows = store.upload_rows(second)
    shared = later_rows[later_rows["action"] == "changed"]
    assert len(shared) == SHARED_ROWS
    assert (shared["old_value"] // 1_000_000 == earlier_editor).all()

    # No row lost: every series of both editors is current, shared ones from the later commit.
    current = store.current_actuals()
    assert len(current) == SHARED_ROWS + 2 * OWN_ROWS
    shared_keys = series_keys(SHARED_ROWS).merge(current, on=["indicator_id", "region", "year"])
    assert (shared_keys["upload_id"] == second).all()
    assert (current["value"] // 1_000_000).isin(EDITORS).all()
    assert sorted(current["upload_id"].value_counts().tolist()) == [OWN_ROWS, OWN_ROWS + SHARED_ROWS]
