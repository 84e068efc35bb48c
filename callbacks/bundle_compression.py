"""The component bundles compressed hard, once per process (issue 18: the first load under 1 MiB).

Flask-Compress (app.py: `compress=True`) compresses every answer at one level
per algorithm, chosen for data: zstd level 3, brotli 4.  The bundles (Dash's,
dcc's, AG Grid's, plotly.js) are 5 MB of the same bytes for every visitor and
never change while the server runs, so they are worth the strongest levels:
AG Grid's main bundle is 352 KiB at zstd 3 and 288 KiB at zstd 19 (0.3 s of
CPU, once).  This after-request hook runs before Flask-Compress's, compresses
a bundle with the browser's preferred algorithm at BUNDLE_LEVELS, keeps the
bytes (keyed by the algorithm and a digest of the bundle), and marks the
answer encoded, so Flask-Compress lets it through.  Everything else (pages,
layouts, callback answers) stays Flask-Compress's.
"""

from __future__ import annotations

import gzip
import hashlib

import brotli
import dash
from flask import Request, Response, request

from callbacks.static_cache import bundle_key

try:  # Python 3.14's standard library; before it, the backport Flask-Compress depends on
    from compression import zstd
except ImportError:  # pragma: no cover - which branch runs depends on the Python version
    from backports import zstd

# The browser's most preferred of these (its q values), ties in this order: zstd and
# brotli at these levels are within 4 % of each other in size; zstd compresses 5x faster.
BUNDLE_LEVELS = {"zstd": 19, "br": 10, "gzip": 9}
MAX_KEPT = 128  # Dash serves a few dozen registered files; a bound all the same
_KEPT: dict[tuple[str, bytes], bytes] = {}


def install(app: dash.Dash) -> None:
    """Register the hook (after Dash has started Flask-Compress, so this one runs first)."""
    app.server.after_request(compress_bundle)


def compress_bundle(response: Response) -> Response:
    if (response.status_code != 200 or "Content-Encoding" in response.headers
            or not bundle_key(request)):
        return response
    algorithm = preferred_algorithm(request)
    if algorithm is None:
        return response
    response.direct_passthrough = False  # a file answer: read its bytes
    data = response.get_data()
    response.set_data(compressed(data, algorithm))
    response.headers["Content-Encoding"] = algorithm
    response.headers["Content-Length"] = str(response.content_length)
    response.vary.add("Accept-Encoding")
    etag, weak = response.get_etag()
    if etag and not weak:  # another encoding, another strong validator (as Flask-Compress does)
        response.set_etag(f"{etag}:{algorithm}")
    if request.method in ("GET", "HEAD"):
        # The browser revalidates with the encoded validator, which Dash did not know:
        # answer 304 here, or every reload would fetch the unfingerprinted chunks again.
        response.make_conditional(request)
    return response


def preferred_algorithm(req: Request) -> str | None:
    """The accepted algorithm with the highest q value (None: the browser takes plain bytes)."""
    accepted = [(req.accept_encodings[name], -rank, name)
                for rank, name in enumerate(BUNDLE_LEVELS) if req.accept_encodings[name] > 0]
    return max(accepted)[2] if accepted else None


def compressed(data: bytes, algorithm: str) -> bytes:
    key = (algorithm, hashlib.blake2b(data, digest_size=16).digest())
    kept = _KEPT.get(key)
    if kept is None:
        kept = _compress(data, algorithm)
        if len(_KEPT) < MAX_KEPT:
            _KEPT[key] = kept
    return kept


def _compress(data: bytes, algorithm: str) -> bytes:
    level = BUNDLE_LEVELS[algorithm]
    if algorithm == "zstd":
        return zstd.compress(data, level)
    if algorithm == "br":
        return brotli.compress(data, quality=level)
    return gzip.compress(data, compresslevel=level, mtime=0)
