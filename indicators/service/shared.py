"""The shared folder cache of a deployment, named by everything its entries depend on.

Entries are pickles of frames computed by this code from this registry and these
status thresholds: a new release, another registry or other thresholds must not
read the old entries, so all of them are part of the folder cache's namespace.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

import pandas as pd

from indicators.config import Settings
from indicators.service.cache import FileCache, fingerprint

# Cached values depend on this code too: a new release must not read the old one's entries.
CODE_FILES = ("engine/*.py", "store/queries.py", "store/compact.py", "store/changes.py",
              "service/*.py")


def shared_cache(settings: Settings, targets: pd.DataFrame) -> FileCache | None:
    """The folder cache of this deployment, or None when config.yaml turns it off."""
    if settings.cache.folder is None:
        return None
    namespace = fingerprint(
        _code_fingerprint(),
        pd.util.hash_pandas_object(targets.astype(str), index=True).to_numpy().tobytes(),
        tuple(targets.columns),
        settings.status.model_dump(),
    )
    return FileCache(settings.resolve(settings.cache.folder), namespace, settings.cache.max_entries)


@cache
def _code_fingerprint() -> str:
    here = Path(__file__).resolve().parent.parent  # the indicators package
    sources = sorted({path for pattern in CODE_FILES for path in here.glob(pattern)})
    return fingerprint(sys.version_info[:2], pd.__version__,
                       *(path.read_bytes() for path in sources))

