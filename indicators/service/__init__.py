"""The application service: one entry point for the dashboard and the CLI.

tracker.py's TrackerService joins the registry, the store and the engine and
caches what it computes; cache.py holds the two cache layers (one per process
in front of a folder every server process shares), keyed by the store's data
version so that a commit anywhere makes every cached report stale at once.
incremental.py patches the last actuals and reports forward after a change;
watch.py warms a server process after a change made by any process; carry.py
hands a view on to the next version when the change did not touch what it reads;
selection.py cuts a report to a filter, a series or a set of targets.
plans.py (with plan_drafts.py, plan_records.py) is the Plans page's desk;
registry_yaml.py moves the registry to and from YAML; shared.py names the folder
cache of a deployment by the code, registry and thresholds; memory.py gives the pages
freed by a rebuild back to the system.
"""

from indicators.service.cache import FileCache, LocalCache, version_token
from indicators.service.carry import Scope
from indicators.service.memory import release_free_memory
from indicators.service.selection import ReportFilter, history_of, of_series
from indicators.service.shared import shared_cache
from indicators.service.tracker import TrackerService

__all__ = ["FileCache", "LocalCache", "ReportFilter", "Scope", "TrackerService", "history_of",
           "of_series", "release_free_memory", "shared_cache", "version_token"]
