"""Upload and history pages: the callback bodies as functions, on a tmp SQLite store."""

from __future__ import annotations

import base64
import datetime as dt

import flask
import pandas as pd
import pytest
from flask_login import LoginManager, UserMixin, login_user

from callbacks import history as history_callbacks
from callbacks import upload as upload_callbacks
from callbacks.auth import DEFAULT_USER, current_user_name
from indicators.config import load_config
from indicators.service import TrackerService
from layouts.pages import history as history_page
from layouts.pages import upload as upload_page
from layouts.text.staff import TEXT, size_label, t

VALID_CSV = "指标,地区,年份,数值,备注\n质押融资金额,全国,2021,2500,快报\n质押融资金额,全国,2022,2800,\n"
BAD_CSV = "指标,地区,年份,数值\n质押融资金额,全国,2021,abc\n质押融资金额,外星,2022,10\n"


@pytest.fixture
def service(mini_project, tmp_path) -> TrackerService:
    settings = load_config(mini_project(), database_url=f"sqlite:///{tmp_path / 't.db'}")
    return TrackerService.open(settings)


def data_url(text: str, encoding: str = "utf-8") -> str:
    return "data:text/csv;base64," + base64.b64encode(text.encode(encoding)).decode("ascii")


def find(component, component_id: str):
    """The component with this id anywhere in a layout tree, or None."""
    if getattr(component, "id", None) == component_id:
        return component
    children = getattr(component, "children", None)
    if isinstance(component, list | tuple):
        children = component
    if children is None or isinstance(children, str | int | float):
        return None
    for child in children if isinstance(children, list | tuple) else [children]:
        found = find(child, component_id)
        if found is not None:
            return found
    return None


def text_of(component) -> str:
    if isinstance(component, str | int | float):
        return str(component)
    if isinstance(component, list | tuple):
        return " ".join(text_of(child) for child in component)
    children = getattr(component, "children", None)
    return "" if children is None else text_of(children)


# strings and identity


def test_every_string_has_both_languages_and_lookup_falls_back():
    assert all(zh and en for zh, en in TEXT.values())
    assert t("upload.title", "zh") == "数据上传"
    assert t("upload.title", "en") == "Upload data"
    assert t("upload.title", "fr") == "数据上传"
    assert t("no.such.key", "en") == "no.such.key"
    assert t("upload.committed", "en", id=7, n=2) == "Committed: upload #7, 2 rows."


def test_size_label():
    assert size_label(10 * 1024 * 1024) == "10 MB"
    assert size_label(1536) == "1.5 KB"
    assert size_label(12) == "12 B"


class _User(UserMixin):
    def __init__(self, user_id: str, name: str) -> None:
        self.id = user_id
        self.name = name


def test_user_name_is_web_outside_a_request_and_without_login():
    assert current_user_name() == DEFAULT_USER == "web"
    app = flask.Flask(__name__)
    with app.test_request_context("/"):
        assert current_user_name() == "web"


def test_user_name_comes_from_flask_login_when_logged_in():
    app = flask.Flask(__name__)
    app.secret_key = "test"
    manager = LoginManager(app)
    users = {"7": _User("7", "张三")}
    manager.user_loader(users.get)
    with app.test_request_context("/"):
        assert current_user_name() == "web"  # set up, nobody logged in
        login_user(users["7"])
        assert current_user_name() == "张三"


# upload


def test_decode_contents_round_trips_a_data_url():
    assert upload_callbacks.decode_contents(data_url("a,b\n")) == b"a,b\n"


