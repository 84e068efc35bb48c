"""Login, sessions and the server-side guard, through the Flask test client.

The refusals are checked against hand-made POSTs to Dash's callback endpoint,
built exactly as the browser builds them from /_dash-dependencies, so they
prove the server refuses whatever the page's buttons show.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import stat
from pathlib import Path

import flask
import pytest
from flask_login import LoginManager, login_user

from app import create_app
from callbacks import auth
from callbacks.auth_page import SessionUser, safe_next
from indicators.accounts import (
    LoginRefused,
    PermissionDenied,
    TooManyAttempts,
    add_user,
    attempt_login,
    disable_user,
)
from indicators.accounts import login as login_module
from indicators.store import list_audit
from layouts import ids
from layouts.pages import history, upload
from tests.store_fixtures import dump_tables
from tests.view_fixtures import CONFIG, open_service, write_project

PASSWORD = "correct horse 1"
NEW_CSV = "指标,地区,年份,数值,备注\nhv_patents,全国,2024,10.2,\n".encode()


@pytest.fixture(autouse=True)
def _no_deployment_environment(monkeypatch):
    for name in (auth.SECRET_ENV, auth.COOKIE_SECURE_ENV):
        monkeypatch.delenv(name, raising=False)


def build_app(folder: Path, config: str = CONFIG):
    open_service(folder)  # writes the project and commits the actuals (upload #1 by 张三)
    app = create_app(write_project(folder, config))
    store = app.server.config["TRACKER_SERVICE"].store
    for name, role in (("viewer", "viewer"), ("editor", "editor"), ("admin", "admin")):
        add_user(store, name, PASSWORD, role, actor="test")
    return app, store


@pytest.fixture
def app_store(tmp_path: Path):
    return build_app(tmp_path)


def log_in(client, name: str, password: str = PASSWORD, next_path: str = "/"):
    return client.post(f"/login?next={next_path}", data={"name": name, "password": password})


def payload(client, output_fragment: str, values: dict, changed: str) -> dict:
    """The JSON Dash's renderer POSTs for the callback whose output contains the fragment."""
    dependencies = client.get("/_dash-dependencies").get_json()
    dep = next(d for d in dependencies if output_fragment in d["output"])

    def items(specs):
        return [{"id": s["id"], "property": s["property"],
                 "value": values.get(f"{s['id']}.{s['property']}")} for s in specs]

    outputs = [{"id": part.rpartition(".")[0], "property": part.rpartition(".")[2].split("@")[0]}
               for part in dep["output"].strip(".").split("...")]
    return {"output": dep["output"], "outputs": outputs if len(outputs) > 1 else outputs[0],
            "inputs": items(dep["inputs"]), "state": items(dep["state"]),
            "changedPropIds": [changed]}


def commit_payload(client) -> dict:
    pending = {"content": "data:text/csv;base64," + base64.b64encode(NEW_CSV).decode(),
               "file_name": "2024.csv", "sha256": hashlib.sha256(NEW_CSV).hexdigest()}
    return payload(client, f"{upload.DROP}.contents",
                   {f"{upload.COMMIT}.n_clicks": 1, f"{upload.PENDING}.data": pending,
                    f"{ids.LANG_STORE}.data": "zh"}, f"{upload.COMMIT}.n_clicks")


def revert_payload(client, upload_id: int = 1) -> dict:
    row = {"id": upload_id, "file": "actuals.csv", "revertable": True}
    return payload(client, f"{history.GRID}.rowData",
                   {f"{history.CONFIRM}.n_clicks": 1, f"{history.GRID}.selectedRows": [row],
                    f"{ids.LANG_STORE}.data": "zh"}, f"{history.CONFIRM}.n_clicks")


def post_callback(client, body: dict, **headers):
    return client.post("/_dash-update-component", data=json.dumps(body),
                       content_type="application/json", headers=headers)


# login required


