"""`python -m indicators evaluation`: the evaluation report of one plan document (Word or xlsx).

The same engine, the same figures and the same writers as the overview's
评估报告 button.  The report is computed over every target and then narrowed
to the document, so statuses and forecasts are the dashboard's.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from indicators.cli.database_registry import registry_in
from indicators.cli.output import check_database
from indicators.config import Settings
from indicators.engine import gap_report, targets_frame
from indicators.exports import safe_file_name
from indicators.exports.evaluation import (
    EvaluationError,
    EvaluationRequest,
    evaluation_docx,
    evaluation_xlsx,
)
from indicators.registry import Registry
from indicators.store import ActualsStore

MESSAGES = {
    "unknown_document": ("未知的规划文件“{id}”", "unknown document '{id}'"),
    "known_documents": ("可用的规划文件：{ids}", "use one of {ids}"),
    "no_targets": ("规划文件“{id}”没有可评估的目标", "document '{id}' has no targets to evaluate"),
    "no_folder": ("文件夹“{folder}”不存在", "folder '{folder}' does not exist"),
    "create_folder": ("请先创建该文件夹", "create it first"),
    "written": ("已写入 {count} 个目标的评估（数据截至 {as_of}）：{path}",
                "wrote the evaluation of {count} targets as of {as_of} to {path}"),
}


def _message(key: str, lang: str, **fields: object) -> str:
    zh, en = MESSAGES[key]
    return (en if lang == "en" else zh).format(**fields)


def add_commands(subparsers: argparse._SubParsersAction) -> None:
    command = subparsers.add_parser(
        "evaluation", help="evaluation report of one plan document (Word or xlsx)",
        description="Evaluation report (总结评估/中期评估): summary sentence, a table of every "
                    "target with status and forecast, the targets at risk, the progress chart "
                    "and the method.",
    )
    command.add_argument("--document", required=True, metavar="ID", help="document id")
    command.add_argument("--as-of", type=int, metavar="YEAR",
                         help="use actuals up to this year (default: latest year with data)")
    command.add_argument("--format", choices=("docx", "xlsx"), default="docx")
    command.add_argument("--lang", choices=("zh", "en"), default="zh")
    command.add_argument("--db", metavar="URL", help="database URL (default: config.yaml)")
    command.add_argument("-o", "--output", required=True, metavar="PATH",
                         help="file or folder to write")
    command.set_defaults(handler=evaluation_command)


def evaluation_command(args: argparse.Namespace, settings: Settings, registry: Registry) -> int:
    path = Path(args.output)
    if not path.is_dir() and not path.parent.is_dir():
        raise EvaluationError(_message("no_folder", args.lang, folder=path.parent),
                              hint=_message("create_folder", args.lang))
    if args.db:  # never a new folder or a file that is not SQLite (cli.output)
        check_database(args.db, settings.root, must_exist=True)  # reading never creates one
    store = ActualsStore(args.db or settings.database_url, root=settings.root)
    try:
        registry = registry_in(store, settings, registry)  # plans published in the app
        actuals = store.current_actuals()
    finally:
        store.close()
    targets = targets_frame(registry)
    _check_document(args.document, registry, targets, args.lang)
    result = gap_report(targets, actuals, args.as_of, settings.status)
    report = result.report[result.report["document_id"] == args.document].reset_index(drop=True)
    request = EvaluationRequest(report=report, documents=registry.documents, as_of=result.as_of,
                                thresholds=settings.status, actuals=actuals, lang=args.lang)
    content = evaluation_docx(request) if args.format == "docx" else evaluation_xlsx(request)
    if path.is_dir():
        year = result.as_of if result.as_of is not None else "latest"
        path = path / safe_file_name(f"evaluation_{args.document}_{year}.{args.format}")
    path.write_bytes(content)
    as_of = result.as_of if result.as_of is not None else "—"
    # In the report's language, as every other line of the run.
    print(_message("written", args.lang, count=len(report), as_of=as_of, path=path), file=sys.stderr)
    return 0


def _check_document(document_id: str, registry: Registry, targets: pd.DataFrame,
                    lang: str) -> None:
    if document_id not in registry.documents:
        raise EvaluationError(_message("unknown_document", lang, id=document_id),
                              hint=_message("known_documents", lang,
                                            ids=", ".join(sorted(registry.documents))))
    if not (targets["document_id"] == document_id).any():
        used = sorted(set(targets["document_id"].astype(str)))
        raise EvaluationError(_message("no_targets", lang, id=document_id),
                              hint=_message("known_documents", lang, ids=", ".join(used)))
