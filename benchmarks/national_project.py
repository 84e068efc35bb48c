"""A synthetic national project: 3,000 regions (province > city > county), 60 indicators, 12 years.

Every region, the country included, has a plan with the same 60 targets (the
table of a national plan repeated down to the counties: 180,000 targets) and
one actual per series and year: 2,160,000 actuals.  Region codes and names are
made up and say so (合成省/市/县, "Synthetic province ..."); the numbers come
from benchmarks.synthetic's generators (its target shapes, bases and drift),
so every engine branch runs.  The tree is written to regions.csv beside the
config (code, parent, level).  Built once through the real importer and store
(one upload per year) and reused while complete.

    .venv/bin/python benchmarks/national_project.py [--folder /tmp/tracker-bench/national]
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synthetic import (  # noqa: E402
    BUILDER,
    Size,
    csv_bytes,
)
from benchmarks.synthetic import actuals_frame as synthetic_actuals_frame  # noqa: E402
from benchmarks.synthetic import registry_text as synthetic_registry_text  # noqa: E402
from indicators.config import Settings, load_config  # noqa: E402
from indicators.engine import targets_frame  # noqa: E402
from indicators.importing import parse_upload  # noqa: E402
from indicators.registry import Registry, load_registry  # noqa: E402
from indicators.store import ActualsStore  # noqa: E402

DEFAULT_FOLDER = Path("/tmp/tracker-bench/national")
SIZE = Size(indicators=60, regions=3000, years=12)
PROVINCES, CITIES_PER_PROVINCE = 31, 10  # 310 cities, the rest counties
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def region_tree(count: int = SIZE.regions) -> pd.DataFrame:
    """code, parent, level, name_zh, name_en: CN, 31 provinces, their cities, then counties
    spread over the cities.  Codes follow config.yaml's pattern (CN-XX, CN-XXX)."""
    short = [f"CN-{a}{b}" for a in LETTERS for b in LETTERS]
    long = [f"CN-{a}{b}{c}" for a in LETTERS for b in LETTERS for c in LETTERS]
    rows = [("CN", "", "national", "全国", "China")]
    for p in range(PROVINCES):
        rows.append((short[p], "CN", "province", f"合成省{p + 1:02d}",
                     f"Synthetic province {p + 1:02d}"))
    cities = []
    for p in range(PROVINCES):
        for c in range(CITIES_PER_PROVINCE):
            code = long[len(cities)]
            cities.append(code)
            rows.append((code, short[p], "city", f"合成省{p + 1:02d}市{c + 1:02d}",
                         f"Synthetic city {p + 1:02d}-{c + 1:02d}"))
    for k in range(count - len(rows)):
        parent = cities[k % len(cities)]
        rows.append((long[len(cities) + k], parent, "county", f"合成县{k + 1:04d}",
                     f"Synthetic county {k + 1:04d}"))
    return pd.DataFrame(rows, columns=["code", "parent", "level", "name_zh", "name_en"])


def config_text(tree: pd.DataFrame, database_url: str) -> str:
    lines = [f"database_url: {json.dumps(database_url)}", "registry_path: registry",
             "sample_data: null", "published_data: null", "auth: {anonymous_view: false}",
             "regions:"]
    for code, name_zh, name_en in zip(tree["code"], tree["name_zh"], tree["name_en"], strict=True):
        lines.append(f"  - {{code: {code}, name_zh: {name_zh}, name_en: {json.dumps(name_en)}}}")
    return "\n".join(lines) + "\n"


def registry_text(tree: pd.DataFrame, size: Size = SIZE) -> str:
    """benchmarks.synthetic's registry, one plan per region of the tree, named after it."""
    plans = [(code, f"{name_zh}知识产权规划（合成）", f"Synthetic IP plan {index:04d}")
             for index, (code, name_zh) in enumerate(zip(tree["code"], tree["name_zh"], strict=True))]
    return synthetic_registry_text(size, plans)


def actuals_frame(codes: list[str], size: Size = SIZE) -> pd.DataFrame:
    """benchmarks.synthetic.actuals_frame's series, over the given region codes."""
    return synthetic_actuals_frame(size, codes)