def test_anonymous_visitors_are_sent_to_login_and_callbacks_get_401(app_store) -> None:
    app, _ = app_store
    client = app.server.test_client()
    page = client.get("/history?x=1")
    assert page.status_code == 302 and page.headers["Location"] == "/login?next=%2Fhistory%3Fx%3D1"
    assert client.get("/_dash-layout").status_code == 401
    assert client.get("/_dash-dependencies").status_code == 401
    assert client.get("/login").status_code == 200


def test_login_page_speaks_the_ui_language(app_store) -> None:
    client = app_store[0].server.test_client()
    chinese = client.get("/login").get_data(as_text=True)
    assert "<h2>登录</h2>" in chinese and 'lang="zh-CN"' in chinese and "用户名" in chinese
    english = client.get("/login?lang=en").get_data(as_text=True)
    assert "<h2>Log in</h2>" in english and "IP Plan Target Tracker" in english
    client.set_cookie("lang", "en")
    assert "<h2>Log in</h2>" in client.get("/login").get_data(as_text=True)


def test_login_sets_an_httponly_samesite_cookie_and_logout_ends_it(app_store) -> None:
    client = app_store[0].server.test_client()
    response = log_in(client, "viewer", next_path="/compare")
    assert response.status_code == 302 and response.headers["Location"] == "/compare"
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("tracker_session="))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    assert client.get("/").status_code == 200
    assert client.get("/_dash-layout").status_code == 200
    assert client.post("/logout").status_code == 302  # POST only: see test_security_sessions
    assert client.get("/").status_code == 302


def test_wrong_password_is_refused_without_a_session_and_audited(app_store) -> None:
    app, store = app_store
    client = app.server.test_client()
    response = log_in(client, "editor", "wrong password")
    assert response.status_code == 401
    assert "用户名或密码错误" in response.get_data(as_text=True)
    assert client.get("/").status_code == 302
    assert list_audit(store, action="login_failed")["target"].tolist() == ["editor"]


def test_the_login_form_escapes_what_it_echoes_and_never_redirects_off_site(app_store) -> None:
    client = app_store[0].server.test_client()
    page = client.get('/login?next=/"><script>alert(1)</script>').get_data(as_text=True)
    assert "<script>alert(1)" not in page
    response = log_in(client, "<b>x</b>", "wrong password")
    assert "<b>x</b>" not in response.get_data(as_text=True)
    for target in ("//evil.example/", "https://evil.example/", "/\\evil.example", "evil"):
        assert safe_next(target) == "/"
    assert log_in(client, "viewer", next_path="//evil.example/").headers["Location"] == "/"


def test_a_disabled_users_session_ends_at_the_next_request(app_store) -> None:
    app, store = app_store
    client = app.server.test_client()
    log_in(client, "editor")
    assert client.get("/").status_code == 200
    disable_user(store, "editor", actor="admin")
    assert client.get("/").status_code == 302


# the guard in front of data-changing callbacks


def test_viewer_and_anonymous_cannot_commit_by_posting_to_dash(app_store) -> None:
    app, store = app_store
    anonymous = app.server.test_client()
    viewer = app.server.test_client()
    log_in(viewer, "viewer")
    before = dump_tables(store)  # after the login's own audit row
    body = commit_payload(viewer)
    assert post_callback(anonymous, body).status_code == 401
    assert post_callback(viewer, body).status_code == 403
    assert post_callback(viewer, body, Origin="http://localhost").status_code == 403
    assert dump_tables(store) == before


def test_viewer_cannot_revert_by_posting_to_dash(app_store) -> None:
    app, store = app_store
    viewer = app.server.test_client()
    log_in(viewer, "viewer")
    before = dump_tables(store)
    assert post_callback(viewer, revert_payload(viewer)).status_code == 403
    assert dump_tables(store) == before


def test_an_editors_same_origin_commit_passes_the_guard(app_store) -> None:
    app, store = app_store
    editor = app.server.test_client()
    log_in(editor, "editor")
    response = post_callback(editor, commit_payload(editor), Origin="http://localhost")
    assert response.status_code == 200, response.data[:300]
    uploads = store.uploads()
    assert len(uploads) == 2 and uploads.loc[0, "user"] == "editor"
    assert list_audit(store, action="commit")["user"].tolist() == ["editor", "张三"]