def test_preview_of_a_valid_file_counts_rows_and_stores_nothing(service):
    version = service.store.data_version()
    panel, pending, disabled = upload_callbacks.preview(service, data_url(VALID_CSV), "2022.csv", "zh")
    assert disabled is False
    assert pending["file_name"] == "2022.csv" and len(pending["sha256"]) == 64
    assert text_of(find(panel, "upload-count-added")) == "2"
    assert text_of(find(panel, "upload-count-changed")) == "0"
    rows = find(panel, upload_page.ROWS_GRID).rowData
    assert [(r["year"], r["old_value"], r["new_value"], r["change"]) for r in rows] == [
        (2021, None, 2500.0, "新增"), (2022, None, 2800.0, "新增")
    ]
    assert rows[0]["indicator"] == "知识产权质押融资登记金额" and rows[0]["region"] == "全国"
    assert find(panel, upload_page.ERRORS_GRID) is None
    assert service.store.data_version() == version
    assert service.store.uploads().empty


def test_preview_lists_every_error_with_location_and_blocks_commit(service):
    panel, pending, disabled = upload_callbacks.preview(service, data_url(BAD_CSV), "bad.csv", "en")
    assert pending is None and disabled is True
    errors = find(panel, upload_page.ERRORS_GRID).rowData
    assert [(e["row"], e["column"]) for e in errors] == [(2, "D（数值）"), (3, "B（地区）")]
    assert "'abc' is not a number" in errors[0]["message"]
    assert "Errors (2;" in text_of(panel)


def test_preview_blocks_commit_on_an_error_against_the_stored_values(service):
    # Chongqing has no pledge target: its values are judged against what is stored.
    stored = "指标,地区,年份,数值\n质押融资金额,重庆,2021,25\n质押融资金额,重庆,2022,28\n"
    _, pending, _ = upload_callbacks.preview(service, data_url(stored), "2022.csv", "zh")
    upload_callbacks.commit(service, pending, "zh")
    absurd = "指标,地区,年份,数值\n质押融资金额,重庆,2023,90000\n"
    panel, pending, disabled = upload_callbacks.preview(service, data_url(absurd), "2023.csv", "zh")
    assert pending is None and disabled is True
    errors = find(panel, upload_page.ERRORS_GRID).rowData
    assert [(e["row"], e["column"]) for e in errors] == [(2, "D")]  # as jump warnings are located


def test_preview_of_undecodable_content_says_so(service):
    panel, pending, disabled = upload_callbacks.preview(service, "data:text/csv;base64,@@@", "x.csv", "zh")
    assert pending is None and disabled is True
    assert "无法读取" in text_of(panel)


def test_commit_stores_the_previewed_file_as_web_user(service):
    _, pending, _ = upload_callbacks.preview(service, data_url(VALID_CSV), "2022.csv", "zh")
    result, new_pending, disabled = upload_callbacks.commit(service, pending, "zh")
    uploads = service.store.uploads()
    assert len(uploads) == 1 and uploads.loc[0, "user"] == "web"
    assert f"上传编号 {uploads.loc[0, 'id']}，共 2 行" in text_of(result)
    assert new_pending is None and disabled is True
    actuals = service.store.current_actuals()
    assert actuals.set_index("year")["value"].to_dict() == {2021: 2500.0, 2022: 2800.0}


def test_a_commit_clears_the_ready_line_above_its_result(service):
    # Issue 16: "没有错误。点击“提交”写入数据库。" must not stay above the success message.
    panel, pending, _ = upload_callbacks.preview(service, data_url(VALID_CSV), "2022.csv", "zh")
    ready = find(panel, upload_page.READY)
    assert ready is not None and "没有错误" in text_of(ready)
    result, new_pending, disabled, ready_after = upload_callbacks.commit_outputs(service, pending, "zh")
    assert "已提交" in text_of(result) and new_pending is None and disabled is True
    assert ready_after is None


def test_the_commit_callback_writes_the_ready_line(tmp_path, mini_project):
    from app import create_app

    settings = load_config(mini_project(), database_url=f"sqlite:///{tmp_path / 'w.db'}")
    app = create_app(settings)
    commit_outputs = [key for key, spec in app.callback_map.items()
                      if any(i["id"] == upload_page.COMMIT for i in spec["inputs"])]
    assert commit_outputs and f"{upload_page.READY}.children" in commit_outputs[0]


