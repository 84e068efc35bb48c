"""`python -m indicators report`: the gap report as CSV or xlsx.

The same engine and the same writers as the dashboard's export buttons, so a
file from the command line and one from the browser hold the same numbers.
The report is computed over every target and then narrowed, so the default
as-of year is the latest year with any data, as on the dashboard.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from indicators.cli.database_registry import registry_in
from indicators.cli.language import message, run_language
from indicators.cli.output import check_database, say, write_file
from indicators.config import Settings
from indicators.engine import gap_report, targets_frame, with_latest_sources
from indicators.errors import TrackerError
from indicators.exports import display_names, report_file_name, report_to_csv, report_to_xlsx
from indicators.registry import Registry
from indicators.store import ActualsStore


class ReportError(TrackerError):
    """The report command was asked for something it cannot give."""


def add_commands(subparsers: argparse._SubParsersAction) -> None:
    report = subparsers.add_parser(
        "report", help="gap report of every target (CSV or xlsx)",
        description="Gap report: progress, schedule and status of every target.",
    )
    report.add_argument("--db", metavar="URL", help="database URL (default: config.yaml)")
    report.add_argument("--as-of", type=int, metavar="YEAR",
                        help="use actuals up to this year (default: latest year with data)")
    report.add_argument("--region", metavar="R", help="region code or name, e.g. CN-CQ or 重庆")
    report.add_argument("--document", metavar="D", help="document id")
    report.add_argument("--format", choices=("csv", "xlsx"), default="csv")
    report.add_argument("--lang", choices=("zh", "en"),
                        help="language of the report and the messages "
                             "(default: config.yaml's default_language, zh)")
    report.add_argument("-o", "--output", metavar="PATH",
                        help="file or folder to write (default: standard output)")
    report.set_defaults(handler=report_command)


def report_command(args: argparse.Namespace, settings: Settings, registry: Registry) -> int:
    lang = run_language(args, settings)  # one language for the file and every message
    if args.format == "xlsx" and args.output is None and sys.stdout.isatty():
        raise ReportError(message("report.xlsx_binary", lang), hint=message("report.xlsx_hint", lang))
    if args.db:
        check_database(args.db, settings.root, must_exist=True)  # reading never creates one
    store = ActualsStore(args.db or settings.database_url, root=settings.root)
    try:
        # Plans published in the app are in the database's registry (cli.database_registry).
        registry = registry_in(store, settings, registry)
        actuals = store.current_actuals(sources=True)
    finally:
        store.close()
    region = _region(args.region, registry, lang)
    document = _document(args.document, registry, lang)
    result = gap_report(targets_frame(registry), actuals, args.as_of, settings.status)
    # The same last columns as the dashboard's export: where each latest value was published.
    report = _narrowed(with_latest_sources(result.report, actuals), region, document)
    if args.format == "xlsx":
        meta = {"thresholds": settings.status, "region": region or "", "document_id": document or ""}
        names = display_names(registry.regions, registry.documents, lang)
        content = report_to_xlsx(report, lang, result.as_of, meta, names)
    else:
        content = report_to_csv(report, lang)
    if args.output is None:
        sys.stdout.buffer.write(content)
        sys.stdout.flush()
        return 0
    path = _output_path(Path(args.output), result.as_of, args.format, lang)
    write_file(path, content)
    say(_written(len(report), result.as_of, path, lang), error=True)
    return 0


def _written(count: int, as_of: int | None, path: Path, lang: str) -> str:
    """What was written, in the run's language."""
    when = message("report.as_of", lang, year=as_of) if as_of is not None \
        else message("report.no_actuals", lang)
    return message("report.written", lang, count=count, when=when, path=path)


def _region(text: str | None, registry: Registry, lang: str) -> str | None:
    if text is None:
        return None
    code = registry.resolve_region(text)
    if code is None:
        raise ReportError(message("unknown_region", lang, text=text),
                          hint=message("use_one_of", lang, choices=sorted(registry.regions)))
    return code


def _document(document_id: str | None, registry: Registry, lang: str) -> str | None:
    if document_id is not None and document_id not in registry.documents:
        raise ReportError(message("unknown_document", lang, text=document_id),
                          hint=message("use_one_of", lang, choices=sorted(registry.documents)))
    return document_id


def _narrowed(report: pd.DataFrame, region: str | None, document: str | None) -> pd.DataFrame:
    keep = pd.Series(True, index=report.index)
    if region is not None:
        keep &= report["region"] == region
    if document is not None:
        keep &= report["document_id"] == document
    return report[keep].reset_index(drop=True)


def _output_path(path: Path, as_of: int | None, file_format: str, lang: str) -> Path:
    """A folder gets a default, Windows-safe file name; a missing parent is an error."""
    if path.is_dir():
        return path / report_file_name(as_of, file_format, lang)
    if not path.parent.is_dir():
        raise ReportError(message("no_folder", lang, folder=path.parent),
                          hint=message("create_folder", lang))
    return path
