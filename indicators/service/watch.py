"""Warm every server process after a change made anywhere: a thread that watches the data version.

A commit warms the report and the default overview in the process that made it
(TrackerService.warm_in_background).  The other gunicorn workers, and a server
whose data a CLI import changed, would leave that work to their first viewer:
about a second at national scale (docs/performance.md).  The watcher asks for the
version token (one small query) every `interval` seconds and runs warm() when it
has changed, so a viewer who comes a few seconds after any change finds the
report and the default overview built in every process.  In a worker that
missed several versions, the report is caught up from the store's change log
(indicators.service.incremental) or read from the shared cache, whichever is there.

Started by the servers (app.create_server for gunicorn, app.main for waitress),
not by create_app, so the tests' many apps start no threads.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

LOG = logging.getLogger(__name__)


class VersionWatcher:
    """Calls `warm` whenever `version()` differs from the version last warmed."""

    def __init__(self, version: Callable[[], str], warm: Callable[[], None],
                 interval: float) -> None:
        if interval <= 0:
            raise ValueError("interval must be positive")
        self._version = version
        self._warm = warm
        self._interval = interval
        self._stopped = threading.Event()
        self._thread: threading.Thread | None = None
        self.warmed: str | None = None  # the version of the last completed warm-up

    def check(self) -> bool:
        """Warm once if the version changed; True when it warmed.  An error is logged and
        the same version is tried again next time (e.g. the database was briefly away)."""
        try:
            version = self._version()
            if version == self.warmed:
                return False
            self._warm()
        except Exception:
            LOG.exception("warming after a change failed; trying again in %s s", self._interval)
            return False
        self.warmed = version
        return True

    def start(self) -> VersionWatcher:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="tracker-watch", daemon=True)
            self._thread.start()
        return self

    def stop(self, timeout: float | None = None) -> None:
        self._stopped.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self) -> None:
        while not self._stopped.is_set():
            self.check()
            self._stopped.wait(self._interval)
