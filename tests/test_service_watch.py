"""Each server process watches the data version and warms up after a change made by any process
(indicators.service.watch): the other gunicorn workers, or a server whose data a CLI import changed."""

from __future__ import annotations

import gc
import logging
import threading

import pytest

import indicators.service.incremental as incremental
from app import create_app, create_server
from indicators.importing import parse_upload
from indicators.service import TrackerService
from indicators.service.watch import VersionWatcher
from tests.test_incremental_report import assert_same_report
from tests.view_fixtures import open_service, write_project

MORE_CSV = "指标,地区,年份,数值,备注\nhv_patents,全国,2024,9.9,\n"
DEFAULT_PAGE = ("overview_page", "zh", None, None, None, None)  # overview.layout's key


def not_built_again() -> None:
    raise AssertionError("the page was built again: the watcher did not warm it")


class Versions:
    """A version() whose answers the test sets, and a warm() that records each call."""

    def __init__(self) -> None:
        self.current = "1"
        self.warmed: list[str] = []
        self.fail = False

    def version(self) -> str:
        return self.current

    def warm(self) -> None:
        if self.fail:
            raise RuntimeError("database away")
        self.warmed.append(self.current)


def test_the_first_check_warms_then_only_a_new_version_does():
    versions = Versions()
    watcher = VersionWatcher(versions.version, versions.warm, interval=60)
    assert [watcher.check(), watcher.check()] == [True, False]
    versions.current = "2"
    assert [watcher.check(), watcher.check()] == [True, False]
    assert versions.warmed == ["1", "2"]
    assert watcher.warmed == "2"


def test_a_failed_warm_up_is_logged_and_tried_again(caplog):
    versions = Versions()
    watcher = VersionWatcher(versions.version, versions.warm, interval=60)
    versions.fail = True
    with caplog.at_level(logging.ERROR, logger="indicators.service.watch"):
        assert watcher.check() is False
    assert "warming after a change failed" in caplog.text
    assert watcher.warmed is None
    versions.fail = False
    assert watcher.check() is True  # the same version again, now that it works
    assert versions.warmed == ["1"]


def test_an_interval_must_be_positive():
    with pytest.raises(ValueError, match="positive"):
        VersionWatcher(str, lambda: None, interval=0)


def test_the_thread_warms_and_stops():
    done = threading.Event()
    watcher = VersionWatcher(lambda: "1", done.set, interval=0.05).start()
    try:
        assert done.wait(timeout=30)
    finally:
        watcher.stop(timeout=30)
    assert watcher.warmed == "1"
    assert not watcher._thread.is_alive()


def test_another_process_commit_is_warmed_here(tmp_path):
    """Two apps on one database stand for two gunicorn workers: B warms after A's commit."""
    open_service(tmp_path)
    config = write_project(tmp_path)
    worker_a = create_app(config).server.config["TRACKER_SERVICE"]
    worker_b = create_app(config).server.config["TRACKER_SERVICE"]
    watcher = VersionWatcher(worker_b.version, worker_b.warm, interval=60)
    assert watcher.check() is True
    assert watcher.check() is False
    parsed = parse_upload(MORE_CSV.encode("utf-8"), "b.csv", worker_a.registry, worker_a.settings)
    assert parsed.ok, parsed.errors
    worker_a.store.commit(parsed, "张三", "b.csv", parsed.sha256)  # in A; B is not told
    assert watcher.check() is True
    page = worker_b.view(DEFAULT_PAGE, not_built_again)  # built by the watcher, for the new data
    assert "9.9" in str(page.to_plotly_json())


def test_watch_seconds_zero_starts_nothing(tmp_path):
    service = open_service(tmp_path)
    settings = service.settings.model_copy(
        update={"cache": service.settings.cache.model_copy(update={"watch_seconds": 0})})
    service.settings = settings
    assert service.watch() is None


def test_the_gunicorn_server_watches(tmp_path, monkeypatch):
    monkeypatch.setattr(gc, "freeze", lambda: None)  # not this test process's objects
    open_service(tmp_path)
    server = create_server(write_project(tmp_path))
    service = server.config["TRACKER_SERVICE"]
    assert service.watcher is not None, "create_server started no watcher"
    try:
        # Warmed before create_server returns, i.e. before a worker accepts a request.
        service.view(DEFAULT_PAGE, not_built_again)
        assert service.watcher.warmed == service.version()
        assert service.watch() is service.watcher  # one watcher per service
    finally:
        service.watcher.stop(timeout=30)


def test_the_server_freezes_what_it_built_before_serving(tmp_path, monkeypatch):
    open_service(tmp_path)
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(True))
    frozen: list[bool] = []
    server = create_server(write_project(tmp_path))
    try:
        assert frozen == [True]
    finally:
        server.config["TRACKER_SERVICE"].watcher.stop(timeout=30)


def test_a_worker_that_read_the_shared_report_patches_it_after_a_commit(tmp_path, monkeypatch):
    """B only ever read A's actuals and report from the shared cache; after a commit it
    patches them forward instead of reading every value and computing every target."""
    worker_a = open_service(tmp_path)
    worker_b = TrackerService.open(write_project(tmp_path))
    worker_a.report()  # computed by A, written to the shared cache
    worker_b.report()  # read by B from it
    # A revision inside the years there are: a new latest year would move the as-of year,
    # which is always computed in full.
    revised = "指标,地区,年份,数值,备注\nhv_patents,全国,2023,9.6,\n"
    parsed = parse_upload(revised.encode("utf-8"), "b.csv", worker_a.registry, worker_a.settings)
    assert parsed.ok, parsed.errors
    worker_a.store.commit(parsed, "张三", "b.csv", parsed.sha256)
    full = []
    monkeypatch.setattr(worker_b.store, "current_actuals",
                        lambda sources=False: full.append("read") or pytest.fail("full read"))
    monkeypatch.setattr(incremental, "full_report", lambda *args: full.append("report"))
    patched = worker_b.report()  # B computes this version itself: A has not
    assert full == []
    monkeypatch.undo()
    actuals = worker_a.store.current_actuals(sources=True)
    assert_same_report(patched, incremental.full_report(
        worker_b.targets, actuals, None, worker_b.settings.status,
        {"registry_version": worker_b.registry.version}))
