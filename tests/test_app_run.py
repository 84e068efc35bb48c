"""`python app.py`, as the README runs it: a production server on HOST/PORT, no dev-server banner."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from app import listen_address
from indicators.config import load_config

ROOT = Path(__file__).resolve().parent.parent


def test_host_and_port_come_from_the_environment_first() -> None:
    settings = load_config()
    assert listen_address(settings, {}) == (settings.app.host, settings.app.port)
    assert listen_address(settings, {"PORT": "9001"}) == (settings.app.host, 9001)
    assert listen_address(settings, {"HOST": "0.0.0.0", "PORT": "80"}) == ("0.0.0.0", 80)
    assert listen_address(settings, {"PORT": ""}) == (settings.app.host, settings.app.port)


@pytest.mark.parametrize("port", ["eighty", "0", "65536", "-1", "80.5"])
def test_a_port_that_is_not_a_number_is_refused(port: str) -> None:
    with pytest.raises(ValueError, match="PORT"):
        listen_address(load_config(), {"PORT": port})


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_python_app_py_serves_with_waitress_on_port(tmp_path: Path) -> None:
    port = free_port()
    environ = {**os.environ, "PORT": str(port), "HOST": "127.0.0.1",
               "DATABASE_URL": f"sqlite:///{tmp_path / 'tracker.db'}",
               "TRACKER_SECRET_KEY": "run-test-" + "0" * 60,
               "TRACKER_ADMIN_PASSWORD": "run-test-password"}
    process = subprocess.Popen([sys.executable, "app.py"], cwd=ROOT, env=environ,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        status, body = _first_response(f"http://127.0.0.1:{port}/login", process)
    finally:
        process.terminate()
        _, errors = process.communicate(timeout=30)
    assert status == 200 and "<form" in body
    assert "development server" not in errors
    assert f"serving on http://127.0.0.1:{port}/" in errors


def _first_response(url: str, process: subprocess.Popen) -> tuple[int, str]:
    deadline = time.monotonic() + 90  # first start creates and migrates the database
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"app.py exited with {process.returncode}: {process.stderr.read()}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.status, response.read().decode("utf-8")
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"no answer from {url} within 90 s")
