"""The report caches: shared by processes, keyed by data version, never stale after a commit.

Two TrackerService objects on one database and one cache folder stand for two
server processes (gunicorn workers); one test also commits from a real second
process.  Runs on SQLite, and on PostgreSQL when TEST_DATABASE_URL is set.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import indicators.service.incremental as incremental_module
from indicators.config import load_config
from indicators.engine import targets_frame
from indicators.importing import parse_upload
from indicators.registry import load_registry
from indicators.service.cache import MISSING, FileCache, LocalCache, version_token
from indicators.service.tracker import VIEW_CACHE_SIZE, ReportFilter, TrackerService, shared_cache
from tests.store_fixtures import BACKENDS, open_store
from tests.test_incremental_report import assert_same_report
from tests.view_fixtures import ACTUALS_CSV, CONFIG, REGISTRY

ROOT = Path(__file__).resolve().parent.parent
# hv_patents in CN: 9.4 in 2023 from ACTUALS_CSV, then 11.0 from this file.
REVISION_CSV = "指标,地区,年份,数值,备注\nhv_patents,全国,2023,11.0,修订\n"


def write_project(folder: Path) -> Path:
    (folder / "registry").mkdir(parents=True, exist_ok=True)
    (folder / "config.yaml").write_text(textwrap.dedent(CONFIG), encoding="utf-8")
    (folder / "registry" / "main.yaml").write_text(textwrap.dedent(REGISTRY), encoding="utf-8")
    return folder / "config.yaml"


OPENED: list[TrackerService] = []


@pytest.fixture(params=BACKENDS)
def database_url(request, tmp_path):
    """A fresh database both 'processes' open; on PostgreSQL a schema of its own."""
    store_iter = open_store(request.param, tmp_path)
    store = next(store_iter)
    yield store.engine.url.render_as_string(hide_password=False)
    while OPENED:
        OPENED.pop().store.close()
    next(store_iter, None)


def open_service(folder: Path, database_url: str) -> TrackerService:
    """What each server process does at start: its own service on the shared database."""
    settings = load_config(write_project(folder), database_url=database_url)
    service = TrackerService.open(settings)
    OPENED.append(service)
    return service


def commit_csv(service: TrackerService, text: str, name: str = "a.csv") -> int:
    parsed = parse_upload(text.encode("utf-8"), name, service.registry, service.settings)
    assert parsed.ok, parsed.errors
    return service.store.commit(parsed, "张三", name, parsed.sha256)


def latest(service: TrackerService, target_id: str = "plan_hv") -> float:
    report = service.report().report
    return float(report.loc[report["target_id"] == target_id, "latest_value"].iloc[0])


@pytest.fixture
def count_reports(monkeypatch):
    """How many times the engine really ran (not served from a cache)."""
    calls = []
    # The service computes a whole report in service.incremental (a first report, or one no
    # change log can patch); a patched one calls engine.incremental on the changed series.
    real = incremental_module.gap_report

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(incremental_module, "gap_report", counting)
    return calls


def test_two_processes_share_one_computation(tmp_path, database_url, count_reports):
    first, second = open_service(tmp_path, database_url), open_service(tmp_path, database_url)
    commit_csv(first, ACTUALS_CSV)
    assert latest(first) == 9.4
    assert latest(second) == 9.4
    assert len(count_reports) == 1  # the second process read the first one's entry
    assert second.shared.entries()


def test_warming_after_a_commit_computes_the_new_report_once_for_every_process(
        tmp_path, database_url, count_reports):
    first, second = open_service(tmp_path, database_url), open_service(tmp_path, database_url)
    commit_csv(first, ACTUALS_CSV)
    first.warm_in_background().join(timeout=60)
    assert len(count_reports) == 1
    # The viewers that come next, in this process and in the other, only read it.
    assert (latest(first), latest(second)) == (9.4, 9.4)
    assert len(count_reports) == 1


def test_after_a_commit_each_process_patches_its_own_and_a_new_one_the_older_entry(
        tmp_path, database_url, count_reports, monkeypatch):
    first, second = open_service(tmp_path, database_url), open_service(tmp_path, database_url)
    commit_csv(first, ACTUALS_CSV)
    assert (latest(first), latest(second)) == (9.4, 9.4)  # first computed it, second read it
    written = set(first.shared.entries())
    commit_csv(first, REVISION_CSV, "b.csv")
    assert (latest(first), latest(second)) == (11.0, 11.0)
    assert set(first.shared.entries()) == written  # both patched their own: nothing written
    # A process started now has nothing to patch: it takes the older entries and patches
    # them forward from the change log, without reading every value.
    third = open_service(tmp_path, database_url)
    monkeypatch.setattr(third.store, "current_actuals",
                        lambda sources=False: pytest.fail("a full read"))
    assert latest(third) == 11.0
    assert len(count_reports) == 1  # the first report only: the rest were patched
    monkeypatch.undo()
    assert_same_report(third.report(), incremental_module.full_report(
        third.targets, third.store.current_actuals(sources=True), None,
        third.settings.status, {"registry_version": third.registry.version}))


def test_a_failing_warm_up_is_logged_not_raised(tmp_path, database_url, monkeypatch, caplog):
    service = open_service(tmp_path, database_url)

    def broken(*_args, **_kwargs):
        raise RuntimeError("engine broke")

    monkeypatch.setattr(incremental_module, "gap_report", broken)
    service.warm_in_background().join(timeout=60)
    assert "computing the report after a change failed" in caplog.text
    assert "engine broke" in caplog.text


def test_commit_in_one_process_is_seen_by_the_other(tmp_path, database_url):
    first, second = open_service(tmp_path, database_url), open_service(tmp_path, database_url)
    commit_csv(first, ACTUALS_CSV)
    assert (latest(first), latest(second)) == (9.4, 9.4)
    revision = commit_csv(second, REVISION_CSV, "revision.csv")
    assert (latest(first), latest(second)) == (11.0, 11.0)
    first.store.revert(revision, "张三")
    assert (latest(first), latest(second)) == (9.4, 9.4)
    second.store.revert(int(first.store.uploads()["id"].iloc[0]), "张三")  # revert the revert
    assert (latest(second), latest(first)) == (11.0, 11.0)


def test_every_cached_view_follows_a_commit(tmp_path, database_url):
    first, second = open_service(tmp_path, database_url), open_service(tmp_path, database_url)
    commit_csv(first, ACTUALS_CSV)
    cq = ReportFilter(region="CN-CQ")
    assert second.data_years() == [2021, 2022, 2023]
    assert len(second.filtered_report(cq).report) == 1
    assert second.view(("anything",), lambda: "before") == "before"
    commit_csv(first, "指标,地区,年份,数值,备注\nhv_patents,重庆,2024,5.0,\n", "2024.csv")
    assert second.data_years() == [2021, 2022, 2023, 2024]
    assert second.report().as_of == 2024
    assert float(second.filtered_report(cq).report["latest_value"].iloc[0]) == 5.0
    assert second.view(("anything",), lambda: "after") == "after"


def test_a_commit_from_a_real_second_process(tmp_path, database_url):
    service = open_service(tmp_path, database_url)
    commit_csv(service, ACTUALS_CSV)
    assert latest(service) == 9.4
    script = textwrap.dedent(f"""
        from pathlib import Path
        from tests.test_service_cache import commit_csv, open_service, REVISION_CSV
        commit_csv(open_service(Path({str(tmp_path)!r}), {database_url!r}), REVISION_CSV, "r.csv")
    """)
    subprocess.run([sys.executable, "-c", script], cwd=ROOT, check=True, timeout=120,
                   env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert latest(service) == 11.0


def test_sample_banner_flag_follows_revert(tmp_path, database_url):
    service = open_service(tmp_path, database_url)
    parsed = parse_upload(ACTUALS_CSV.encode("utf-8"), "sample.csv", service.registry,
                          service.settings)
    sample_id = service.store.commit(parsed, "sample", "sample.csv", parsed.sha256, is_sample=True)
    assert service.sample_in_use()
    service.store.revert(sample_id, "张三")
    assert not service.sample_in_use()


def test_unfiltered_selection_is_the_full_report(tmp_path, database_url):
    service = open_service(tmp_path, database_url)
    commit_csv(service, ACTUALS_CSV)
    assert service.filtered_report(ReportFilter()) is service.report()
    by_region = service.filtered_report(ReportFilter(region="CN"))
    assert set(by_region.report["region"]) == {"CN"}
    assert set(by_region.history["target_id"]) <= set(by_region.report["target_id"])


def test_version_token_changes_with_every_commit_and_tells_databases_apart(tmp_path):
    one = open_service(tmp_path / "one", f"sqlite:///{tmp_path / 'one.db'}")
    two = open_service(tmp_path / "two", f"sqlite:///{tmp_path / 'two.db'}")
    assert one.version() == two.version()  # both empty: the same (empty) report is right
    commit_csv(one, ACTUALS_CSV)
    commit_csv(two, ACTUALS_CSV)
    assert one.store.data_version() == two.store.data_version() == 1
    assert one.version() != two.version()  # same counter, different history
    before = one.version()
    commit_csv(one, REVISION_CSV)
    assert one.version() != before


def test_registry_or_thresholds_change_the_cache_namespace(tmp_path):
    settings = load_config(write_project(tmp_path), database_url="sqlite://")
    targets = targets_frame(load_registry(settings))
    base = shared_cache(settings, targets).namespace
    stricter = settings.model_copy(update={"status": settings.status.model_copy(
        update={"on_track": 0.99})})
    assert shared_cache(stricter, targets).namespace != base
    edited = targets.assign(target_value=targets["target_value"] + 1)
    assert shared_cache(settings, edited).namespace != base
    assert shared_cache(settings.model_copy(update={"cache": settings.cache.model_copy(
        update={"folder": None})}), targets) is None


def test_cache_can_be_switched_off(tmp_path):
    (tmp_path / "registry").mkdir()
    config = CONFIG + "cache: {folder: null}\n"
    (tmp_path / "config.yaml").write_text(textwrap.dedent(config), encoding="utf-8")
    (tmp_path / "registry" / "main.yaml").write_text(textwrap.dedent(REGISTRY), encoding="utf-8")
    service = TrackerService.open(load_config(tmp_path / "config.yaml",
                                              database_url=f"sqlite:///{tmp_path / 'x.db'}"))
    commit_csv(service, ACTUALS_CSV)
    assert service.shared is None
    assert latest(service) == 9.4
    assert not (tmp_path / "data" / "cache").exists()


def test_many_views_of_one_kind_leave_the_others(tmp_path):
    service = open_service(tmp_path, f"sqlite:///{tmp_path / 'v.db'}")
    assert service.view(("overview_body", "zh"), lambda: "overview") == "overview"
    for number in range(VIEW_CACHE_SIZE + 5):
        service.view(("detail_body", number), lambda number=number: number)
    assert service.view(("overview_body", "zh"), lambda: "built again") == "overview"
    assert service.view(("detail_body", 0), lambda: "built again") == "built again"


# The file cache on its own


def test_damaged_entry_is_recomputed_not_served(tmp_path):
    cache = FileCache(tmp_path, "ns")
    assert cache.get_or_compute("3.1.x", ("k",), lambda: "first") == "first"
    cache.path("3.1.x", ("k",)).write_bytes(b"not a pickle")
    assert cache.get_or_compute("3.1.x", ("k",), lambda: "again") == "again"
    with cache.path("3.1.x", ("k",)).open("rb") as handle:
        assert pickle.load(handle) == "again"


def test_entries_are_written_whole(tmp_path):
    cache = FileCache(tmp_path, "ns")
    cache.get_or_compute("1.1.x", ("k",), lambda: list(range(1000)))
    names = [path.name for path in tmp_path.iterdir()]
    assert not [name for name in names if name.endswith(".tmp")]


def test_older_versions_of_a_key_are_pruned_and_size_is_bounded(tmp_path):
    cache = FileCache(tmp_path, "ns", max_entries=3)
    for key in ("a", "b"):
        cache.get_or_compute("4.4.x", (key,), lambda key=key: key)
    other = FileCache(tmp_path, "other", max_entries=3)
    other.get_or_compute("1.1.x", ("z",), lambda: "z")
    cache.get_or_compute("5.5.x", ("a",), lambda: "new")
    assert cache.newest_before("6.6.x", ("a",)) == ("5.5.x", "new")  # a's v4 entry is gone
    assert not cache.path("4.4.x", ("a",)).exists()
    # b's newest entry stays until a newer b replaces it: a process may patch it forward.
    assert cache.newest_before("6.6.x", ("b",)) == ("4.4.x", "b")
    assert other.newest_before("2.2.x", ("z",)) == ("1.1.x", "z")  # another deployment's stay
    for key in "bcdef":
        cache.get_or_compute("5.5.x", (key,), lambda key=key: key)
    assert len(cache.entries()) <= 3


def test_an_older_entry_is_handed_to_rebase_and_the_new_value_not_written(tmp_path):
    cache = FileCache(tmp_path, "ns")
    cache.get_or_compute("3.3.2026-12-01T08:00:00+00:00", ("k",), lambda: "v3")
    cache.get_or_compute("4.4.2026-12-01T09:00:00+00:00", ("other",), lambda: "o4")
    handed: list[tuple[str, str]] = []
    value = cache.get_or_compute("7.5.2026-12-01T10:00:00+00:00", ("k",), lambda: "v7",
                                 rebase=lambda token, older: handed.append((token, older)))
    assert (value, handed) == ("v7", [("3.3.2026-12-01T08:00:00+00:00", "v3")])
    assert not cache.path("7.5.2026-12-01T10:00:00+00:00", ("k",)).exists()
    # Without an older entry the value is computed and written, rebase not called.
    assert cache.get_or_compute("7.5.x", ("new",), lambda: "n7", rebase=handed.append) == "n7"
    assert len(handed) == 1 and cache.path("7.5.x", ("new",)).exists()
    # A newer version's entry is no base for an older token (a database restored).
    assert cache.newest_before("2.2.x", ("k",)) is MISSING


def test_folder_is_private(tmp_path):
    FileCache(tmp_path / "cache", "ns")
    assert (tmp_path / "cache").stat().st_mode & 0o077 == 0


def test_local_cache_drops_older_versions_at_once():
    local = LocalCache(size=10)
    local.put("1.1.a", ("report",), "old")
    local.put("2.2.b", ("report",), "new")
    assert local.get("1.1.a", ("report",)) is MISSING
    assert local.get("2.2.b", ("report",)) == "new"
    assert len(local) == 1


def test_version_token_of_an_empty_store(tmp_path):
    service = open_service(tmp_path, f"sqlite:///{tmp_path / 'e.db'}")
    assert version_token(service.store.engine) == "0.0.-"
