"""Bundles travel at the strongest levels, in the algorithm the browser prefers, and decode
to the same bytes; data answers are left to Flask-Compress."""

from __future__ import annotations

import gzip

import brotli
import flask
import pytest
from backports import zstd

from app import create_app
from callbacks import bundle_compression
from tests.view_fixtures import CONFIG, open_service, write_project

# (Accept-Encoding, algorithm chosen): the highest q wins; ties go zstd, brotli, gzip.
ENCODING_CASES = [
    ("gzip, deflate, br, zstd", "zstd"),
    ("gzip, deflate, br", "br"),
    ("br;q=0.5, gzip;q=1", "gzip"),
    ("zstd;q=0, br", "br"),
    ("deflate", None),
    ("identity", None),
    ("", None),
]


@pytest.mark.parametrize(("accept", "expected"), ENCODING_CASES)
def test_the_browsers_preferred_algorithm_is_chosen(accept, expected):
    app = flask.Flask(__name__)
    with app.test_request_context("/", headers={"Accept-Encoding": accept}):
        assert bundle_compression.preferred_algorithm(flask.request) == expected


DECODERS = {"zstd": zstd.decompress, "br": brotli.decompress, "gzip": gzip.decompress}


@pytest.mark.parametrize("algorithm", list(bundle_compression.BUNDLE_LEVELS))
def test_compressed_bytes_decode_to_the_bundle_and_are_kept(algorithm):
    data = ("function f(x) { return x + 1; }\n" * 2000).encode()
    packed = bundle_compression.compressed(data, algorithm)
    assert DECODERS[algorithm](packed) == data and len(packed) < len(data) / 20
    assert bundle_compression.compressed(data, algorithm) is packed  # the same object: kept


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bundles")
    open_service(folder)
    return create_app(write_project(folder, config=CONFIG + "auth: {anonymous_view: true}\n")
                      ).server.test_client()


def test_a_bundle_is_smaller_than_at_flask_compress_levels(client):
    address = "/_dash-component-suites/dash_ag_grid/async-community.js"
    plain = client.get(address, headers={"Accept-Encoding": "identity"}).get_data()
    answer = client.get(address, headers={"Accept-Encoding": "gzip, br, zstd"})
    assert answer.headers["Content-Encoding"] == "zstd"
    assert zstd.decompress(answer.get_data()) == plain
    assert len(answer.get_data()) < len(zstd.compress(plain, 3)) * 0.9  # Flask-Compress's level
    layout = client.get("/_dash-layout", headers={"Accept-Encoding": "gzip, br, zstd"})
    assert layout.headers["Content-Encoding"] == "zstd"  # data: Flask-Compress's, as before


def test_a_revalidated_chunk_is_not_sent_again(client):
    address = "/_dash-component-suites/dash_ag_grid/async-community.js"  # no fingerprint: an ETag
    first = client.get(address, headers={"Accept-Encoding": "zstd"})
    assert first.headers["ETag"].endswith(':zstd"')
    again = client.get(address, headers={"Accept-Encoding": "zstd",
                                         "If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.get_data() == b""
