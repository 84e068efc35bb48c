"""Issue 13, the plans page and the revise panel through the Flask test client: every request
is the JSON Dash's renderer posts, so these show what the server does with the page's buttons,
and that viewers and visitors posting by hand are refused with nothing changed."""

from __future__ import annotations

import json

import pytest

from callbacks import auth
from layouts import ids
from layouts.pages import detail, detail_revise
from layouts.pages import plans as page
from tests.store_fixtures import dump_tables
from tests.test_auth import build_app, log_in
from tests.test_security_web import ANONYMOUS_VIEW, callback_body, post

UPDATE = "/_dash-update-component"
PLAN = """某市知识产权保护和运用规划（2021—2025年）
一、发展目标
到2025年，每万人口高价值发明专利拥有量达到15件。
到2025年，知识产权服务机构达到500家。
二、主要任务
加强知识产权保护。
"""
DOC = {"id": "city_plan", "title_zh": "某市知识产权保护和运用规划", "title_en": "City IP plan",
       "issuer": "某市人民政府", "doc_number": None, "date": "2021-10-01", "period_start": 2021,
       "period_end": 2025, "level": "national", "kind": "plan", "region": "CN"}


@pytest.fixture(autouse=True)
def _no_deployment_environment(monkeypatch):
    for name in (auth.SECRET_ENV, auth.COOKIE_SECURE_ENV):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def app_store(tmp_path):
    return build_app(tmp_path, ANONYMOUS_VIEW)


def clients(app):
    found = {}
    for name in ("anonymous", "viewer", "editor", "admin"):
        found[name] = app.server.test_client()
        if name != "anonymous":
            log_in(found[name], name)
    return found


def doc_values(document: dict) -> dict:
    return {f"{page.doc_input_id(field)}.value": document.get(field) for field in page.DOC_FIELDS}


def body_for(app, trigger: str, values: dict, prop: str = "n_clicks") -> dict:
    """The body of the callback that `trigger.prop` fires (as Dash's renderer builds it)."""
    key = next(k for k, spec in app.callback_map.items()
               if any(i["id"] == trigger and i["property"] == prop for i in spec["inputs"]))
    return callback_body(app, key, values, f"{trigger}.{prop}")


def start_body(app) -> dict:
    return body_for(app, page.PASTE_GO, {f"{page.PASTE_GO}.n_clicks": 1, f"{page.PASTE}.value": PLAN,
                                         f"{ids.LANG_STORE}.data": "zh"})


def state_body(app, button: str, store: dict, rows: list, **extra) -> dict:
    values = {f"{button}.n_clicks": 1, f"{page.SET_STORE}.data": store, f"{page.GRID}.rowData": rows,
              f"{ids.LANG_STORE}.data": "zh", **doc_values(DOC), **extra}
    return body_for(app, button, values)


def answer(response) -> dict:
    assert response.status_code == 200, response.data[:400]
    return json.loads(response.data)["response"]


def drafted(app, client) -> tuple[dict, list]:
    shown = answer(post(client, UPDATE, start_body(app)))
    return shown[page.SET_STORE]["data"], shown[page.GRID]["rowData"]


def reviewed(rows: list) -> list:
    """Accept the hv draft (linked to the registry's indicator) and make the other a new one."""
    done = []
    for row in rows:
        if "高价值" in row["name_zh"]:
            done.append({**row, "decision": "accept", "link": "existing", "indicator_id": "hv_patents"})
        else:
            done.append({**row, "decision": "accept", "link": "new", "indicator_id": "ip_services",
                         "unit": "家", "new_indicator_name_en": "IP service providers",
                         "new_indicator_category": "environment_talent",
                         "new_indicator_direction": "higher", "region": "CN", "kind": "level",
                         "comparator": ">="})
    return done


def test_an_editor_drafts_from_pasted_text_and_sees_each_draft_with_its_line(app_store):
    app, _ = app_store
    store, rows = drafted(app, clients(app)["editor"])
    assert store["text"][2].startswith("到2025年，每万人口") and store["id"] is None
    assert len(rows) >= 2 and all(row["decision"] == "pending" for row in rows)
    hv = next(row for row in rows if "高价值" in row["name_zh"])
    assert hv["line"] == 3 and hv["target_value"] == 15 and hv["_problems"] == ""


