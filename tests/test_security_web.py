"""Issue 17, the web part: the role guard wherever Dash routes a callback (path prefixes, the
MCP endpoint, any other POST route), a second role check inside the data-changing callbacks,
and hostile callback bodies (deep nesting, huge or mistyped values, partial grid rows).

Every request is hand-made, as an attacker would send it; the database must not change.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json

import dash
import pytest

from callbacks import auth
from layouts import ids
from layouts.pages import history, overview, upload
from tests.store_fixtures import dump_tables
from tests.test_auth import NEW_CSV, build_app, log_in
from tests.view_fixtures import CONFIG

ANONYMOUS_VIEW = CONFIG + "auth: {anonymous_view: true}\n"
UPDATE = "_dash-update-component"


@pytest.fixture(autouse=True)
def _no_dash_environment(monkeypatch):
    for name in ("DASH_URL_BASE_PATHNAME", "DASH_ROUTES_PATHNAME_PREFIX",
                 "DASH_REQUESTS_PATHNAME_PREFIX", "DASH_MCP_ENABLED", "DASH_MCP_PATH",
                 auth.SECRET_ENV, auth.COOKIE_SECURE_ENV):
        monkeypatch.delenv(name, raising=False)


def callback_body(app: dash.Dash, fragment: str, values: dict, changed: str) -> dict:
    """The JSON Dash's renderer POSTs for the callback whose output key contains `fragment`."""
    key = next(k for k in app.callback_map if fragment in k)
    spec = app.callback_map[key]

    def items(specs):
        return [{"id": s["id"], "property": s["property"],
                 "value": values.get(f"{s['id']}.{s['property']}")} for s in specs]

    outputs = [{"id": out.rpartition(".")[0], "property": out.rpartition(".")[2]}
               for out in auth.callback_outputs(key)]
    return {"output": key, "outputs": outputs if len(outputs) > 1 else outputs[0],
            "inputs": items(spec["inputs"]), "state": items(spec["state"]),
            "changedPropIds": [changed]}


def commit_body(app: dash.Dash) -> dict:
    pending = {"content": "data:text/csv;base64," + base64.b64encode(NEW_CSV).decode(),
               "file_name": "2024.csv", "sha256": hashlib.sha256(NEW_CSV).hexdigest()}
    return callback_body(app, f"{upload.DROP}.contents",
                         {f"{upload.COMMIT}.n_clicks": 1, f"{upload.PENDING}.data": pending,
                          f"{ids.LANG_STORE}.data": "zh"}, f"{upload.COMMIT}.n_clicks")


def revert_body(app: dash.Dash) -> dict:
    row = {"id": 1, "file": "actuals.csv", "revertable": True}
    return callback_body(app, f"{history.GRID}.rowData",
                         {f"{history.CONFIRM}.n_clicks": 1, f"{history.GRID}.selectedRows": [row],
                          f"{ids.LANG_STORE}.data": "zh"}, f"{history.CONFIRM}.n_clicks")


def preview_body(app: dash.Dash) -> dict:
    contents = "data:text/csv;base64," + base64.b64encode(NEW_CSV).decode()
    return callback_body(app, f"{upload.PREVIEW}.children",
                         {f"{upload.DROP}.contents": contents, f"{upload.DROP}.filename": "a.csv",
                          f"{ids.LANG_STORE}.data": "zh"}, f"{upload.DROP}.contents")


def post(client, path: str, body: dict | str, **headers):
    data = body if isinstance(body, str) else json.dumps(body)
    return client.post(path, data=data, content_type="application/json", headers=headers)


def clients(app):
    anonymous, viewer, editor = (app.server.test_client() for _ in range(3))
    log_in(viewer, "viewer")
    log_in(editor, "editor")
    return anonymous, viewer, editor


# 1. the guard follows Dash's routes, not one fixed path

PREFIXES = {
    "url_base_pathname from the environment": ({"DASH_URL_BASE_PATHNAME": "/tracker/"}, {}),
    "routes and requests prefixes from the environment": (
        {"DASH_ROUTES_PATHNAME_PREFIX": "/r/", "DASH_REQUESTS_PATHNAME_PREFIX": "/proxy/r/"}, {}),
    "prefixes passed to dash.Dash": (
        {}, {"routes_pathname_prefix": "/x/", "requests_pathname_prefix": "/x/"}),
}


