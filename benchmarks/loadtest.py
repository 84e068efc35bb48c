"""Load test: concurrent viewers against gunicorn on PostgreSQL while an editor commits.

Starts `gunicorn -w 2` on a free 127.0.0.1 port with a fresh schema in the
PostgreSQL named by --database-url (or TEST_DATABASE_URL), the real registry
and the sample data (or --synthetic: 500 indicators x 40 regions x 15 years; or
--national: 3,000 regions, 180,000 targets, 2,160,000 actuals, with a commit every 10 s).
Each viewer logs in, then repeats what a leader does (overview, a filter,
an indicator page, the comparison), pausing --think seconds between clicks.
A third of the way in, an editor previews and commits a one-row file that
changes a value every overview shows, and again every --commit-every seconds
if given, each commit a new value.  Every overview a viewer requests after a
commit returned must show that commit's value or a later one's: one without
counts as a stale error; a viewer whose last overview came before the last
commit asks once more at the end.  Prints one JSON line with requests/s, latency percentiles and
errors.  Bounded: at most 200 viewers and 600 s, loopback only.

    bash -c 'source .ci/postgres.sh; start_test_postgres; \\
             .venv/bin/python benchmarks/loadtest.py [--short] [--viewers 50] [--duration 60]'

Goal (issue 7): no errors, p95 under 300 ms, every viewer sees the new data.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import dash_requests as dr  # noqa: E402
from benchmarks.http_client import Session  # noqa: E402
from benchmarks.load_plan import LoadPlan, Recorder, prepare_database  # noqa: E402
from benchmarks.server import gunicorn_server, project_config  # noqa: E402

MAX_VIEWERS = 200
MAX_SECONDS = 600


async def login(session: Session, name: str, password: str) -> None:
    response = await session.post_form("/login", {"name": name, "password": password})
    if response.status != 302:
        raise SystemExit(f"login of {name} failed: HTTP {response.status}")


async def callback(session: Session, plan: LoadPlan, output: str, values: dict,
                   changed: str) -> tuple[int, bytes]:
    body = dr.encode(dr.callback_body(plan.deps[output], values, changed))
    response = await session.post_json("/_dash-update-component", body)
    return response.status, response.body


async def viewer(number: int, session: Session, plan: LoadPlan, recorder: Recorder,
                 deadline: float) -> None:
    step = number  # viewers start at different points of the round
    while time.perf_counter() < deadline:
        action, request = plan.action(step)
        started = time.perf_counter()
        try:
            if request is None:
                response = await session.get("/")
                status, body = response.status, response.body
            else:
                status, body = await callback(session, plan, *request)
        except (OSError, TimeoutError, ValueError) as exc:
            recorder.failed(action, started, f"{type(exc).__name__}: {exc}")
        else:
            recorder.done(number, action, started, status, body)
        step += 1
        await asyncio.sleep(plan.think())


async def closing_check(number: int, session: Session, plan: LoadPlan, recorder: Recorder) -> None:
    """A viewer whose round had no overview after the commit asks for one more, once.

    In a short run a viewer may spend the time after the commit on other pages;
    "every viewer sees the new data" is then checked by this last look.
    """
    last = len(recorder.commits_done) - 1
    if last < 0 or number in recorder.saw[last]:
        return
    started = time.perf_counter()
    try:
        status, body = await callback(session, plan, *plan.overview_request())
    except (OSError, TimeoutError, ValueError) as exc:
        recorder.failed("overview", started, f"{type(exc).__name__}: {exc}")
    else:
        recorder.done(number, "overview", started, status, body)


async def editor(session: Session, plan: LoadPlan, recorder: Recorder,
                 commit_times: list[float]) -> None:
    """Preview and commit the marker file at each of commit_times (commit k: plan.marker(k))."""
    for number, commit_at in enumerate(commit_times):
        await asyncio.sleep(max(0.0, commit_at - time.perf_counter()))
        if not await commit_once(session, plan, recorder, number):
            return


async def commit_once(session: Session, plan: LoadPlan, recorder: Recorder, number: int) -> bool:
    started = time.perf_counter()
    status, body = await callback(session, plan, dr.PREVIEW_OUTPUT,
                                  dr.upload_values(plan.marker_file(number), f"loadtest_{number}.csv"),
                                  "upload-drop.contents")
    pending = json.loads(body)["response"][dr.upload_page.PENDING]["data"] if status == 200 else None
    previewed = time.perf_counter()
    if not pending:
        recorder.editor_failed(f"preview {number} refused: HTTP {status} {body[:300]!r}")
        return False
    status, body = await callback(session, plan, dr.COMMIT_OUTPUT, dr.commit_values(pending),
                                  f"{dr.upload_page.COMMIT}.n_clicks")
    if status != 200:
        recorder.editor_failed(f"commit {number} failed: HTTP {status} {body[:300]!r}")
        return False
    recorder.committed(started, previewed, time.perf_counter())
    return True


def commit_schedule(started: float, args: argparse.Namespace) -> list[float]:
    """When the editor commits: once at --commit-at, or from then on every --commit-every
    seconds while there are at least that many seconds left for the viewers to see it."""
    first = started + args.duration * args.commit_at
    if not args.commit_every:
        return [first]
    end = started + args.duration - args.commit_every
    count = max(1, int((end - first) // args.commit_every) + 1)
    return [first + number * args.commit_every for number in range(count)]


async def run(plan: LoadPlan, args: argparse.Namespace) -> Recorder:
    session = Session(plan.port)
    await login(session, plan.viewer_name, plan.password)
    plan.deps = dr.dependencies(json.loads((await session.get("/_dash-dependencies")).body))
    status, body = await callback(session, plan, *plan.overview_request())
    if status != 200 or plan.marker_bytes(0) in body:
        raise SystemExit("the overview fails or already shows the marker before the commit")
    # Everyone logs in before the clock starts: a login hashes a password on purpose slowly.
    viewers = [Session(plan.port) for _ in range(args.viewers)]
    for each in viewers:
        await login(each, plan.viewer_name, plan.password)
    editor_session = Session(plan.port, timeout=300)
    await login(editor_session, plan.editor_name, plan.password)
    started = time.perf_counter()
    commit_times = commit_schedule(started, args)
    recorder = Recorder([plan.marker_bytes(number) for number in range(len(commit_times))])
    recorder.started = started
    deadline = started + args.duration
    tasks = [viewer(number, each, plan, recorder, deadline) for number, each in enumerate(viewers)]
    tasks.append(editor(editor_session, plan, recorder, commit_times))
    await asyncio.gather(*tasks)
    await asyncio.gather(*(closing_check(number, each, plan, recorder)
                           for number, each in enumerate(viewers)))
    recorder.elapsed = time.perf_counter() - started
    return recorder


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--viewers", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds")
    parser.add_argument("--short", action="store_true", help="10 viewers for 10 s (CI)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--think", type=float, nargs=2, default=(0.5, 2.0), metavar=("MIN", "MAX"),
                        help="seconds a viewer pauses between clicks (uniform)")
    parser.add_argument("--commit-at", type=float, default=1 / 3, help="share of the run")
    parser.add_argument("--commit-every", type=float, default=0.0, metavar="SECONDS",
                        help="commit again every SECONDS after the first (default: once)")
    parser.add_argument("--database-url", default=os.environ.get("TEST_DATABASE_URL"),
                        help="PostgreSQL to create a throw-away schema in (default: "
                             "TEST_DATABASE_URL); without it, a temporary SQLite file")
    parser.add_argument("--data", choices=("sample", "synthetic", "national"), default="sample",
                        help="synthetic: 500 indicators x 40 regions x 15 years; national: 3,000 "
                             "regions, 2,160,000 actuals (benchmarks/national_project.py)")
    parser.add_argument("--synthetic", action="store_const", const="synthetic", dest="data",
                        help="the same as --data synthetic")
    parser.add_argument("--national", action="store_const", const="national", dest="data",
                        help="--data national, with a commit every 10 s")
    args = parser.parse_args()
    if args.data == "national" and not args.commit_every:
        args.commit_every = 10.0  # issue 18: an editor commits every 10 s
    if args.short:
        args.viewers, args.duration = 10, 10.0
    if not (0 < args.viewers <= MAX_VIEWERS and 0 < args.duration <= MAX_SECONDS):
        parser.error(f"at most {MAX_VIEWERS} viewers and {MAX_SECONDS} s")
    return args


def main() -> int:
    args = parse_args()
    with tempfile.TemporaryDirectory(prefix="tracker-load-") as temp:
        folder = Path(temp)
        with prepare_database(args.database_url, folder, args.data) as (url, base_config):
            config = project_config(folder / "app", url, anonymous_view=False,
                                    base_config=base_config)
            plan = LoadPlan.create(config, url, tuple(args.think))
            with gunicorn_server(config, workers=args.workers, log=folder / "gunicorn.log") as base:
                plan.port = int(base.rsplit(":", 1)[1])
                recorder = asyncio.run(run(plan, args))
            result = recorder.summary(args.viewers)
    result |= {"figure": "load_test", "viewers": args.viewers, "workers": args.workers,
               "think_seconds": list(args.think), "database": url.split(":", 1)[0],
               "data": args.data}
    print(json.dumps(result))
    return 0 if result["errors"] == 0 and result["viewers_saw_commit"] == args.viewers else 1


if __name__ == "__main__":
    sys.exit(main())
