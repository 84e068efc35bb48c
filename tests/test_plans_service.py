"""The Plans desk: a plan's text to drafts, saved, checked, published (or refused, changing nothing).

On SQLite, and on PostgreSQL when TEST_DATABASE_URL is set (tests/registry_fixtures.py).
"""

from __future__ import annotations

import pytest

from indicators.drafting import PlanTextError
from indicators.service.plans import DraftSet, RegistryChangeError
from indicators.store import list_audit
from tests.registry_fixtures import fresh_database, open_service, report_row
from tests.store_fixtures import BACKENDS, dump_tables

# A 2024-2027 plan: its 高价值发明专利 target gives no baseline (the series has data up to
# 2023: the last actual at or before 2024 is 9.4 in 2023); 专利质押 is a new indicator.
PLAN = """\
知识产权发展规划（2024—2027年）
到2027年，每万人口高价值发明专利拥有量达到14件，专利质押项目数达到500个。
"""


@pytest.fixture(params=BACKENDS)
def database_url(request, tmp_path):
    yield from fresh_database(request.param, tmp_path)


def reviewed(draft_set: DraftSet) -> DraftSet:
    """What a reviewer does: fill the document, accept every row, name the new indicator."""
    document = draft_set.document.model_copy(update={
        "id": "plan_2027", "title_en": "IP plan 2024-2027", "issuer": "国务院"})
    rows = tuple(row.model_copy(update={"decision": "accept", "new_indicator_name_en": "Pledged projects"})
                 for row in draft_set.rows)
    return draft_set.model_copy(update={"document": document, "rows": rows})


def test_drafts_link_existing_indicators_and_propose_the_baseline(tmp_path, database_url):
    service = open_service(tmp_path, database_url, actuals=True)
    draft_set = service.plans.draft_from_text(PLAN)
    assert (draft_set.document.period_start, draft_set.document.period_end) == (2024, 2027)
    assert draft_set.text == tuple(PLAN.splitlines())
    hv, pledged = draft_set.rows
    assert (hv.key, hv.link, hv.indicator_id, hv.target_value) == ("d1", "existing", "hv_patents", 14)
    assert (hv.baseline_year, hv.baseline_value, hv.baseline_proposed) == (2023, 9.4, True)
    assert (pledged.link, pledged.baseline_value, pledged.baseline_proposed) == ("new", None, False)
    assert pledged.indicator_id.startswith("new_")


def test_a_bad_draft_is_located_by_row_and_field_in_both_languages(tmp_path, database_url):
    service = open_service(tmp_path, database_url)
    draft_set = reviewed(service.plans.draft_from_text(PLAN))
    hv, pledged = draft_set.rows
    rows = (hv.model_copy(update={"comparator": "range"}),
            pledged.model_copy(update={"new_indicator_name_en": ""}))
    problems = service.plans.check(draft_set.model_copy(update={"rows": rows}))
    located = {(p.record, p.field): (p.message_zh, p.message_en) for p in problems}
    assert located == {
        ("d1", "target_low"): ("区间目标须填写下限和上限",
                               "a range target needs target_low and target_high"),
        ("d2", "new_indicator_name_en"): ("不能为空", "String should have at least 1 character"),
    }
    rejected = rows[:1] + (rows[1].model_copy(update={"decision": "reject"}),)
    assert [p.record for p in service.plans.check(draft_set.model_copy(update={"rows": rejected}))] \
        == ["d1"]  # rejected rows are not checked


def test_publishing_an_invalid_set_is_refused_and_changes_nothing(tmp_path, database_url):
    service = open_service(tmp_path, database_url, actuals=True)
    draft_set = reviewed(service.plans.draft_from_text(PLAN))
    bad = draft_set.model_copy(update={"document": draft_set.document.model_copy(update={"issuer": ""})})
    saved = service.plans.save(bad, "张三")
    before = dump_tables(service.store)
    for role, reason in (("admin", "新规划"), ("editor", "新规划"), ("admin", " ")):
        with pytest.raises(RegistryChangeError) as refused:
            service.plans.publish(saved.id, "李四", role, reason)
        assert refused.value.problems
    assert dump_tables(service.store) == before
    assert refused.value.problems[0].field == "reason"


