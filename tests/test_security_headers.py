"""Issue 17: the Server header names neither Werkzeug nor Python (nor gunicorn), and every
page carries a Content-Security-Policy without 'unsafe-inline' scripts that still admits
Dash's own inline scripts (by hash) and the login page's one script (by nonce).

The policy is checked in headless Chromium in tests/e2e/test_security_csp.py."""

from __future__ import annotations

import base64
import hashlib
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from callbacks import auth, security_headers
from callbacks.callback_body import unmatched_scalar_inputs
from tests.test_auth import build_app, log_in

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _no_deployment_environment(monkeypatch):
    for name in (auth.SECRET_ENV, auth.COOKIE_SECURE_ENV):
        monkeypatch.delenv(name, raising=False)


def script_sources(policy: str) -> list[str]:
    return next(p for p in policy.split("; ") if p.startswith("script-src")).split()[1:]


def inline_hashes(html: str) -> list[str]:
    """CSP hash sources of the page's inline, executable scripts."""
    found = []
    html = re.sub(r"<!--.*?-->", "", html, flags=re.S)  # Dash's <!--[if IE]> alert never runs
    for attributes, body in re.findall(r"<script([^>]*)>(.*?)</script>", html, flags=re.S):
        if "src=" in attributes or "application/json" in attributes:
            continue
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        found.append(f"'sha256-{digest}'")
    return found


def test_dash_pages_carry_a_policy_naming_each_inline_script(tmp_path) -> None:
    app, _ = build_app(tmp_path)
    client = app.server.test_client()
    log_in(client, "editor")
    page = client.get("/")
    policy = page.headers["Content-Security-Policy"]
    sources = script_sources(policy)
    assert "'unsafe-inline'" not in sources and "'self'" in sources
    hashes = inline_hashes(page.get_data(as_text=True))
    assert hashes and set(hashes) <= set(sources)
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    assert client.get("/_dash-layout").headers["Content-Security-Policy"] == policy


def test_the_login_page_script_runs_by_a_fresh_nonce(tmp_path) -> None:
    app, _ = build_app(tmp_path)
    client = app.server.test_client()
    nonces = []
    for _ in range(2):
        page = client.get("/login")
        nonce = re.search(r'<script nonce="([^"]+)">', page.get_data(as_text=True)).group(1)
        assert f"'nonce-{nonce}'" in script_sources(page.headers["Content-Security-Policy"])
        nonces.append(nonce)
    assert nonces[0] != nonces[1]


def test_every_single_value_rule_names_an_input_a_callback_reads(tmp_path) -> None:
    app, _ = build_app(tmp_path)
    assert unmatched_scalar_inputs(app.callback_map) == []


def gunicorn_server_name() -> str:
    import runpy

    return runpy.run_path(str(ROOT / "gunicorn.conf.py"))["SERVER_NAME"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch_headers(url: str, process: subprocess.Popen | None = None) -> list[tuple[str, str]]:
    """The response headers of GET url, waiting for a starting server to listen."""
    for _ in range(900):  # a first start creates and migrates the database
        try:
            with urllib.request.urlopen(url) as response:  # noqa: S310 (a local test server)
                return response.getheaders()
        except OSError:
            if process is not None and process.poll() is not None:
                raise RuntimeError(process.stderr.read().decode()) from None
            time.sleep(0.1)
    raise RuntimeError(f"no server answered at {url}")


def server_headers(headers: list[tuple[str, str]]) -> list[str]:
    return [value for name, value in headers if name.lower() == "server"]


def test_python_app_py_sends_one_neutral_server_header(tmp_path) -> None:
    port = free_port()
    environment = {**os.environ, "PORT": str(port), "HOST": "127.0.0.1",
                   "DATABASE_URL": f"sqlite:///{tmp_path / 'tracker.db'}",
                   auth.SECRET_ENV: "s" * 64, "TRACKER_ADMIN_PASSWORD": "run-test-password"}
    process = subprocess.Popen([sys.executable, "app.py"], cwd=ROOT, env=environment,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        headers = fetch_headers(f"http://127.0.0.1:{port}/login", process)
    finally:
        process.terminate()
        process.wait(timeout=30)
        process.stderr.close()
    assert server_headers(headers) == [security_headers.SERVER_NAME]
    assert not [value for name, value in headers if name.lower() == "via"]


def test_gunicorn_sends_one_neutral_server_header(tmp_path) -> None:
    assert gunicorn_server_name() == security_headers.SERVER_NAME
    app, _ = build_app(tmp_path)  # the project, its database and users
    config = str(tmp_path / "config.yaml")
    port = free_port()
    environment = {**os.environ, "PYTHONPATH": str(ROOT), auth.SECRET_ENV: "g" * 64}
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--workers", "1", "--bind", f"127.0.0.1:{port}",
         f"app:create_server({config!r})"],
        cwd=ROOT, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        headers = fetch_headers(f"http://127.0.0.1:{port}/login", process)
    finally:
        process.terminate()
        process.wait(timeout=30)
        process.stderr.close()
    assert server_headers(headers) == [security_headers.SERVER_NAME]
