"""Every current value in little memory (issue 18): text as categories, one canonical form.

The full read (ActualsStore.current_actuals) keeps its text columns as
categoricals of exactly the values present, sorted, read in chunks; the
service's patched actuals keep that form; the latest sources and the
report's repeated words come out as plain text, as before.  On SQLite, and on
PostgreSQL when TEST_DATABASE_URL is set.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

import indicators.store.compact as compact
from indicators.engine import expected_releases, gap_report, targets_frame, with_latest_sources
from indicators.service.cache import version_token
from indicators.service.incremental import Incremental
from indicators.store import ActualsStore
from indicators.store.compact import TEXT_COLUMNS, newest_sorted
from tests.store_fixtures import csv_bytes, parse

FIRST = """
指标,地区,年份,数值,备注,来源,链接,发布日期,原文
ip_share,CN,2022,12.71,,国家知识产权局公告第562号,http://a.cn/1.html,2023-12-29,占比12.71%
ip_share,CN,2023,13.04,,国家知识产权局公告第613号,,2024-12-30,
hv_patents,CN,2023,11.85,快报数,国家知识产权局,,2024-01-16,
hv_patents,CN-CQ,2023,6.1,,重庆市知识产权局,,2024-04-25,
"""
# A new source for 2023's share; the old one is then no longer anyone's source.
REVISED = """
指标,地区,年份,数值,备注,来源,链接,发布日期,原文
ip_share,CN,2023,13.1,经济普查后修订,国家统计局,https://www.stats.gov.cn/b.html,2025-01-02,修订
"""


def upload(store: ActualsStore, project, text: str, name: str = "a.csv") -> int:  # noqa: ANN001
    parsed = parse(csv_bytes(text), name, project)
    assert parsed.ok, parsed.errors
    return store.commit(parsed, "王芳", name, parsed.sha256)


def assert_canonical(frame: pd.DataFrame) -> None:
    for name in TEXT_COLUMNS:
        column = frame[name]
        assert isinstance(column.dtype, pd.CategoricalDtype), name
        present = sorted(set(column.dropna().astype(str)))
        assert column.cat.categories.tolist() == present, name


def test_the_full_read_keeps_text_as_sorted_categories_of_present_values(store, project) -> None:
    upload(store, project, FIRST)
    current = store.current_actuals(sources=True)
    assert_canonical(current)
    assert current[["indicator_id", "region", "year"]].astype(object).values.tolist() == [
        ["hv_patents", "CN", 2023], ["hv_patents", "CN-CQ", 2023],
        ["ip_share", "CN", 2022], ["ip_share", "CN", 2023]]
    assert current["source"].astype(str).tolist()[:2] == ["国家知识产权局", "重庆市知识产权局"]
    assert current["url"].astype(str).tolist() == ["", "", "http://a.cn/1.html", ""]
    assert current[["year", "value", "upload_id"]].dtypes.astype(str).tolist() == [
        "int64", "float64", "int64"]


def test_reading_in_small_chunks_gives_the_same_frame(store, project, monkeypatch) -> None:
    upload(store, project, FIRST)
    upload(store, project, REVISED, "b.csv")
    whole = store.current_actuals(sources=True)
    monkeypatch.setattr("indicators.store.queries.CHUNK_ROWS", 1)
    assert compact.CHUNK_ROWS != 1  # the query module's own name is the one patched
    pd.testing.assert_frame_equal(store.current_actuals(sources=True), whole)


def test_patched_actuals_take_new_texts_and_drop_unused_ones(store, project) -> None:
    upload(store, project, FIRST)
    state = Incremental(store)
    state.actuals(version_token(store.engine))
    upload(store, project, REVISED, "b.csv")
    patched = state.actuals(version_token(store.engine))
    assert_canonical(patched)
    assert "国家统计局" in patched["source"].cat.categories
    assert "国家知识产权局公告第613号" not in patched["source"].cat.categories
    pd.testing.assert_frame_equal(patched, store.current_actuals(sources=True))


def test_newest_version_of_each_key_wins_and_rows_come_sorted() -> None:
    versions = compact.compact_actuals(pd.DataFrame({
        "indicator_id": ["b", "a", "b", "a"], "region": ["CN", "CN", "CN", "CN"],
        "year": [2021, 2022, 2021, 2022], "value": [1.0, 2.0, 3.0, 4.0],
        "upload_id": [1, 3, 2, 2]}))
    newest = newest_sorted(versions)
    assert newest[["indicator_id", "value", "upload_id"]].astype(object).values.tolist() == [
        ["a", 2.0, 3], ["b", 3.0, 2]]
    assert newest["indicator_id"].cat.categories.tolist() == ["a", "b"]


def test_latest_sources_from_categorical_actuals_are_plain_text() -> None:
    # Every stored value has a source, so "" is no category; one report row has no value.
    actuals = compact.compact_actuals(pd.DataFrame({
        "indicator_id": ["a", "a"], "region": ["CN", "CN"], "year": [2022, 2023],
        "value": [1.0, 2.0], "source": ["甲", "乙"], "url": ["u1", "u2"],
        "published": ["2023-01-01", "2024-01-01"]}))
    report = pd.DataFrame({"indicator_id": ["a", "a", "z"], "region": ["CN", "CN", "CN"],
                           "latest_year": pd.array([2023, pd.NA, 2023], dtype="Int64")})
    shown = with_latest_sources(report, actuals)
    assert shown["latest_source"].tolist() == ["乙", "", ""]
    assert shown["latest_url"].tolist() == ["u2", "", ""]
    assert str(shown["latest_source"].dtype) == "str"


def test_the_report_s_repeated_words_are_shared_and_history_years_small(store, project) -> None:
    upload(store, project, FIRST)
    settings, registry = project
    gap = gap_report(targets_frame(registry), store.current_actuals(sources=True))
    for name in ("status", "baseline_source", "forecast"):
        values = gap.report[name].to_numpy(dtype=object)
        assert len({id(value) for value in values}) == len(set(values)), name
        assert str(gap.report[name].dtype) == "str"
    assert gap.history["year"].dtype == np.int16


def test_expected_releases_are_the_same_from_categorical_actuals() -> None:
    report = pd.DataFrame({"indicator_id": ["a", "b"], "region": ["CN", "CN"],
                           "name_zh": ["甲", "乙"], "name_en": ["A", "B"], "unit": ["件", "件"]})
    actuals = pd.DataFrame({"indicator_id": ["a", "b"], "region": ["CN", "CN"],
                            "year": [2020, 2023], "value": [1.0, 2.0]})
    pd.testing.assert_frame_equal(expected_releases(report, compact.compact_actuals(actuals), 2026),
                                  expected_releases(report, actuals, 2026))
