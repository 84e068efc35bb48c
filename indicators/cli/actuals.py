"""CLI commands for yearly actuals: import, actuals, uploads, revert, note, template.

They call the same importer and store the upload page uses.  A relative
SQLite path given with --db is taken from the current directory (as a user
typing it expects); the config's database_url is relative to the project.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Mapping
from pathlib import Path

from indicators.cli.database_registry import database_exists, registry_in
from indicators.cli.language import message, run_language
from indicators.cli.output import check_database, print_frame, shown, table, write_file
from indicators.config import Settings
from indicators.errors import TrackerError
from indicators.exports import build_template, frame_to_csv_bytes
from indicators.importing import UploadIssue, parse_upload
from indicators.registry import Registry
from indicators.store import ActualsStore, UploadPreview

# Where each value was published comes last, after the columns scripts already read.
ACTUALS_COLUMNS = ["indicator_id", "region", "year", "value", "note", "upload_id", "source", "url",
                   "published", "quote"]
UPLOAD_LIST_COLUMNS = [
    "id", "kind", "user", "created_at", "file_name", "rows_total", "added", "changed", "unchanged",
    "removed", "reverted", "reverts_upload_id", "is_sample",
]
DB_HELP = "database URL (default: DATABASE_URL, else database_url in config.yaml)"


def add_commands(subparsers: argparse._SubParsersAction) -> None:
    command = subparsers.add_parser("import", help="validate a file of yearly actuals and store it")
    command.add_argument("file", type=Path, help=".xlsx or .csv, long or wide layout")
    command.add_argument("--db", help=DB_HELP)
    command.add_argument("--dry-run", action="store_true", help="show what would change; store nothing")
    command.add_argument("--user", help="who uploads (default: the login name)")
    command.add_argument("--lang", choices=("zh", "en"),
                         help="language of messages (default: config.yaml's default_language)")
    command.set_defaults(handler=import_command)

    command = subparsers.add_parser("actuals", help="print the current actuals, long layout")
    command.add_argument("--db", help=DB_HELP)
    command.add_argument("--format", choices=("csv", "table"), default="csv")
    command.add_argument("-o", "--output", type=Path, help="write a CSV file (UTF-8 with BOM) instead")
    command.set_defaults(handler=actuals_command)

    command = subparsers.add_parser("uploads", help="list uploads and reverts, newest first")
    command.add_argument("--db", help=DB_HELP)
    command.add_argument("--format", choices=("table", "csv"), default="table")
    command.set_defaults(handler=uploads_command)

    command = subparsers.add_parser("revert", help="undo an upload (or a revert) as a whole")
    command.add_argument("upload_id", type=int, metavar="UPLOAD_ID")
    command.add_argument("--db", help=DB_HELP)
    command.add_argument("--user", help="who reverts (default: the login name)")
    command.set_defaults(handler=revert_command)

    command = subparsers.add_parser("note", help="change the note (备注) of a stored value; "
                                    "the value stays, the change is a revertable upload")
    command.add_argument("indicator", metavar="INDICATOR", help="id, Chinese name or alias")
    command.add_argument("region", metavar="REGION", help="code or name, e.g. CN or 重庆")
    command.add_argument("year", type=int, metavar="YEAR")
    command.add_argument("text", metavar="TEXT", help='the new note; "" clears it')
    command.add_argument("--db", help=DB_HELP)
    command.add_argument("--user", help="who changes it (default: the login name)")
    command.set_defaults(handler=note_command)

    command = subparsers.add_parser("template", help="write the upload template")
    command.add_argument("--format", choices=("xlsx", "csv"), default="xlsx")
    command.add_argument("-o", "--output", type=Path, required=True)
    command.add_argument("--lang", choices=("zh", "en"), help="language of headers and instructions")
    command.set_defaults(handler=template_command)


def import_command(args: argparse.Namespace, settings: Settings, registry: Registry) -> int:
    lang = run_language(args, settings)
    path = Path(args.file)
    content = _read(path)
    registry = _current_registry(args, settings, registry)
    parsed = parse_upload(content, path.name, registry, settings, lang)
    if not parsed.ok:
        # Nothing is opened or written when the file itself is wrong.
        _print_issues(parsed.warnings, lang, "warning")
        _print_issues(parsed.errors, lang, "error")
        print(_text(lang, f"{len(parsed.errors)} 个错误，未保存任何数据",
                    f"{len(parsed.errors)} error(s); nothing was stored"), file=sys.stderr)
        return 1
    store = open_store(args, settings)
    preview = store.preview(parsed)
    _print_issues(preview.warnings, lang, "warning")
    if not preview.ok:  # values far off the stored ones (importing.stored)
        _print_issues(preview.errors, lang, "error")
        print(_text(lang, f"{len(preview.errors)} 个错误，未保存任何数据",
                    f"{len(preview.errors)} error(s); nothing was stored"), file=sys.stderr)
        return 1
    if args.dry_run:
        counts = {"added": preview.added, "changed": preview.changed, "unchanged": preview.unchanged}
        print(_summary(counts, lang, prefix=_text(lang, "试运行（未保存）", "dry run, nothing stored")))
        _print_changes(preview)
        return 0
    upload_id = store.commit(parsed, _user(args), path.name, parsed.sha256)
    # What the commit stored, counted in its transaction: a concurrent import of the
    # same file may have made the preview's changes unchanged meanwhile.
    stored = store.uploads().set_index("id").loc[upload_id]
    print(_summary(stored, lang, prefix=_text(lang, f"第 {upload_id} 次上传", f"upload #{upload_id}")))
    return 0


def actuals_command(args: argparse.Namespace, settings: Settings, registry: Registry) -> int:
    frame = open_store(args, settings, reading=True).current_actuals(sources=True)[ACTUALS_COLUMNS]
    if args.output:
        write_file(args.output, frame_to_csv_bytes(frame))
    else:
        print_frame(frame, args.format, message("actuals.none", run_language(args, settings)))
    return 0


def uploads_command(args: argparse.Namespace, settings: Settings, registry: Registry) -> int:
    frame = open_store(args, settings, reading=True).uploads()[UPLOAD_LIST_COLUMNS]
    frame = frame.assign(created_at=frame["created_at"].dt.strftime("%Y-%m-%d %H:%M:%S UTC"))
    print_frame(frame, args.format, message("uploads.none", run_language(args, settings)))
    return 0


def revert_command(args: argparse.Namespace, settings: Settings, registry: Registry) -> int:
    store = open_store(args, settings)
    revert_id = store.revert(args.upload_id, _user(args))
    counts = store.uploads().set_index("id").loc[revert_id]
    print(message("reverted", run_language(args, settings), upload=args.upload_id, revert=revert_id,
                  changed=counts["changed"], removed=counts["removed"], added=counts["added"],
                  unchanged=counts["unchanged"]))
    return 0


def note_command(args: argparse.Namespace, settings: Settings, registry: Registry) -> int:
    lang = run_language(args, settings)
    registry = _current_registry(args, settings, registry)
    indicator_id = registry.resolve_indicator(args.indicator)
    if indicator_id is None:
        raise TrackerError(message("unknown_indicator", lang, text=args.indicator),
                           hint=message("indicator_hint", lang))
    region = registry.resolve_region(args.region)
    if region is None:
        raise TrackerError(message("unknown_region", lang, text=args.region),
                           hint=message("use_one_of", lang, choices=", ".join(registry.regions)))
    upload_id = open_store(args, settings).set_note(indicator_id, region, args.year, args.text,
                                                    _user(args))
    print(shown(message("note.changed", lang, indicator=indicator_id, region=region, year=args.year,
                        upload=upload_id)))
    return 0


def template_command(args: argparse.Namespace, settings: Settings, registry: Registry) -> int:
    lang = run_language(args, settings)
    registry = _current_registry(args, settings, registry)
    write_file(args.output, build_template(registry, settings, args.format, lang))
    print(shown(_text(lang, f"已写入 {args.output}", f"wrote {args.output}")))
    return 0


def _current_registry(args: argparse.Namespace, settings: Settings, folder: Registry) -> Registry:
    """The database's registry when the database exists (plans published in the app), else
    the folder's; a database is never created just to ask (cli.database_registry)."""
    raw, root = (args.db, Path.cwd()) if getattr(args, "db", None) else (settings.database_url,
                                                                           settings.root)
    if not database_exists(raw, root):
        return folder
    store = open_store(args, settings, reading=True)
    try:
        return registry_in(store, settings, folder)
    finally:
        store.close()


