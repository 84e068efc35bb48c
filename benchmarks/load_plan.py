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
    marker_row: tuple[str, str, int]  # indicator, region, year of the value the editor changes
    marker_base: float
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
        # Commit k writes base + k: each commit's value differs from every other's.
        series = sorted(set(zip(report["indicator_id"], report["region"], strict=True)))
        return cls(regions=list(service.registry.regions), series=series,
                   marker_region=str(shown["region"]),
                   marker_row=(str(shown["indicator_id"]), str(shown["region"]),
                               int(shown["latest_year"])),
                   marker_base=round(float(shown["latest_value"]) * 1.1), think_range=think,
                   large=len(actuals) > 100_000)

    def marker(self, commit: int) -> float:
        return round(self.marker_base + commit + 0.37, 2)

    def marker_bytes(self, commit: int) -> bytes:
        return repr(self.marker(commit)).encode("ascii")

    def marker_file(self, commit: int) -> bytes:
        indicator, region, year = self.marker_row
        return ("indicator_id,region,year,value,note\n"
                f"{indicator},{region},{year},{self.marker(commit)},load test\n").encode()

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
    """Latencies and errors; after each commit, whether every overview shows its value.

    An overview asked for after commit k returned must show commit k's value or a later
    one's (a later commit may land while it is answered); one that shows neither is stale.
    """

    markers: list[bytes]  # commit k's value as the pages show it
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: Counter = field(default_factory=Counter)
    error_samples: list[str] = field(default_factory=list)
    saw: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))  # commit -> viewers
    stale: int = 0
    commits_done: list[float] = field(default_factory=list)
    commit_seconds: list[dict[str, float]] = field(default_factory=list)
    elapsed: float = 0.0
    started: float = 0.0
    # (seconds into the run, latency) of every request, for the p95 of each window
    timeline: list[tuple[float, float]] = field(default_factory=list)

    def last_commit_before(self, moment: float) -> int | None:
        done = [number for number, at in enumerate(self.commits_done) if at < moment]
        return done[-1] if done else None

    def done(self, viewer: int, action: str, started: float, status: int, body: bytes) -> None:
        self._latency(action, started)
        if status != 200:
            self._error(f"http_{status}", f"{action}: HTTP {status} {body[:200]!r}")
            return
        newest = self.last_commit_before(started)
        if action != "overview" or newest is None:
            return
        shown = [number for number in range(newest, len(self.markers))
                 if self.markers[number] in body]
        if shown:
            self.saw[shown[-1]].add(viewer)
        else:
            self._error("stale_after_commit",
                        f"viewer {viewer}: overview without commit {newest}'s value or a later one")
            self.stale += 1

    def failed(self, action: str, started: float, message: str) -> None:
        self._latency(action, started)
        self._error("connection", f"{action}: {message}")

    def _latency(self, action: str, started: float) -> None:
        latency = time.perf_counter() - started
        self.latencies[action].append(latency)
        self.timeline.append((started - self.started, latency))

    def committed(self, started: float, previewed: float, done: float) -> None:
        self.commits_done.append(done)
        self.commit_seconds.append({"at_second": round(done - self.started, 1),
                                    "preview_seconds": round(previewed - started, 3),
                                    "commit_seconds": round(done - previewed, 3)})

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
            "error_samples": self.error_samples, "commits": self.commit_seconds,
            "stale_after_commit": self.stale,
            # Every viewer's last overview shows the last commit (loadtest.closing_check).
            "viewers_saw_commit": len(self.saw[len(self.commits_done) - 1])
            if self.commits_done else 0,
            # Commit k by how many viewers saw its value before the next commit came.
            "viewers_saw_each_commit": [len(self.saw[number])
                                        for number in range(len(self.commits_done))],
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
                     data: str) -> Iterator[tuple[str, Path]]:
    """(the app's database URL, the config.yaml to start from), with the two accounts made.

    data: "sample" (the real registry and the sample data), "synthetic" (300,000 actuals)
    or "national" (benchmarks.national_project: 2,160,000 actuals, 180,000 targets).
    """
    with _fresh_database(database_url, folder) as url:
        base_config = ROOT / "config.yaml"
        if data == "synthetic":
            base_config = build_project(folder / "synthetic", Size(), database_url=url).root
            base_config = base_config / "config.yaml"
        elif data == "national":
            from benchmarks.national_project import build  # 3,000 regions: only when asked

            base_config = build(folder / "national", url, log=lambda _text: None).root
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
