"""The application service: one entry point for the dashboard and the CLI.

tracker.py's TrackerService joins the registry, the store and the engine and
caches what it computes; cache.py holds the two cache layers (one per process
in front of a folder every server process shares), keyed by the store's data
version so that a commit anywhere makes every cached report stale at once.
"""

from indicators.service.cache import FileCache, LocalCache, version_token
from indicators.service.selection import history_of, of_series
from indicators.service.tracker import ReportFilter, TrackerService, shared_cache

__all__ = ["FileCache", "LocalCache", "ReportFilter", "TrackerService", "history_of", "of_series",
           "shared_cache", "version_token"]