def test_commit_refuses_content_that_differs_from_the_preview(service):
    _, pending, _ = upload_callbacks.preview(service, data_url(VALID_CSV), "2022.csv", "zh")
    tampered = {**pending, "content": data_url(VALID_CSV.replace("2800", "9999"))}
    result, new_pending, disabled = upload_callbacks.commit(service, tampered, "zh")
    assert "失效" in text_of(result) and new_pending is None and disabled is True
    assert service.store.uploads().empty


def test_second_preview_shows_old_and_new_values(service):
    _, pending, _ = upload_callbacks.preview(service, data_url(VALID_CSV), "a.csv", "zh")
    upload_callbacks.commit(service, pending, "zh")
    changed = VALID_CSV.replace("2800", "3000")
    panel, _, _ = upload_callbacks.preview(service, data_url(changed), "b.csv", "zh")
    rows = find(panel, upload_page.ROWS_GRID).rowData
    assert (rows[0]["change"], rows[0]["old_value"], rows[0]["new_value"]) == ("修改", 2800.0, 3000.0)
    assert text_of(find(panel, "upload-count-unchanged")) == "1"


# history


def test_local_time_is_beijing_time():
    moment = dt.datetime(2024, 12, 31, 16, 30, 5, tzinfo=dt.UTC)
    assert history_page.local_time(moment) == "2025-01-01 00:30:05"


def test_upload_grid_rows_label_kind_and_revert_state(service):
    _, pending, _ = upload_callbacks.preview(service, data_url(VALID_CSV), "a.csv", "zh")
    upload_callbacks.commit(service, pending, "zh")
    first = service.store.uploads().loc[0, "id"]
    service.store.revert(int(first), user="李四")
    rows = history_page.upload_grid_rows(service.store.uploads(), "zh")
    assert [(r["kind"], r["user"], r["rows"], r["revertable"]) for r in rows] == [
        ("撤销", "李四", 2, True), ("上传", "web", 2, False)
    ]
    assert rows[1]["reverted"] == f"是（由 {rows[0]['id']} 撤销）"
    assert rows[0]["file"] == f"撤销上传 {first}"


def test_detail_shows_the_rows_of_the_selected_upload(service):
    _, pending, _ = upload_callbacks.preview(service, data_url(VALID_CSV), "a.csv", "zh")
    upload_callbacks.commit(service, pending, "zh")
    selected = history_page.upload_grid_rows(service.store.uploads(), "en")[0]
    detail, revert_disabled = history_callbacks.show_detail(service, selected, "en")
    rows = find(detail, history_page.ROWS_GRID).rowData
    assert [(r["year"], r["new_value"], r["change"]) for r in rows] == [
        (2021, 2500.0, "added"), (2022, 2800.0, "added")
    ]
    assert rows[0]["note"] == "快报"
    assert revert_disabled is False
    nothing, disabled = history_callbacks.show_detail(service, None, "en")
    assert "Select an upload" in text_of(nothing) and disabled is True


def test_revert_restores_values_and_refreshes_the_table(service):
    _, pending, _ = upload_callbacks.preview(service, data_url(VALID_CSV), "a.csv", "zh")
    upload_callbacks.commit(service, pending, "zh")
    selected = history_page.upload_grid_rows(service.store.uploads(), "zh")[0]
    assert "a.csv" in history_callbacks.confirm_text(selected, "zh")
    rows, style, alert, disabled = history_callbacks.revert(service, selected, "zh")
    assert style == upload_page.grid_style(2)
    assert service.store.current_actuals().empty
    assert [r["kind"] for r in rows] == ["撤销", "上传"] and rows[1]["revertable"] is False
    assert "已撤销" in text_of(alert) and disabled is True
    _, _, again, _ = history_callbacks.revert(service, selected, "zh")
    assert "撤销失败" in text_of(again)


