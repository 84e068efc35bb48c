"""The gap report from the database: the same on SQLite and PostgreSQL.

The view fixtures' numbers are worked out by hand (tests/view_fixtures.py);
here they must come out of the store of either backend, through uploads, a
revision and its revert, so the engine never sees a backend's quirks (types,
ordering, time zones).  The PostgreSQL variant runs when TEST_DATABASE_URL is set.
"""

from __future__ import annotations

import pandas as pd
import pytest

from indicators.engine import gap_report, targets_frame, with_latest_sources
from indicators.importing import parse_upload
from indicators.registry import load_registry
from indicators.service import TrackerService, shared_cache
from tests.store_fixtures import BACKENDS, open_store
from tests.view_fixtures import ACTUALS_CSV, EXPECTED_STATUS, write_project

REVISION = "指标,地区,年份,数值,备注\nhv_patents,全国,2023,20.0,错误数据\n"


@pytest.fixture(params=BACKENDS)
def service(request, tmp_path):
    stores = open_store(request.param, tmp_path)
    store = next(stores)
    settings = write_project(tmp_path)
    registry = load_registry(settings)
    targets = targets_frame(registry)
    yield TrackerService(settings, registry, store, targets, shared=shared_cache(settings, targets))
    next(stores, None)


def commit(service: TrackerService, text: str, name: str) -> int:
    parsed = parse_upload(text.encode("utf-8"), name, service.registry, service.settings)
    assert parsed.ok, parsed.errors
    return service.store.commit(parsed, "张三", name, parsed.sha256)


def test_stored_actuals_have_one_shape_on_every_backend(service):
    commit(service, ACTUALS_CSV, "actuals.csv")
    actuals = service.actuals()
    # Text as categories (indicators.store.compact: issue 18, memory at national scale).
    assert actuals.dtypes.astype(str).to_dict() == {
        "indicator_id": "category", "region": "category", "year": "int64", "value": "float64",
        "note": "category", "upload_id": "int64",
        "source": "category", "url": "category", "published": "category", "quote": "category",
    }
    assert actuals[["indicator_id", "region", "year"]].values.tolist()[:3] == [
        ["hv_patents", "CN", 2021], ["hv_patents", "CN", 2022], ["hv_patents", "CN", 2023]]
    assert actuals.loc[actuals["year"] == 2023, "note"].tolist() == ["快报数", ""]


def test_hand_computed_report_through_upload_revision_and_revert(service):
    commit(service, ACTUALS_CSV, "actuals.csv")
    statuses = service.report().report.set_index("target_id")["status"].astype(str).to_dict()
    assert statuses == EXPECTED_STATUS
    revision = commit(service, REVISION, "revision.csv")
    # 20.0 in 2023 is past the 2025 target of 12: already achieved.
    assert service.report().report.set_index("target_id").loc["plan_hv", "status"] == "achieved"
    service.store.revert(revision, "张三")
    again = service.report().report.set_index("target_id")
    assert again["status"].astype(str).to_dict() == EXPECTED_STATUS
    assert again.loc["plan_hv", "latest_value"] == 9.4


def test_database_report_equals_the_report_of_the_plain_frame(service):
    """The store adds nothing: the report equals the engine run on the CSV itself."""
    commit(service, ACTUALS_CSV, "actuals.csv")
    parsed = parse_upload(ACTUALS_CSV.encode("utf-8"), "a.csv", service.registry, service.settings)
    direct = gap_report(service.targets, parsed.rows, None, service.settings.status)
    stored = service.report()
    assert stored.as_of == direct.as_of == 2023
    # The service appends where each latest value was published, from the same rows,
    # and which registry version the report used (0: a registry handed in, not stored).
    expected = with_latest_sources(direct.report, parsed.rows).assign(registry_version=0)
    pd.testing.assert_frame_equal(stored.report, expected)
    pd.testing.assert_frame_equal(stored.history, direct.history)
