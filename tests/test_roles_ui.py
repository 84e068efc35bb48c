"""What each role sees: navigation, staff pages, and the admin audit log."""

from __future__ import annotations

import pytest

from callbacks.router import render_page
from layouts.pages import audit, shell
from layouts.pages import upload as upload_page
from layouts.pages.shell import Viewer
from tests.test_auth import build_app, log_in, payload, post_callback


@pytest.fixture
def app_store(tmp_path):
    return build_app(tmp_path)


def find_ids(component) -> set[str]:
    found: set[str] = set()

    def walk(node) -> None:
        if isinstance(node, list | tuple):
            for child in node:
                walk(child)
            return
        if getattr(node, "id", None):
            found.add(node.id)
        walk_children = getattr(node, "children", None)
        if walk_children is not None and not isinstance(walk_children, str):
            walk(walk_children)

    walk(component)
    return found


def texts(component) -> str:
    if isinstance(component, str):
        return component
    if isinstance(component, list | tuple):
        return " ".join(texts(child) for child in component)
    children = getattr(component, "children", None)
    return "" if children is None else texts(children)


def test_navigation_shows_login_for_anonymous_and_audit_only_for_admins():
    anonymous = shell.navigation("zh", "/upload")
    assert "nav-login" in find_ids(anonymous) and "nav-audit" not in find_ids(anonymous)
    login = anonymous[-1].children
    assert login.href == "/login?next=/upload&lang=zh"
    editor = shell.navigation("zh", "/", Viewer("王芳", "editor"))
    assert {"nav-user", "nav-logout"} <= find_ids(editor)
    assert "nav-audit" not in find_ids(editor)
    assert "王芳（编辑）" in texts(editor)
    admin = shell.navigation("en", "/audit", Viewer("root", "admin"))
    audit_link = next(link for link in admin if getattr(link, "id", "") == "nav-audit")
    assert audit_link.className == "nav-link active"
    assert "root (admin)" in texts(admin)


def test_upload_page_has_no_drop_zone_below_editor(app_store):
    app, _ = app_store
    service = app.server.config["TRACKER_SERVICE"]
    viewer_page = upload_page.layout(service, "zh", role="viewer")
    assert upload_page.DROP not in find_ids(viewer_page)
    assert "upload-needs-editor" in find_ids(viewer_page)
    assert upload_page.DROP in find_ids(upload_page.layout(service, "zh", role="editor"))


def test_audit_page_is_for_admins_and_lists_rows(app_store):
    app, _ = app_store
    service = app.server.config["TRACKER_SERVICE"]
    refused = audit.layout(service, "zh", role="editor")
    assert audit.GRID not in find_ids(refused)
    assert "仅管理员可见" in texts(refused)
    page = audit.layout(service, "en", role="admin")
    grid = next(c for c in page.children[2].children if getattr(c, "id", None) == audit.GRID)
    actions = {row["Action"] for row in grid.rowData}  # English words, not codes
    assert "Upload committed" in actions and "User added" in actions


def test_router_passes_the_session_role_to_staff_pages(app_store):
    app, _ = app_store
    service = app.server.config["TRACKER_SERVICE"]
    with app.server.test_request_context("/audit"):
        page, navigation, *_ = render_page(service, "/audit", "", "zh")
    assert "仅管理员可见" in texts(page)  # anonymous in a request: no admin rights
    assert "nav-login" in find_ids(navigation)


def test_audit_export_is_refused_to_editors_in_the_server(app_store):
    app, _ = app_store
    client = app.server.test_client()
    log_in(client, "editor")
    body = payload(client, f"{audit.DOWNLOAD}.data", {f"{audit.EXPORT}.n_clicks": 1},
                   f"{audit.EXPORT}.n_clicks")
    assert post_callback(client, body).status_code == 403
    admin = app.server.test_client()
    log_in(admin, "admin")
    response = post_callback(admin, body)
    assert response.status_code == 200
    content = response.get_json()["response"][audit.DOWNLOAD]["data"]
    assert content["filename"].startswith("审计日志_") and content["base64"]
