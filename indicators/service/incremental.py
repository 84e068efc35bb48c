"""After a commit, revert or note change: the last actuals and reports, brought up to date.

The service caches per data version, so every change used to mean reading
every current value and computing every target again.  Here the new ones are
made from the previous ones and the store's change log (store.changes): the
current values of the changed series are read by an indexed lookup and put in
place of the old rows, and only the targets of those series are computed
again (engine.incremental), their latest sources too.  Each result equals the
full computation (tests/test_service_incremental.py).  Whatever the change
log cannot vouch for is computed in full: a data version that moved without
an upload (a registry change), a database restored under the same ids, other
targets, a moved as-of year.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
import threading
from dataclasses import dataclass

import pandas as pd
import sqlalchemy as sa

from indicators.config import StatusThresholds
from indicators.engine import GapReport, gap_report, with_latest_sources
from indicators.engine.incremental import (
    affected_targets,
    can_patch,
    changed_series,
    incremental_report,
    splice_rows,
)
from indicators.engine.series import latest_data_year
from indicators.engine.sources import LATEST_SOURCE_COLUMNS
from indicators.store import ActualsStore, changes_since, current_of_series
from indicators.store.compact import compact_actuals

SERIES = ["indicator_id", "region"]
KEY = ["indicator_id", "region", "year"]
KEPT_REPORTS = 8  # as-of years whose last report is kept for patching
# "<data version>.<newest upload id>.<its time>", and what the service appends (".r<registry>-<n>").
TOKEN = re.compile(r"^(\d+)\.(\d+)\.(.*?)(?:\.r\d+-\d+)?$")


@dataclass(frozen=True)
class Catchup:
    """The series changed since a token, with their current values (and sources) now."""

    series: pd.DataFrame  # indicator_id, region
    fresh: pd.DataFrame  # the store's current rows of those series, sorted by key


def parse_token(token: str) -> tuple[int, int, str]:
    """(data version, newest upload id, its time) of a version token (service.cache), with or
    without the registry part the service appends."""
    match = TOKEN.match(token)
    if match is None:
        raise ValueError(f"not a version token: {token!r}")
    return int(match[1]), int(match[2]), match[3]


def catch_up(store: ActualsStore, old_token: str, new_token: str) -> Catchup | None:
    """What changed from old_token to new_token, or None when the change log cannot tell.

    Every commit, revert and note change is one upload and one version step, so
    the steps must equal the uploads in between; any other step (a registry
    change) or a different history (the old upload's time differs) means None.
    """
    with store.engine.connect() as connection:
        series = _series_since(connection, old_token, new_token)
        if series is None:
            return None
        # Series of uploads after new_token are included too: rows read now are newer
        # than the token anyway, and the next catch-up takes them again.
        fresh = current_of_series(connection, series)
    return Catchup(series, fresh.sort_values(KEY, ignore_index=True))


def series_changed_between(store: ActualsStore, old_token: str, new_token: str) -> pd.DataFrame | None:
    """catch_up's series (indicator_id, region) without reading their values (service.carry)."""
    with store.engine.connect() as connection:
        return _series_since(connection, old_token, new_token)


def _series_since(connection: sa.Connection, old_token: str, new_token: str) -> pd.DataFrame | None:
    old_version, old_upload, old_stamp = parse_token(old_token)
    new_version, new_upload, _ = parse_token(new_token)
    if new_version < old_version:
        return None
    changes = changes_since(connection, old_upload)
    steps = sum(1 for upload_id in changes.upload_ids if upload_id <= new_upload)
    if changes.since_stamp != old_stamp or steps != new_version - old_version:
        return None
    return changes.series


def patched_actuals(previous: pd.DataFrame, catchup: Catchup) -> pd.DataFrame:
    """previous with every row of the changed series replaced by the fresh ones.

    Rows stay sorted by key, as a full read returns them: a series is one block
    of rows, found by bisection, so the frame is cut and joined, never sorted.
    Text columns stay categorical in the full read's canonical form (store.compact):
    the fresh rows' new texts join the categories, unused ones leave.
    """
    previous, fresh = same_categories(previous, catchup.fresh[list(previous.columns)])
    indicator, region = previous["indicator_id"].to_numpy(), previous["region"].to_numpy()

    def block_start(series: tuple[str, str], side: str) -> int:
        find = bisect.bisect_left if side == "left" else bisect.bisect_right
        return find(range(len(previous)), series, key=lambda i: (indicator[i], region[i]))

    rows_of = fresh.groupby(SERIES, sort=False, observed=True).indices if len(fresh) else {}
    pieces, start = [], 0
    for series in sorted(zip(catchup.series["indicator_id"], catchup.series["region"],
                             strict=True)):
        low, high = block_start(series, "left"), block_start(series, "right")
        pieces.append(previous.iloc[start:low])
        if series in rows_of:
            pieces.append(fresh.iloc[rows_of[series]])
        start = high
    pieces.append(previous.iloc[start:])
    return compact_actuals(pd.concat(pieces, ignore_index=True))


def same_categories(previous: pd.DataFrame, fresh: pd.DataFrame
                    ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Both frames with one categorical dtype per text column of previous (the union of
    both's texts), so that joining their rows keeps the columns categorical."""
    wanted = {}
    for name in previous.columns:
        if isinstance(previous[name].dtype, pd.CategoricalDtype):
            texts = previous[name].cat.categories.union(pd.Index(fresh[name].dropna().unique(),
                                                                 dtype="str"))
            wanted[name] = pd.CategoricalDtype(texts)
    return previous.astype(wanted), fresh.astype(wanted)


def full_report(targets: pd.DataFrame, actuals: pd.DataFrame, as_of: int | None,
                thresholds: StatusThresholds, constants: dict | None = None) -> GapReport:
    """The reference: every target computed, each row with its latest value's source,
    then `constants` as columns of one value (e.g. the registry version)."""
    gap = gap_report(targets, actuals, as_of, thresholds)
    report = with_latest_sources(gap.report, actuals).assign(**(constants or {}))
    return dataclasses.replace(gap, report=report)


def updated_report(previous: GapReport, targets: pd.DataFrame, actuals: pd.DataFrame,
                   catchup: Catchup | None, as_of: int | None,
                   thresholds: StatusThresholds, constants: dict | None = None) -> GapReport:
    """full_report(...) with the same arguments, patched from `previous` when it can be."""
    resolved = latest_data_year(actuals) if as_of is None else int(as_of)
    if catchup is None or not can_patch(previous, targets, resolved):
        return full_report(targets, actuals, as_of, thresholds, constants)
    gap = incremental_report(previous, targets, catchup.fresh, catchup.series, resolved,
                             thresholds)
    positions = affected_targets(targets, changed_series(catchup.series))
    names = list(LATEST_SOURCE_COLUMNS)
    sources = with_latest_sources(gap.report.iloc[positions], catchup.fresh)[names]
    patched = splice_rows(previous.report[names], positions, sources.reset_index(drop=True))
    report = pd.concat([gap.report, patched], axis=1).assign(**(constants or {}))
    return dataclasses.replace(gap, report=report)


class Incremental:
    """This process's last actuals and reports, patched forward when the data version moves.

    The service asks it instead of computing from scratch (see the module
    docstring); it keeps the latest result of each kind, no older versions.
    """

    def __init__(self, store: ActualsStore) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._actuals: tuple[str, pd.DataFrame] | None = None
        self._reports: dict[int | None, tuple[str, pd.DataFrame, GapReport]] = {}

    def actuals(self, token: str) -> pd.DataFrame:
        """Current values with sources as of `token` (store.current_actuals(sources=True))."""
        last = self._actuals
        if last is not None and last[0] == token:
            return last[1]
        catchup = catch_up(self.store, last[0], token) if last is not None else None
        if catchup is None:
            value = self.store.current_actuals(sources=True)
        else:
            value = patched_actuals(last[1], catchup)
        self.remember_actuals(token, value)
        return value

    def report(self, token: str, as_of: int | None, targets: pd.DataFrame,
               thresholds: StatusThresholds, actuals: pd.DataFrame,
               constants: dict | None = None) -> GapReport:
        """full_report(targets, actuals, as_of, thresholds, constants); `actuals` must be
        those of `token`, `targets` the very frame (`is`) of the registry in use."""
        last = self._reports.get(as_of)
        if last is None or last[1] is not targets:  # another registry: nothing to patch from
            report = full_report(targets, actuals, as_of, thresholds, constants)
        elif last[0] == token:
            return last[2]
        else:
            report = updated_report(last[2], targets, actuals,
                                    catch_up(self.store, last[0], token), as_of, thresholds,
                                    constants)
        self.remember_report(token, as_of, targets, report)
        return report

    def has_actuals(self) -> bool:
        """Whether actuals() can patch from this process's own last actuals."""
        return self._actuals is not None

    def has_report(self, as_of: int | None, targets: pd.DataFrame) -> bool:
        """Whether report(..., as_of, targets, ...) can patch from this process's last one."""
        last = self._reports.get(as_of)
        return last is not None and last[1] is targets

    def remember_actuals(self, token: str, actuals: pd.DataFrame) -> None:
        """Keep `actuals` (e.g. read from the shared cache) to patch from next time."""
        with self._lock:
            if self._actuals is None or _newer(token, self._actuals[0]):
                self._actuals = (token, actuals)

    def remember_report(self, token: str, as_of: int | None, targets: pd.DataFrame,
                        report: GapReport) -> None:
        """Keep `report` (e.g. another worker's, from the shared cache) to patch from."""
        with self._lock:
            last = self._reports.get(as_of)
            if last is None or last[1] is not targets or _newer(token, last[0]):
                self._reports.pop(as_of, None)
                self._reports[as_of] = (token, targets, report)
            while len(self._reports) > KEPT_REPORTS:
                self._reports.pop(next(iter(self._reports)))


def _newer(token: str, than: str) -> bool:
    return parse_token(token)[:2] >= parse_token(than)[:2]
