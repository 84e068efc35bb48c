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

import pandas as pd

from indicators.config import Settings, load_config
from indicators.errors import TrackerError
from indicators.registry import Registry, load_registry

# Commands from other modules; each exposes add_commands(subparsers).
COMMAND_MODULES = (
    "indicators.cli.actuals", "indicators.cli.report", "indicators.cli.users",
    "indicators.drafting.command",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m indicators",
        description="IP plan target tracker: registry, actuals and gap reports.",
    )
    parser.add_argument("--config", help="path to config.yaml (default: the project's)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    validate = commands.add_parser("validate", help="check the registry and config.yaml")
    validate.set_defaults(handler=validate_command)
    targets = commands.add_parser("targets", help="list every target, one row each")
    targets.add_argument("--format", choices=("csv", "json", "table"), default="table")
    targets.set_defaults(handler=targets_command)
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        module.add_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = load_config(args.config)
        registry = load_registry(settings)
        return args.handler(args, settings, registry)
    except TrackerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


def validate_command(args: argparse.Namespace, settings: Settings, registry: Registry) -> int:
    # Loading already validated everything; a clean run reports what it checked.
    print(
        f"ok: {len(registry.documents)} documents, {len(registry.indicators)} indicators, "
        f"{len(registry.targets)} targets, {len(registry.regions)} regions"
    )
    return 0


def targets_command(args: argparse.Namespace, settings: Settings, registry: Registry) -> int:
    table = _plain_numbers(registry.target_table())
    if args.format == "csv":
        buffer = io.StringIO()
        table.to_csv(buffer, index=False, lineterminator="\n")
        sys.stdout.write(buffer.getvalue())
    elif args.format == "json":
        records = json.loads(table.to_json(orient="records", force_ascii=False))
        json.dump(records, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(table.to_string(index=False) + "\n")
    return 0


def _plain_numbers(table: pd.DataFrame) -> pd.DataFrame:
    """Write 12 rather than 12.0, and blanks rather than NaN, as the documents do."""
    shown = table.astype(object)
    for column in table.select_dtypes("number").columns:
        shown[column] = [
            "" if pd.isna(value) else format(float(value), ".15g") for value in table[column]
        ]
    return shown.where(shown.notna(), "")