def test_check_names_the_bad_field_of_an_accepted_draft_in_chinese_and_english(app_store):
    app, _ = app_store
    editor = clients(app)["editor"]
    store, rows = drafted(app, editor)
    bad = [{**row, "decision": "accept", "target_year": "二五年"} if row["line"] == 3 else row
           for row in rows]
    shown = answer(post(editor, UPDATE, state_body(app, page.CHECK,
                                                   store, bad)))
    row = next(r for r in shown[page.GRID]["rowData"] if r["line"] == 3)
    assert "target_year" in row["_bad"] and "应为整数" in row["_problems"]


def test_a_saved_set_is_listed_and_reopens_as_it_was(app_store):
    app, _ = app_store
    service = app.server.config["TRACKER_SERVICE"]
    editor = clients(app)["editor"]
    store, rows = drafted(app, editor)
    shown = answer(post(editor, UPDATE, state_body(app, page.SAVE,
                                                   store, reviewed(rows))))
    set_id = shown[page.SET_STORE]["data"]["id"]
    assert isinstance(set_id, int) and shown[page.SETS_GRID]["rowData"][0]["id"] == set_id
    reopened = service.plans.get(set_id)
    assert reopened.document.title_zh == DOC["title_zh"]
    assert {row.decision for row in reopened.rows} == {"accept"}


def test_publishing_needs_a_reason_and_a_valid_set_and_changes_nothing_when_refused(app_store):
    app, store_db = app_store
    service = app.server.config["TRACKER_SERVICE"]
    admin = clients(app)["admin"]
    store, rows = drafted(app, admin)
    before = dump_tables(store_db)
    no_reason = answer(post(admin, UPDATE, state_body(app, page.PUBLISH, store,
                                                      reviewed(rows), **{f"{page.REASON}.value": " "})))
    assert "请填写发布原因" in json.dumps(no_reason, ensure_ascii=False)
    broken = [{**row, "target_year": 1800} for row in reviewed(rows)]
    refused = answer(post(admin, UPDATE, state_body(app, page.PUBLISH, store, broken,
                                                    **{f"{page.REASON}.value": "新规划"})))
    assert "登记册没有任何改变" in json.dumps(refused, ensure_ascii=False)
    assert dump_tables(store_db) == before and "city_plan" not in service.registry.documents


def test_an_admin_publishes_and_the_targets_join_the_registry(app_store):
    app, _ = app_store
    service = app.server.config["TRACKER_SERVICE"]
    admin = clients(app)["admin"]
    store, rows = drafted(app, admin)
    shown = answer(post(admin, UPDATE, state_body(app, page.PUBLISH, store, reviewed(rows),
                                                  **{f"{page.REASON}.value": "新规划印发"})))
    assert "已发布" in json.dumps(shown, ensure_ascii=False)
    assert "city_plan" in service.registry.documents and "ip_services" in service.registry.indicators
    assert {t.document for t in service.registry.targets_of("hv_patents", "CN")} >= {"city_plan"}


def test_an_editor_may_save_but_not_publish_by_default(app_store):
    app, _ = app_store
    service = app.server.config["TRACKER_SERVICE"]
    editor = clients(app)["editor"]
    store, rows = drafted(app, editor)
    body = state_body(app, page.PUBLISH, store, reviewed(rows),
                      **{f"{page.REASON}.value": "新规划"})
    assert post(editor, UPDATE, body).status_code == 403  # the guard: publish needs admin
    assert "city_plan" not in service.registry.documents


def plan_bodies(app, store: dict, rows: list) -> list[dict]:
    reason = {f"{page.REASON}.value": "x"}
    return [start_body(app),
            state_body(app, page.SAVE, store, rows),
            state_body(app, page.PUBLISH, store, rows, **reason),
            state_body(app, page.ADD_ROW, store, rows,
                       **{f"{page.HITS}.value": 3, f"{page.MANUAL_QUOTE}.value": "达到15件"}),
            body_for(app, page.OPEN, {f"{page.OPEN}.n_clicks": 1,
                                      f"{page.SETS_GRID}.selectedRows": [{"id": 1}]})]


