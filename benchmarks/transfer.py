"""Bytes on the wire for the overview's first load and for a reload, over raw HTTP.

The app runs under gunicorn (1 worker) on loopback with the real registry and
the sample data, open to anonymous viewers.  The page's own list of scripts
and stylesheets (parsed from the HTML of "/"), its layout and dependencies are
fetched twice: with `Accept-Encoding: identity` (what travelled before
compression) and with what Chromium sends (`gzip, deflate, br, zstd`).  Each
resource's Cache-Control says what a reload fetches again: one cached for a
long time (a fingerprinted URL) costs nothing, the rest are fetched again.
Bodies only; headers add a few hundred bytes per resource.  Prints one JSON
line; benchmarks/pageload.py measures the same in a real browser, callbacks
included.

    .venv/bin/python benchmarks/transfer.py

Goal (issue 18): the first load under 1 MiB, and a reload transfers only the data.
"""

from __future__ import annotations

import json
import re
import sys
import tempfile
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.server import gunicorn_server, project_config  # noqa: E402

BROWSER_ENCODINGS = "gzip, deflate, br, zstd"
# What a browser gets that offers only one of them (Chromium offers zstd over HTTPS only).
SINGLE_ENCODINGS = ("br", "gzip")
# Fetched by the Dash renderer itself once its scripts run.
DASH_DATA = ("_dash-layout", "_dash-dependencies")
LONG_CACHE = re.compile(r"max-age=(\d+)")
A_DAY = 86_400


class _Resources(HTMLParser):
    """The src of every <script> and the href of every <link> in the page."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        url = found.get("src") if tag == "script" else found.get("href") if tag == "link" else None
        if url:
            self.urls.append(url)


def fetch(url: str, encodings: str) -> tuple[int, dict[str, str]]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": encodings})
    with urllib.request.urlopen(request, timeout=60) as response:  # loopback only (gunicorn_server)
        return len(response.read()), {key.lower(): value for key, value in response.headers.items()}


def cached_long(headers: dict[str, str]) -> bool:
    match = LONG_CACHE.search(headers.get("cache-control", ""))
    return bool(match) and int(match.group(1)) >= A_DAY


def measure(base_url: str) -> dict:
    with urllib.request.urlopen(base_url + "/", timeout=60) as response:
        page = response.read().decode("utf-8")
    parser = _Resources()
    parser.feed(page)
    urls = ["/", *parser.urls, *(f"/{name}" for name in DASH_DATA)]
    plain = compressed = reload = 0
    encodings: dict[str, int] = {}
    alone = dict.fromkeys(SINGLE_ENCODINGS, 0)
    for url in urls:
        absolute = url if url.startswith("http") else base_url + url
        plain += fetch(absolute, "identity")[0]
        size, headers = fetch(absolute, BROWSER_ENCODINGS)
        compressed += size
        encoding = headers.get("content-encoding", "identity")
        encodings[encoding] = encodings.get(encoding, 0) + 1
        if not cached_long(headers):
            reload += size
        for name in SINGLE_ENCODINGS:
            alone[name] += fetch(absolute, name)[0]
    return {"figure": "transfer_overview", "resources": len(urls),
            "uncompressed_kib": round(plain / 1024, 1), "first_load_kib": round(compressed / 1024, 1),
            "reload_kib": round(reload / 1024, 1), "encodings": encodings,
            **{f"first_load_{name}_kib": round(size / 1024, 1) for name, size in alone.items()},
            "note": "bodies only, before any callback; pageload.py adds the callbacks"}


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="tracker-transfer-") as temp:
        folder = Path(temp)
        config = project_config(folder, f"sqlite:///{folder / 'tracker.db'}", anonymous_view=True)
        with gunicorn_server(config, workers=1, log=folder / "gunicorn.log") as base_url:
            print(json.dumps(measure(base_url)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
