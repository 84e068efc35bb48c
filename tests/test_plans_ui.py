"""Issue 13, the UI: the plans page's builders (plain dicts in, components out), the revise
panel's helpers, the navigation entry, and (test_plans_callbacks.py) the callbacks through
the Flask test client."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pandas as pd
import pytest

from callbacks.router import route
from layouts.pages import detail_revise, plans_parts, shell
from layouts.pages import plans as plans_page
from layouts.pages.shell import Viewer
from layouts.text.plans import TEXT, label
from tests.test_roles_ui import find_ids, texts

LINES = ["第一章 总体要求", "到2025年，每万人口高价值发明专利拥有量达到12件。",
         "知识产权质押融资登记金额达到3200亿元。", "第二章 主要任务", "加强保护。"]
ROWS = [
    {"key": "d1", "decision": "accept", "link": "existing", "name_zh": "每万人口高价值发明专利拥有量",
     "indicator_id": "hv_patents", "target_year": 2025, "target_value": 12.0, "line": 2,
     "quote": "每万人口高价值发明专利拥有量达到12件"},
    {"key": "d2", "decision": "pending", "link": "new", "name_zh": "知识产权质押融资登记金额",
     "indicator_id": "", "target_year": 2025, "target_value": 3200.0, "line": 3,
     "quote": "知识产权质押融资登记金额达到3200亿元", "_problems": "old", "_bad": ["unit"]},
]
PROBLEMS = [
    {"record": "d1", "field": "target_year", "message_zh": "目标年 2025 早于基期年 2026",
     "message_en": "target_year: 2025 is before the baseline year 2026"},
    {"record": "d1", "field": "unit", "message_zh": "单位不符", "message_en": "unit: wrong unit"},
    {"record": "plan_x", "field": "issuer", "message_zh": "不能为空", "message_en": "issuer: empty"},
]


def test_annotate_writes_each_rows_problems_in_the_ui_language_and_names_the_bad_fields():
    zh = plans_parts.annotate(ROWS, PROBLEMS, "zh")
    assert zh[0]["_problems"] == "target_year：目标年 2025 早于基期年 2026；unit：单位不符"
    assert zh[0]["_bad"] == ["target_year", "unit"]
    assert zh[1]["_problems"] == "" and zh[1]["_bad"] == []  # old annotations do not linger
    en = plans_parts.annotate(ROWS, PROBLEMS, "en")
    assert en[0]["_problems"].startswith("target_year: 2025 is before")  # field not doubled
    assert plans_parts.strip_grid_keys(zh[1]) == {k: v for k, v in ROWS[1].items()
                                                  if not k.startswith("_")}


def test_the_problem_panel_lists_every_problem_with_its_record():
    panel = plans_parts.problem_panel(PROBLEMS, "zh")
    shown = texts(panel)
    assert "校验问题（3 项）" in shown and "[d1]" in shown and "[plan_x]" in shown
    assert "issuer：不能为空" in shown
    assert "全部通过校验" in texts(plans_parts.problem_panel([], "zh"))
    assert "Problems (3)" in texts(plans_parts.problem_panel(PROBLEMS, "en"))


def test_the_quote_is_marked_inside_its_neighbouring_lines():
    context = plans_parts.quote_context(LINES, 2, ROWS[0]["quote"], "zh", radius=1)
    lines = context[1].children
    assert [line.children[0].children for line in lines] == ["1", "2", "3"]
    current = lines[1]
    assert current.className == "plans-line current"
    assert current.children[1] == "到2025年，"
    assert current.children[2].children == ROWS[0]["quote"]  # html.Mark
    assert type(current.children[2]).__name__ == "Mark"
    assert "第 2 行" in texts(context)


def test_a_quote_not_found_verbatim_marks_the_whole_line_and_a_missing_line_says_so():
    context = plans_parts.quote_context(LINES, 5, "不在这一行", "zh", radius=0)
    assert context[1].children[0].children[1].children == "加强保护。"
    for bad in (None, 0, 99, "2", True):
        assert "没有原文行号" in texts(plans_parts.quote_context(LINES, bad, "x", "zh"))


def test_text_search_lists_matching_lines_with_their_numbers():
    options, note = plans_parts.search_hits(LINES, "达到", "zh")
    assert [o["value"] for o in options] == [2, 3] and note == ""
    assert options[0]["label"].startswith("2：到2025年")
    assert plans_parts.search_hits(LINES, "  ", "zh") == ([], "")
    assert plans_parts.search_hits(LINES, "不存在", "en") == ([], "Not found.")
    options, note = plans_parts.search_hits(LINES * 10, "达到", "zh", limit=5)
    assert len(options) == 5 and note == "共 20 处，只列出前 5 处。"


def test_the_drafts_grid_edits_every_field_and_shows_codes_as_words():
    columns = {c["field"]: c for c in plans_parts.draft_columns("en")}
    assert columns["decision"]["refData"] == {"pending": "pending", "accept": "accept",
                                              "reject": "reject"}
    zh = {c["field"]: c for c in plans_parts.draft_columns("zh")}
    assert zh["decision"]["refData"]["accept"] == "采纳" and zh["link"]["refData"]["new"] == "新指标"
    assert zh["comparator"]["cellEditor"] == "agSelectCellEditor"
    for field, _, _ in plans_parts.DRAFT_COLUMNS:
        assert zh[field]["editable"] is True
        assert f"includes('{field}')" in zh[field]["cellClassRules"][plans_parts.BAD_CELL]
    assert zh["key"]["editable"] is False and zh["_problems"]["headerName"] == "问题"
    grid = plans_parts.draft_grid("g", ROWS, "zh")
    assert grid.getRowId == "params.data.key"
    assert grid.dashGridOptions["rowSelection"]["mode"] == "singleRow"


def test_saved_sets_are_listed_newest_first_with_their_status_in_words():
    frame = pd.DataFrame([
        {"id": 1, "title_zh": "甲规划", "file_name": "a.txt", "status": "published",
         "updated_by": "王芳", "updated_at": "2026-12-01 10:00", "rows": 3, "accepted": 2},
        {"id": 2, "title_zh": "乙规划", "file_name": None, "status": "open",
         "updated_by": "王芳", "updated_at": "2026-12-02 10:00", "rows": 1, "accepted": 0},
    ])
    rows = plans_parts.sets_rows(frame, "zh")
    assert [r["id"] for r in rows] == [2, 1] and rows[0]["file"] == ""
    assert rows[1]["status"] == "已发布" and rows[0]["row_id"] == "2"
    assert plans_parts.sets_rows(frame, "en")[0]["status"] == "open"


def test_publish_result_and_refusal_say_what_happened():
    result = {"document_id": "plan_x", "target_ids": ["a", "b", "c"], "indicator_ids": ["n1"],
              "change_ids": [1, 2]}
    alert = plans_parts.publish_result(result, "zh")
    assert "文件 plan_x，3 个目标，1 个新指标" in texts(alert) and alert.color == "success"
    refused = plans_parts.refusal(PROBLEMS[:1], "en")
    assert "the registry is unchanged" in texts(refused) and "[d1]" in texts(refused)


def test_the_plans_entry_is_in_the_navigation_for_editors_and_admins_only():
    for role, shown in (("anonymous", False), ("viewer", False), ("editor", True), ("admin", True)):
        nav = shell.navigation("zh", "/plans", Viewer("x", role))
        assert ("nav-plans" in find_ids(nav)) is shown, role
    editor = shell.navigation("en", "/plans", Viewer("x", "editor"))
    link = next(item for item in editor if getattr(item, "id", "") == "nav-plans")
    assert link.children == "Plans" and link.className == "nav-link active"
    assert route("/plans") == ("layouts.pages.plans", "nav.plans", {})
    assert label("nav.plans", "zh") == "规划管理" and label("nav.overview", "en") == "Overview"


def test_the_plans_page_shows_viewers_a_notice_and_no_controls():
    page = plans_page.layout(SimpleNamespace(), "zh", role="viewer")
    assert "plans-needs-editor" in find_ids(page) and plans_page.DROP not in find_ids(page)


def test_every_string_has_chinese_and_english():
    for key, (zh, en) in TEXT.items():
        assert zh and en, key


# the revise panel


TARGET = SimpleNamespace(target_year=2025, comparator=">=", target_value=12.0, target_low=None,
                         target_high=None, kind="level", baseline=SimpleNamespace(year=2020, value=6.3))


def test_the_revise_inputs_start_from_the_target_and_only_changed_fields_are_sent():
    values = detail_revise.field_values(TARGET)
    assert values == [2025, ">=", 12.0, None, None, "level", 2020, 6.3]
    assert detail_revise.changes_from(TARGET, values) == {}
    edited = [2026, ">=", 13, None, None, "level", 2020, 6.3]
    assert detail_revise.changes_from(TARGET, edited) == {"target_year": 2026, "target_value": 13}
    rebased = [2025, ">=", 12.0, None, None, "level", 2021, 7.5]
    assert detail_revise.changes_from(TARGET, rebased) == {"baseline": {"year": 2021, "value": 7.5}}
    cleared = [2025, ">=", 12.0, None, None, "level", None, None]
    assert detail_revise.changes_from(TARGET, cleared) == {"baseline": None}
    assert detail_revise.field_values(None) == [None] * len(detail_revise.FIELDS)


def test_the_history_says_who_when_why_and_what_changed():
    frame = pd.DataFrame([
        {"change_id": 3, "at": "2026-12-01 09:00", "user": "王芳", "action": "seed", "reason": "",
         "old": None, "new": {"target_value": 12.0}, "reverted_by": None},
        {"change_id": 7, "at": "2026-12-02 09:00", "user": "王芳", "action": "revise",
         "reason": "中期调整", "old": {"target_value": 12.0, "target_year": 2025},
         "new": {"target_value": 13.0, "target_year": 2025}, "reverted_by": 9},
    ])
    rows = detail_revise.history_rows(frame, "zh")
    assert [r["change_id"] for r in rows] == [7, 3]
    assert rows[0]["what"] == "target_value: 12 → 13" and rows[0]["reverted_by"] == "#9"
    assert rows[0]["action"] == "修订" and rows[1]["action"] == "初始数据"
    assert rows[1]["what"] == "target_value: — → 12" and rows[1]["reverted_by"] == ""
    many = detail_revise.what_changed({}, {f"f{i}": i for i in range(6)})
    assert many.endswith("；…") and many.count("→") == detail_revise.SHOWN_CHANGES


def test_the_page_says_which_registry_version_its_report_used():
    report = pd.DataFrame({"target_id": ["a", "b"], "registry_version": [4, 4]})
    note = detail_revise.registry_version_note(report, "zh")
    assert note.children == "本页依据登记册第 4 版。" and note.id == detail_revise.VERSION_NOTE
    assert detail_revise.registry_version_note(report.drop(columns="registry_version"), "zh") is None
    assert "version 4" in detail_revise.registry_version_note(report, "en").children


def test_the_revise_panel_has_every_control():
    panel = detail_revise.revise_panel([("plan_hv", "国家规划 · 2025")], "zh")
    found = find_ids(panel)
    assert {detail_revise.TARGET, detail_revise.REASON, detail_revise.SAVE, detail_revise.RETIRE,
            detail_revise.RETIRE_FROM, detail_revise.HISTORY, detail_revise.REVERT} <= found
    assert {detail_revise.field_id(f) for f in detail_revise.FIELDS} <= found
    assert "修订目标" in texts(panel)


@pytest.mark.parametrize("text, expected", [("2026-01-01", dt.date(2026, 1, 1)), ("明年", None),
                                            ("", None), (None, None)])
def test_a_retirement_date_must_be_written_as_iso(text, expected):
    from callbacks.detail_revise import _date
    assert _date(text) == expected


# the draft set between the browser and the PlanDesk


def test_the_browsers_state_rebuilds_the_draft_set_and_goes_back_unchanged():
    from callbacks.plans_state import from_browser, to_browser

    store = {"id": 7, "file_name": "plan.txt", "status": "open", "text": LINES,
             "updated_by": None, "updated_at": None}
    document = ["city_plan", "某市规划", "", "某市人民政府", "", "2021-10-01", 2021, 2025,
                "municipal", "plan", "CN-CQ"]
    rows = [{**ROWS[0], "_problems": "x", "_bad": ["unit"], "target_low": ""}]
    draft_set, problems = from_browser(store, rows, document)
    assert problems == [] and draft_set.id == 7 and draft_set.text[1] == LINES[1]
    assert draft_set.document.date == dt.date(2021, 10, 1) and draft_set.document.doc_number is None
    assert draft_set.rows[0].target_low is None  # an emptied cell means "not given"
    back_store, back_rows, back_document = to_browser(draft_set)
    assert back_store["text"] == LINES and back_rows[0]["target_value"] == 12.0
    assert back_document[5] == "2021-10-01" and back_document[0] == "city_plan"


def test_a_cell_that_cannot_be_read_is_a_problem_of_its_row_and_field():
    from callbacks.plans_state import from_browser

    store = {"id": None, "file_name": "", "status": "open", "text": LINES}
    rows = [{**ROWS[0], "target_year": "二五年"}, ROWS[1]]
    document = ["x", "", "", "", "", "去年", None, None, None, None, "CN"]
    draft_set, problems = from_browser(store, rows, document)
    assert draft_set is None  # the document's date cannot be read either
    located = {(p["record"], p["field"]) for p in problems}
    assert located == {("d1", "target_year"), ("", "date")}
    year = next(p for p in problems if p["field"] == "target_year")
    assert "应为整数" in year["message_zh"] and "二五年" in year["message_zh"]
    assert "valid integer" in year["message_en"]
    assert from_browser(None, rows, document) == (None, [])


def test_the_detail_page_has_the_revise_panel_for_editors_and_names_the_registry_version(tmp_path):
    from layouts.pages import detail
    from tests.view_fixtures import open_service

    service = open_service(tmp_path)
    editor = detail.layout(service, "zh", "hv_patents", "CN", role="editor")
    viewer = detail.layout(service, "zh", "hv_patents", "CN", role="viewer")
    assert "revise-panel" in find_ids(editor) and "revise-panel" not in find_ids(viewer)
    target = next(c for c in editor.children[-1].children if getattr(c, "id", None) == detail_revise.TARGET)
    assert {o["value"] for o in target.options} == {"plan_hv", "outline_hv"}
    assert detail_revise.VERSION_NOTE in find_ids(viewer)  # everyone sees which version
    assert "本页依据登记册第" in texts(viewer)
