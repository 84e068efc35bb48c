"""The service's patched actuals and reports equal a full read and a full computation.

indicators.service.incremental after random commits, reverts and note changes
on the project's registry with its first-run data (SQLite, and PostgreSQL
when TEST_DATABASE_URL is set); and what it cannot vouch for (a version step
without an upload, a restored database, other targets) is computed in full.
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
import sqlalchemy as sa

import indicators.service.incremental as incremental
from indicators.engine import targets_frame
from indicators.service.cache import version_token
from indicators.service.incremental import Incremental, catch_up, full_report
from indicators.store.schema import DATA_VERSION_KEY, store_meta
from tests.store_fixtures import BACKENDS, open_store
from tests.test_incremental_report import assert_same_report, random_change, sample_project

STEPS = 10


@pytest.fixture(params=BACKENDS)
def database_url(request, tmp_path):
    """A fresh database; on PostgreSQL a schema of its own, dropped afterwards."""
    store_iter = open_store(request.param, tmp_path)
    yield next(store_iter).engine.url.render_as_string(hide_password=False)
    next(store_iter, None)


def check(state, store, targets, settings) -> None:
    token = version_token(store.engine) + ".r3-0"  # as TrackerService.version() appends it
    actuals = state.actuals(token)
    pd.testing.assert_frame_equal(actuals, store.current_actuals(sources=True))
    constants = {"registry_version": 3}
    for as_of in (None, 2022):
        patched = state.report(token, as_of, targets, settings.status, actuals, constants)
        assert_same_report(patched, full_report(targets, actuals, as_of, settings.status,
                                                constants))


def test_patched_actuals_and_reports_equal_full_ones(tmp_path, database_url):
    settings, registry, store = sample_project(tmp_path, database_url)
    full_reads = []
    # The state's view of the store counts its full reads of the current values.
    counted = SimpleNamespace(engine=store.engine, current_actuals=lambda sources=False: (
        full_reads.append(sources), store.current_actuals(sources=sources))[1])
    try:
        targets, state, rng = targets_frame(registry), Incremental(counted), np.random.default_rng(5)
        check(state, store, targets, settings)
        for step in range(STEPS):
            random_change(store, registry, settings, targets, rng, step)
            check(state, store, targets, settings)
        assert full_reads == [True]  # the first one only: every later one was patched
    finally:
        store.close()


def test_a_version_step_without_an_upload_is_computed_in_full(tmp_path, database_url):
    settings, _registry, store = sample_project(tmp_path, database_url)
    try:
        before = version_token(store.engine)
        with store.engine.begin() as connection:  # what a registry change does
            connection.execute(sa.update(store_meta).where(store_meta.c.key == DATA_VERSION_KEY)
                               .values(int_value=store_meta.c.int_value + 1))
        assert catch_up(store, before, version_token(store.engine)) is None
    finally:
        store.close()


def test_another_history_with_the_same_ids_is_computed_in_full(tmp_path, database_url):
    settings, _registry, store = sample_project(tmp_path, database_url)
    try:
        version, upload_id, _stamp = version_token(store.engine).split(".", 2)
        restored = f"{version}.{upload_id}.2001-01-01T00:00:00+00:00"
        assert catch_up(store, restored, version_token(store.engine)) is None
    finally:
        store.close()


def test_other_targets_are_computed_in_full(tmp_path, database_url, monkeypatch):
    settings, registry, store = sample_project(tmp_path, database_url)
    try:
        state, token = Incremental(store), version_token(store.engine)
        actuals = state.actuals(token)
        state.report(token, None, targets_frame(registry), settings.status, actuals)
        fewer = targets_frame(registry).iloc[1:]
        patched = state.report(token, None, fewer, settings.status, actuals)
        assert_same_report(patched, full_report(fewer, actuals, None, settings.status))
        calls = []
        monkeypatch.setattr(incremental, "full_report", lambda *args: calls.append(args))
        assert state.report(token, None, fewer, settings.status, actuals) is patched
        assert calls == []
    finally:
        store.close()