def open_store(args: argparse.Namespace, settings: Settings, *, reading: bool = False) -> ActualsStore:
    """The --db store (checked first: output.check_database; reading: it must exist), else
    the configured one, which is created with its folder on first use."""
    if getattr(args, "db", None):
        check_database(args.db, Path.cwd(), must_exist=reading)
        return ActualsStore(args.db, root=Path.cwd())
    return ActualsStore(settings.database_url, root=settings.root)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise TrackerError(f"cannot read {path}: {exc.strerror}") from None


def _user(args: argparse.Namespace) -> str:
    if args.user:
        return args.user
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name in some containers
        return "cli"


def _text(lang: str, chinese: str, english: str) -> str:
    return chinese if lang == "zh" else english


def _print_issues(issues: list[UploadIssue], lang: str, kind: str) -> None:
    label = {"warning": _text(lang, "警告", "warning"), "error": _text(lang, "错误", "error")}[kind]
    for issue in issues:
        print(shown(f"{label}: {issue}"), file=sys.stderr)


def _summary(counts: Mapping[str, int], lang: str, prefix: str) -> str:
    added, changed, unchanged = (int(counts[name]) for name in ("added", "changed", "unchanged"))
    if lang == "zh":
        return f"{prefix}：新增 {added} 行，修改 {changed} 行，未变 {unchanged} 行"
    return f"{prefix}: {added} added, {changed} changed, {unchanged} unchanged"


def _print_changes(preview: UploadPreview) -> None:
    changes = preview.rows[preview.rows["action"] != "unchanged"]
    if not changes.empty:
        columns = ["action", "indicator_id", "region", "year", "old_value", "new_value", "new_note"]
        print(table(changes[columns], ""))