@pytest.mark.parametrize("environ, arguments", PREFIXES.values(), ids=PREFIXES.keys())
@pytest.mark.parametrize("config", [CONFIG, ANONYMOUS_VIEW], ids=["login", "anonymous_view"])
def test_under_a_path_prefix_viewers_and_visitors_still_cannot_write(
        tmp_path, monkeypatch, environ, arguments, config) -> None:
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    if arguments:
        monkeypatch.setattr(dash, "Dash", functools.partial(dash.Dash, **arguments))
    app, store = build_app(tmp_path, config)
    path = app.config.routes_pathname_prefix + UPDATE
    assert path != "/" + UPDATE
    anonymous, viewer, editor = clients(app)
    before = dump_tables(store)
    for body in (commit_body(app), revert_body(app)):
        assert post(anonymous, path, body).status_code in (401, 403)
        assert post(viewer, path, body).status_code == 403
        assert post(viewer, path, body, Origin="http://localhost").status_code == 403
    assert dump_tables(store) == before
    response = post(editor, path, commit_body(app), Origin="http://localhost")
    assert response.status_code == 200, response.data[:300]  # the guard still lets staff work
    assert len(store.uploads()) == 2


def test_the_mcp_endpoint_is_refused_to_everyone(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("DASH_MCP_ENABLED", "true")
    app, store = build_app(tmp_path, ANONYMOUS_VIEW)
    assert "/_mcp" in app.routes  # Dash did register it
    admin = app.server.test_client()
    log_in(admin, "admin")
    before = dump_tables(store)
    listing = {"jsonrpc": "2.0", "id": 1, "method": "tools/list", "params": {}}
    for client in (app.server.test_client(), admin):
        assert post(client, "/_mcp", listing).status_code == 403
        assert client.get("/_mcp").status_code == 403
        assert client.delete("/_mcp").status_code == 403
    assert dump_tables(store) == before


def test_a_post_to_any_route_the_guard_does_not_know_is_refused(tmp_path) -> None:
    app, store = build_app(tmp_path)
    app.server.add_url_rule("/_plugin-write", "plugin_write", lambda: "written", methods=["POST"])
    _, viewer, editor = clients(app)
    assert post(viewer, "/_plugin-write", {}).status_code == 403
    assert post(editor, "/_plugin-write", {}).status_code == 403


def test_each_data_changing_callback_checks_the_role_itself(tmp_path) -> None:
    app, store = build_app(tmp_path, ANONYMOUS_VIEW)
    app.server.config[auth.PROTECTED_CONFIG].clear()  # as if the guard missed a route
    anonymous, viewer, _ = clients(app)
    before = dump_tables(store)
    for body in (commit_body(app), revert_body(app), preview_body(app)):
        for client in (anonymous, viewer):
            response = post(client, "/" + UPDATE, body)
            assert response.status_code == 403, (body["output"][:40], response.data[:200])
    assert dump_tables(store) == before


# 4. hostile callback bodies


def test_json_nested_too_deep_is_refused_with_400(tmp_path) -> None:
    app, store = build_app(tmp_path, ANONYMOUS_VIEW)
    client = app.server.test_client()
    for depth in (100, 1000, 100_000):
        nested = "[" * depth + "]" * depth
        body = '{"output": "overview-body.children", "inputs": ' + nested + ', "state": []}'
        response = post(client, "/" + UPDATE, body)
        assert response.status_code == 400, (depth, response.data[:200])


def filter_body(app: dash.Dash, document: object) -> dict:
    return callback_body(app, f"{overview.BODY}.children",
                         {f"{overview.DOCUMENT_FILTER}.value": document,
                          f"{ids.LANG_STORE}.data": "zh"}, f"{overview.DOCUMENT_FILTER}.value")


def test_huge_or_mistyped_filter_values_are_refused_cleanly(tmp_path) -> None:
    app, _ = build_app(tmp_path, ANONYMOUS_VIEW)
    client = app.server.test_client()
    assert post(client, "/" + UPDATE, filter_body(app, "plan")).status_code == 200
    for value in (list(range(1_000_000)), ["plan"], {"plan": 1}, "x" * 100_000):
        response = post(client, "/" + UPDATE, filter_body(app, value))
        assert response.status_code == 400, (str(value)[:20], response.data[:200])


def test_a_history_row_without_its_fields_changes_nothing(tmp_path) -> None:
    app, _ = build_app(tmp_path)
    _, _, editor = clients(app)
    for rows in ([{"id": 3}], [{"id": "1", "file": "a.csv"}], ["junk"], {"id": 1}):
        body = callback_body(app, f"{history.DETAIL}.children",
                             {f"{history.GRID}.selectedRows": rows,
                              f"{ids.LANG_STORE}.data": "zh"}, f"{history.GRID}.selectedRows")
        assert post(editor, "/" + UPDATE, body).status_code == 204, rows
