"""The app as Flask serves it: layout, callback graph and a router round trip, no browser."""

from __future__ import annotations

import json

import pytest

from app import create_app
from layouts import ids
from layouts.pages import overview
from tests.view_fixtures import CONFIG, open_service, write_project

# The viewing pages without a login (auth itself is tested with the auth code).
OPEN_CONFIG = CONFIG + "auth: {anonymous_view: true}\n"


@pytest.fixture
def client(tmp_path):
    open_service(tmp_path)  # writes the project and commits the actuals
    app = create_app(write_project(tmp_path, config=OPEN_CONFIG))
    return app.server.test_client()


def dependency(client, output_fragment: str) -> dict:
    dependencies = client.get("/_dash-dependencies").get_json()
    return next(d for d in dependencies if output_fragment in d["output"])


def call(client, dep: dict, values: dict, changed: str) -> dict:
    """POST one callback the way the browser does; values maps 'id.prop' to a value."""
    def items(specs):
        return [{"id": s["id"], "property": s["property"],
                 "value": values.get(f"{s['id']}.{s['property']}")} for s in specs]

    outputs = [{"id": part.split(".")[0], "property": part.split(".")[1]}
               for part in dep["output"].strip(".").split("...")]
    payload = {"output": dep["output"], "outputs": outputs if len(outputs) > 1 else outputs[0],
               "inputs": items(dep["inputs"]), "state": items(dep["state"]),
               "changedPropIds": [changed]}
    response = client.post("/_dash-update-component", data=json.dumps(payload),
                           content_type="application/json")
    assert response.status_code == 200, response.data[:500]
    return response.get_json()["response"]


def test_index_and_layout_are_served(client):
    assert client.get("/").status_code == 200
    layout = json.dumps(client.get("/_dash-layout").get_json(), ensure_ascii=False)
    for component_id in (ids.URL, ids.LANG_STORE, ids.PAGE_CONTENT, ids.NAVBAR, ids.LANG_TOGGLE):
        assert f'"{component_id}"' in layout
    assert "知识产权规划目标监测" in layout


def test_router_renders_a_page_in_english(client):
    dep = dependency(client, f"{ids.PAGE_CONTENT}.children")
    response = call(client, dep, {f"{ids.URL}.pathname": "/", f"{ids.URL}.search": "",
                                  f"{ids.LANG_STORE}.data": "en"}, f"{ids.URL}.pathname")
    page = json.dumps(response[ids.PAGE_CONTENT]["children"], ensure_ascii=False)
    assert "Overview of target progress" in page
    assert response["title-store"]["data"] == "Overview · IP Plan Target Tracker"


def test_overview_filter_round_trip(client):
    dep = dependency(client, f"{overview.BODY}.children")
    response = call(client, dep, {f"{overview.REGION_FILTER}.value": "CN-CQ",
                                  f"{overview.AS_OF_FILTER}.value": 2023,
                                  f"{ids.LANG_STORE}.data": "zh"},
                    f"{overview.REGION_FILTER}.value")
    body = json.dumps(response[overview.BODY]["children"], ensure_ascii=False)
    assert "共 1 项目标" in body


def test_every_page_renders_through_the_router(client):
    dep = dependency(client, f"{ids.PAGE_CONTENT}.children")
    for path in ("/", "/indicator", "/indicator/hv_patents/CN", "/compare", "/upload",
                 "/history", "/method", "/nowhere"):
        response = call(client, dep, {f"{ids.URL}.pathname": path, f"{ids.LANG_STORE}.data": "zh"},
                        f"{ids.URL}.pathname")
        assert response[ids.PAGE_CONTENT]["children"], path
