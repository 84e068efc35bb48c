"""What the load test's viewers do, what it records, and the database it runs on."""

from __future__ import annotations

import contextlib
import random
import statistics
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import make_url

from benchmarks import dash_requests as dr
from benchmarks.callbacks import percentile
from benchmarks.synthetic import Size, build_project
from indicators.accounts import add_user
from indicators.config import load_config
from indicators.service import TrackerService
from indicators.store import ActualsStore

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "load-test-password"  # throw-away accounts in a throw-away schema
VIEWER, EDITOR = "load_viewer", "load_editor"


@dataclass
class LoadPlan:
    regions: list[str]
    series: list[tuple[str, str]]
    marker_region: str
    marker_file: bytes
    marker_bytes: bytes
    think_range: tuple[float, float]
    large: bool  # the whole-country overview is too big to ask for in a loop
    port: int = 0
    deps: dict = field(default_factory=dict)
    viewer_name: str = VIEWER
    editor_name: str = EDITOR
    password: str = PASSWORD

    @classmethod
    def create(cls, config: Path, database_url: str, think: tuple[float, float]) -> LoadPlan:
        """Loads the sample (as the server would) and picks the value the editor will change."""
        service = TrackerService.open(load_config(config, database_url=database_url))
        try:
            actuals = service.actuals()
            report = service.report().report
        finally:
            service.store.close()
        units = {key: ind.unit for key, ind in service.registry.indicators.items()}
        shown = report[report["latest_year"] == report["latest_year"].max()]
        shown = shown[shown["indicator_id"].map(units) != "%"].iloc[0]
        # Pages show a value at its indicator's precision (exports/formats.py: at most two
        # decimals, the latest value's own counted), so the marker has exactly two: it is
        # shown as written, and no earlier value of the series has it.
        marker = round(round(float(shown["latest_value"]) * 1.1) + 0.37, 2)
        csv = ("indicator_id,region,year,value,note\n"
               f"{shown['indicator_id']},{shown['region']},{int(shown['latest_year'])},{marker},"
               "load test\n")
        series = sorted(set(zip(report["indicator_id"], report["region"], strict=True)))
        return cls(regions=list(service.registry.regions), series=series,
                   marker_region=str(shown["region"]), marker_file=csv.encode("utf-8"),
                   marker_bytes=repr(marker).encode("ascii"), think_range=think,
                   large=len(actuals) > 100_000)

    def overview_request(self) -> tuple[str, dict, str]:
        if self.large:
            return (dr.OVERVIEW_OUTPUT, dr.overview_values(region=self.marker_region),
                    f"{dr.overview.REGION_FILTER}.value")
        return dr.ROUTER_OUTPUT, dr.router_values("/"), "url.pathname"

    def action(self, step: int) -> tuple[str, tuple | None]:
        """The viewer's next click: (name, callback request), or (name, None) for GET /."""
        kind = ("overview", "filter", "indicator", "compare", "page")[step % 5]
        if kind == "overview":
            return kind, self.overview_request()
        if kind == "filter":
            values = dr.overview_values(region=random.choice(self.regions))
            return kind, (dr.OVERVIEW_OUTPUT, values, f"{dr.overview.REGION_FILTER}.value")
        if kind == "compare":
            # The national figures against one region's (at synthetic scale, any of 40).
            search = f"?a={self.regions[0]}&b={random.choice(self.regions[1:] or self.regions)}"
            return kind, (dr.ROUTER_OUTPUT, dr.router_values("/compare", search=search),
                          "url.pathname")
        if kind == "indicator":
            indicator, region = random.choice(self.series)
            return kind, (dr.ROUTER_OUTPUT, dr.router_values(f"/indicator/{indicator}/{region}"),
                          "url.pathname")
        return "page", None

    def think(self) -> float:
        return random.uniform(*self.think_range)


