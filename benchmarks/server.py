"""Run the app under gunicorn on a free loopback port, for the page-load and load tests.

    config = project_config(folder, database_url, anonymous_view=True)
    with gunicorn_server(config, workers=2) as base_url:   # http://127.0.0.1:<port>
        ...

The config is the project's config.yaml with absolute registry and sample
paths, the given database, and its own secret key and cache folder, so a run
touches nothing of the developer's data/.  Only 127.0.0.1 is ever bound.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).with_name("gunicorn")
READY_TIMEOUT = 180


def project_config(folder: Path, database_url: str, *, anonymous_view: bool,
                   base_config: Path = ROOT / "config.yaml") -> Path:
    raw = yaml.safe_load(base_config.read_text(encoding="utf-8"))
    base_root = base_config.resolve().parent
    raw["database_url"] = database_url
    raw["registry_path"] = str((base_root / raw.get("registry_path", "data/registry")).resolve())
    # The benchmarks measure the demo data set: the sample, which wins over published_data.
    raw["sample_data"] = raw.get("sample_data") or "data/sample/sample_actuals.csv"
    for key in ("sample_data", "published_data"):
        if raw.get(key):
            raw[key] = str((base_root / raw[key]).resolve())
    raw.setdefault("auth", {})["anonymous_view"] = anonymous_view
    raw["cache"] = {"folder": str(folder / "cache"), "max_entries": 32}
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "config.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def gunicorn_server(config: Path, workers: int = 2, log: Path | None = None) -> Iterator[str]:
    """gunicorn -w N on 127.0.0.1; yields the base URL once it answers, stops it afterwards."""
    port = free_port()
    command = [str(GUNICORN), "-w", str(workers), "-b", f"127.0.0.1:{port}", "--timeout", "120",
               "--chdir", str(ROOT), f"app:create_server({str(config)!r})"]
    environment = {**os.environ, "TRACKER_SECRET_KEY": "benchmark-secret-key-" + "x" * 32}
    environment.pop("DATABASE_URL", None)  # the config names the database
    output = open(log, "wb") if log else subprocess.DEVNULL  # noqa: SIM115 - closed below
    process = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=output,
                               stderr=subprocess.STDOUT, start_new_session=True)
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_until_ready(base_url, process)
        yield base_url
    finally:
        stop(process)
        if log:
            output.close()


def wait_until_ready(base_url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + READY_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(base_url + "/login", timeout=5):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
    raise SystemExit(f"gunicorn did not answer within {READY_TIMEOUT} s")


def stop(process: subprocess.Popen) -> None:
    """SIGTERM to gunicorn's own process group (its master and workers), then wait."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