def test_history_layout_lists_uploads_and_offers_upload_when_empty(service):
    empty = history_page.layout(service, "zh")
    assert "还没有任何上传" in text_of(empty)
    assert find(empty, history_page.GRID).rowData == []
    _, pending, _ = upload_callbacks.preview(service, data_url(VALID_CSV), "a.csv", "zh")
    upload_callbacks.commit(service, pending, "zh")
    filled = history_page.layout(service, "en")
    assert [r["file"] for r in find(filled, history_page.GRID).rowData] == ["a.csv"]
    assert find(filled, history_page.MODAL).is_open is False


def test_upload_layout_has_the_drop_zone_and_a_disabled_commit(service):
    component = upload_page.layout(service, "en")
    assert find(component, upload_page.COMMIT).disabled is True
    assert find(component, upload_page.DROP).accept.startswith(".xlsx,.csv")
    assert "Files up to 10 MB." in text_of(component)


def test_value_rows_orders_changes_first_and_keeps_notes():
    diff = pd.DataFrame({
        "indicator_id": ["unknown_one", "unknown_one"], "region": ["CN", "XX"], "year": [2021, 2022],
        "old_value": [1.0, 2.0], "new_value": [1.0, 3.0], "old_note": ["a", None],
        "new_note": ["a", "b"], "action": ["unchanged", "changed"],
    })

    class _Registry:
        indicators: dict = {}

    settings = load_config()
    rows = upload_page.value_rows(diff, _Registry(), settings, "zh")
    assert [(r["action"], r["region"], r["note"]) for r in rows] == [
        ("changed", "XX", "b"), ("unchanged", "全国", "a")
    ]
    assert rows[0]["indicator"] == "unknown_one" and rows[0]["unit"] == ""


@pytest.mark.parametrize(("file_format", "lang", "name"), [
    ("xlsx", "zh", "年度数据填报模板.xlsx"), ("csv", "en", "actuals_template.csv"),
])
def test_template_download_names_the_file_and_holds_the_indicator(service, file_format, lang, name):
    download = upload_callbacks.template_download(service, file_format, lang)
    assert download["filename"] == name and download["base64"] is True
    content = base64.b64decode(download["content"])
    if file_format == "csv":
        assert content.startswith(b"\xef\xbb\xbf") and "pledge" in content.decode("utf-8-sig")
    else:
        assert content[:2] == b"PK"


def _xlsx_data_url(rows: list[list[object]], sheet: str) -> str:
    import io

    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active.title = sheet
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return f"data:{mime};base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def test_errors_name_the_sheet_of_a_workbook_but_not_of_a_csv(service):
    contents = _xlsx_data_url([["指标", "地区", "年份", "数值"], ["质押融资金额", "全国", 2021, "x"]], "填报")
    panel, _, _ = upload_callbacks.preview(service, contents, "book.xlsx", "zh")
    grid = find(panel, upload_page.ERRORS_GRID)
    assert [(e["sheet"], e["row"]) for e in grid.rowData] == [("填报", 2)]
    assert grid.columnDefs[0]["hide"] is False
    panel, _, _ = upload_callbacks.preview(service, data_url(BAD_CSV), "bad.csv", "zh")
    grid = find(panel, upload_page.ERRORS_GRID)
    assert {e["sheet"] for e in grid.rowData} == {""} and grid.columnDefs[0]["hide"] is True


def _dash_request(client, trigger: tuple[str, str, object],
                  state: list[tuple[str, str, object]]) -> dict:
    """The body the browser posts for the callback fired by `trigger` (found in the app's
    dependencies, so allow_duplicate's hashed output names need not be guessed)."""
    trigger_id, trigger_prop, value = trigger
    callback = next(
        c for c in client.get("/_dash-dependencies").get_json()
        if {"id": trigger_id, "property": trigger_prop} in c["inputs"]
    )
    outputs = [part.rsplit(".", 1) for part in callback["output"].strip(".").split("...")]
    return {
        "output": callback["output"],
        "outputs": [{"id": cid, "property": prop} for cid, prop in outputs],
        "inputs": [{"id": trigger_id, "property": trigger_prop, "value": value}],
        "changedPropIds": [f"{trigger_id}.{trigger_prop}"],
        "state": [{"id": cid, "property": prop, "value": v} for cid, prop, v in state],
    }