def test_a_published_set_shows_in_every_process(tmp_path, database_url):
    one = open_service(tmp_path, database_url, actuals=True)
    two = open_service(tmp_path, database_url)
    assert not report_row(two, "plan_2027_hv_patents_2027")
    saved = one.plans.save(reviewed(one.plans.draft_from_text(PLAN)), "张三")
    assert one.plans.check(saved) == []
    result = one.plans.publish(saved.id, "李四", "admin", "新规划印发")
    assert result.document_id == "plan_2027"
    assert result.target_ids[0] == "plan_2027_hv_patents_2027"
    assert len(result.change_ids) == 1 + 1 + 2  # document, new indicator, two targets
    row = report_row(two, "plan_2027_hv_patents_2027")
    assert (row["baseline_value"], row["target_value"]) == (9.4, 14)
    assert row["registry_version"] == max(result.change_ids)
    assert result.indicator_ids[0] in two.registry.indicators
    assert two.plans.get(saved.id).status == "published"
    assert list_audit(two.store, action="registry_publish")["rows_total"].tolist() == [4]
    with pytest.raises(RegistryChangeError):  # once only
        one.plans.publish(saved.id, "李四", "admin", "again")


def test_editors_publish_where_the_config_says_so(tmp_path, database_url):
    service = open_service(tmp_path, database_url, config_extra="plans: {publish_role: editor}\n")
    assert service.plans.may_publish("editor") and not service.plans.may_publish("viewer")
    saved = service.plans.save(reviewed(service.plans.draft_from_text(PLAN)), "张三")
    assert service.plans.publish(saved.id, "张三", "editor", "新规划").target_ids


def test_a_saved_set_survives_a_restart(tmp_path, database_url):
    service = open_service(tmp_path, database_url)
    saved = service.plans.save(service.plans.draft_from_text(PLAN), "张三")
    later = open_service(tmp_path, database_url)
    found = later.plans.get(saved.id)
    assert found == saved
    listed = later.plans.list_sets()
    assert listed[["id", "status", "updated_by", "rows", "accepted"]].values.tolist() == \
        [[saved.id, "open", "张三", 2, 0]]
    changed = later.plans.save(found.model_copy(update={"file_name": "plan.txt"}), "李四")
    assert changed.id == saved.id and later.plans.get(saved.id).updated_by == "李四"


@pytest.mark.parametrize(("name", "content", "zh"), [
    ("scan.txt", b"\x89PNG\r\n\x1a\n....", "这是一张图片，不是文字"),
    ("empty.txt", b"  \n", "文件是空的"),
    ("scan.png", b"\x89PNG\r\n", "只能读取 .txt、.docx 或 .pdf 文件"),
])
def test_a_file_that_is_not_a_plan_gets_a_clear_message(tmp_path, name, content, zh):
    service = open_service(tmp_path, f"sqlite:///{tmp_path / 'p.db'}")
    with pytest.raises(PlanTextError) as refused:
        service.plans.draft_from_file(name, content)
    assert zh in refused.value.message_zh and name in refused.value.message


def test_a_target_the_extractor_missed_and_the_indicator_search(tmp_path):
    service = open_service(tmp_path, f"sqlite:///{tmp_path / 'p.db'}")
    draft_set = service.plans.draft_from_text(PLAN)
    row = service.plans.draft_row_from_quote(draft_set, 2, "到2027年，专利密集型产业增加值占GDP比重达到14%")
    assert (row.key, row.line, row.indicator_id, row.target_value) == ("m1", 2, "ip_share", 14)
    bare = service.plans.draft_row_from_quote(draft_set, 2, "加强知识产权保护")
    assert (bare.quote, bare.line, bare.target_value) == ("加强知识产权保护", 2, None)
    assert [found.id for found in service.plans.search_indicators("高价值")] == ["hv_patents"]
    assert service.plans.search_indicators("pledge")[0].id == "pledge"
    assert service.plans.search_indicators(" ") == []
