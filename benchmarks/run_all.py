"""Run every benchmark of issue 7, each in its own process; print one JSON line per figure.

    .venv/bin/python benchmarks/run_all.py [--skip callbacks pageload ...] [--only engine ...]

The first line describes the machine (CPU, memory, load average), since every
figure depends on it.  The load test uses TEST_DATABASE_URL (PostgreSQL) when
set, else a temporary SQLite file, and says which.  Progress goes to stderr.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
# name -> arguments after the script; in the order they run (cheap first)
BENCHMARKS = {
    "engine": ["engine.py"],          # 1,000,000 actuals; its peak_rss_mib is the memory figure
    "startup": ["startup.py"],
    "importing": ["importing.py"],
    "callbacks": ["callbacks.py"],
    "pageload": ["pageload.py"],
    "loadtest": ["loadtest.py"],
}


def machine() -> dict:
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        model = next((line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines()
                      if line.startswith("model name")), "")
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        total_kib = int(meminfo.read_text().split()[1])
        memory = f"{total_kib / 2**20:.1f} GiB"
    return {"figure": "machine", "cpus": os.cpu_count(), "cpu_model": model, "memory": memory,
            "load_average": [round(load, 2) for load in os.getloadavg()],
            "python": platform.python_version(), "system": platform.platform(),
            "taken_at": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")}


def run(name: str, arguments: list[str]) -> int:
    print(f"== {name}", file=sys.stderr, flush=True)
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, str(HERE / arguments[0]), *arguments[1:]],
                               stdout=subprocess.PIPE, text=True)
    for line in process.stdout:
        line = line.strip()
        try:
            figure = json.loads(line)
        except json.JSONDecodeError:
            print(line, file=sys.stderr)
            continue
        print(json.dumps({"benchmark": name, **figure}, ensure_ascii=False), flush=True)
    process.wait()
    print(f"   {name}: {time.perf_counter() - started:.0f} s, exit {process.returncode}",
          file=sys.stderr, flush=True)
    return process.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", choices=BENCHMARKS, default=list(BENCHMARKS))
    parser.add_argument("--skip", nargs="+", choices=BENCHMARKS, default=[])
    args = parser.parse_args()
    print(json.dumps(machine(), ensure_ascii=False), flush=True)
    failures = [name for name in args.only if name not in args.skip
                and run(name, BENCHMARKS[name]) != 0]
    print(json.dumps({"figure": "machine_after", "load_average":
                      [round(load, 2) for load in os.getloadavg()], "failed": failures}), flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
