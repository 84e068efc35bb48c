"""Issue 17: the login throttle holds under concurrency, limits per name and per address,
never locks a user out for good, and HEAD /login is not a login; names are visible text."""

from __future__ import annotations

import datetime as dt
import random
import threading
import types
from concurrent.futures import ThreadPoolExecutor

import pytest

from indicators.accounts import LoginRefused, TooManyAttempts, UserError, add_user, attempt_login
from indicators.accounts import login as login_module
from indicators.accounts import users as users_module
from indicators.store import list_audit
from tests.store_fixtures import dump_tables
from tests.test_auth import build_app

PASSWORD = "correct horse 1"


@pytest.fixture
def counted_checks(monkeypatch):
    """How many password hashes were checked against a wrong password."""
    wrong = []
    lock = threading.Lock()
    real = users_module.check_password_hash

    def counting(stored: str, password: str) -> bool:
        matches = real(stored, password)
        if not matches:
            with lock:
                wrong.append(password)
        return matches

    monkeypatch.setattr(users_module, "check_password_hash", counting)
    return wrong


def test_forty_simultaneous_guesses_check_at_most_the_limit(store, counted_checks) -> None:
    add_user(store, "admin", PASSWORD, "admin", actor="test")
    attempts = [f"guess {n}" for n in range(36)] + [PASSWORD] * 4
    random.Random(17).shuffle(attempts)
    start = threading.Barrier(len(attempts))

    def attempt(password: str) -> str:
        start.wait()
        try:
            attempt_login(store, "admin", password, remote="198.51.100.9")
        except TooManyAttempts:
            return "throttled"
        except LoginRefused:
            return "refused"
        return "logged in"

    with ThreadPoolExecutor(max_workers=len(attempts)) as pool:
        outcomes = list(pool.map(attempt, attempts))
    assert len(counted_checks) <= login_module.MAX_FAILURES
    assert outcomes.count("refused") == len(counted_checks)
    assert outcomes.count("refused") + outcomes.count("logged in") <= login_module.MAX_FAILURES + 4
    failed = list_audit(store, action="login_failed")
    assert (failed["detail"].str.contains('"throttled": false')).sum() == len(counted_checks)


def at(moment: dt.datetime):
    """The login module's clock, set to `moment` (the audit rows keep their real times)."""
    clock = type("Clock", (dt.datetime,), {"now": classmethod(lambda cls, tz=None: moment)})
    return types.SimpleNamespace(datetime=clock, UTC=dt.UTC, timedelta=dt.timedelta)


def test_throttled_attempts_do_not_extend_the_lock_out(store, monkeypatch) -> None:
    add_user(store, "admin", PASSWORD, "admin", actor="test")
    monkeypatch.setattr(login_module, "MAX_FAILURES", 3)
    for _ in range(3):
        with pytest.raises(LoginRefused):
            attempt_login(store, "admin", "wrong password")
    after_failures = dt.datetime.now(dt.UTC)
    for _ in range(5):  # an attacker keeps guessing while the name is locked
        with pytest.raises(TooManyAttempts):
            attempt_login(store, "admin", "still guessing")
    assert len(list_audit(store, action="login_failed")) == 4  # the refusals are logged once
    # One window after the real failures, the refused guesses (made later) must not count.
    monkeypatch.setattr(login_module, "dt", at(after_failures + login_module.WINDOW))
    assert attempt_login(store, "admin", PASSWORD).name == "admin"


def test_one_address_is_limited_across_names(store, monkeypatch) -> None:
    monkeypatch.setattr(login_module, "MAX_ADDRESS_FAILURES", 3)
    for name in ("ann", "bob", "cat"):
        add_user(store, name, PASSWORD, actor="test")
        with pytest.raises(LoginRefused):
            attempt_login(store, name, "wrong password", remote="203.0.113.5")
    with pytest.raises(TooManyAttempts):
        attempt_login(store, "ann", PASSWORD, remote="203.0.113.5")
    assert attempt_login(store, "ann", PASSWORD, remote="192.0.2.1").name == "ann"


def test_an_empty_name_or_password_is_refused_without_a_row(store) -> None:
    add_user(store, "ann", PASSWORD, actor="test")
    for name, password in (("", PASSWORD), ("ann", "")):
        with pytest.raises(LoginRefused):
            attempt_login(store, name, password)
    assert list_audit(store, action="login_failed").empty


def test_head_login_is_no_login_attempt(tmp_path) -> None:
    app, store = build_app(tmp_path)
    before = dump_tables(store)
    client = app.server.test_client()
    assert client.head("/login").status_code == 200
    assert client.head("/login?next=/history").status_code == 200
    assert dump_tables(store) == before


# Spaces and ASCII controls were refused before; these pass a \s-based check unseen.
@pytest.mark.parametrize("name", ["rtl\u202egnp.exe", "a\u200bb", "\u2066isolate", "\ufeffbom",
                                  "private\ue000use"])
def test_names_with_invisible_or_bidi_characters_are_refused(store, name) -> None:
    with pytest.raises(UserError) as refused:
        add_user(store, name, PASSWORD, actor="test")
    assert "invalid user name" in refused.value.message
    assert list_audit(store).empty


def test_the_refusal_names_the_character_and_visible_names_pass() -> None:
    with pytest.raises(UserError) as refused:
        users_module.check_name("rtl\u202egnp.exe")
    assert "U+202E" in refused.value.message and "\u202e" not in refused.value.message
    for name in ("张三", "li.si", "o'brien", "Ⅻ-办公室", "user@example"):
        assert users_module.check_name(name) == name
