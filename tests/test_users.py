"""Accounts: hashing, authentication, roles, the first admin and the `users` commands."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
import sqlalchemy as sa

from indicators.accounts import (
    ADMIN_PASSWORD_ENV,
    DuplicateUser,
    LastAdmin,
    UnknownRole,
    UnknownUser,
    UserError,
    WeakPassword,
    add_user,
    authenticate,
    disable_user,
    enable_user,
    ensure_first_admin,
    get_user,
    list_users,
    role_at_least,
    set_password,
    set_role,
    user_by_session,
)
from indicators.cli import main
from indicators.cli import users as cli_users
from indicators.store import ActualsStore, list_audit
from indicators.store.schema import users
from tests.store_fixtures import make_project

PASSWORD = "correct horse 1"


@pytest.fixture
def store(tmp_path: Path):
    store = ActualsStore("sqlite:///users.db", root=tmp_path)
    yield store
    store.close()


def stored_hash(store: ActualsStore, name: str) -> str:
    with store.engine.connect() as connection:
        return connection.execute(
            sa.select(users.c.password_hash).where(users.c.name == name)).scalar_one()


def test_password_is_stored_as_a_salted_scrypt_hash(store) -> None:
    add_user(store, "张三", PASSWORD, "editor")
    add_user(store, "李四", PASSWORD, "viewer")
    first, second = stored_hash(store, "张三"), stored_hash(store, "李四")
    assert first.startswith("scrypt:") and PASSWORD not in first
    assert first != second  # same password, different salt
    assert "password_hash" not in list_users(store).columns


def test_authenticate_accepts_only_the_right_password_of_an_enabled_user(store) -> None:
    add_user(store, "张三", PASSWORD, "editor")
    user = authenticate(store, "张三", PASSWORD)
    assert (user.name, user.role, user.disabled) == ("张三", "editor", False)
    assert authenticate(store, "张三", PASSWORD + "x") is None
    assert authenticate(store, "张三", "") is None
    assert authenticate(store, "nobody", PASSWORD) is None
    assert authenticate(store, "张三", "x" * 5000) is None  # too long to be worth hashing
    disable_user(store, "张三")
    assert authenticate(store, "张三", PASSWORD) is None
    enable_user(store, "张三")
    assert authenticate(store, "张三", PASSWORD) is not None


def test_the_user_repr_never_shows_the_session_key(store) -> None:
    user = add_user(store, "ann", PASSWORD)
    assert user.session_key not in repr(user)


def test_sessions_end_when_the_user_is_disabled_or_the_password_changes(store) -> None:
    user = add_user(store, "ann", PASSWORD, "editor")
    assert user_by_session(store, user.session_id) == user
    disable_user(store, "ann")
    assert user_by_session(store, user.session_id) is None
    enable_user(store, "ann")
    assert user_by_session(store, user.session_id) is None  # enabling does not revive it
    user = get_user(store, "ann")
    assert user_by_session(store, user.session_id) == user
    set_password(store, "ann", "another password")
    assert user_by_session(store, user.session_id) is None
    assert authenticate(store, "ann", "another password") is not None
    for garbage in ("", "x", "1", "1:", ":abc", "abc:def", f"{user.id}:wrong"):
        assert user_by_session(store, garbage) is None


def test_roles_change_and_unknown_roles_are_refused(store) -> None:
    add_user(store, "ann", PASSWORD)
    assert get_user(store, "ann").role == "viewer"
    assert set_role(store, "ann", "editor").role == "editor"
    with pytest.raises(UnknownRole):
        set_role(store, "ann", "root")
    with pytest.raises(UnknownRole):
        add_user(store, "bob", PASSWORD, "superuser")
    with pytest.raises(UnknownUser):
        set_role(store, "nobody", "viewer")
    assert role_at_least("admin", "editor") and role_at_least("editor", "editor")
    assert not role_at_least("viewer", "editor") and not role_at_least("anonymous", "viewer")


def test_bad_names_weak_passwords_and_duplicates_are_refused(store) -> None:
    add_user(store, "ann", PASSWORD)
    with pytest.raises(DuplicateUser):
        add_user(store, "ann", PASSWORD)
    for name in ("", "a b", "tab\there", "x" * 101):
        with pytest.raises(UserError):
            add_user(store, name, PASSWORD)
    with pytest.raises(WeakPassword):
        add_user(store, "bob", "short")
    assert list(list_users(store)["name"]) == ["ann"]


def test_the_last_enabled_admin_cannot_be_demoted_or_disabled(store) -> None:
    add_user(store, "root", PASSWORD, "admin")
    with pytest.raises(LastAdmin):
        set_role(store, "root", "editor")
    with pytest.raises(LastAdmin):
        disable_user(store, "root")
    add_user(store, "second", PASSWORD, "admin")
    disable_user(store, "root")
    with pytest.raises(LastAdmin):
        set_role(store, "second", "viewer")
    assert get_user(store, "second").role == "admin"


def test_first_admin_takes_the_password_from_the_environment(store) -> None:
    created = ensure_first_admin(store, {ADMIN_PASSWORD_ENV: "from the environment"})
    assert created == ("admin", None)  # nothing to print: the operator chose it
    assert authenticate(store, "admin", "from the environment").role == "admin"
    assert list_audit(store)[["user", "action", "target"]].values.tolist() == [
        ["system", "user_add", "admin"]]


def test_first_admin_gets_a_generated_password_returned_once(tmp_path: Path, store) -> None:
    created = ensure_first_admin(store, {})
    assert created.name == "admin" and len(created.password) >= 16
    assert authenticate(store, "admin", created.password) is not None
    assert ensure_first_admin(store, {}) is None  # next start: nothing created, nothing shown
    assert ensure_first_admin(store, {ADMIN_PASSWORD_ENV: "from the environment"}) is None
    assert list(list_users(store)["name"]) == ["admin"]
    other = ActualsStore("sqlite:///other.db", root=tmp_path)
    assert ensure_first_admin(other, {}).password != created.password  # never a fixed default
    other.close()


def test_no_first_admin_when_any_account_exists(store) -> None:
    add_user(store, "ann", PASSWORD, "viewer")
    assert ensure_first_admin(store, {}) is None
    assert list(list_users(store)["name"]) == ["ann"]


def test_a_weak_admin_password_in_the_environment_is_refused(store) -> None:
    with pytest.raises(WeakPassword):
        ensure_first_admin(store, {ADMIN_PASSWORD_ENV: "123"})
    assert list_users(store).empty


# the CLI


@pytest.fixture
def cli(tmp_path: Path):
    make_project(tmp_path)
    config, db = str(tmp_path / "config.yaml"), f"sqlite:///{tmp_path / 'cli.db'}"
    return lambda *arguments: main(["--config", config, *arguments, "--db", db])


def test_parser_wiring() -> None:
    parser = argparse.ArgumentParser()
    cli_users.add_commands(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["users", "add", "张三", "--role", "editor", "--db", "sqlite://"])
    assert (args.handler, args.name, args.role, args.db) == (
        cli_users.add_command, "张三", "editor", "sqlite://")
    assert parser.parse_args(["users", "set-role", "a", "admin"]).handler is cli_users.set_role_command
    assert parser.parse_args(["users", "disable", "a"]).handler is cli_users.disable_command
    assert parser.parse_args(["audit", "--format", "csv"]).handler is cli_users.audit_command
    with pytest.raises(SystemExit):
        parser.parse_args(["users", "add", "a", "--role", "root"])


def test_users_commands_from_the_environment(cli, monkeypatch, capsys) -> None:
    monkeypatch.setenv(cli_users.PASSWORD_ENV, "scripted password")
    assert cli("users", "add", "张三", "--role", "editor") == 0
    assert cli("users", "add", "李四") == 0
    assert cli("users", "set-role", "李四", "admin") == 0
    assert cli("users", "disable", "张三") == 0
    out = capsys.readouterr()
    assert "scripted password" not in out.out + out.err
    assert cli("users", "list", "--format", "csv") == 0
    rows = capsys.readouterr().out.splitlines()
    assert rows[0] == "id,name,role,disabled,created_at"
    assert [row.split(",")[1:4] for row in rows[1:]] == [
        ["张三", "editor", "True"], ["李四", "admin", "False"]]
    assert cli("users", "add", "张三") == 2  # duplicate: an error, not a traceback
    assert "已有用户“张三”" in capsys.readouterr().err


def test_users_add_prompts_twice_and_refuses_a_mismatch(cli, monkeypatch, capsys) -> None:
    monkeypatch.delenv(cli_users.PASSWORD_ENV, raising=False)
    answers = iter(["typed password", "typed password", "one password", "another one"])
    monkeypatch.setattr(cli_users.getpass, "getpass", lambda prompt: next(answers))
    assert cli("users", "add", "ann", "--role", "viewer") == 0
    assert cli("users", "add", "bob") == 2
    assert "两次输入的密码不一致" in capsys.readouterr().err
    assert cli("users", "list") == 0
    listing = capsys.readouterr().out
    assert "ann" in listing and "bob" not in listing and "typed password" not in listing
