"""One entry point for the UI and the CLI: registry + store + engine.

The dashboard's callbacks, the CLI and the exports all ask this object for a
gap report, so every surface shows the same numbers from the same formula.
Results are cached in two layers, both keyed by the store's version token
(the data version every commit and revert bumps, read from the database on
each call): a small LRU in this process, in front of a folder of entries that
every server process shares (indicators.service.cache).  A commit in any
process therefore makes every cached report stale at once.  After a commit
each process patches its own last actuals and report (service.incremental);
the shared folder serves a process that has none of its own, e.g. one that
just started: the newest entry, patched forward from the change log.

The registry lives in the database too (indicators.store.registry_store,
seeded from the YAML folder on first start).  The same one-statement check
that reads the version token reads the registry's version; when another
process changed the registry, this one re-reads it before it answers, and the
registry version is part of every cache key, so no cache layer can serve a
report of an older registry.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable
from typing import TypeVar

import pandas as pd

from indicators.config import Settings
from indicators.engine import (
    GapReport,
    expected_releases,
    targets_frame,
)
from indicators.registry import Registry
from indicators.service.cache import (
    MISSING,
    FileCache,
    KeyedLocks,
    LocalCache,
    versions,
)
from indicators.service.carry import ChangedSeries, Scope, scoped_view
from indicators.service.incremental import Incremental
from indicators.service.memory import release_free_memory
from indicators.service.registry_state import RegistryState
from indicators.service.selection import ReportFilter, narrowed
from indicators.service.shared import shared_cache
from indicators.service.watch import VersionWatcher
from indicators.store import ActualsStore, RegistryStore, load_first_run_data

LOG = logging.getLogger(__name__)
LOCAL_CACHE_SIZE = 16
VIEW_CACHE_SIZE = 64
Value = TypeVar("Value")


class TrackerService:
    def __init__(self, settings: Settings, registry: Registry, store: ActualsStore,
                 targets: pd.DataFrame, loaded_sample: bool = False,
                 loaded_published: bool = False, shared: FileCache | None = None) -> None:
        self.settings = settings
        self.store = store
        self.loaded_sample = loaded_sample
        self.loaded_published = loaded_published
        self.registry_store = RegistryStore(store.engine)
        self._uses_shared = shared is not None
        self._state = RegistryState.of(registry, targets, shared)
        self._reloading = threading.Lock()
        self._local = LocalCache(LOCAL_CACHE_SIZE)
        # One LRU per kind of view, so thousands of indicator pages cannot push out the overviews.
        self._views: dict[str, LocalCache] = {}
        self._computing = KeyedLocks()
        self._plans = None
        # The last actuals and reports, brought up to date from the change log after a commit
        # (service.incremental) instead of being read and computed again whole.
        self._incremental = Incremental(store)
        self._changes = ChangedSeries(store)  # for views handed on across versions (service.carry)
        self._warmers: list[Callable[[], object]] = []
        self.watcher: VersionWatcher | None = None  # started by watch()

    @classmethod
    def open(cls, settings: Settings, *, load_sample: bool = True) -> TrackerService:
        """load_sample: fill an empty store with the first-run data (published or sample).

        An empty database first gets the YAML folder's registry (action 'seed').
        """
        store = ActualsStore(settings.database_url, root=settings.root)
        registry_store = RegistryStore(store.engine)
        registry_store.seed_if_empty(settings)
        registry = registry_store.registry(settings)
        first = load_first_run_data(store, settings, registry) if load_sample else None
        targets = targets_frame(registry)
        return cls(settings, registry, store, targets,
                   loaded_sample=first is not None and first.is_sample,
                   loaded_published=first is not None and not first.is_sample,
                   shared=shared_cache(settings, targets))

    @property
    def registry(self) -> Registry:
        """The current registry: re-read when any process changed it."""
        return self._fresh_state().registry

    @property
    def targets(self) -> pd.DataFrame:
        return self._fresh_state().targets

    @property
    def shared(self) -> FileCache | None:
        return self._state.shared

    @property
    def plans(self):  # noqa: ANN201 - PlanDesk imports this module
        """The Plans page's desk (indicators.service.plans.PlanDesk) bound to this service."""
        if self._plans is None:
            from indicators.service.plans import PlanDesk

            self._plans = PlanDesk(self)
        return self._plans

    def version(self) -> str:
        """The store's version token and the registry's; changes with every commit, revert
        and registry change."""
        return self._current()[0]

    def _fresh_state(self) -> RegistryState:
        """The registry state, checked against the registry's version alone (one small query)."""
        return self._renewed(self.registry_store.version())

    def _current(self) -> tuple[str, RegistryState]:
        token, registry_version = versions(self.store.engine)
        state = self._renewed(registry_version)
        return f"{token}.r{state.version}-{len(state.registry.retired)}", state

    def _renewed(self, registry_version: int) -> RegistryState:
        state = self._state
        if state.stale(registry_version):
            with self._reloading:
                state = self._state
                if state.stale(registry_version):
                    state = self._state = self._reload()
        return state

    def _reload(self) -> RegistryState:
        registry = self.registry_store.registry(self.settings)
        if registry is None:  # pragma: no cover - a registry is never removed
            return self._state
        targets = targets_frame(registry)
        shared = shared_cache(self.settings, targets) if self._uses_shared else None
        return RegistryState.of(registry, targets, shared)

    def actuals(self) -> pd.DataFrame:
        """Current values with their sources (source, url, published, quote)."""
        return self._cached(("actuals",), lambda: self._incremental.actuals(self.version()),
                            adopt=lambda token, _state, value:
                            self._incremental.remember_actuals(token, value),
                            patches=lambda _state: self._incremental.has_actuals())

    def report(self, as_of: int | None = None) -> GapReport:
        """The full gap report as of a year (default: latest year with data), each row
        with the source of its latest value as the last columns."""
        def compute() -> GapReport:
            actuals = self.actuals()
            token, state = self._current()
            # Only the changed series' targets are computed again (equal to a full gap_report,
            # tests/test_service_incremental.py); registry_version: which registry it used.
            return self._incremental.report(token, as_of, state.targets, self.settings.status,
                                            actuals, {"registry_version": state.version})
        def adopt(token: str, state: RegistryState, value: GapReport) -> None:
            self._incremental.remember_report(token, as_of, state.targets, value)
            self.actuals()  # patching it forward needs the actuals too: adopted in passing
        return self._cached(("report", as_of), compute, adopt=adopt,
                            patches=lambda state: self._incremental.has_report(as_of,
                                                                               state.targets))

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

    def view(self, key: tuple, build: Callable[[], Value], scope: Scope | None = None) -> Value:
        """Something built only from this service's data (e.g. a page body), kept per data version.

        In this process only, VIEW_CACHE_SIZE entries per kind (key[0]); `key` must name
        everything else it depends on (language, filters).  The same object is handed to
        every caller: treat it as read-only.  `scope`: the regions and series it reads; a
        change that touched none of them hands it on to the new version (service.carry).
        """
        kind = str(key[0]) if key else ""
        local = self._views.get(kind)
        if local is None:
            # keep_previous: a kind holds scoped and unscoped views (a region's overview and
            # the whole one); the scoped ones of the version before must outlive its bump.
            local = self._views.setdefault(kind, LocalCache(VIEW_CACHE_SIZE, keep_previous=True))
        if scope is None:
            return self._cached(("view", *key), build, shared=False, local=local)
        def latest_year() -> int | None:
            return self.report().as_of
        return scoped_view(local, self.version(), ("view", *key), latest_year, scope, self._changes,
                           lambda: self._cached(("view", *key), lambda: (latest_year(), build()),
                                                shared=False, local=local))[1]

    def on_warm(self, build: Callable[[], object]) -> None:
        """Also build this in warm(), after the report: a view the first viewer after a
        change would otherwise wait for (the app registers its default overview page;
        this package cannot import the pages, which sit above it)."""
        self._warmers.append(build)

    def warm(self) -> None:
        """Compute the latest report now (e.g. right after a commit), before viewers ask,
        then the views registered with on_warm (kept per data version, like the report)."""
        self.report()
        for build in tuple(self._warmers):
            build()
        release_free_memory()  # the old version's frames, freed by the patch (service.memory)

    def warm_in_background(self) -> threading.Thread:
        """warm() in a thread: the editor's commit returns at once, and the first viewer
        after it (in this process or, through the shared cache, in another) finds the
        report computed or being computed, instead of starting it."""
        thread = threading.Thread(target=self._warm_logged, name="tracker-warm", daemon=True)
        thread.start()
        return thread

    def watch(self) -> VersionWatcher | None:
        """Warm this process now, then after a change made by any process (service.watch),
        every cache.watch_seconds; None when that is 0.  For servers, not for one-off scripts.

        The first warm-up runs in the caller, before the server accepts anything: a
        worker that served while its thread computed the first report made each early
        request wait behind it (a p95 of 1.1-1.3 s in the load test's first 10 s)."""
        seconds = self.settings.cache.watch_seconds
        if seconds and self.watcher is None:
            watcher = VersionWatcher(self.version, self.warm, seconds)
            watcher.check()  # an error is logged; the thread tries again
            self.watcher = watcher.start()
        return self.watcher

    def _warm_logged(self) -> None:
        try:
            self.warm()
        except Exception:
            # Nobody waits on this thread; the next viewer computes the report and sees any error.
            LOG.exception("computing the report after a change failed")

    def _cached(self, key: tuple, compute: Callable[[], Value], *, shared: bool = True,
                local: LocalCache | None = None,
                adopt: Callable[[str, RegistryState, Value], None] | None = None,
                patches: Callable[[RegistryState], bool] | None = None) -> Value:
        """The value of `key` at the current data version: from this process's cache, else
        the shared one, else computed.

        adopt(token, state, value) sees a value that came through the shared cache, which
        another process may have computed (or an older version's, `rebase`): the actuals
        and reports are patched forward from it (service.incremental); without it, a
        worker that only ever read them computed everything again in full.  patches(state):
        this process can patch the value from its own last one; then it does, and neither
        reads nor writes the shared cache (writing a national report and its actuals took
        0.29 s of every commit's warm-up, reading them back about as long as the patch).
        """
        local = self._local if local is None else local
        token, state = self._current()
        value = local.get(token, key)
        if value is not MISSING:
            return value
        with self._computing.hold((token, key)):
            value = local.get(token, key)  # another thread may have just computed it
            if value is MISSING:
                if shared and state.shared is not None and not (patches and patches(state)):
                    rebase = None if adopt is None else (
                        lambda older_token, older: adopt(older_token, state, older))
                    value = state.shared.get_or_compute(token, key, compute, rebase)
                    if adopt is not None:
                        adopt(token, state, value)
                else:
                    value = compute()
                local.put(token, key, value)
        return value
