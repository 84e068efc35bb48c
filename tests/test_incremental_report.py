"""The incremental gap report equals the full one after every commit, revert and note change.

Random sequences of changes go through the real importer and store, on the
project's registry with its first-run (published) data and on a small
synthetic project (benchmarks/synthetic.py), on SQLite and, when
TEST_DATABASE_URL is set, on PostgreSQL.  After each change the series it
touched come from the store's change log (store.changes_since) and the patched
report is compared with a full gap_report, frame for frame (rows, order,
dtypes, values), for the default as-of year and for a fixed one.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from benchmarks.synthetic import Size, fill_database, write_files
from indicators.config import load_config
from indicators.engine import gap_report, targets_frame
from indicators.engine.incremental import changed_series, incremental_report
from indicators.importing import parse_upload
from indicators.registry import load_registry
from indicators.store import ActualsStore, StoreError, changes_since, load_first_run_data
from tests.store_fixtures import BACKENDS, open_store

STEPS = 10
SYNTHETIC = Size(indicators=24, regions=6, years=10)


@pytest.fixture(params=BACKENDS)
def database_url(request, tmp_path):
    """A fresh database; on PostgreSQL a schema of its own, dropped afterwards."""
    store_iter = open_store(request.param, tmp_path)
    store = next(store_iter)
    yield store.engine.url.render_as_string(hide_password=False)
    next(store_iter, None)


def sample_project(folder, url):
    settings = load_config(database_url=url)
    registry = load_registry(settings)
    store = ActualsStore(url, root=folder)
    assert load_first_run_data(store, settings, registry) is not None
    return settings, registry, store


def synthetic_project(folder, url):
    settings = write_files(folder, SYNTHETIC, url)
    fill_database(settings, SYNTHETIC, log=lambda _text: None)
    return settings, load_registry(settings), ActualsStore(url, root=folder)


def commit_random_values(store, registry, settings, targets, rng, step) -> None:
    """New values for a few stored keys (sometimes one year past the latest: as_of moves)."""
    current = store.current_actuals().merge(
        targets[["indicator_id", "region", "unit"]].drop_duplicates(["indicator_id", "region"]),
        on=["indicator_id", "region"])
    rows = current.iloc[rng.choice(len(current), size=min(len(current), 6), replace=False)].copy()
    rows["value"] = rows["value"] * rng.uniform(0.95, 1.05, len(rows))
    if rng.random() < 0.2:
        rows.iloc[0, rows.columns.get_loc("year")] = int(current["year"].max()) + 1
    shares = rows["unit"] == "%"
    rows.loc[shares, "value"] = rows.loc[shares, "value"].clip(upper=99.0)
    rows = rows.drop_duplicates(["indicator_id", "region", "year"])
    frame = rows[["indicator_id", "region", "year"]].assign(value=rows["value"].round(4))
    if rng.random() < 0.5:
        frame["source"] = f"来源{step}"
    content = frame.to_csv(index=False).encode("utf-8")
    parsed = parse_upload(content, f"step{step}.csv", registry, settings)
    assert parsed.ok, parsed.errors
    store.commit(parsed, "张三", f"step{step}.csv", parsed.sha256)


def revert_random_upload(store, rng) -> None:
    uploads = store.uploads()
    candidates = uploads.loc[~uploads["reverted"], "id"].to_numpy()
    for upload_id in rng.permutation(candidates):
        try:
            store.revert(int(upload_id), "张三")
            return
        except StoreError:
            continue  # a chain another revert changed: try another


def note_random_value(store, rng, step) -> None:
    current = store.current_actuals()
    row = current.iloc[int(rng.integers(len(current)))]
    store.set_note(row["indicator_id"], row["region"], int(row["year"]), f"说明{step}", "张三")


def random_change(store, registry, settings, targets, rng, step) -> None:
    draw = rng.random()
    if draw < 0.55:
        commit_random_values(store, registry, settings, targets, rng, step)
    elif draw < 0.85:
        revert_random_upload(store, rng)
    else:
        note_random_value(store, rng, step)


def assert_same_report(patched, full) -> None:
    assert patched.as_of == full.as_of
    pd.testing.assert_frame_equal(patched.report, full.report)
    pd.testing.assert_frame_equal(patched.history, full.history)


def walk(settings, registry, store, seed: int) -> None:
    """STEPS random changes; after each, the patched reports against full ones."""
    rng = np.random.default_rng(seed)
    targets = targets_frame(registry)
    actuals = store.current_actuals(sources=True)
    fixed_year = int(actuals["year"].median())
    reports = {as_of: gap_report(targets, actuals, as_of, settings.status)
               for as_of in (None, fixed_year)}
    seen = int(store.uploads()["id"].max())
    for step in range(STEPS):
        random_change(store, registry, settings, targets, rng, step)
        with store.engine.connect() as connection:
            changes = changes_since(connection, seen)
        seen = max(changes.upload_ids, default=seen)
        actuals = store.current_actuals(sources=True)
        for as_of, previous in reports.items():
            patched = incremental_report(previous, targets, actuals, changes.series, as_of,
                                         settings.status)
            assert_same_report(patched, gap_report(targets, actuals, as_of, settings.status))
            reports[as_of] = patched


@pytest.mark.parametrize("seed", [1, 2])
def test_patched_report_equals_full_on_the_sample_project(tmp_path, database_url, seed):
    settings, registry, store = sample_project(tmp_path, database_url)
    try:
        walk(settings, registry, store, seed)
    finally:
        store.close()


def test_patched_report_equals_full_on_a_synthetic_project(tmp_path, database_url):
    settings, registry, store = synthetic_project(tmp_path, database_url)
    try:
        walk(settings, registry, store, seed=7)
    finally:
        store.close()


def test_changes_since_names_the_series_a_revert_touched(tmp_path, database_url):
    settings, registry, store = sample_project(tmp_path, database_url)
    try:
        first = int(store.uploads()["id"].max())
        with store.engine.connect() as connection:
            published = changes_since(connection, 0)
        store.revert(first, "张三")
        with store.engine.connect() as connection:
            after = changes_since(connection, first)
        assert len(after.upload_ids) == 1
        # Reverting the first-run data takes back every series it stored.
        pd.testing.assert_frame_equal(after.series, published.series)
    finally:
        store.close()


# Engine-only cases on hand-made frames.

TARGETS = pd.DataFrame({
    "target_id": ["a", "b", "c"], "indicator_id": ["x", "x", "y"], "region": ["CN", "CQ", "CN"],
    "baseline_year": [2020, 2020, 2020], "baseline_value": [10.0, 5.0, 1.0],
    "target_year": [2025, 2025, 2025], "target_value": [20.0, 10.0, 2.0],
})
ACTUALS = pd.DataFrame({
    "indicator_id": ["x", "x", "x", "y"], "region": ["CN", "CN", "CQ", "CN"],
    "year": [2021, 2022, 2022, 2022], "value": [12.0, 13.0, 6.0, 1.5],
})


def test_a_later_year_falls_back_to_the_full_report():
    previous = gap_report(TARGETS, ACTUALS)
    later = pd.concat([ACTUALS, pd.DataFrame({"indicator_id": ["y"], "region": ["CN"],
                                              "year": [2023], "value": [1.8]})])
    patched = incremental_report(previous, TARGETS, later, [("y", "CN")])
    assert patched.as_of == 2023
    assert_same_report(patched, gap_report(TARGETS, later))


def test_no_changed_series_keeps_every_row():
    previous = gap_report(TARGETS, ACTUALS)
    assert_same_report(incremental_report(previous, TARGETS, ACTUALS, []), previous)


def test_other_targets_fall_back_to_the_full_report():
    previous = gap_report(TARGETS.iloc[:2], ACTUALS)
    patched = incremental_report(previous, TARGETS, ACTUALS, [("x", "CN")])
    assert_same_report(patched, gap_report(TARGETS, ACTUALS))


def test_only_the_changed_series_rows_are_read_when_as_of_is_given():
    previous = gap_report(TARGETS, ACTUALS)
    changed = ACTUALS.assign(value=ACTUALS["value"].where(ACTUALS["region"] != "CQ", 9.0))
    only_cq = changed[changed["region"] == "CQ"]
    patched = incremental_report(previous, TARGETS, only_cq, [("x", "CQ")], as_of=2022)
    assert_same_report(patched, gap_report(TARGETS, changed))


def test_changed_series_reads_pairs_or_frames():
    frame = pd.DataFrame({"indicator_id": ["x", "x"], "region": ["CN", "CN"]})
    assert list(changed_series(frame)) == [("x", "CN")] == list(changed_series([("x", "CN")]))
