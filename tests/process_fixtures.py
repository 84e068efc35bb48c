"""Helpers for tests that run the store in child processes (crash and concurrency).

A database URL per test (a SQLite file, or a fresh PostgreSQL schema when
TEST_DATABASE_URL is set), a child process whose output lines can be
awaited, and a per-upload census of what the database holds.
"""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import make_url

from indicators.store import ActualsStore
from indicators.store.schema import actual_versions, upload_rows, uploads

ROOT = Path(__file__).resolve().parent.parent


@contextmanager
def database_url(backend: str, folder: Path) -> Iterator[str]:
    """A URL to an empty database; on PostgreSQL a new schema, dropped afterwards."""
    if backend == "sqlite":
        yield f"sqlite:///{folder / 'shared.db'}"
        return
    base = os.environ["TEST_DATABASE_URL"]
    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(make_url(base).set(drivername="postgresql+psycopg"))
    with admin.begin() as connection:
        connection.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as connection:
            connection.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


class Worker:
    """One `python -m tests.store_workers ...` child and the lines it has printed."""

    def __init__(self, *arguments: object) -> None:
        # Closed by close(); a file, not a pipe, so a chatty child never blocks on it.
        self._stderr = tempfile.TemporaryFile(mode="w+", encoding="utf-8")  # noqa: SIM115
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.store_workers", *map(str, arguments)],
            cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._stderr, text=True,
        )
        self.lines: list[str] = []
        self._queue: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self) -> None:
        for line in self.process.stdout:
            self._queue.put(line.strip())
        self._queue.put(None)

    def wait_for(self, prefix: str, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = self._queue.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"no '{prefix}' from the worker within {timeout} s") from None
            if line is None:
                raise AssertionError(f"worker ended ({self.process.wait()}): {self.stderr()}")
            self.lines.append(line)
            if line.startswith(prefix):
                return line

    def send(self, text: str) -> None:
        self.process.stdin.write(text)
        self.process.stdin.flush()

    def kill(self) -> list[str]:
        """SIGKILL the child; every line it printed before dying."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)
        while (line := self._queue.get(timeout=30)) is not None:
            self.lines.append(line)
        return self.lines

    def finish(self, timeout: float = 60) -> list[str]:
        self.process.wait(timeout=timeout)
        while (line := self._queue.get(timeout=30)) is not None:
            self.lines.append(line)
        if self.process.returncode != 0:
            raise AssertionError(f"worker failed ({self.process.returncode}): {self.stderr()}")
        return self.lines

    def stderr(self) -> str:
        self._stderr.seek(0)
        return self._stderr.read()[-3000:]

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=30)
        self._stderr.close()


def census(store: ActualsStore) -> dict[int, tuple[int, int, int, str]]:
    """Per upload id: (rows_total, versions stored, upload rows stored, file name)."""
    versions = sa.select(actual_versions.c.upload_id, sa.func.count().label("n")).group_by(
        actual_versions.c.upload_id).subquery()
    rows = sa.select(upload_rows.c.upload_id, sa.func.count().label("n")).group_by(
        upload_rows.c.upload_id).subquery()
    query = (
        sa.select(uploads.c.id, uploads.c.rows_total, sa.func.coalesce(versions.c.n, 0),
                  sa.func.coalesce(rows.c.n, 0), uploads.c.file_name)
        .outerjoin(versions, versions.c.upload_id == uploads.c.id)
        .outerjoin(rows, rows.c.upload_id == uploads.c.id)
        .order_by(uploads.c.id)
    )
    with store.engine.connect() as connection:
        return {row[0]: tuple(row[1:]) for row in connection.execute(query).all()}


def orphan_rows(store: ActualsStore) -> int:
    """Versions and upload rows whose upload does not exist (a torn commit would leave them)."""
    known = sa.select(uploads.c.id)
    with store.engine.connect() as connection:
        return sum(
            connection.execute(sa.select(sa.func.count()).select_from(table)
                               .where(table.c.upload_id.not_in(known))).scalar_one()
            for table in (actual_versions, upload_rows)
        )

