"""Caches for computed reports: one per process in front of one that processes share.

Every key starts with the store's version token (see `version_token`), which
changes with every commit and revert, so nothing cached before a commit can
answer a question asked after it.  The shared layer is a folder of pickle
files (default data/cache/): written to a temporary file and renamed into
place, so a reader sees a whole entry or none; a lock file per entry lets one
process compute while the others wait for its result instead of computing
the same report again.  The folder is created private (0700): only the app
itself may write what it later unpickles.

A value a process can bring forward from an older one (the actuals and reports,
service.incremental) is written only when it was computed whole: a process
without one of its own takes the newest older entry and patches it forward
(`rebase`), instead of every commit writing some 200 MB at national scale.
Each key therefore keeps its newest entry until a newer one replaces it.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from indicators.store.schema import DATA_VERSION_KEY, registry_versions, store_meta, uploads

try:  # POSIX; elsewhere processes may compute the same entry twice, which is harmless
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None

MISSING = object()
SUFFIX = ".pkl"


def version_token(engine: sa.Engine) -> str:
    """The data version plus the newest upload's id and time, read in one statement.

    The counter alone could repeat: a database rebuilt or restored from a
    backup counts again from where it was, with other data.  The newest
    upload's timestamp tells those histories apart.
    """
    return versions(engine)[0]


def versions(engine: sa.Engine) -> tuple[str, int]:
    """The version token and the registry's version (its newest change id), in one statement.

    One statement, so a process never pairs the data of one moment with the
    registry of another.
    """
    newest = sa.select(uploads.c.id, uploads.c.created_at).order_by(uploads.c.id.desc()).limit(1)
    newest = newest.subquery()
    registry = sa.select(sa.func.max(registry_versions.c.id)).scalar_subquery()
    query = (
        sa.select(store_meta.c.int_value, newest.c.id, newest.c.created_at, registry)
        .select_from(store_meta.outerjoin(newest, sa.true()))
        .where(store_meta.c.key == DATA_VERSION_KEY)
    )
    with engine.connect() as connection:
        version, upload_id, created_at, registry_version = connection.execute(query).one()
    stamp = created_at.isoformat() if created_at is not None else "-"
    return f"{int(version)}.{upload_id or 0}.{stamp}", int(registry_version or 0)


def token_version(token: str) -> int:
    return int(token.split(".", 1)[0])


class LocalCache:
    """A small LRU per process; entries of older data versions are dropped at once."""

    def __init__(self, size: int, keep_previous: bool = False) -> None:
        self._size = size
        self._entries: OrderedDict[tuple, Any] = OrderedDict()
        self._lock = threading.Lock()
        self._newest = -1
        # keep_previous: the entries of the version before the newest stay readable through
        # previous() (service.carry hands on the views a change did not touch).
        self._keep_previous = keep_previous
        self._previous: dict[tuple, tuple[str, Any]] = {}

    def get(self, token: str, key: tuple) -> Any:
        with self._lock:
            value = self._entries.get((token, *key), MISSING)
            if value is not MISSING:
                self._entries.move_to_end((token, *key))
            return value

    def put(self, token: str, key: tuple, value: Any) -> None:
        version = token_version(token)
        with self._lock:
            if version > self._newest:
                self._newest = version
                older = [k for k in self._entries if token_version(k[0]) < version]
                self._previous = ({k[1:]: (k[0], self._entries[k]) for k in older}
                                  if self._keep_previous else {})
                for old in older:
                    del self._entries[old]
            self._entries[(token, *key)] = value
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)

    def previous(self, key: tuple, token: str) -> tuple[str, Any] | object:
        """(token, value) of `key` at the newest version this cache holds before `token`'s
        (the current entries, else those kept from the version before them), or MISSING."""
        version = token_version(token)
        with self._lock:
            older = [(entry[0], value) for entry, value in self._entries.items()
                     if entry[1:] == key and token_version(entry[0]) < version]
            kept = self._previous.get(key)
        if not older and kept is not None and token_version(kept[0]) < version:
            older = [kept]
        return max(older, key=lambda found: token_version(found[0])) if older else MISSING

    def __len__(self) -> int:
        return len(self._entries)


class FileCache:
    """Pickled entries in a folder shared by every process of one deployment.

    An entry's file is named by the namespace, the data version, the key's digest and
    the token's: the newest older entry of a key is found by its name (`rebase`).
    """

    def __init__(self, folder: Path, namespace: str, max_entries: int = 32) -> None:
        self.folder = Path(folder)
        self.namespace = namespace
        self.max_entries = max_entries
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)

    def get_or_compute(self, token: str, key: tuple, compute: Callable[[], Any],
                       rebase: Callable[[str, Any], None] | None = None) -> Any:
        """The entry of (token, key), else compute() written as that entry.

        rebase(older_token, older_value): when there is no entry for token but one of
        an older version, it is handed to rebase, and compute() (which then brings it
        forward) is returned without being written.
        """
        path = self.path(token, key)
        value = _read(path)
        if value is not MISSING:
            return value
        if rebase is not None:
            older = self.newest_before(token, key)
            if older is not MISSING:
                rebase(*older)
                return compute()
        with _locked(path.with_suffix(".lock")):
            value = _read(path)  # another process may have written it while we waited
            if value is not MISSING:
                return value
            value = compute()
            _write(path, value)
        self.prune(token_version(token), key)
        return value

    def newest_before(self, token: str, key: tuple) -> tuple[str, Any] | object:
        """(token, value) of key's entry of the newest version older than token's, or MISSING."""
        version = token_version(token)
        older = [(found, path) for found, path in self._versions_of(key) if found < version]
        for _, path in sorted(older, reverse=True):
            value = _read(path)
            if value is not MISSING:
                return _token_of(path), value
        return MISSING

    def path(self, token: str, key: tuple) -> Path:
        return self.folder / (f"{self.namespace}-v{token_version(token)}-{_digest(key)}-"
                              f"{_token_name(token)}{SUFFIX}")

    def entries(self) -> list[Path]:
        return sorted(self.folder.glob(f"*{SUFFIX}"))

    def prune(self, newest_version: int, key: tuple) -> None:
        """Drop key's entries of older versions, then the oldest entries beyond max_entries."""
        for version, path in self._versions_of(key):
            if version < newest_version:
                _remove(path)
        entries = self.entries()
        if len(entries) > self.max_entries:
            by_age = sorted(entries, key=_mtime)
            for path in by_age[: len(entries) - self.max_entries]:
                _remove(path)

    def _versions_of(self, key: tuple) -> list[tuple[int, Path]]:
        found = []
        for path in self.folder.glob(f"{self.namespace}-v*-{_digest(key)}-*{SUFFIX}"):
            version = path.stem[len(self.namespace) + 2:].split("-", 1)[0]
            if version.isdigit():
                found.append((int(version), path))
        return found


