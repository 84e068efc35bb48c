"""Views a change did not touch are handed on to the new data version (indicators.service.carry),
and each one handed on equals the view built afresh."""

from __future__ import annotations

import json

import pytest
from plotly.utils import PlotlyJSONEncoder

from app import create_app
from indicators.importing import parse_upload
from indicators.service import ReportFilter, Scope
from indicators.service.cache import MISSING, LocalCache
from indicators.service.carry import ChangedSeries
from layouts.pages import detail, overview
from tests.view_fixtures import open_service, write_project

# The fixture's data: hv_patents in 全国 and 重庆 2021-2023, pledge in 全国 2021-2022.
PLEDGE_REVISED = "指标,地区,年份,数值,备注\npledge,全国,2022,2700,\n"
NEW_LATEST_YEAR = "指标,地区,年份,数值,备注\nhv_patents,全国,2024,9.9,\n"


@pytest.fixture()
def service(tmp_path):
    open_service(tmp_path)
    return create_app(write_project(tmp_path)).server.config["TRACKER_SERVICE"]


def commit(service, csv: str) -> None:
    parsed = parse_upload(csv.encode("utf-8"), "c.csv", service.registry, service.settings)
    assert parsed.ok, parsed.errors
    service.store.commit(parsed, "张三", "c.csv", parsed.sha256)


def region_page(service, region: str):
    return overview.overview_body(service, "zh", ReportFilter(region=region))


def series_page(service, indicator: str, region: str):
    return detail.detail_body(service, "zh", indicator, region, None)


def as_json(view) -> str:
    return json.dumps(view, cls=PlotlyJSONEncoder, sort_keys=True)


def afresh(service, build) -> str:
    service._views.clear()  # as a process that never saw the earlier version
    return as_json(build())


def test_pages_the_change_did_not_touch_are_handed_on_and_equal_fresh_ones(service):
    chongqing, hv_national = region_page(service, "CN-CQ"), series_page(service, "hv_patents", "CN")
    national, pledge = region_page(service, "CN"), series_page(service, "pledge", "CN")
    commit(service, PLEDGE_REVISED)  # 全国's pledge only; the latest year stays 2023
    assert region_page(service, "CN-CQ") is chongqing
    assert series_page(service, "hv_patents", "CN") is hv_national
    assert region_page(service, "CN") is not national  # 全国 holds the changed series
    assert series_page(service, "pledge", "CN") is not pledge
    handed_on = [as_json(chongqing), as_json(hv_national)]
    assert handed_on == [afresh(service, lambda: region_page(service, "CN-CQ")),
                         afresh(service, lambda: series_page(service, "hv_patents", "CN"))]


def test_a_region_page_is_handed_on_also_when_the_whole_overview_came_first(service):
    overview.layout(service, "zh")  # the whole overview first: the same kind of view
    chongqing = region_page(service, "CN-CQ")
    commit(service, PLEDGE_REVISED)
    service.warm()  # builds the new whole overview first, as the watcher does
    assert region_page(service, "CN-CQ") is chongqing


def test_a_new_latest_year_rebuilds_every_page(service):
    chongqing = region_page(service, "CN-CQ")
    pledge = series_page(service, "pledge", "CN")
    commit(service, NEW_LATEST_YEAR)  # 全国's hv_patents in 2024: every page is now "as of 2024"
    assert region_page(service, "CN-CQ") is not chongqing
    assert series_page(service, "pledge", "CN") is not pledge
    assert "2024" in as_json(region_page(service, "CN-CQ"))


def test_a_page_is_handed_on_across_several_versions_none_of_which_touched_it(service):
    chongqing, national = region_page(service, "CN-CQ"), region_page(service, "CN")
    commit(service, PLEDGE_REVISED)
    commit(service, "指标,地区,年份,数值,备注\nhv_patents,重庆,2023,4.7,\n")  # 重庆 this time
    commit(service, PLEDGE_REVISED.replace("2700", "2750"))  # nobody looked in between
    assert region_page(service, "CN-CQ") is not chongqing  # the second commit touched 重庆
    fresh_chongqing = as_json(region_page(service, "CN-CQ"))
    assert "4.7" in fresh_chongqing
    assert region_page(service, "CN") is not national
    assert fresh_chongqing == afresh(service, lambda: region_page(service, "CN-CQ"))


def test_a_page_is_handed_on_across_versions_that_touched_other_regions(service):
    chongqing = region_page(service, "CN-CQ")
    commit(service, PLEDGE_REVISED)
    commit(service, PLEDGE_REVISED.replace("2700", "2750"))
    assert region_page(service, "CN-CQ") is chongqing
    assert as_json(chongqing) == afresh(service, lambda: region_page(service, "CN-CQ"))


@pytest.mark.parametrize(("scope", "touched"), [
    (Scope(regions=frozenset({"CN-CQ"})), False),
    (Scope(regions=frozenset({"CN"})), True),
    (Scope(series=frozenset({("hv", "CN")})), False),
    (Scope(series=frozenset({("pledge", "CN")})), True),
    (Scope(), False),
])
def test_a_scope_is_touched_by_a_change_of_its_regions_or_series(scope, touched):
    assert scope.touched_by(frozenset({("pledge", "CN")})) is touched


def test_tokens_of_different_registries_tell_nothing(tmp_path):
    changes = ChangedSeries(store=None)  # never asked: the registry parts differ
    assert changes.between("3.2.x.r5-0", "4.3.y.r6-0") is None
    assert changes.between("3.2.x", "4.3.y") is None  # no registry part at all


def test_the_cache_keeps_the_version_before_the_newest_only_when_asked():
    kept, plain = LocalCache(4, keep_previous=True), LocalCache(4)
    for cache in (kept, plain):
        cache.put("1.1.a", ("k",), "one")
        cache.put("2.2.b", ("k",), "two")
    assert kept.previous(("k",), "2.2.b") == ("1.1.a", "one")
    assert plain.previous(("k",), "2.2.b") is MISSING
    assert kept.previous(("k",), "3.3.c") == ("2.2.b", "two")  # still a current entry
    kept.put("3.3.c", ("other",), "three")
    assert kept.get("2.2.b", ("k",)) is MISSING  # no longer a current entry,
    assert kept.previous(("k",), "3.3.c") == ("2.2.b", "two")  # but kept as the one before
    assert kept.previous(("k",), "2.2.b") is MISSING  # nothing older than version 2 is kept
