"""A login attempt: password check, throttling and its audit row.

After MAX_FAILURES failed attempts on one name within WINDOW, that name is
refused until the window has passed, even with the right password; the count
lives in the audit log, so every server process sees the same number.
"""

from __future__ import annotations

import datetime as dt

from indicators.accounts.users import User, authenticate
from indicators.errors import TrackerError
from indicators.store import WRITE_OPTION, count_since, engine_of, record

MAX_FAILURES = 10
WINDOW = dt.timedelta(minutes=15)
MAX_NAME_KEPT = 100  # a name typed into the form is kept (cut) in the audit row


class LoginRefused(TrackerError):
    """Wrong name or password, or a disabled account (the message never says which)."""


class TooManyAttempts(LoginRefused):
    pass


def attempt_login(source: object, name: str, password: str, *, remote: str = "") -> User:
    """The user, with a "login" audit row; else LoginRefused with a "login_failed" row."""
    name = str(name)[:MAX_NAME_KEPT]
    since = dt.datetime.now(dt.UTC) - WINDOW
    with engine_of(source).connect() as connection:
        throttled = count_since(connection, "login_failed", name, since) >= MAX_FAILURES
    user = None if throttled else authenticate(source, name, password)
    with engine_of(source).connect() as connection:
        connection.execution_options(**{WRITE_OPTION: True})
        with connection.begin():
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