def test_wiring_preview_then_commit_through_the_flask_server(mini_project, tmp_path, monkeypatch):
    from app import create_app
    from indicators.accounts import add_user
    from layouts import ids

    monkeypatch.setenv("TRACKER_SECRET_KEY", "k" * 64)  # no key file in the project tree
    settings = load_config(mini_project(), database_url=f"sqlite:///{tmp_path / 'w.db'}")
    app = create_app(settings)
    add_user(service_of(app).store, "录入员", "correct horse 1", "editor", actor="test")
    client = app.server.test_client()
    login = client.post("/login?next=/upload", data={"name": "录入员", "password": "correct horse 1"})
    assert login.status_code == 302
    assert client.get("/upload").status_code == 200
    assert upload_page.DROP.encode() not in client.get("/_dash-layout").data  # routed, not static
    preview_request = _dash_request(
        client, (upload_page.DROP, "contents", data_url(VALID_CSV)),
        [(upload_page.DROP, "filename", "2022.csv"), (ids.LANG_STORE, "data", "en")],
    )
    answer = client.post("/_dash-update-component", json=preview_request)
    assert answer.status_code == 200
    response = answer.get_json()["response"]
    assert response[upload_page.COMMIT]["disabled"] is False
    assert service_of(app).store.uploads().empty  # a preview stores nothing
    pending = response[upload_page.PENDING]["data"]
    assert pending["file_name"] == "2022.csv"
    commit_request = _dash_request(
        client, (upload_page.COMMIT, "n_clicks", 1),
        [(upload_page.PENDING, "data", pending), (ids.LANG_STORE, "data", "en")],
    )
    answer = client.post("/_dash-update-component", json=commit_request)
    assert answer.status_code == 200
    uploads = service_of(app).store.uploads()
    assert len(uploads) == 1 and uploads.loc[0, "user"] == "录入员"  # the logged-in name
    assert "Committed: upload #" in str(answer.get_json()["response"])


def service_of(app) -> TrackerService:
    return app.server.config["TRACKER_SERVICE"]


def test_an_editor_may_revert_only_their_own_uploads(mini_project, tmp_path, monkeypatch):
    from app import create_app
    from callbacks.auth_page import SessionUser
    from indicators.accounts import add_user

    monkeypatch.setenv("TRACKER_SECRET_KEY", "k" * 64)
    app = create_app(load_config(mini_project(), database_url=f"sqlite:///{tmp_path / 'r.db'}"))
    service = service_of(app)
    for author in ("张三", "李四"):
        content = VALID_CSV.replace("2800", "2800" if author == "张三" else "2900").encode()
        parsed = upload_callbacks.parse_upload(content, f"{author}.csv", service.registry,
                                               service.settings)
        service.store.commit(parsed, author, f"{author}.csv", parsed.sha256)
    editor = add_user(service.store, "李四", "correct horse 1", "editor", actor="test")
    theirs, own = history_page.upload_grid_rows(service.store.uploads(), "zh")[::-1]
    with app.server.test_request_context("/"):
        login_user(SessionUser(editor))
        assert current_user_name() == "李四"
        _, _, refused, _ = history_callbacks.revert(service, theirs, "zh")
        assert "撤销失败" in text_of(refused) and "张三" in text_of(refused)
        _, _, done, _ = history_callbacks.revert(service, own, "zh")
        assert "已撤销" in text_of(done)
    assert service.store.current_actuals().set_index("year")["value"].to_dict()[2022] == 2800.0