def write_files(folder: Path, database_url: str | None = None) -> Settings:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "registry").mkdir(exist_ok=True)
    tree = region_tree()
    tree.to_csv(folder / "regions.csv", index=False)
    url = database_url or f"sqlite:///{folder / 'tracker.db'}"
    (folder / "config.yaml").write_text(config_text(tree, url), encoding="utf-8")
    registry = folder / "registry" / "national_synthetic.yaml"
    if not registry.exists():
        registry.write_text(registry_text(tree), encoding="utf-8")
    return load_config(folder / "config.yaml", database_url=url)


def targets_of(settings: Settings, folder: Path = DEFAULT_FOLDER
               ) -> tuple[pd.DataFrame, float, Registry | None]:
    """The targets frame, the seconds load_registry took, and the registry when it was loaded
    now.  180,000 targets take minutes to validate and a Registry does not pickle, so the
    frame and that first time are pickled beside the YAML."""
    cached = folder / "targets.pkl"
    source = folder / "registry" / "national_synthetic.yaml"
    if cached.exists() and cached.stat().st_mtime > source.stat().st_mtime:
        with cached.open("rb") as handle:
            frame, seconds = pickle.load(handle)  # noqa: S301 - this benchmark's own file
        return frame, seconds, None
    started = time.perf_counter()
    registry = load_registry(settings)
    seconds = time.perf_counter() - started
    frame = targets_frame(registry)
    with cached.open("wb") as handle:
        pickle.dump((frame, seconds), handle, protocol=pickle.HIGHEST_PROTOCOL)
    return frame, seconds, registry


def region_registry(settings: Settings, code: str, folder: Path = DEFAULT_FOLDER) -> Registry:
    """A registry of one region's plan only (every indicator, that region's targets): enough
    to parse that region's uploads without validating 180,000 targets first."""
    small = folder / f"registry_{code}"
    small.mkdir(exist_ok=True)
    needle = f'"region": "{code}"'
    lines = [line for line in registry_text(region_tree()).splitlines()
             if not line.startswith("  - ") or needle in line or '"unit"' in line
             and '"indicator"' not in line]
    (small / "plan.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return load_registry(settings.model_copy(update={"registry_path": str(small)}))


def build(folder: Path = DEFAULT_FOLDER, database_url: str | None = None, log=print) -> Settings:
    """The project in `folder`, built once (a marker records it) and reused."""
    marker = folder / "built.json"
    wanted = {"size": SIZE.label(), "database_url": database_url or "sqlite"}
    settings = write_files(folder, database_url)
    if marker.exists() and json.loads(marker.read_text(encoding="utf-8")) == wanted:
        return settings
    if database_url is None:
        (folder / "tracker.db").unlink(missing_ok=True)
    registry = load_registry(settings)
    store = ActualsStore.from_settings(settings)
    try:
        frame = actuals_frame(list(region_tree()["code"]))
        for year, rows in frame.groupby("year"):
            started = time.perf_counter()
            parsed = parse_upload(csv_bytes(rows), f"national_{year}.csv", registry, settings)
            if not parsed.ok:
                raise SystemExit(f"synthetic data failed validation: {parsed.errors[:3]}")
            store.commit(parsed, BUILDER, f"national_{year}.csv", parsed.sha256)
            log(f"  committed {year}: {len(rows)} rows in {time.perf_counter() - started:.1f} s")
    finally:
        store.close()
    marker.write_text(json.dumps(wanted), encoding="utf-8")
    return settings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=DEFAULT_FOLDER)
    parser.add_argument("--database-url", default=None, help="default: SQLite in the folder")
    args = parser.parse_args()
    started = time.perf_counter()
    build(args.folder, args.database_url, log=lambda text: print(text, file=sys.stderr))
    print(json.dumps({"figure": "national_build", "size": SIZE.label(),
                      "actual_rows": SIZE.actual_rows, "targets": SIZE.indicators * SIZE.regions,
                      "seconds": round(time.perf_counter() - started, 1)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