def test_cross_origin_and_non_json_posts_are_refused(app_store) -> None:
    app, store = app_store
    editor = app.server.test_client()
    log_in(editor, "editor")
    before = dump_tables(store)
    body = commit_payload(editor)
    assert post_callback(editor, body, Origin="http://evil.example").status_code == 403
    assert post_callback(editor, body, Origin="null").status_code == 403
    assert post_callback(editor, body, Referer="http://evil.example/page").status_code == 403
    as_form = editor.post("/_dash-update-component", data=json.dumps(body),
                          content_type="text/plain")
    assert as_form.status_code == 415
    assert editor.post("/login", data={"name": "editor", "password": PASSWORD},
                       headers={"Origin": "http://evil.example"}).status_code == 403
    assert dump_tables(store) == before


def test_anonymous_view_lets_visitors_read_but_not_write(tmp_path: Path) -> None:
    app, store = build_app(tmp_path, CONFIG + "auth: {anonymous_view: true}\n")
    before = dump_tables(store)
    visitor = app.server.test_client()
    assert visitor.get("/").status_code == 200
    router = payload(visitor, f"{ids.PAGE_CONTENT}.children",
                     {f"{ids.URL}.pathname": "/", f"{ids.LANG_STORE}.data": "zh"},
                     f"{ids.URL}.pathname")
    assert post_callback(visitor, router).status_code == 200
    assert post_callback(visitor, commit_payload(visitor)).status_code == 403
    assert post_callback(visitor, revert_payload(visitor)).status_code == 403
    assert dump_tables(store) == before


def test_every_protected_output_is_written_by_a_registered_callback(app_store) -> None:
    app, _ = app_store
    assert auth.unmatched_protections(app) == []
    protected = {key for key in app.callback_map if auth.needed_role(app.server.config, key)}
    roles = {key: auth.needed_role(app.server.config, key) for key in protected}
    # Admins: the audit-log export and publishing a plan (config.yaml plans.publish_role).
    admin = sorted(key for key, role in roles.items() if role == "admin")
    assert admin[0].startswith("..plans-publish-result.children")
    assert admin[1] == "audit-download.data" and len(admin) == 2
    assert set(roles.values()) == {"admin", "editor"}
    # Editors: preview, commit, revert, the note change, every drafting step of the Plans page
    # and revising a target on the detail page.
    editor = " ".join(key for key, role in roles.items() if role == "editor")
    for output in ("upload-preview.children", "upload-result.children", "history-revert.disabled",
                   "detail-note-message.children", "plans-save-message.children",
                   "plans-start-message.children", "plans-edit-message.children",
                   "revise-message.children", "revise-history.rowData"):
        assert output in editor, output


def test_callback_outputs_reads_dash_keys() -> None:
    assert auth.callback_outputs("a.children") == ["a.children"]
    assert auth.callback_outputs("..a.children...b.data@1f2e..") == ["a.children", "b.data"]
    assert auth.callback_outputs("..x\\.y.value..") == ["x.y.value"]


def test_protect_outputs_keeps_the_highest_role(app_store) -> None:
    app, _ = app_store
    auth.protect_outputs(app, [("users-grid", "rowData")], "admin")
    auth.protect_outputs(app, ["users-grid.rowData"], "editor")
    assert auth.needed_role(app.server.config, "..users-grid.rowData...x.y..") == "admin"


# helpers for callbacks


