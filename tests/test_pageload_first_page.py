"""The first page without waiting (issue 16), as Flask serves it: no browser.

The layout carries the page the browser opened, the router waits for a change,
the overview's page preloads the scripts its chart and table load later, and
dcc.Graph's plotly.js is the vendored basic bundle.  The timing itself is
benchmarks/pageload.py's; these check that each piece is in place.
"""

from __future__ import annotations

import json

import pytest
from plotly.offline import get_plotlyjs_version

from app import create_app
from callbacks import bundle_compression, plotly_bundle, router, static_cache
from layouts import ids
from layouts.pages import overview
from tests.view_fixtures import CONFIG, open_service, write_project

OPEN_CONFIG = CONFIG + "auth: {anonymous_view: true}\n"
HOST = "http://localhost"


@pytest.fixture
def app(tmp_path):
    open_service(tmp_path)  # writes the project and commits the actuals
    return create_app(write_project(tmp_path, config=OPEN_CONFIG))


def layout_text(client, referrer: str | None, cookie: str | None = None) -> str:
    headers = {"Referer": referrer} if referrer else {}
    if cookie:
        client.set_cookie(router.LANG_COOKIE, cookie)
    response = client.get("/_dash-layout", headers=headers)
    assert response.status_code == 200
    return json.dumps(response.get_json(), ensure_ascii=False)


def location_props(layout: str) -> dict:
    return next(props for props in _all_props(json.loads(layout)) if props.get("id") == ids.URL)


def _all_props(node):
    if isinstance(node, dict):
        if isinstance(node.get("props"), dict):
            yield node["props"]
        for value in node.values():
            yield from _all_props(value)
    elif isinstance(node, list):
        for value in node:
            yield from _all_props(value)


# (Referer, language cookie, text the pre-rendered page shows or None for the shell alone,
#  dcc.Location's preset address or None: then it reports the address and the router renders)
FIRST_PAGES = [
    (f"{HOST}/", None, f'"{overview.BODY}"', {"pathname": "/", "search": ""}),
    (f"{HOST}/?region=CN-CQ", "zh", "共 1 项目标", {"pathname": "/", "search": "?region=CN-CQ"}),
    (f"{HOST}/method", None, "方法", {"pathname": "/method", "search": ""}),
    (f"{HOST}/nowhere", None, "empty-state", {"pathname": "/nowhere", "search": ""}),
    (None, None, None, None),                         # no Referer (a privacy setting)
    ("http://elsewhere.example/", None, None, None),  # another site's page
    (f"{HOST}/", "en", None, None),                   # the viewer reads English: no Chinese first
]


def test_the_layout_carries_the_page_it_was_asked_from_when_it_knows_it(app):
    for referrer, cookie, shown, address in FIRST_PAGES:
        layout = layout_text(app.server.test_client(), referrer, cookie)
        props = location_props(layout)
        if shown is None:
            assert f'"{overview.BODY}"' not in layout, referrer
            assert "pathname" not in props, referrer
        else:
            assert shown in layout, referrer
            assert {key: props.get(key) for key in address} == address, referrer


def test_the_router_waits_for_a_change_of_address_or_language(app):
    dependencies = app.server.test_client().get("/_dash-dependencies").get_json()
    route = next(d for d in dependencies if f"{ids.PAGE_CONTENT}.children" in d["output"])
    assert route["prevent_initial_call"] is True


def test_the_overview_preloads_the_scripts_its_chart_and_table_load_later(app):
    client = app.server.test_client()
    page = client.get("/").get_data(as_text=True)
    addresses = static_cache.preload_addresses(app)
    assert len(addresses) == 4
    for address in addresses:
        assert f'<link rel="preload" as="script" href="{address}">' in page
        response = client.get(address)  # a renamed chunk (a Dash upgrade) would 404 here
        assert response.status_code == 200, address
        assert response.mimetype.endswith("/javascript")
    # after the page's own scripts, which it waits for
    assert page.index("dash_renderer") < page.index('rel="preload"')
    assert 'rel="preload"' not in client.get("/method").get_data(as_text=True)


def test_dcc_graph_gets_the_basic_plotly_bundle_of_plotly_pys_version(app):
    response = app.server.test_client().get(plotly_bundle.address(app))
    assert response.status_code == 200
    assert response.get_data()[:200].decode().count("plotly.js (basic - minified)") == 1
    # A plotly upgrade must bring the bundle along (assets/vendor/plotly.js-basic-dist-min/README.md).
    assert plotly_bundle.bundle_version() == get_plotlyjs_version()


def test_the_bundle_is_not_a_script_of_every_page(app):
    # It lives under assets/vendor/, which create_app leaves out of Dash's automatic scripts:
    # a page gets it only when dcc.Graph asks for it, at the address above.
    page = app.server.test_client().get("/").get_data(as_text=True)
    assert "plotly-basic.min.js" not in page
    assert plotly_bundle.BUNDLE.is_file()


def test_only_bundles_are_compressed_hard_and_kept(app):
    client = app.server.test_client()
    cases = [  # (address, a bundle)
        ("/_dash-component-suites/dash_ag_grid/async-community.js", True),
        (plotly_bundle.address(app), True),
        ("/_dash-layout", False),
        ("/", False),
    ]
    for address, bundle in cases:
        with app.server.test_request_context(address) as context:
            context.match_request()
            assert bool(static_cache.bundle_key(context.request)) is bundle, address
    kept = len(bundle_compression._KEPT)
    first = client.get(cases[0][0], headers={"Accept-Encoding": "zstd, br"})
    again = client.get(cases[0][0], headers={"Accept-Encoding": "zstd, br"})
    assert first.headers["Content-Encoding"] == "zstd"
    assert first.get_data() == again.get_data()
    assert len(bundle_compression._KEPT) <= kept + 1  # kept once, not per request
