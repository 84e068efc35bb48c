"""The note control on the detail page: who sees it, the callbacks as functions, the server
refusal for viewers, and how the history page shows a note change."""

from __future__ import annotations

import dash
import pytest
from dash.exceptions import PreventUpdate
from flask_login import login_user

from callbacks import detail as detail_callbacks
from callbacks.auth_page import SessionUser
from callbacks.router import render_page
from indicators.accounts import get_user
from indicators.store import list_audit
from layouts import ids
from layouts.pages import detail, history
from layouts.pages.detail_parts import DATA_TABLE, NOTE_MESSAGE, NOTE_SAVE, NOTE_TEXT, NOTE_YEAR
from layouts.text.staff import TEXT
from tests.store_fixtures import dump_tables
from tests.test_auth import build_app, log_in, payload, post_callback
from tests.test_layouts import find, text_of
from tests.view_fixtures import UPLOADER, open_service

PATH = "/indicator/hv_patents/CN"
CENSUS = "第五次经济普查后修订"


@pytest.fixture
def service(tmp_path):
    return open_service(tmp_path)  # hv_patents CN: 2021 7.5, 2022 8.5, 2023 9.4 (快报数)


@pytest.fixture
def app_store(tmp_path):
    return build_app(tmp_path)


def page_for(service, role: str, lang: str = "zh"):
    return detail.layout(service, lang, indicator_id="hv_patents", region="CN", role=role)


def test_editors_get_the_note_control_and_viewers_do_not(service) -> None:
    assert find(page_for(service, "viewer"), NOTE_SAVE) is None
    assert find(detail.layout(service, "zh", indicator_id="hv_patents", region="CN"), NOTE_SAVE) is None
    for role in ("editor", "admin"):
        page = page_for(service, role)
        assert find(page, NOTE_SAVE) is not None
    years = find(page, NOTE_YEAR)
    assert [option["value"] for option in years.options] == [2023, 2022, 2021]
    assert years.value == 2023
    assert find(page, NOTE_TEXT).value == "快报数"  # the latest year's note, to edit from
    assert "修改备注" in text_of(page)
    assert "Edit note" in text_of(page_for(service, "editor", "en"))


def test_router_passes_the_role_to_the_detail_page(app_store) -> None:
    app, store = app_store
    service = app.server.config["TRACKER_SERVICE"]
    with app.server.test_request_context(PATH):
        login_user(SessionUser(get_user(store, "viewer")))
        viewer_page = render_page(service, PATH, "", "zh")[0]
    with app.server.test_request_context(PATH):
        login_user(SessionUser(get_user(store, "editor")))
        editor_page = render_page(service, PATH, "", "zh")[0]
    assert find(viewer_page, NOTE_SAVE) is None
    assert find(editor_page, NOTE_SAVE) is not None


def test_picking_a_year_fills_in_its_note(service) -> None:
    assert detail_callbacks.current_note(service, PATH, 2023) == "快报数"
    assert detail_callbacks.current_note(service, PATH, 2021) == ""
    for path, year in ((PATH, None), ("/compare", 2023), ("/indicator/nonsense/CN", 2023)):
        with pytest.raises(PreventUpdate):
            detail_callbacks.current_note(service, path, year)


def test_saving_a_note_stores_it_and_refreshes_the_table(service) -> None:
    version = service.store.data_version()
    table, message = detail_callbacks.save_note(service, PATH, 2022, CENSUS, "zh")
    assert CENSUS in text_of(table)
    assert message.color == "success" and "备注已保存（上传 2）" in text_of(message)
    current = service.store.series_history("hv_patents", "CN").set_index("year")
    assert (current.loc[2022, "value"], current.loc[2022, "note"]) == (8.5, CENSUS)
    assert current.loc[2022, "user"] == "web"  # no logged-in user outside a request
    assert service.store.data_version() == version + 1


def test_an_unchanged_note_or_a_refusal_leaves_the_table(service) -> None:
    before = dump_tables(service.store)
    table, message = detail_callbacks.save_note(service, PATH, 2023, "快报数", "en")
    assert table is dash.no_update and message.color == "secondary"
    assert "nothing was changed" in text_of(message)
    table, message = detail_callbacks.save_note(service, PATH, 2030, CENSUS, "zh")
    assert table is dash.no_update and message.color == "danger"
    assert "备注未保存" in text_of(message)
    for path, year in ((PATH, None), (PATH, "2022"), ("/compare", 2022), ("/indicator/x/CN", 2022)):
        with pytest.raises(PreventUpdate):
            detail_callbacks.save_note(service, path, year, CENSUS, "zh")
    assert dump_tables(service.store) == before


def test_the_save_function_itself_refuses_a_viewer(app_store) -> None:
    app, store = app_store
    service = app.server.config["TRACKER_SERVICE"]
    before = dump_tables(store)
    with app.server.test_request_context(PATH):
        login_user(SessionUser(get_user(store, "viewer")))
        table, message = detail_callbacks.save_note(service, PATH, 2022, CENSUS, "zh")
    assert table is dash.no_update and "editor" in text_of(message)
    assert dump_tables(store) == before


def note_payload(client, year: int = 2022, text: str = CENSUS) -> dict:
    return payload(client, f"{DATA_TABLE}.children",
                   {f"{NOTE_SAVE}.n_clicks": 1, f"{NOTE_YEAR}.value": year,
                    f"{NOTE_TEXT}.value": text, f"{ids.URL}.pathname": PATH,
                    f"{ids.LANG_STORE}.data": "zh"}, f"{NOTE_SAVE}.n_clicks")


def test_the_server_refuses_a_note_change_below_editor(app_store) -> None:
    app, store = app_store
    anonymous = app.server.test_client()
    viewer = app.server.test_client()
    log_in(viewer, "viewer")
    before = dump_tables(store)
    body = note_payload(viewer)
    assert post_callback(anonymous, body).status_code == 401
    assert post_callback(viewer, body).status_code == 403
    assert post_callback(viewer, body, Origin="http://localhost").status_code == 403
    assert dump_tables(store) == before


def test_an_editors_note_change_passes_and_is_audited(app_store) -> None:
    app, store = app_store
    editor = app.server.test_client()
    log_in(editor, "editor")
    response = post_callback(editor, note_payload(editor), Origin="http://localhost")
    assert response.status_code == 200, response.data[:300]
    answer = response.get_json()["response"]
    assert CENSUS in str(answer[DATA_TABLE]["children"])
    assert "备注已保存" in str(answer[NOTE_MESSAGE]["children"])
    latest = store.uploads().iloc[0]
    assert (latest["kind"], latest["user"]) == ("note", "editor")
    assert list_audit(store, action="note")["user"].tolist() == ["editor"]


def test_the_history_page_names_note_changes(service) -> None:
    note_id = service.store.set_note("hv_patents", "CN", 2022, CENSUS, user="李四")
    rows = {row["id"]: row for row in history.upload_grid_rows(service.store.uploads(), "zh")}
    assert (rows[note_id]["kind"], rows[note_id]["file"], rows[note_id]["user"]) == (
        "备注修改", "在详情页修改备注", "李四")
    assert rows[note_id]["revertable"] and rows[1]["user"] == UPLOADER
    english = history.upload_grid_rows(service.store.uploads(), "en")[0]
    assert english["kind"] == "note change"
    assert TEXT["kind.note"] == ("备注修改", "note change")
