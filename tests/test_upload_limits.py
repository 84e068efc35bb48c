"""Oversized uploads are refused before they cost memory, in the browser and the server."""

from __future__ import annotations

import base64

import pytest

from app import create_app
from callbacks import upload as upload_callbacks
from indicators.accounts import add_user
from indicators.config import load_config
from indicators.exports import escape_formula, safe_file_name
from indicators.service import TrackerService
from layouts.pages import upload as upload_page
from tests.test_callbacks_staff import find, text_of


@pytest.fixture
def small_limit(mini_project, tmp_path):
    settings = load_config(mini_project(), database_url=f"sqlite:///{tmp_path / 't.db'}")
    limits = settings.upload.model_copy(update={"max_bytes": 1000})
    return settings.model_copy(update={"upload": limits})


def test_preview_refuses_an_oversized_file_from_its_encoded_length(small_limit):
    service = TrackerService.open(small_limit)
    contents = "data:text/csv;base64," + base64.b64encode(b"x" * 5000).decode()
    panel, pending, disabled = upload_callbacks.preview(service, contents, "big.csv", "zh")
    assert pending is None and disabled is True
    assert "超过上限 1000 字节" in text_of(panel)


def test_decode_contents_checks_before_decoding():
    with pytest.raises(upload_callbacks.FileTooLarge) as info:
        upload_callbacks.decode_contents("data:;base64," + "A" * 4000, max_bytes=1000)
    assert info.value.size == 3000
    ok = "data:;base64," + base64.b64encode(b"y" * 1000).decode()
    assert upload_callbacks.decode_contents(ok, max_bytes=1000) == b"y" * 1000


def test_drop_zone_tells_the_browser_the_limit(small_limit):
    service = TrackerService.open(small_limit)
    drop = find(upload_page.layout(service, "zh", role="editor"), upload_page.DROP)
    assert drop.max_size == 1000


def test_server_refuses_request_bodies_beyond_the_upload_limit(small_limit):
    app = create_app(small_limit)
    limit = app.server.config["MAX_CONTENT_LENGTH"]
    assert limit == 1000 * 4 // 3 + 256 * 1024
    store = app.server.config["TRACKER_SERVICE"].store
    add_user(store, "editor", "correct horse 1", "editor", actor="test")
    client = app.server.test_client()
    client.post("/login", data={"name": "editor", "password": "correct horse 1"})
    response = client.post("/_dash-update-component", data=b"{" + b" " * limit + b"}",
                           content_type="application/json")
    assert response.status_code == 413


@pytest.mark.parametrize("text", [" =1+1", "\u3000=HYPERLINK(1)", "  -2+3", "=A1", "@SUM(1)"])
def test_formula_escape_sees_through_leading_spaces(text):
    assert escape_formula(text) == "'" + text


@pytest.mark.parametrize("text", ["重庆 =", "13%", "a-b"])
def test_plain_text_is_left_alone(text):
    assert escape_formula(text) == text


@pytest.mark.parametrize(
    ("name", "safe"),
    [("nul .csv", "_nul .csv"), ("COM¹.xlsx", "_COM¹.xlsx"), ("a\u202egpj.exe", "agpj.exe"),
     ("conout$.csv", "_conout$.csv"), ("差距报告.csv", "差距报告.csv")],
)
def test_windows_file_names(name, safe):
    assert safe_file_name(name) == safe
