"""Responses travel compressed when the browser asks for it, and static files are cached long.

The overview's first load was 3 MiB of JavaScript sent as it is; brotli (or
zstd, or gzip) brings it under 1 MiB.  A client that asks for no encoding gets
the plain bytes.  Fingerprinted bundles and assets linked with ?m= are cached
for a year, so a reload fetches only the page and its data.
"""

from __future__ import annotations

import gzip
import json
import re

import brotli
import pytest

from app import create_app
from layouts import ids
from tests.view_fixtures import CONFIG, open_service, write_project

OPEN_CONFIG = CONFIG + "auth: {anonymous_view: true}\n"
A_YEAR = 31_536_000


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    folder = tmp_path_factory.mktemp("compression")
    open_service(folder)
    return create_app(write_project(folder, config=OPEN_CONFIG)).server.test_client()


def page_resources(client) -> list[str]:  # noqa: ANN001
    page = client.get("/", headers={"Accept-Encoding": "identity"}).get_data(as_text=True)
    return re.findall(r'<script src="([^"]+)"', page) + re.findall(r'<link rel="stylesheet" href="([^"]+)"', page)


def decoded(response) -> bytes:  # noqa: ANN001
    encoding = response.headers.get("Content-Encoding")
    body = response.get_data()
    if encoding == "br":
        return brotli.decompress(body)
    if encoding == "gzip":
        return gzip.decompress(body)
    assert encoding is None, encoding
    return body


def test_the_renderer_bundle_is_compressed_when_asked(client) -> None:
    renderer = next(url for url in page_resources(client) if "dash_renderer" in url)
    plain = client.get(renderer, headers={"Accept-Encoding": "identity"})
    packed = client.get(renderer, headers={"Accept-Encoding": "gzip, deflate, br"})
    assert "Content-Encoding" not in plain.headers
    assert packed.headers["Content-Encoding"] == "br"
    assert len(packed.get_data()) < len(plain.get_data()) / 3
    assert decoded(packed) == plain.get_data()
    assert "Accept-Encoding" in packed.headers["Vary"]


def test_the_page_and_its_data_follow_accept_encoding(client) -> None:
    cases = [("gzip", "gzip"), ("br;q=1, gzip;q=0.5", "br"), ("", None), ("identity", None)]
    for encodings, expected in cases:
        for path in ("/", "/_dash-layout", "/_dash-dependencies"):
            response = client.get(path, headers={"Accept-Encoding": encodings})
            assert response.status_code == 200
            assert response.headers.get("Content-Encoding") == expected, (path, encodings)
            assert decoded(response)


def test_a_callback_answer_is_compressed(client) -> None:
    dependencies = json.loads(decoded(client.get("/_dash-dependencies", headers={"Accept-Encoding": "br"})))
    router = next(d for d in dependencies if f"{ids.PAGE_CONTENT}.children" in d["output"])
    values = {f"{ids.URL}.pathname": "/", f"{ids.URL}.search": "", f"{ids.LANG_STORE}.data": "zh"}

    def items(specs: list[dict]) -> list[dict]:
        return [{**spec, "value": values.get(f"{spec['id']}.{spec['property']}")} for spec in specs]

    outputs = [{"id": part.split(".")[0], "property": part.split(".")[1]}
               for part in router["output"].strip(".").split("...")]
    payload = {"output": router["output"], "outputs": outputs if len(outputs) > 1 else outputs[0],
               "inputs": items(router["inputs"]), "state": items(router["state"]),
               "changedPropIds": [f"{ids.URL}.pathname"]}
    response = client.post("/_dash-update-component", data=json.dumps(payload),
                           content_type="application/json", headers={"Accept-Encoding": "gzip, br"})
    assert response.status_code == 200, decoded(response)[:300]
    assert response.headers["Content-Encoding"] == "br"
    assert ids.PAGE_CONTENT in json.loads(decoded(response))["response"]


def test_fingerprinted_bundles_and_linked_assets_are_cached_for_a_year(client) -> None:
    resources = page_resources(client)
    assets = [url for url in resources if url.startswith("/assets/")]
    bundles = [url for url in resources if url.startswith("/_dash-component-suites/")]
    assert assets and bundles and all("?m=" in url for url in assets)
    for url in assets + bundles:
        with client.get(url, headers={"Accept-Encoding": "br"}) as response:
            assert decoded(response) and response.cache_control.max_age == A_YEAR, url
    # The page, its data and an asset asked for without its ?m= are revalidated, as before.
    for url in ("/", "/_dash-layout", assets[0].split("?")[0]):
        with client.get(url) as response:
            assert response.status_code == 200 and response.cache_control.max_age != A_YEAR, url
