"""A synthetic project at scale: 500 indicators x 40 regions x 15 years.

`build_project(folder)` writes a config.yaml with 40 regions, a registry of
one target per indicator and region (20,000 targets, every comparator and
kind) and fills a database with one actual per series and year (300,000
rows), committed through the real importer and store, one upload per year as
staff would.  A finished build is reused: a marker file records its size and
database, so a second run of any benchmark starts at once.

    .venv/bin/python benchmarks/synthetic.py [--folder /tmp/tracker-bench/synthetic]
        [--indicators 500] [--regions 40] [--years 15] [--database-url URL]
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from indicators.config import Settings, load_config  # noqa: E402
from indicators.importing import parse_upload  # noqa: E402
from indicators.registry import load_registry  # noqa: E402
from indicators.store import ActualsStore  # noqa: E402

DEFAULT_FOLDER = Path("/tmp/tracker-bench/synthetic")
FIRST_YEAR = 2011
UNITS = ("件", "亿元", "%", "项", "家")
CATEGORIES = ("creation", "use", "protection", "management_service", "environment_talent",
              "international")
# (comparator, kind, path) cycled over the targets, so every engine branch runs.
TARGET_SHAPES = (
    (">=", "level", "linear"), (">=", "level", "geometric"), (">=", "annual", "linear"),
    (">=", "cumulative", "linear"), ("range", "level", "linear"), ("<=", "level", "linear"),
    ("increase", "level", "linear"), (">=", "level", "linear"),
)
BUILDER = "bench"


@dataclass(frozen=True)
class Size:
    indicators: int = 500
    regions: int = 40
    years: int = 15

    @property
    def actual_rows(self) -> int:
        return self.indicators * self.regions * self.years

    def label(self) -> str:
        return f"{self.indicators}x{self.regions}x{self.years}"


def region_codes(count: int) -> list[str]:
    """CN plus sub-regions CN-AA, CN-AB, ... (config.yaml's code pattern)."""
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    subs = [f"CN-{a}{b}" for a in letters for b in letters][: count - 1]
    return ["CN", *subs]


def config_text(size: Size, database_url: str) -> str:
    lines = [f"database_url: {json.dumps(database_url)}", "registry_path: registry",
             "sample_data: null", "auth: {anonymous_view: false}", "regions:"]
    for index, code in enumerate(region_codes(size.regions)):
        name_zh = "全国" if code == "CN" else f"合成地区{index:02d}"
        name_en = "China" if code == "CN" else f"Region {index:02d}"
        lines.append(f"  - {{code: {code}, name_zh: {name_zh}, name_en: {json.dumps(name_en)}}}")
    return "\n".join(lines) + "\n"


def registry_text(size: Size, plans: list[tuple[str, str, str]] | None = None) -> str:
    """One JSON-style flow record per line (JSON is YAML), fast to write and to read.

    `plans`: (region code, title_zh, title_en) of each region's plan, in region order
    (benchmarks.national_project names its own); by default region_codes(size.regions).
    """
    if plans is None:
        plans = [(code, f"合成规划{index:02d}", f"Synthetic plan {index:02d}")
                 for index, code in enumerate(region_codes(size.regions))]
    lines = ["documents:"]
    for index, (code, title_zh, title_en) in enumerate(plans):
        record = {"id": f"plan_r{index:02d}", "title_zh": title_zh,
                  "title_en": title_en, "issuer": "合成", "kind": "plan",
                  "level": "national" if code == "CN" else "municipal", "region": code,
                  "period_start": 2021, "period_end": 2025}
        lines.append("  - " + json.dumps(record, ensure_ascii=False))
    lines.append("indicators:")
    for number in range(size.indicators):
        record = {"id": f"ind_{number:04d}", "name_zh": f"合成指标{number:04d}",
                  "name_en": f"Synthetic indicator {number:04d}",
                  "unit": UNITS[number % len(UNITS)],
                  "category": CATEGORIES[number % len(CATEGORIES)],
                  "direction": "lower" if number % 11 == 5 else "higher"}
        lines.append("  - " + json.dumps(record, ensure_ascii=False))
    lines.append("targets:")
    rng = np.random.default_rng(3)
    bases = series_bases(size)
    for number in range(size.indicators):
        for index, (code, _, _) in enumerate(plans):
            shape = TARGET_SHAPES[(number * size.regions + index) % len(TARGET_SHAPES)]
            lines.append("  - " + json.dumps(_target(number, index, code, shape, rng,
                                                     float(bases[number, index])),
                                             ensure_ascii=False))
    return "\n".join(lines) + "\n"


def series_bases(size: Size) -> np.ndarray:
    """Each series' 2020 level, (indicators, regions): targets and actuals both start from
    it, so actuals stay in the plausible range the importer judges against the targets.
    Shares (%) start between 0.5 and 50."""
    bases = np.round(np.random.default_rng(5).uniform(10, 1000, (size.indicators, size.regions)), 2)
    shares = np.array([UNITS[number % len(UNITS)] == "%" for number in range(size.indicators)])
    bases[shares] = np.round(bases[shares] / 20, 2)
    return bases


def _target(number: int, index: int, code: str, shape: tuple, rng: np.random.Generator,
            base: float) -> dict:
    comparator, kind, path = shape
    goal = round(base * float(rng.uniform(1.1, 2.0)), 2)
    if number % 11 == 5:  # a lower-is-better indicator aims down
        comparator, goal = "<=", round(base * 0.7, 2)
    record = {"id": f"t_{number:04d}_{index:02d}", "indicator": f"ind_{number:04d}",
              "region": code, "document": f"plan_r{index:02d}", "section": "主要指标",
              "quote": f"合成指标{number:04d} {base} {goal}", "line": 1 + number,
              "target_year": 2025, "comparator": comparator, "kind": kind, "path": path}
    if kind != "cumulative" and comparator != "increase":
        record["baseline"] = {"year": 2020, "value": base}
    if comparator == "range":
        record.update(target_low=goal, target_high=round(goal * 1.2, 2))
    elif comparator != "increase":
        record["target_value"] = goal
    return record


def actuals_frame(size: Size, codes: list[str] | None = None) -> pd.DataFrame:
    """One actual per series and year, from the series' base; values drift up with noise,
    so statuses vary, and shares stay below 100 %.  `codes`: the regions, in order
    (benchmarks.national_project's tree); by default region_codes(size.regions)."""
    rng = np.random.default_rng(11)
    series = size.indicators * size.regions
    indicators = np.array([f"ind_{i:04d}" for i in range(size.indicators)], dtype=object)
    regions = np.array(region_codes(size.regions) if codes is None else codes, dtype=object)
    start = series_bases(size).ravel() * rng.uniform(0.85, 1.1, series)
    growth = rng.uniform(0.97, 1.08, series)
    years = np.arange(size.years)
    values = start[:, None] * growth[:, None] ** years[None, :]
    shares = np.repeat([UNITS[number % len(UNITS)] == "%" for number in range(size.indicators)],
                       size.regions)
    values[shares] = np.minimum(values[shares], 99.9)
    return pd.DataFrame({
        "indicator_id": np.repeat(indicators, size.regions * size.years),
        "region": np.tile(np.repeat(regions, size.years), size.indicators),
        "year": np.tile(FIRST_YEAR + years, series),
        "value": np.round(values.ravel(), 3),
        "note": "",
    })


def csv_bytes(frame: pd.DataFrame) -> bytes:
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False)
    return buffer.getvalue().encode("utf-8")


