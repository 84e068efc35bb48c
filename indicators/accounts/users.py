"""Login accounts: roles, a disabled flag and scrypt password hashes.

Plain passwords exist only in the arguments of these functions: they are
hashed at once (werkzeug's scrypt, salted) and never stored, logged or
echoed.  Every change to an account writes its audit row in the same
transaction.  `source` is an ActualsStore or its SQLAlchemy engine.

    add_user(store, "张三", password, "editor", actor="cli:root")
    user = authenticate(store, "张三", password)     # User, or None

A session cookie names the user and a digest of the stored `password_hash`
column.  That column holds the werkzeug hash and, after a '#', a random
session stamp: logging out, disabling or enabling the account replaces the
stamp (`end_sessions`), so every older cookie stops matching, and a new
password drops it.  (A column of its own would be cleaner; it needs a
migration.)
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import os
import secrets
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

import pandas as pd
import sqlalchemy as sa
from werkzeug.security import check_password_hash, generate_password_hash

from indicators.accounts.credentials import (
    MAX_PASSWORD_LENGTH,
    PASSWORD_METHOD,
    check_name,
    hash_password,
)
from indicators.accounts.errors import (
    DuplicateUser,
    LastAdmin,
    UnknownUser,
)
from indicators.accounts.roles import Role, check_role
from indicators.store import engine_of, record
from indicators.store.schema import WRITE_OPTION, users

FIRST_ADMIN = "admin"
ADMIN_PASSWORD_ENV = "TRACKER_ADMIN_PASSWORD"
USER_COLUMNS = ["id", "name", "role", "disabled", "created_at"]












@dataclass(frozen=True)
class User:
    id: int
    name: str
    role: Role
    disabled: bool
    created_at: dt.datetime
    # Changes with the password, so a new password ends every old session.
    session_key: str = field(repr=False, compare=False)

    @property
    def session_id(self) -> str:
        return f"{self.id}:{self.session_key}"


class FirstAdmin(NamedTuple):
    name: str
    password: str | None  # the generated password, shown once; None when it came from the env








def add_user(source: object, name: str, password: str, role: str = "viewer", *,
             actor: str = "cli") -> User:
    check_name(name)
    role = check_role(role)
    password_hash = hash_password(password)
    try:
        with _write(source) as connection:
            connection.execute(users.insert().values(
                name=name, password_hash=password_hash, role=role, disabled=False,
                created_at=dt.datetime.now(dt.UTC)))
            record(connection, user=actor, action="user_add", target=name, detail={"role": role})
    except sa.exc.IntegrityError:
        raise DuplicateUser(f"there is already a user '{name}'",
                            hint="pick another name, or use set-role / enable") from None
    return _require(source, name)


def list_users(source: object) -> pd.DataFrame:
    """Every account (never its hash), oldest first."""
    query = sa.select(*(users.c[column] for column in USER_COLUMNS)).order_by(users.c.id)
    with engine_of(source).connect() as connection:
        frame = pd.DataFrame(connection.execute(query).all(), columns=USER_COLUMNS)
    frame["created_at"] = pd.to_datetime(frame["created_at"], utc=True)
    return frame.astype({"id": "int64", "name": "str", "role": "str", "disabled": "bool"})


def get_user(source: object, name: str) -> User | None:
    return _fetch(source, users.c.name == name)


def user_by_session(source: object, session_id: str) -> User | None:
    """The enabled user a session cookie names, or None (unknown, disabled or old password)."""
    user_id, _, key = str(session_id).partition(":")
    if not user_id.isdigit() or not key:
        return None
    user = _fetch(source, users.c.id == int(user_id))
    if user is None or user.disabled or not hmac.compare_digest(user.session_key, key):
        return None
    return user


def set_role(source: object, name: str, role: str, *, actor: str = "cli") -> User:
    role = check_role(role)
    with _write(source) as connection:
        current = _row(connection, name)
        if current["role"] == "admin" and role != "admin":
            _keep_an_admin(connection, name)
        connection.execute(sa.update(users).where(users.c.name == name).values(role=role))
        record(connection, user=actor, action="user_role", target=name,
               detail={"from": current["role"], "to": role})
    return _require(source, name)


def disable_user(source: object, name: str, *, actor: str = "cli") -> User:
    with _write(source) as connection:
        if _row(connection, name)["role"] == "admin":
            _keep_an_admin(connection, name)
        connection.execute(sa.update(users).where(users.c.name == name).values(disabled=True))
        _new_stamp(connection, name)  # its sessions end now, and stay ended after enable
        record(connection, user=actor, action="user_disable", target=name)
    return _require(source, name)


def enable_user(source: object, name: str, *, actor: str = "cli") -> User:
    with _write(source) as connection:
        _row(connection, name)
        connection.execute(sa.update(users).where(users.c.name == name).values(disabled=False))
        _new_stamp(connection, name)  # no cookie from before the disable comes back
        record(connection, user=actor, action="user_enable", target=name)
    return _require(source, name)


def set_password(source: object, name: str, password: str, *, actor: str = "cli") -> User:
    """A new password; every session opened with the old one ends."""
    password_hash = hash_password(password)
    with _write(source) as connection:
        _row(connection, name)
        connection.execute(
            sa.update(users).where(users.c.name == name).values(password_hash=password_hash))
        record(connection, user=actor, action="user_password", target=name)
    return _require(source, name)


def end_sessions(source: object, name: str) -> None:
    """Every session cookie of this user stops working (at logout); the password stays."""
    with _write(source) as connection:
        _row(connection, name)
        _new_stamp(connection, name)


def authenticate(source: object, name: str, password: str) -> User | None:
    """The enabled user with this name and password, else None (never says which was wrong)."""
    with engine_of(source).connect() as connection:
        return check_credentials(connection, name, password)


def check_credentials(connection: sa.Connection, name: str, password: str) -> User | None:
    """authenticate() inside the caller's transaction (the login throttle holds a lock)."""
    if not isinstance(name, str) or not isinstance(password, str) or len(password) > MAX_PASSWORD_LENGTH:
        return None
    row = connection.execute(sa.select(users).where(users.c.name == name)).mappings().first()
    # Hash even for unknown names, so the response time does not reveal which names exist.
    stored = row["password_hash"] if row is not None else _dummy_hash()
    matches = check_password_hash(stored, password)
    if row is None or not matches or row["disabled"]:
        return None
    return _user(row)