def revise_body(app, button: str) -> dict:
    values = {f"{button}.n_clicks": 1, f"{detail_revise.TARGET}.value": "plan_hv",
              f"{detail_revise.field_id('target_value')}.value": 13,
              f"{detail_revise.REASON}.value": "中期调整",
              f"{detail_revise.RETIRE_FROM}.value": "2026-01-01",
              f"{detail_revise.HISTORY}.selectedRows": [{"change_id": 1}],
              f"{ids.URL}.pathname": "/indicator/hv_patents/CN", f"{detail.AS_OF}.value": None,
              f"{ids.LANG_STORE}.data": "zh"}
    for field, value in zip(detail_revise.FIELDS, [2025, ">=", 13, None, None, "level", 2020, 6.3],
                            strict=True):
        values[f"{detail_revise.field_id(field)}.value"] = value
    return body_for(app, button, values)


@pytest.mark.parametrize("guard", ["on", "missed"])
def test_viewers_and_visitors_posting_by_hand_are_refused_and_nothing_changes(app_store, guard):
    app, store_db = app_store
    service = app.server.config["TRACKER_SERVICE"]
    users = clients(app)
    store, rows = drafted(app, users["editor"])
    answer(post(users["editor"], UPDATE, state_body(app, page.SAVE,
                                                    store, reviewed(rows))))
    if guard == "missed":  # as if the guard missed a route: each body's require_role still holds
        app.server.config[auth.PROTECTED_CONFIG].clear()
    before, registry_before = dump_tables(store_db), service.registry
    bodies = [*plan_bodies(app, store, reviewed(rows)),
              *(revise_body(app, button) for button in
                (detail_revise.SAVE, detail_revise.RETIRE, detail_revise.REVERT))]
    for body in bodies:
        for name in ("anonymous", "viewer"):
            response = post(users[name], UPDATE, body)
            assert response.status_code == 403, (name, body["output"][:60], response.data[:200])
    assert dump_tables(store_db) == before
    assert service.registry.targets == registry_before.targets


def test_an_editor_revises_a_target_with_a_reason_and_reverts_it(app_store):
    app, _ = app_store
    service = app.server.config["TRACKER_SERVICE"]
    editor = clients(app)["editor"]
    shown = answer(post(editor, UPDATE, revise_body(app, detail_revise.SAVE)))
    assert "已保存修订" in json.dumps(shown, ensure_ascii=False)
    assert service.registry.targets["plan_hv"].target_value == 13
    history = shown[detail_revise.HISTORY]["rowData"]
    assert history[0]["reason"] == "中期调整" and "13" in history[0]["what"]
    body = revise_body(app, detail_revise.REVERT)
    body["state"] = [dict(s, value=[history[0]]) if s["id"] == detail_revise.HISTORY else s
                     for s in body["state"]]
    answer(post(editor, UPDATE, body))
    assert service.registry.targets["plan_hv"].target_value == 12


def test_a_revision_without_a_reason_is_refused_with_the_reason_named(app_store):
    app, _ = app_store
    service = app.server.config["TRACKER_SERVICE"]
    body = revise_body(app, detail_revise.SAVE)
    body["state"] = [dict(s, value="") if s["id"] == detail_revise.REASON else s for s in body["state"]]
    shown = answer(post(clients(app)["editor"], UPDATE, body))
    assert "未保存" in json.dumps(shown, ensure_ascii=False)
    assert service.registry.targets["plan_hv"].target_value == 12


def test_a_retired_target_leaves_the_report_and_its_retirement_can_be_reverted(app_store):
    app, _ = app_store
    service = app.server.config["TRACKER_SERVICE"]
    editor = clients(app)["editor"]
    body = revise_body(app, detail_revise.RETIRE)
    body["state"] = [dict(s, value="2020-01-01") if s["id"] == detail_revise.RETIRE_FROM else s
                     for s in body["state"]]
    shown = answer(post(editor, UPDATE, body))
    assert "已停用" in json.dumps(shown, ensure_ascii=False)
    assert "plan_hv" not in service.registry.targets and "plan_hv" in service.registry.retired
    history = shown[detail_revise.HISTORY]["rowData"]
    revert = revise_body(app, detail_revise.REVERT)
    revert["state"] = [dict(s, value=[history[0]]) if s["id"] == detail_revise.HISTORY else s
                       for s in revert["state"]]
    answer(post(editor, UPDATE, revert))
    assert "plan_hv" in service.registry.targets