def test_role_helpers_inside_and_outside_a_request(app_store) -> None:
    assert auth.current_role() == "admin"  # no web request: the operator's own process
    assert auth.current_user_name() == "web"
    server = flask.Flask(__name__)
    server.secret_key = "test"
    manager = LoginManager(server)
    manager.user_loader(lambda _: None)
    store = app_store[1]
    from indicators.accounts import get_user

    with server.test_request_context("/"):
        assert (auth.current_role(), auth.current_user_name()) == ("anonymous", "web")
        with pytest.raises(PermissionDenied):
            auth.require_role("viewer")
        login_user(SessionUser(get_user(store, "editor")))
        assert (auth.current_role(), auth.current_user_name()) == ("editor", "editor")
        auth.require_role("editor")
        assert auth.revert_owner_only()
        with pytest.raises(PermissionDenied):
            auth.require_role("admin")


def test_failed_logins_are_throttled_per_name(app_store, monkeypatch) -> None:
    store = app_store[1]
    monkeypatch.setattr(login_module, "MAX_FAILURES", 3)
    for _ in range(3):
        with pytest.raises(LoginRefused):
            attempt_login(store, "editor", "wrong password")
    with pytest.raises(TooManyAttempts):
        attempt_login(store, "editor", PASSWORD)  # even the right password, for a while
    assert attempt_login(store, "admin", PASSWORD).name == "admin"  # other names unaffected
    assert list_audit(store)["action"].tolist()[:2] == ["login", "login_failed"]


# secret key and cookies


def test_secret_key_file_is_private_and_reused(tmp_path: Path, monkeypatch) -> None:
    app, _ = build_app(tmp_path)
    key_file = tmp_path / "data" / "secret_key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert app.server.secret_key == key_file.read_text().strip() and len(app.server.secret_key) == 64
    again = create_app(write_project(tmp_path))
    assert again.server.secret_key == app.server.secret_key  # sessions survive a restart
    monkeypatch.setenv(auth.SECRET_ENV, "from-the-environment-" + "x" * 40)
    assert create_app(write_project(tmp_path)).server.secret_key.startswith("from-the-environment")
    assert [p.name for p in key_file.parent.iterdir() if p.name.startswith(".")] == []


def test_secure_cookie_behind_https(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv(auth.COOKIE_SECURE_ENV, "1")
    app, _ = build_app(tmp_path)
    response = log_in(app.server.test_client(), "viewer")
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("tracker_session="))
    assert "Secure" in cookie


def test_responses_carry_security_headers(app_store) -> None:
    response = app_store[0].server.test_client().get("/login")
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cache-Control"] == "no-store"


def test_no_plain_password_in_the_database_file(app_store) -> None:
    store = app_store[1]
    database = Path(store.engine.url.database)
    raw = database.read_bytes() + (Path(str(database) + "-wal").read_bytes()
                                   if os.path.exists(str(database) + "-wal") else b"")
    assert PASSWORD.encode() not in raw


def test_python_app_py_prints_a_generated_admin_password_once(tmp_path: Path, capsys) -> None:
    from app import announce_first_admin
    from indicators.accounts import authenticate

    service = open_service(tmp_path)
    announce_first_admin(service)
    printed = capsys.readouterr().err
    password = printed.rsplit("password (shown once): ", 1)[1].strip()
    assert authenticate(service.store, "admin", password).role == "admin"
    announce_first_admin(service)
    assert capsys.readouterr().err == ""


def test_behind_a_proxy_the_forwarded_host_is_what_origin_must_match(tmp_path: Path) -> None:
    proxied = CONFIG + "auth: {secure_cookies: true, proxy_hops: 1}\n"
    app, _ = build_app(tmp_path, proxied)
    forwarded = {"Origin": "https://tracker.example", "X-Forwarded-Host": "tracker.example",
                 "X-Forwarded-Proto": "https", "X-Forwarded-For": "10.0.0.7"}
    client = app.server.test_client()
    response = client.post("/login", data={"name": "viewer", "password": PASSWORD},
                           headers=forwarded)
    assert response.status_code == 302
    assert "Secure" in response.headers["Set-Cookie"]
    direct = create_app(write_project(tmp_path)).server.test_client()  # proxy_hops: 0
    assert direct.post("/login", data={"name": "viewer", "password": PASSWORD},
                       headers=forwarded).status_code == 403