def ensure_first_admin(source: object, environ: Mapping[str, str] | None = None) -> FirstAdmin | None:
    """With no account at all, create "admin"; return its generated password once.

    The password comes from TRACKER_ADMIN_PASSWORD when set (then None is
    returned in its place), else from secrets.token_urlsafe.  Never a fixed
    default.  Returns None when any account already exists.
    """
    environ = os.environ if environ is None else environ
    chosen = environ.get(ADMIN_PASSWORD_ENV) or None
    password = chosen or secrets.token_urlsafe(15)
    password_hash = hash_password(password)
    try:
        with _write(source) as connection:
            if connection.execute(sa.select(users.c.id).limit(1)).first() is not None:
                return None
            connection.execute(users.insert().values(
                name=FIRST_ADMIN, password_hash=password_hash, role="admin", disabled=False,
                created_at=dt.datetime.now(dt.UTC)))
            record(connection, user="system", action="user_add", target=FIRST_ADMIN,
                   detail={"role": "admin", "first_admin": True})
    except sa.exc.IntegrityError:  # another process created it at the same moment
        return None
    return FirstAdmin(FIRST_ADMIN, None if chosen else password)


# internals


@contextmanager
def _write(source: object) -> Iterator[sa.Connection]:
    """One write transaction (BEGIN IMMEDIATE on SQLite, so checks and writes do not race)."""
    with engine_of(source).connect() as connection:
        connection.execution_options(**{WRITE_OPTION: True})
        with connection.begin():
            yield connection


def _row(connection: sa.Connection, name: str) -> sa.RowMapping:
    row = connection.execute(sa.select(users).where(users.c.name == name)).mappings().first()
    if row is None:
        raise UnknownUser(f"there is no user '{name}'", hint="list them with `users list`")
    return row


def _new_stamp(connection: sa.Connection, name: str) -> None:
    connection.execute(sa.update(users).where(users.c.name == name)
                       .values(session_stamp=secrets.token_hex(16)))


def _keep_an_admin(connection: sa.Connection, leaving: str) -> None:
    others = connection.execute(
        sa.select(sa.func.count()).select_from(users).where(
            users.c.role == "admin", users.c.disabled.is_(False), users.c.name != leaving)
    ).scalar_one()
    if not others:
        raise LastAdmin(f"'{leaving}' is the last enabled administrator",
                        hint="make another user admin first")


def _fetch(source: object, condition: sa.ColumnElement[bool]) -> User | None:
    with engine_of(source).connect() as connection:
        row = connection.execute(sa.select(users).where(condition)).mappings().first()
    return None if row is None else _user(row)


def _require(source: object, name: str) -> User:
    user = get_user(source, name)
    if user is None:
        raise UnknownUser(f"there is no user '{name}'")
    return user


def _user(row: sa.RowMapping) -> User:
    # A new password or a new stamp gives a new key: every older cookie stops matching.
    secret = f"{row['password_hash']}:{row['session_stamp']}"
    key = hashlib.sha256(secret.encode("utf-8")).hexdigest()[:24]
    return User(id=int(row["id"]), name=row["name"], role=row["role"], disabled=bool(row["disabled"]),
                created_at=row["created_at"], session_key=key)


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return generate_password_hash(secrets.token_urlsafe(16), method=PASSWORD_METHOD)