class KeyedLocks:
    """One lock per key, so threads of one process compute an entry once."""

    def __init__(self) -> None:
        self._locks: dict[Hashable, threading.Lock] = {}
        self._guard = threading.Lock()

    @contextmanager
    def hold(self, key: Hashable) -> Iterator[None]:
        with self._guard:
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:
            yield
        with self._guard:
            if not lock.locked():
                self._locks.pop(key, None)


def _digest(part: object) -> str:
    return hashlib.sha256(repr(part).encode("utf-8")).hexdigest()[:16]


def _token_name(token: str) -> str:
    """The token in a file name (its UTF-8 bytes in hex: any character, no separator)."""
    return token.encode("utf-8").hex()


def _token_of(path: Path) -> str:
    """The token a path's name carries (the inverse of _token_name)."""
    return bytes.fromhex(path.stem.rsplit("-", 1)[1]).decode("utf-8")


def fingerprint(*parts: object) -> str:
    """A short stable hash of what the cached values depend on besides the data."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part if isinstance(part, bytes) else repr(part).encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def _read(path: Path) -> Any:
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except FileNotFoundError:
        return MISSING
    except Exception:  # noqa: BLE001 - unpickling damaged bytes can raise almost anything
        # A damaged or unreadable entry is recomputed, never shown.
        _remove(path)
        return MISSING


def _write(path: Path, value: Any) -> None:
    temp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        with temp.open("wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, path)
    except OSError:
        _remove(temp)  # a full disk costs speed, not correctness


@contextmanager
def _locked(lock_path: Path) -> Iterator[None]:
    if fcntl is None:
        yield
        return
    with lock_path.open("a") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _remove(path: Path) -> None:
    for stale in (path, path.with_suffix(".lock")):
        with suppress(OSError):
            stale.unlink()
