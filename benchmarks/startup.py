"""Start-up: `create_app()` with the real registry, in a fresh Python each time.

Two starts on one new SQLite file: the first loads the sample data into the
empty database (first run on a new machine), the second opens it again (every
later start, e.g. each gunicorn worker).  Import time of the app's modules is
printed apart from create_app itself.

    .venv/bin/python benchmarks/startup.py

Goal (issue 7): under 2 s.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHILD = """
import sys, time, json
started = time.perf_counter()
from app import create_app
from indicators.config import load_config
imported = time.perf_counter()
settings = load_config(None, database_url=sys.argv[1])
create_app(settings)
done = time.perf_counter()
print(json.dumps({"import_seconds": round(imported - started, 3),
                  "create_app_seconds": round(done - imported, 3),
                  "seconds": round(done - started, 3)}))
"""


def one_start(database_url: str) -> dict:
    done = subprocess.run([sys.executable, "-c", CHILD, database_url], cwd=ROOT, check=True,
                          capture_output=True, text=True, timeout=300)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="tracker-startup-") as temp:
        url = f"sqlite:///{Path(temp) / 'startup.db'}"
        for label in ("first_start_loads_sample", "restart"):
            print(json.dumps({"figure": f"startup_{label}", **one_start(url)}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
