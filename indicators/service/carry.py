"""Views that outlive a change which did not touch them.

A national deployment commits one county's figures at a time, and every commit used
to make every cached page stale: a region's overview or an indicator page was built
again for the new data version although none of its numbers had moved.  A view that
names what it reads (its Scope: whole regions, or single series) is handed on to the
new version instead, when

- the store's change log (service.incremental.series_changed_between) names the series changed
  between the two versions, and none of them is in the scope;
- the registry is the same (the token's registry part), and
- the latest year with data, which every default view is "as of", is the same.

Otherwise, or when anything cannot be told, the view is built again as before.  A view
handed on equals one built afresh (tests/test_service_carry.py compares them).
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from indicators.service.cache import MISSING, LocalCache
from indicators.service.incremental import series_changed_between
from indicators.store import ActualsStore

REGISTRY_PART = re.compile(r"\.r(\d+-\d+)$")
KEPT_PAIRS = 16  # (old, new) version pairs whose changed series are remembered


@dataclass(frozen=True)
class Scope:
    """What a view reads: every series of `regions`, and the single `series`."""

    regions: frozenset[str] = frozenset()
    series: frozenset[tuple[str, str]] = frozenset()

    def touched_by(self, changed: frozenset[tuple[str, str]]) -> bool:
        return any(region in self.regions or (indicator, region) in self.series
                   for indicator, region in changed)


class ChangedSeries:
    """The series changed between two version tokens, read from the change log once per pair."""

    def __init__(self, store: ActualsStore) -> None:
        self.store = store
        self._known: OrderedDict[tuple[str, str], frozenset | None] = OrderedDict()
        self._lock = threading.Lock()

    def between(self, old: str, new: str) -> frozenset[tuple[str, str]] | None:
        """None when the change log cannot tell (another registry, a step without an upload)."""
        if _registry_part(old) is None or _registry_part(old) != _registry_part(new):
            return None
        with self._lock:
            if (old, new) in self._known:
                return self._known[old, new]
        series = series_changed_between(self.store, old, new)  # their names only, not their values
        changed = None if series is None else frozenset(
            zip(series["indicator_id"].astype(str), series["region"].astype(str), strict=True))
        with self._lock:
            self._known[old, new] = changed
            while len(self._known) > KEPT_PAIRS:
                self._known.popitem(last=False)
        return changed


def scoped_view(local: LocalCache, token: str, key: tuple, latest_year: Callable[[], int | None],
                scope: Scope, changes: ChangedSeries,
                build: Callable[[], tuple[int | None, Any]]) -> tuple[int | None, Any]:
    """(latest year, view) of `key` at `token`: cached, handed on from an earlier version,
    or build().  latest_year(): the latest year with data now (asked only to hand on)."""
    found = local.get(token, key)
    if found is not MISSING:
        return found
    previous = local.previous(key, token)
    if previous is not MISSING:
        old_token, (old_year, value) = previous
        changed = changes.between(old_token, token)
        if changed is not None and not scope.touched_by(changed) and old_year == latest_year():
            local.put(token, key, (old_year, value))
            return old_year, value
    return build()


def _registry_part(token: str) -> str | None:
    match = REGISTRY_PART.search(token)
    return match.group(1) if match else None