def write_files(folder: Path, size: Size, database_url: str | None = None) -> Settings:
    """config.yaml and the registry (no data); returns the project's settings."""
    (folder / "registry").mkdir(parents=True, exist_ok=True)
    url = database_url or f"sqlite:///{folder / 'tracker.db'}"
    (folder / "config.yaml").write_text(config_text(size, url), encoding="utf-8")
    registry = folder / "registry" / "synthetic.yaml"
    if not registry.exists():
        registry.write_text(registry_text(size), encoding="utf-8")
    return load_config(folder / "config.yaml", database_url=url)


def fill_database(settings: Settings, size: Size, log=print) -> None:
    """Commit the actuals through the real importer, one upload per year."""
    registry = load_registry(settings)
    store = ActualsStore.from_settings(settings)
    try:
        frame = actuals_frame(size)
        for year, rows in frame.groupby("year"):
            started = time.perf_counter()
            content = csv_bytes(rows)
            parsed = parse_upload(content, f"actuals_{year}.csv", registry, settings)
            if not parsed.ok:
                raise SystemExit(f"synthetic data failed validation: {parsed.errors[:3]}")
            store.commit(parsed, BUILDER, f"actuals_{year}.csv", parsed.sha256)
            log(f"  committed {year}: {len(rows)} rows in {time.perf_counter() - started:.1f} s")
    finally:
        store.close()


def build_project(folder: Path = DEFAULT_FOLDER, size: Size = Size(),
                  database_url: str | None = None, log=print) -> Settings:
    """The synthetic project in `folder`, built once and reused while it is complete."""
    folder = Path(folder)
    marker = folder / "built.json"
    wanted = {"size": size.label(), "database_url": database_url or "sqlite"}
    settings = write_files(folder, size, database_url)
    built = marker.exists() and json.loads(marker.read_text(encoding="utf-8")) == wanted
    if built and _has_every_upload(settings, size):
        return settings
    marker.unlink(missing_ok=True)
    if database_url is None:
        (folder / "tracker.db").unlink(missing_ok=True)
    elif not ActualsStore.from_settings(settings).is_empty():
        raise SystemExit(f"{database_url} holds other data; give an empty database")
    log(f"building synthetic project {size.label()} ({size.actual_rows} actuals) in {folder}")
    fill_database(settings, size, log)
    marker.write_text(json.dumps(wanted), encoding="utf-8")
    return settings


def _has_every_upload(settings: Settings, size: Size) -> bool:
    """A throw-away PostgreSQL may have gone while the marker stayed."""
    store = ActualsStore.from_settings(settings)
    try:
        return len(store.uploads()) >= size.years
    finally:
        store.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=DEFAULT_FOLDER)
    parser.add_argument("--indicators", type=int, default=500)
    parser.add_argument("--regions", type=int, default=40)
    parser.add_argument("--years", type=int, default=15)
    parser.add_argument("--database-url", default=None, help="default: SQLite in the folder")
    args = parser.parse_args()
    size = Size(args.indicators, args.regions, args.years)
    started = time.perf_counter()
    build_project(args.folder, size, args.database_url, log=lambda text: print(text, file=sys.stderr))
    print(json.dumps({"figure": "synthetic_build", "size": size.label(),
                      "actual_rows": size.actual_rows,
                      "seconds": round(time.perf_counter() - started, 1)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
