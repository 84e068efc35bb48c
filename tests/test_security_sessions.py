"""Issue 17: sessions end in the server (logout, disable), /logout takes POST only, and the
Origin check compares the scheme as well as the host."""

from __future__ import annotations

import pytest

from callbacks import auth
from indicators.accounts import disable_user, enable_user, get_user, user_by_session
from layouts.pages.shell import Viewer, account_links
from tests.test_auth import PASSWORD, build_app, log_in
from tests.test_layouts import find
from tests.view_fixtures import CONFIG

COOKIE = "tracker_session"


@pytest.fixture(autouse=True)
def _no_deployment_environment(monkeypatch):
    for name in (auth.SECRET_ENV, auth.COOKIE_SECURE_ENV):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def app_store(tmp_path):
    return build_app(tmp_path)


def session_cookie(client) -> str:
    return client.get_cookie(COOKIE).value


def replay(app, cookie: str):
    """A fresh client that only holds a copy of the cookie, as a thief would."""
    thief = app.server.test_client()
    thief.set_cookie(COOKIE, cookie)
    return thief


def test_a_cookie_copied_before_logout_no_longer_works(app_store) -> None:
    app, _ = app_store
    client = app.server.test_client()
    log_in(client, "editor")
    copied = session_cookie(client)
    assert replay(app, copied).get("/").status_code == 200
    assert client.post("/logout").status_code == 302
    assert replay(app, copied).get("/").status_code == 302  # to /login
    assert replay(app, copied).get("/_dash-layout").status_code == 401
    log_in(client, "editor")  # logging in again works, with a new cookie
    assert client.get("/").status_code == 200


def test_disable_then_enable_does_not_revive_old_cookies(app_store) -> None:
    app, store = app_store
    client = app.server.test_client()
    log_in(client, "editor")
    copied = session_cookie(client)
    old_session = get_user(store, "editor").session_id
    disable_user(store, "editor", actor="admin")
    enable_user(store, "editor", actor="admin")
    assert user_by_session(store, old_session) is None
    assert replay(app, copied).get("/").status_code == 302
    assert client.get("/").status_code == 302
    assert log_in(client, "editor").status_code == 302 and client.get("/").status_code == 200


def test_logout_takes_post_only_and_get_offers_a_button(app_store) -> None:
    app, _ = app_store
    client = app.server.test_client()
    log_in(client, "viewer")
    page = client.get("/logout")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert 'method="post"' in text and 'action="/logout"' in text and "退出" in text
    assert client.get("/").status_code == 200  # GET logged nobody out
    assert client.post("/logout", headers={"Origin": "http://evil.example"}).status_code == 403
    assert client.get("/").status_code == 200
    response = client.post("/logout", headers={"Origin": "http://localhost"})
    assert response.status_code == 302 and "logged_out=1" in response.headers["Location"]
    assert client.get("/").status_code == 302


def test_the_header_logs_out_with_a_post_form() -> None:
    links = account_links("zh", "/", Viewer("editor", "editor"))
    button = find(links, "nav-logout")
    form = next(child for child in links.children if getattr(child, "children", None) is button)
    assert (form.action, form.method.lower()) == ("/logout?lang=zh", "post")
    assert button.type == "submit"
    english = account_links("en", "/", Viewer("editor", "editor"))
    assert any(getattr(child, "action", "") == "/logout?lang=en" for child in english.children)


def test_logging_out_of_the_english_ui_lands_on_the_english_login_page(app_store) -> None:
    app, _ = app_store
    client = app.server.test_client()
    log_in(client, "viewer")
    response = client.post("/logout?lang=en", headers={"Origin": "http://localhost"})
    assert response.status_code == 302 and "lang=en" in response.headers["Location"]
    login = client.get(response.headers["Location"]).get_data(as_text=True)
    assert '<html lang="en"' in login


def test_origin_must_match_the_scheme_too(app_store) -> None:
    app, store = app_store
    client = app.server.test_client()
    data = {"name": "viewer", "password": PASSWORD}
    assert client.post("/login", data=data, headers={"Origin": "https://localhost"}).status_code == 403
    assert client.post("/login", data=data, headers={"Origin": "http://localhost:8050"}).status_code == 403
    assert client.post("/login", data=data, headers={"Origin": "http://localhost"}).status_code == 302
    assert client.post("/login", data=data,
                       headers={"Referer": "http://localhost:80/login"}).status_code == 302


def test_behind_a_proxy_the_forwarded_scheme_is_compared(tmp_path) -> None:
    app, _ = build_app(tmp_path, CONFIG + "auth: {proxy_hops: 1}\n")
    client = app.server.test_client()
    data = {"name": "viewer", "password": PASSWORD}
    forwarded = {"X-Forwarded-Host": "tracker.example", "X-Forwarded-Proto": "https",
                 "X-Forwarded-For": "10.0.0.7"}
    assert client.post("/login", data=data, headers={
        **forwarded, "Origin": "http://tracker.example"}).status_code == 403
    assert client.post("/login", data=data, headers={
        **forwarded, "Origin": "https://tracker.example"}).status_code == 302
    direct = build_app(tmp_path / "direct", CONFIG)[0].server.test_client()
    assert direct.post("/login", data=data, headers={
        **forwarded, "Origin": "https://tracker.example"}).status_code == 403


def test_revision_0005_keeps_sessions_of_existing_users_until_their_next_logout(tmp_path) -> None:
    from alembic import command
    from alembic.config import Config

    from indicators.accounts import add_user, end_sessions
    from indicators.store import WRITE_OPTION, ActualsStore, upgrade_to_head
    from indicators.store.schema import MIGRATIONS_DIR

    store = ActualsStore(f"sqlite:///{tmp_path / 'stamps.db'}")
    add_user(store, "ann", "secret password", "editor")
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with store.engine.connect() as connection:
        connection.execution_options(**{WRITE_OPTION: True})
        with connection.begin():
            config.attributes["connection"] = connection
            command.downgrade(config, "0004_value_sources")
    upgrade_to_head(store.engine)
    cookie = get_user(store, "ann").session_id
    assert user_by_session(store, cookie) is not None  # the empty stamp keeps it valid
    end_sessions(store, "ann")
    assert user_by_session(store, cookie) is None
    assert user_by_session(store, get_user(store, "ann").session_id) is not None
