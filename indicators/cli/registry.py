"""CLI commands for the database registry: to and from YAML, and `validate --db`.

    python -m indicators registry export -o registry.yaml
    python -m indicators registry import registry.yaml --reason "2026 年中期调整" [--user 张三]
    python -m indicators validate --db            # the database's registry, by the same rules

The YAML has data/registry's schema (indicators.service.registry_yaml), so a
team that keeps its registry in git can move it in and out; export -> import
-> export gives the same bytes.  An empty database starts from the YAML folder,
as the dashboard does.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from indicators.cli.actuals import DB_HELP, open_store
from indicators.cli.language import message, run_language
from indicators.cli.output import shown, write_file
from indicators.cli.users import cli_actor
from indicators.config import Settings
from indicators.errors import TrackerError
from indicators.registry import Registry
from indicators.service.registry_yaml import export_yaml, import_yaml
from indicators.store import RegistryStore

LANG_HELP = "language of the messages (default: config.yaml's default_language)"


def add_commands(subparsers: argparse._SubParsersAction) -> None:
    group = subparsers.add_parser("registry", help="export the database registry to YAML, or import it")
    commands = group.add_subparsers(dest="registry_command", required=True, metavar="ACTION")
    command = commands.add_parser("export", help="write the current registry as YAML")
    command.add_argument("-o", "--output", type=Path, help="write to this file instead of stdout")
    command.add_argument("--db", help=DB_HELP)
    command.add_argument("--lang", choices=("zh", "en"), help=LANG_HELP)
    command.set_defaults(handler=export_command, skip_registry=True)
    command = commands.add_parser("import", help="write a YAML registry's new and changed records")
    command.add_argument("file", type=Path, metavar="FILE")
    command.add_argument("--reason", required=True, help="why (kept with every version)")
    command.add_argument("--user", help="who (default: cli:<login>)")
    command.add_argument("--db", help=DB_HELP)
    command.add_argument("--lang", choices=("zh", "en"), help=LANG_HELP)
    command.set_defaults(handler=import_command, skip_registry=True)


def export_command(args: argparse.Namespace, settings: Settings, registry: Registry | None) -> int:
    registry_store = _registry_store(args, settings, reading=True)
    content = export_yaml(registry_store).encode("utf-8")
    if args.output:
        write_file(args.output, content)
    else:
        sys.stdout.buffer.write(content)
        sys.stdout.flush()
    return 0


def import_command(args: argparse.Namespace, settings: Settings, registry: Registry | None) -> int:
    if not args.file.is_file():
        raise TrackerError(f"cannot read {args.file}: no such file")
    registry_store = _registry_store(args, settings, reading=False)
    result = import_yaml(args.file, registry_store, settings, user=args.user or cli_actor(),
                         reason=args.reason)
    lang = run_language(args, settings)
    print(shown(message("registry.imported", lang, file=args.file, added=result.added,
                        changed=result.changed, unchanged=result.unchanged)))
    if result.left_out:
        print(shown(message("registry.left_out", lang, count=result.left_out)))
    return 0


def validate_database(args: argparse.Namespace, settings: Settings) -> int:
    """`validate --db`: the database's registry, by the YAML folder's rules and messages."""
    # A bare --db ("") is the database config.yaml (or DATABASE_URL) names.
    store = open_store(argparse.Namespace(db=args.db or None), settings, reading=True)
    try:
        registry = RegistryStore(store.engine).registry(settings)
    finally:
        store.close()
    if registry is None:
        raise TrackerError("the database holds no registry yet",
                           hint="it is seeded from the YAML folder when the dashboard first starts")
    print(message("validate.db_ok", run_language(args, settings), documents=len(registry.documents),
                  indicators=len(registry.indicators), targets=len(registry.targets),
                  retired=len(registry.retired), regions=len(registry.regions),
                  version=registry.version))
    return 0


def _registry_store(args: argparse.Namespace, settings: Settings, *, reading: bool) -> RegistryStore:
    store = open_store(args, settings, reading=reading)
    registry_store = RegistryStore(store.engine)
    registry_store.seed_if_empty(settings)
    return registry_store
