"""Helpers for the database-registry tests (not a conftest: import what you need).

The view tests' small project (tests/view_fixtures.py), on a fresh database
per test: an SQLite file, or a PostgreSQL schema of its own when
TEST_DATABASE_URL is set.  Several services on one database stand for
several server processes.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from indicators.config import load_config
from indicators.importing import parse_upload
from indicators.service import TrackerService
from tests.store_fixtures import open_store
from tests.view_fixtures import ACTUALS_CSV, write_project

OPENED: list[TrackerService] = []


def fresh_database(backend: str, folder: Path) -> Iterator[str]:
    """The URL of a fresh database every service of the test opens (a fixture's body:

        @pytest.fixture(params=BACKENDS)
        def database_url(request, tmp_path):
            yield from fresh_database(request.param, tmp_path)
    )."""
    stores = open_store(backend, folder)
    store = next(stores)
    yield store.engine.url.render_as_string(hide_password=False)
    while OPENED:
        OPENED.pop().store.close()
    next(stores, None)


def open_service(folder: Path, database_url: str, *, config_extra: str = "",
                 actuals: bool = False) -> TrackerService:
    """What a server process does at start: its service on the shared database."""
    write_project(folder)
    if config_extra:
        config = folder / "config.yaml"
        config.write_text(config.read_text(encoding="utf-8") + config_extra, encoding="utf-8")
    settings = load_config(folder / "config.yaml", database_url=database_url)
    service = TrackerService.open(settings)
    OPENED.append(service)
    if actuals:
        commit_csv(service, ACTUALS_CSV)
    return service


def commit_csv(service: TrackerService, text: str, name: str = "a.csv") -> int:
    parsed = parse_upload(text.encode("utf-8"), name, service.registry, service.settings)
    assert parsed.ok, parsed.errors
    return service.store.commit(parsed, "张三", name, parsed.sha256)


def report_row(service: TrackerService, target_id: str) -> dict:
    report = service.report().report
    found = report[report["target_id"] == target_id]
    return found.iloc[0].to_dict() if len(found) else {}
