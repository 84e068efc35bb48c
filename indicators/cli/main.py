"""Command line: validate the registry, list targets, and the data commands.

Every command calls the same domain functions the dashboard uses; this module
only parses arguments, loads settings and the registry, and dispatches.
"""

from __future__ import annotations

import argparse
import importlib
import io
import json
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from indicators.cli.language import given_language, message, run_language
from indicators.config import Settings, load_config
from indicators.errors import TrackerError
from indicators.registry import Registry, load_registry

if TYPE_CHECKING:  # pandas and sqlalchemy load only for the commands that use them
    import pandas as pd

# Commands from other modules; each exposes add_commands(subparsers).
COMMAND_MODULES = (
    "indicators.cli.actuals", "indicators.cli.report", "indicators.cli.users",
    "indicators.cli.evaluation", "indicators.cli.registry",
    "indicators.drafting.command",
)
# Commands whose module alone is loaded when the command line names them, so that
# `draft` starts without pandas, SQLAlchemy and the exports (every module for --help).
SINGLE_MODULE_COMMANDS = {"draft": "indicators.drafting.command"}


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m indicators",
        description="IP plan target tracker: registry, actuals and gap reports.",
    )
    parser.add_argument("--config", help="path to config.yaml (default: the project's)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    validate = commands.add_parser("validate", help="check the registry and config.yaml")
    validate.add_argument("--db", nargs="?", const="", metavar="URL",
                          help="check the database's registry instead (default URL: config.yaml)")
    validate.add_argument("--lang", choices=("zh", "en"),
                          help="language of the messages (default: config.yaml's default_language)")
    validate.set_defaults(handler=validate_command)
    targets = commands.add_parser("targets", help="list every target, one row each")
    targets.add_argument("--format", choices=("csv", "json", "table"), default="table")
    targets.set_defaults(handler=targets_command)
    only = SINGLE_MODULE_COMMANDS.get(command or "")
    for name in (only,) if only else COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        module.add_commands(commands)
    return parser


def _command_named(argv: Sequence[str] | None) -> str | None:
    """The command word of the command line (after any --config), or None."""
    peek = argparse.ArgumentParser(add_help=False)
    peek.add_argument("--config")
    _, rest = peek.parse_known_args(sys.argv[1:] if argv is None else list(argv))
    return rest[0] if rest and not rest[0].startswith("-") else None


def _database_errors() -> tuple[type[BaseException], ...]:
    # SQLAlchemy's errors can only occur once a command has imported it.
    exc = sys.modules.get("sqlalchemy.exc")
    return (exc.SQLAlchemyError,) if exc is not None else ()


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser(_command_named(argv)).parse_args(argv)
    lang = given_language(args)  # config.yaml may be what fails
    try:
        settings = load_config(args.config)
        lang = run_language(args, settings)
        # The registry commands and `validate --db` read the database's registry, not the folder.
        from_database = getattr(args, "skip_registry", False) or getattr(args, "db", None) is not None \
            and args.command == "validate"
        registry = None if from_database else load_registry(settings)
        return args.handler(args, settings, registry)
    except (TrackerError, OSError, *_database_errors()) as exc:
        # One line, never a traceback: the message says what to fix.
        from indicators.cli.output import error_line  # loads pandas and the store: not at start

        print(message("error.line", lang, text=error_line(exc, lang)), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(message("interrupted", lang), file=sys.stderr)
        return 130


def validate_command(args: argparse.Namespace, settings: Settings, registry: Registry | None) -> int:
    if registry is None:  # --db: the same rules and messages, on the database's records
        from indicators.cli.registry import validate_database

        return validate_database(args, settings)
    # Loading already validated everything; a clean run reports what it checked.
    print(message("validate.ok", run_language(args, settings), documents=len(registry.documents),
                  indicators=len(registry.indicators), targets=len(registry.targets),
                  regions=len(registry.regions)))
    return 0


def targets_command(args: argparse.Namespace, settings: Settings, registry: Registry) -> int:
    from indicators.cli.output import table
    from indicators.exports import escape_frame

    targets = registry.target_table()
    if args.format == "csv":
        # Escaped before numbers become text, so that -5 stays a number and "==" does not start a formula.
        buffer = io.StringIO()
        _plain_numbers(escape_frame(targets)).to_csv(buffer, index=False, lineterminator="\n")
        sys.stdout.write(buffer.getvalue())
    elif args.format == "json":
        records = json.loads(_plain_numbers(targets).to_json(orient="records", force_ascii=False))
        json.dump(records, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(table(_plain_numbers(targets), "no targets") + "\n")
    return 0


def _plain_numbers(table: pd.DataFrame) -> pd.DataFrame:
    """Write 12 rather than 12.0, and blanks rather than NaN, as the documents do."""
    import pandas as pd

    shown = table.astype(object)
    for column in table.select_dtypes("number").columns:
        shown[column] = [
            "" if pd.isna(value) else format(float(value), ".15g") for value in table[column]
        ]
    return shown.where(shown.notna(), "")
