"""One entry point for the UI and the CLI: registry + store + engine.

The dashboard's callbacks, the CLI and the exports all ask this object for a
gap report, so every surface shows the same numbers from the same formula.
Results are cached in two layers, both keyed by the store's version token
(the data version every commit and revert bumps, read from the database on
each call): a small LRU in this process, in front of a folder of entries that
every server process shares (indicators.service.cache).  A commit in any
process therefore makes every cached report stale at once, and after a
commit the new report is computed by one process, not by each.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TypeVar

import pandas as pd

from indicators.config import Settings
from indicators.engine import (
    GapReport,
    expected_releases,
    gap_report,
    targets_frame,
    with_latest_sources,
)
from indicators.registry import Registry, load_registry
from indicators.service.cache import (
    MISSING,
    FileCache,
    KeyedLocks,
    LocalCache,
    fingerprint,
    version_token,
)
from indicators.store import ActualsStore, load_first_run_data

LOG = logging.getLogger(__name__)
LOCAL_CACHE_SIZE = 16
VIEW_CACHE_SIZE = 64
Value = TypeVar("Value")
# Cached values depend on this code too: a new release must not read the old one's entries.
CODE_FILES = ("engine/*.py", "store/queries.py", "service/*.py")


@dataclass(frozen=True)
class ReportFilter:
    """What a viewer narrowed the report to; empty means everything."""

    as_of: int | None = None
    document: str | None = None
    region: str | None = None
    category: str | None = None

    @property
    def narrows(self) -> bool:
        return bool(self.document or self.region or self.category)


@dataclass
class TrackerService:
    settings: Settings
    registry: Registry
    store: ActualsStore
    targets: pd.DataFrame
    loaded_sample: bool = False
    loaded_published: bool = False
    shared: FileCache | None = field(default=None, repr=False)
    _local: LocalCache = field(default_factory=lambda: LocalCache(LOCAL_CACHE_SIZE), repr=False)
    # One LRU per kind of view, so thousands of indicator pages cannot push out the overviews.
    _views: dict[str, LocalCache] = field(default_factory=dict, repr=False)
    _computing: KeyedLocks = field(default_factory=KeyedLocks, repr=False)

    @classmethod
    def open(cls, settings: Settings, *, load_sample: bool = True) -> TrackerService:
        """load_sample: fill an empty store with the first-run data (published or sample)."""
        registry = load_registry(settings)
        store = ActualsStore(settings.database_url, root=settings.root)
        first = load_first_run_data(store, settings, registry) if load_sample else None
        targets = targets_frame(registry)
        return cls(settings, registry, store, targets,
                   loaded_sample=first is not None and first.is_sample,
                   loaded_published=first is not None and not first.is_sample,
                   shared=shared_cache(settings, targets))

    def version(self) -> str:
        """The store's version token; changes with every commit and revert."""
        return version_token(self.store.engine)

    def actuals(self) -> pd.DataFrame:
        """Current values with their sources (source, url, published, quote)."""
        return self._cached(("actuals",), lambda: self.store.current_actuals(sources=True))

    def report(self, as_of: int | None = None) -> GapReport:
        """The full gap report as of a year (default: latest year with data), each row
        with the source of its latest value as the last columns."""
        def compute() -> GapReport:
            actuals = self.actuals()
            gap = gap_report(self.targets, actuals, as_of, self.settings.status)
            return dataclasses.replace(gap, report=with_latest_sources(gap.report, actuals))
        return self._cached(("report", as_of), compute)

    def expected_releases(self, selection: ReportFilter, year: int | None = None) -> pd.DataFrame:
        """National series of the selection whose next official figure is overdue (engine.releases).

        Not cached here: it is cheap, and the overview body that shows it is cached whole.
        """
        current_year = year or dt.date.today().year
        return expected_releases(self.filtered_report(selection).report, self.actuals(), current_year)

    def filtered_report(self, selection: ReportFilter) -> GapReport:
        full = self.report(selection.as_of)
        if not selection.narrows:
            return full
        return self._cached(("filtered", selection), lambda: narrowed(full, selection),
                            shared=False)

    def data_years(self) -> list[int]:
        return self._cached(
            ("data_years",), lambda: sorted(int(year) for year in self.actuals()["year"].unique())
        )

    def sample_in_use(self) -> bool:
        """Whether any current value still comes from the sample file (the UI says so)."""
        def compute() -> bool:
            uploads = self.store.uploads()
            sample_ids = set(uploads.loc[uploads["is_sample"], "id"])
            return bool(sample_ids) and bool(self.actuals()["upload_id"].isin(sample_ids).any())
        return self._cached(("sample_in_use",), compute)

    def view(self, key: tuple, build: Callable[[], Value]) -> Value:
        """Something built only from this service's data (e.g. a page body), kept per data version.

        In this process only, VIEW_CACHE_SIZE entries per kind (key[0]); `key` must name
        everything else it depends on (language, filters).  The same object is handed to
        every caller: treat it as read-only.
        """
        kind = str(key[0]) if key else ""
        local = self._views.get(kind)
        if local is None:
            local = self._views.setdefault(kind, LocalCache(VIEW_CACHE_SIZE))
        return self._cached(("view", *key), build, shared=False, local=local)

    def warm(self) -> None:
        """Compute the latest report now (e.g. right after a commit), before viewers ask."""
        self.report()

    def warm_in_background(self) -> threading.Thread:
        """warm() in a thread: the editor's commit returns at once, and the first viewer
        after it (in this process or, through the shared cache, in another) finds the
        report computed or being computed, instead of starting it."""
        thread = threading.Thread(target=self._warm_logged, name="tracker-warm", daemon=True)
        thread.start()
        return thread

    def _warm_logged(self) -> None:
        try:
            self.warm()
        except Exception:
            # Nobody waits on this thread; the next viewer computes the report and sees any error.
            LOG.exception("computing the report after a change failed")

    def _cached(self, key: tuple, compute: Callable[[], Value], *, shared: bool = True,
                local: LocalCache | None = None) -> Value:
        local = self._local if local is None else local
        token = self.version()
        value = local.get(token, key)
        if value is not MISSING:
            return value
        with self._computing.hold((token, key)):
            value = local.get(token, key)  # another thread may have just computed it
            if value is MISSING:
                if shared and self.shared is not None:
                    value = self.shared.get_or_compute(token, key, compute)
                else:
                    value = compute()
                local.put(token, key, value)
        return value


def narrowed(full: GapReport, selection: ReportFilter) -> GapReport:
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

