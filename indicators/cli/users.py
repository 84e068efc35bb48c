"""CLI commands for accounts and the audit log.

    python -m indicators users add 张三 --role editor   # asks for the password twice
    TRACKER_USER_PASSWORD=... python -m indicators users add bot --role editor
    python -m indicators users list | set-role NAME ROLE | disable NAME | enable NAME
    python -m indicators users set-password NAME
    python -m indicators audit --format csv -o audit.csv

Passwords are read with getpass (never echoed) or from the environment, and
are never printed.  The audit rows of these commands name the acting login as
"cli:<login>".
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
import warnings
from pathlib import Path

from indicators.accounts import (
    ROLES,
    add_user,
    disable_user,
    enable_user,
    list_users,
    set_password,
    set_role,
)
from indicators.cli.actuals import DB_HELP, open_store
from indicators.cli.language import message, run_language
from indicators.cli.output import print_frame, shown, table, write_file
from indicators.config import Settings
from indicators.errors import TrackerError
from indicators.exports import audit_csv, audit_table
from indicators.registry import Registry
from indicators.store import ACTIONS, list_audit

PASSWORD_ENV = "TRACKER_USER_PASSWORD"


def add_commands(subparsers: argparse._SubParsersAction) -> None:
    group = subparsers.add_parser("users", help="add, list and change login accounts")
    commands = group.add_subparsers(dest="users_command", required=True, metavar="ACTION")

    command = _with_db(commands.add_parser("add", help="add an account (asks for the password)"))
    command.add_argument("name")
    command.add_argument("--role", choices=ROLES, default="viewer")
    command.set_defaults(handler=add_command)

    command = _with_db(commands.add_parser("list", help="list accounts (never passwords)"))
    command.add_argument("--format", choices=("table", "csv"), default="table")
    command.set_defaults(handler=list_command)

    command = _with_db(commands.add_parser("set-role", help="change an account's role"))
    command.add_argument("name")
    command.add_argument("role", choices=ROLES)
    command.set_defaults(handler=set_role_command)

    for action, handler, text in (("disable", disable_command, "stop an account logging in"),
                                  ("enable", enable_command, "let a disabled account log in again"),
                                  ("set-password", password_command, "set a new password")):
        command = _with_db(commands.add_parser(action, help=text))
        command.add_argument("name")
        command.set_defaults(handler=handler)

    command = _with_db(subparsers.add_parser("audit", help="print the audit log, newest first"))
    command.add_argument("--format", choices=("csv", "table"), default="table")
    command.add_argument("--action", choices=ACTIONS, help="only rows of this action")
    command.add_argument("--lang", choices=("zh", "en"), help="language of headers and messages (default: config.yaml's default_language)")
    command.add_argument("-o", "--output", type=Path, help="write a CSV file (UTF-8 with BOM)")
    command.set_defaults(handler=audit_command)


def add_command(args: argparse.Namespace, settings: Settings, registry: Registry) -> int:
    password = read_password()  # before the store is opened: no password, nothing created
    user = add_user(open_store(args, settings), args.name, password, args.role, actor=cli_actor())
    print(shown(message("users.added", run_language(args, settings), name=user.name, role=user.role)))
    return 0


def list_command(args: argparse.Namespace, settings: Settings, registry: Registry) -> int:
    frame = list_users(open_store(args, settings, reading=True))
    frame = frame.assign(created_at=frame["created_at"].dt.strftime("%Y-%m-%d %H:%M:%S UTC"))
    print_frame(frame, args.format, message("users.none", run_language(args, settings)))
    return 0


def set_role_command(args: argparse.Namespace, settings: Settings, registry: Registry) -> int:
    user = set_role(open_store(args, settings), args.name, args.role, actor=cli_actor())
    print(shown(message("users.role", run_language(args, settings), name=user.name, role=user.role)))
    return 0


def disable_command(args: argparse.Namespace, settings: Settings, registry: Registry) -> int:
    user = disable_user(open_store(args, settings), args.name, actor=cli_actor())
    print(shown(message("users.disabled", run_language(args, settings), name=user.name)))
    return 0


def enable_command(args: argparse.Namespace, settings: Settings, registry: Registry) -> int:
    user = enable_user(open_store(args, settings), args.name, actor=cli_actor())
    print(shown(message("users.enabled", run_language(args, settings), name=user.name)))
    return 0


def password_command(args: argparse.Namespace, settings: Settings, registry: Registry) -> int:
    password = read_password()
    user = set_password(open_store(args, settings), args.name, password, actor=cli_actor())
    print(shown(message("users.password", run_language(args, settings), name=user.name)))
    return 0


def audit_command(args: argparse.Namespace, settings: Settings, registry: Registry) -> int:
    frame = list_audit(open_store(args, settings, reading=True), action=args.action)
    lang = run_language(args, settings)
    if args.output:
        write_file(args.output, audit_csv(frame, lang))
        print(shown(message("audit.written", lang, count=len(frame), path=args.output)))
    elif args.format == "csv":
        # No BOM on a pipe; files written with -o carry one for Excel.
        sys.stdout.write(audit_csv(frame, lang).decode("utf-8-sig"))
    else:
        sys.stdout.write(table(audit_table(frame, lang), message("audit.none", lang)) + "\n")
    return 0


def read_password() -> str:
    """From TRACKER_USER_PASSWORD for scripts, else typed twice without echo."""
    from_env = os.environ.get(PASSWORD_ENV)
    if from_env:
        return from_env
    # Without a terminal getpass warns and reads the password from stdin, or fails
    # there: either way it is refused, as one line.
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", getpass.GetPassWarning)
            first = getpass.getpass("password: ")
            again = getpass.getpass("again: ")
    except (getpass.GetPassWarning, EOFError):
        raise TrackerError("no terminal to type the password in; nothing was changed",
                           hint=f"run it in a terminal, or set {PASSWORD_ENV}") from None
    if again != first:
        raise TrackerError("the two passwords differ; nothing was changed")
    return first


def cli_actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (OSError, KeyError):  # no login name in some containers
        return "cli"


def _with_db(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    parser.add_argument("--db", help=DB_HELP)
    return parser
