"""Each stored version keeps where its value was published; revision 0004 adds the columns.

On SQLite, and on PostgreSQL when TEST_DATABASE_URL is set.
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.config import Config

from indicators.store import ActualsStore
from indicators.store.schema import MIGRATIONS_DIR, WRITE_OPTION
from tests.store_fixtures import csv_bytes, dump_tables, parse

SOURCES = ["source", "url", "published", "quote"]
FIRST_URL = "http://cbfz.org.cn/show-19034.html"
REVISED_URL = "https://www.stats.gov.cn/sj/zxfb/202412/t20241231.html"
FIRST = f"""
指标,地区,年份,数值,备注,来源,链接,发布日期,原文
ip_share,CN,2022,12.71,,国家知识产权局公告第562号,{FIRST_URL},2023-12-29,占GDP的比重为12.71%
ip_share,CN,2023,13.04,,国家知识产权局公告第613号,,2024-12-30,
"""
# The publisher revised 2022 after the census: a new version with its own source and note.
REVISED = f"""
指标,地区,年份,数值,备注,来源,链接,发布日期,原文
ip_share,CN,2022,12.8,经济普查后修订,国家统计局,{REVISED_URL},2024-12-31,修订为12.8%
"""


def upload(store: ActualsStore, project, text: str, name: str = "a.csv") -> int:  # noqa: ANN001
    parsed = parse(csv_bytes(text), name, project)
    assert parsed.ok, parsed.errors
    return store.commit(parsed, "王芳", name, parsed.sha256)


def sources_of(store: ActualsStore, year: int) -> list:
    current = store.current_actuals(sources=True)
    row = current[current["year"] == year].iloc[0]
    return [float(row["value"]), row["note"], *(row[name] for name in SOURCES)]


def test_current_values_carry_their_sources_only_when_asked(store: ActualsStore, project) -> None:
    first = upload(store, project, FIRST)
    plain = store.current_actuals()
    assert list(plain.columns) == ["indicator_id", "region", "year", "value", "note", "upload_id"]
    with_sources = store.current_actuals(sources=True)
    assert list(with_sources.columns) == list(plain.columns) + SOURCES
    assert sources_of(store, 2022) == [12.71, "", "国家知识产权局公告第562号", FIRST_URL,
                                       "2023-12-29", "占GDP的比重为12.71%"]
    assert sources_of(store, 2023)[2:] == ["国家知识产权局公告第613号", "", "2024-12-30", ""]
    history = store.series_history("ip_share", "CN")
    assert history[["year", "upload_id", "source", "url"]].values.tolist() == [
        [2022, first, "国家知识产权局公告第562号", FIRST_URL],
        [2023, first, "国家知识产权局公告第613号", ""]]


def test_a_revised_value_is_a_new_version_and_revert_restores_the_old_source(
        store: ActualsStore, project) -> None:
    first = upload(store, project, FIRST)
    revised = upload(store, project, REVISED, "b.csv")
    assert sources_of(store, 2022) == [12.8, "经济普查后修订", "国家统计局", REVISED_URL, "2024-12-31",
                                       "修订为12.8%"]
    versions = store.versions("ip_share", "CN")
    kept = versions[versions["year"] == 2022]
    assert kept[["value", "note", "upload_id", "source", "url", "published"]].values.tolist() == [
        [12.71, "", first, "国家知识产权局公告第562号", FIRST_URL, "2023-12-29"],
        [12.8, "经济普查后修订", revised, "国家统计局", REVISED_URL, "2024-12-31"]]
    revert_id = store.revert(revised, "王芳")
    assert sources_of(store, 2022) == [12.71, "", "国家知识产权局公告第562号", FIRST_URL,
                                       "2023-12-29", "占GDP的比重为12.71%"]
    assert store.upload_rows(revert_id)["action"].tolist() == ["changed"]


def test_a_new_source_for_the_same_value_counts_as_a_change(store: ActualsStore, project) -> None:
    upload(store, project, FIRST)
    official = "指标,地区,年份,数值,来源,链接\nip_share,CN,2023,13.04,国家统计局,https://www.stats.gov.cn/a.html\n"
    preview = store.preview(parse(csv_bytes(official), "b.csv", project))
    assert (preview.changed, preview.unchanged) == (1, 0)
    assert preview.rows[["new_source", "old_source"]].values.tolist() == [
        ["国家统计局", "国家知识产权局公告第613号"]]


def test_a_file_without_source_columns_keeps_the_source_of_an_unchanged_value_only(
        store: ActualsStore, project) -> None:
    upload(store, project, FIRST)
    plain = "指标,地区,年份,数值\nip_share,CN,2022,12.71\nip_share,CN,2023,13.1\n"
    preview = store.preview(parse(csv_bytes(plain), "b.csv", project))
    assert preview.rows["action"].tolist() == ["unchanged", "changed"]
    upload(store, project, plain, "b.csv")
    assert sources_of(store, 2022)[2] == "国家知识产权局公告第562号"
    assert sources_of(store, 2023)[2:] == ["", "", "", ""]  # the old source is not the new value's


def test_a_note_change_keeps_the_value_s_source(store: ActualsStore, project) -> None:
    upload(store, project, FIRST)
    store.set_note("ip_share", "CN", 2022, "首次公布值", user="李四")
    assert sources_of(store, 2022) == [12.71, "首次公布值", "国家知识产权局公告第562号", FIRST_URL,
                                       "2023-12-29", "占GDP的比重为12.71%"]


def test_blank_sources_are_stored_as_null(store: ActualsStore, project) -> None:
    upload(store, project, FIRST)
    with store.engine.connect() as connection:
        stored = connection.execute(sa.text(
            "SELECT url, quote FROM actual_versions WHERE year = 2023")).one()
    assert tuple(stored) == (None, None)


# revision 0004


def migrate(store: ActualsStore, revision: str, *, down: bool) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with store.engine.connect() as connection:
        connection.execution_options(**{WRITE_OPTION: True})
        with connection.begin():
            config.attributes["connection"] = connection
            (command.downgrade if down else command.upgrade)(config, revision)


def test_revision_0004_keeps_every_row_and_adds_empty_sources(store: ActualsStore, project) -> None:
    first = upload(store, project, "指标,地区,年份,数值,备注\nip_share,CN,2022,12.71,初步\n")
    migrate(store, "0003_note_uploads", down=True)
    before = dump_tables(store)
    migrate(store, "0004_value_sources", down=False)
    after = dump_tables(store)
    assert after.pop("alembic_version") == [("0004_value_sources",)]
    before.pop("alembic_version")
    # Each old version gains four NULL columns at its end; nothing else changes.
    assert after.pop("actual_versions") == [tuple(row) + (None,) * 4
                                           for row in before.pop("actual_versions")]
    assert after == before
    assert sources_of(store, 2022) == [12.71, "初步", "", "", "", ""]
    assert store.series_history("ip_share", "CN")["upload_id"].tolist() == [first]


def test_revision_0004_downgrade_refuses_while_sources_are_stored(store: ActualsStore, project) -> None:
    upload(store, project, FIRST)
    with pytest.raises(RuntimeError, match="value sources"):
        migrate(store, "0003_note_uploads", down=True)
    assert sources_of(store, 2022)[2] == "国家知识产权局公告第562号"  # rolled back, nothing lost
