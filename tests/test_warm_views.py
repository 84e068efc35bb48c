"""After a change, warm() builds the default overview page for the new data version too,
so the first viewer after a commit finds it cached (the app registers it with on_warm)."""

from __future__ import annotations

import pytest

from app import create_app
from indicators.importing import parse_upload
from layouts.pages import overview
from tests.view_fixtures import open_service, write_project

MORE_CSV = "指标,地区,年份,数值,备注\nhv_patents,全国,2024,9.9,\n"
DEFAULT_PAGE = ("overview_page", "zh", None, None, None, None)  # overview.layout's key


def not_built_again() -> None:
    raise AssertionError("the page was built again: warm() did not keep it")


@pytest.fixture()
def service(tmp_path):
    open_service(tmp_path)
    return create_app(write_project(tmp_path)).server.config["TRACKER_SERVICE"]


def test_warm_builds_the_default_overview_of_the_current_data(service):
    service.warm()
    warmed = service.view(DEFAULT_PAGE, not_built_again)
    assert warmed is overview.layout(service, "zh")


def test_after_a_commit_the_warm_up_builds_the_new_page(service):
    service.warm()
    before = service.view(DEFAULT_PAGE, not_built_again)
    assert "9.9" not in str(before.to_plotly_json())
    parsed = parse_upload(MORE_CSV.encode("utf-8"), "b.csv", service.registry, service.settings)
    assert parsed.ok, parsed.errors
    service.store.commit(parsed, "张三", "b.csv", parsed.sha256)
    service.warm_in_background().join(timeout=60)
    after = service.view(DEFAULT_PAGE, not_built_again)
    assert after is not before  # built for the new data version, before anyone asked
    assert "9.9" in str(after.to_plotly_json())  # the committed value is on the warmed page


def test_a_service_without_the_app_warms_only_the_report(tmp_path):
    plain = open_service(tmp_path)
    plain.warm()
    with pytest.raises(AssertionError, match="built again"):
        plain.view(DEFAULT_PAGE, not_built_again)
