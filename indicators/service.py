"""One entry point for the UI and the CLI: registry + store + engine.

The dashboard's callbacks, the CLI and the exports all ask this object for a
gap report, so every surface shows the same numbers from the same formula.
Results are cached per process, keyed by the store's data version (bumped by
every commit and revert), so a commit in any process makes every cached
report stale at once.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field

import pandas as pd

from indicators.config import Settings
from indicators.engine import GapReport, gap_report, targets_frame
from indicators.registry import Registry, load_registry
from indicators.store import ActualsStore, load_sample_if_empty

CACHE_SIZE = 32


@dataclass(frozen=True)
class ReportFilter:
    """What a viewer narrowed the report to; empty means everything."""

    as_of: int | None = None
    document: str | None = None
    region: str | None = None
    category: str | None = None


@dataclass
class TrackerService:
    settings: Settings
    registry: Registry
    store: ActualsStore
    targets: pd.DataFrame
    loaded_sample: bool = False
    _cache: OrderedDict = field(default_factory=OrderedDict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def open(cls, settings: Settings, *, load_sample: bool = True) -> TrackerService:
        registry = load_registry(settings)
        store = ActualsStore(settings.database_url, root=settings.root)
        loaded = bool(load_sample and load_sample_if_empty(store, settings, registry))
        return cls(settings, registry, store, targets_frame(registry), loaded_sample=loaded)

    def actuals(self) -> pd.DataFrame:
        return self._cached(("actuals",), self.store.current_actuals)

    def report(self, as_of: int | None = None) -> GapReport:
        """The full gap report as of a year (default: latest year with data)."""
        return self._cached(
            ("report", as_of),
            lambda: gap_report(self.targets, self.actuals(), as_of, self.settings.status),
        )

    def filtered_report(self, selection: ReportFilter) -> GapReport:
        full = self.report(selection.as_of)
        keep = pd.Series(True, index=full.report.index)
        for column, wanted in (
            ("document_id", selection.document),
            ("region", selection.region),
            ("category", selection.category),
        ):
            if wanted:
                keep &= full.report[column] == wanted
        report = full.report[keep].reset_index(drop=True)
        history = full.history[full.history["target_id"].isin(report["target_id"])]
        return GapReport(report=report, history=history.reset_index(drop=True), as_of=full.as_of)

    def data_years(self) -> list[int]:
        years = self.actuals()["year"]
        return sorted(int(year) for year in years.unique())

    def _cached(self, key: tuple, compute):
        versioned = (self.store.data_version(), *key)
        with self._lock:
            if versioned in self._cache:
                self._cache.move_to_end(versioned)
                return self._cache[versioned]
        value = compute()
        with self._lock:
            self._cache[versioned] = value
            while len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)
        return value
