"""A login attempt: password check, throttling and its audit row.

After MAX_FAILURES failed attempts on one name, or MAX_ADDRESS_FAILURES from
one client address, within WINDOW, further attempts are refused without
checking the password, until the failures have aged out of the window.  The
count lives in the audit log, so every server process sees the same number.

Checking and counting are one transaction under a lock: SQLite's write lock
(BEGIN IMMEDIATE) or, on PostgreSQL, a transaction-scoped advisory lock, so
forty simultaneous guesses are checked one after the other and at most
MAX_FAILURES of them reach the password hash.  Refused (throttled) attempts
are not failures: they cannot extend the lock-out, and only the first one per
address and window is written to the log.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NamedTuple

import sqlalchemy as sa

from indicators.accounts.users import User, check_credentials
from indicators.errors import TrackerError
from indicators.store import WRITE_OPTION, engine_of, record
from indicators.store.schema import audit_log

MAX_FAILURES = 10            # per user name within WINDOW
MAX_ADDRESS_FAILURES = 30    # per client address (an office behind one NAT shares one)
WINDOW = dt.timedelta(minutes=15)
MAX_NAME_KEPT = 100  # a name typed into the form is kept (cut) in the audit row
LOGIN_LOCK_KEY = 7_302_022  # PostgreSQL advisory lock: one login check at a time


class LoginRefused(TrackerError):
    """Wrong name or password, or a disabled account (the message never says which)."""


class TooManyAttempts(LoginRefused):
    pass


def attempt_login(source: object, name: str, password: str, *, remote: str = "") -> User:
    """The user, with a "login" audit row; else LoginRefused with a "login_failed" row."""
    name = str(name)[:MAX_NAME_KEPT]
    if not name or not isinstance(password, str) or not password:
        raise LoginRefused("a user name and a password are needed")  # nothing tried, no row
    with _locked(source) as connection:
        recent = recent_failures(connection, name, remote)
        throttled = recent.by_name >= MAX_FAILURES or (
            bool(remote) and recent.by_address >= MAX_ADDRESS_FAILURES)
        user = None if throttled else check_credentials(connection, name, password)
        if not (throttled and recent.throttle_noted):
            action = "login" if user is not None else "login_failed"
            detail = {"remote": remote, "throttled": throttled} if user is None else {"remote": remote}
            record(connection, user=name if user is None else user.name, action=action,
                   target=name, detail=detail)
    if throttled:
        raise TooManyAttempts(f"too many failed logins for '{name}'",
                              hint=f"wait {int(WINDOW.total_seconds() // 60)} minutes")
    if user is None:
        raise LoginRefused("wrong user name or password")
    return user


class RecentFailures(NamedTuple):
    by_name: int           # checked (not throttled) failures for this name
    by_address: int        # checked failures from this address, any name
    throttle_noted: bool   # a refused attempt from this address (or name) is already logged


def recent_failures(connection: sa.Connection, name: str, remote: str,
                    now: dt.datetime | None = None) -> RecentFailures:
    """The failures within WINDOW before `now` that count towards the limits."""
    since = (now or dt.datetime.now(dt.UTC)) - WINDOW
    rows = connection.execute(sa.select(audit_log.c.target, audit_log.c.detail).where(
        audit_log.c.action == "login_failed", audit_log.c.at >= since)).all()
    by_name = by_address = 0
    noted = False
    for target, detail in rows:
        seen_remote, was_throttled = _detail(detail)
        mine = seen_remote == remote if remote else target == name
        if was_throttled:
            noted = noted or mine
            continue
        by_name += target == name
        by_address += bool(remote) and seen_remote == remote
    return RecentFailures(by_name, by_address, noted)


@contextmanager
def _locked(source: object) -> Iterator[sa.Connection]:
    """One transaction that holds the login lock from the count to the audit row."""
    with engine_of(source).connect() as connection:
        connection.execution_options(**{WRITE_OPTION: True})  # SQLite: BEGIN IMMEDIATE
        with connection.begin():
            if connection.dialect.name == "postgresql":
                connection.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"),
                                   {"key": LOGIN_LOCK_KEY})
            yield connection


def _detail(text: str) -> tuple[str, bool]:
    """(remote address, throttled) of a login_failed row's detail."""
    try:
        detail = json.loads(text)
    except (TypeError, ValueError):
        return "", False
    if not isinstance(detail, dict):
        return "", False
    return str(detail.get("remote") or ""), bool(detail.get("throttled"))