@dataclass
class Recorder:
    marker: bytes
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: Counter = field(default_factory=Counter)
    error_samples: list[str] = field(default_factory=list)
    saw_commit: set[int] = field(default_factory=set)
    stale: int = 0
    commit_done: float | None = None
    commit_seconds: dict[str, float] = field(default_factory=dict)
    elapsed: float = 0.0
    started: float = 0.0
    # (seconds into the run, latency) of every request, for the p95 of each window
    timeline: list[tuple[float, float]] = field(default_factory=list)

    def done(self, viewer: int, action: str, started: float, status: int, body: bytes) -> None:
        self._latency(action, started)
        if status != 200:
            self._error(f"http_{status}", f"{action}: HTTP {status} {body[:200]!r}")
        elif action == "overview" and self.commit_done is not None and started > self.commit_done:
            if self.marker in body:
                self.saw_commit.add(viewer)
            else:
                self._error("stale_after_commit", f"viewer {viewer}: overview without the new value")
                self.stale += 1

    def failed(self, action: str, started: float, message: str) -> None:
        self._latency(action, started)
        self._error("connection", f"{action}: {message}")

    def _latency(self, action: str, started: float) -> None:
        latency = time.perf_counter() - started
        self.latencies[action].append(latency)
        self.timeline.append((started - self.started, latency))

    def committed(self, started: float, previewed: float, done: float) -> None:
        self.commit_done = done
        self.commit_seconds = {"preview_seconds": round(previewed - started, 3),
                               "commit_seconds": round(done - previewed, 3)}

    def editor_failed(self, message: str) -> None:
        self._error("editor", message)

    def _error(self, kind: str, sample: str) -> None:
        self.errors[kind] += 1
        if len(self.error_samples) < 5:
            self.error_samples.append(sample)

    def summary(self, viewers: int) -> dict:
        every = [value for values in self.latencies.values() for value in values]
        return {
            "seconds": round(self.elapsed, 1), "requests": len(every),
            "requests_per_second": round(len(every) / self.elapsed, 1) if self.elapsed else 0,
            "p50_ms": _ms(statistics.median(every)) if every else None,
            "p95_ms": _ms(percentile(every, 0.95)) if every else None,
            "p99_ms": _ms(percentile(every, 0.99)) if every else None,
            "max_ms": _ms(max(every)) if every else None,
            "p95_ms_by_action": {action: _ms(percentile(values, 0.95))
                                 for action, values in sorted(self.latencies.items())},
            "errors": sum(self.errors.values()), "errors_by_kind": dict(self.errors),
            "error_samples": self.error_samples, "committed": self.commit_done is not None,
            **self.commit_seconds, "stale_after_commit": self.stale,
            "viewers_saw_commit": len(self.saw_commit),
            "commit_at_second": round(self.commit_done - self.started, 1)
            if self.commit_done else None,
            "p95_ms_by_10s": self._windows(10.0),
        }

    def _windows(self, width: float) -> list[float]:
        """p95 of the requests started in each window: shows what a commit costs, and when."""
        buckets: dict[int, list[float]] = defaultdict(list)
        for offset, latency in self.timeline:
            buckets[int(offset // width)].append(latency)
        return [_ms(percentile(buckets[key], 0.95)) for key in sorted(buckets)]


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


@contextlib.contextmanager
def prepare_database(database_url: str | None, folder: Path,
                     synthetic: bool) -> Iterator[tuple[str, Path]]:
    """(the app's database URL, the config.yaml to start from), with the two accounts made."""
    with _fresh_database(database_url, folder) as url:
        base_config = ROOT / "config.yaml"
        if synthetic:
            base_config = build_project(folder / "synthetic", Size(), database_url=url).root
            base_config = base_config / "config.yaml"
        store = ActualsStore(url, root=folder)
        try:
            add_user(store, VIEWER, PASSWORD, "viewer", actor="loadtest")
            add_user(store, EDITOR, PASSWORD, "editor", actor="loadtest")
        finally:
            store.close()
        yield url, base_config


@contextlib.contextmanager
def _fresh_database(database_url: str | None, folder: Path) -> Iterator[str]:
    """A new schema in the given PostgreSQL (dropped afterwards), else a temporary SQLite file."""
    if not database_url or not database_url.startswith("postgres"):
        yield f"sqlite:///{folder / 'load.db'}"
        return
    base = make_url(database_url).set(drivername="postgresql+psycopg")
    schema = f"load_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(base)
    with admin.begin() as connection:
        connection.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield base.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(
            hide_password=False)
    finally:
        with admin.begin() as connection:
            connection.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
