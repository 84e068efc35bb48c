"""CLI glue: `python -m indicators draft PLAN_FILE` writes the drafted targets for review.

    python -m indicators draft plan.docx --region 重庆 --format yaml -o plan.yaml

The CSV (UTF-8 with BOM, also on stdout) is for reading in Excel; the YAML is a
registry file to edit and copy into data/registry/.  A summary goes to stderr.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from pathlib import Path

from indicators.config import Settings
from indicators.drafting.core import draft_targets
from indicators.drafting.output import drafts_to_csv, drafts_to_registry_yaml
from indicators.drafting.records import Draft
from indicators.drafting.text import PlanText, read_plan_text
from indicators.drafting.years import period_of_title
from indicators.errors import TrackerError
from indicators.registry.loader import Registry
from indicators.registry.models import RECORD_ID_PATTERN

TITLE_LINES = 5
MAX_TITLE = 80


def add_commands(subparsers: argparse._SubParsersAction) -> None:
    command = subparsers.add_parser("draft", help="draft a plan's targets from its text, for review")
    command.add_argument("plan_file", type=Path, metavar="PLAN_FILE", help=".txt, .docx or .pdf")
    command.add_argument("--document-id", help="registry id of the plan (default: draft_<file name>)")
    command.add_argument("--region", metavar="CODE_OR_NAME",
                         help="e.g. CN or 重庆 (default: the region the title names, else CN)")
    command.add_argument("--format", choices=("csv", "yaml"), default="csv")
    command.add_argument("-o", "--output", type=Path, help="write to this file instead of stdout")
    command.set_defaults(handler=draft_command)


def draft_command(args: argparse.Namespace, settings: Settings, registry: Registry) -> int:
    plan = read_plan_text(args.plan_file)
    region = _region(args.region, registry)
    drafts = draft_targets(plan, registry, region)
    if args.format == "yaml":
        document_id = args.document_id or default_document_id(plan.path)
        if not re.match(RECORD_ID_PATTERN, document_id):
            raise TrackerError(f"--document-id '{document_id}' is not a registry id",
                               hint="lowercase ASCII letters, digits and _, starting with a letter")
        title = plan_title(plan)
        text = drafts_to_registry_yaml(
            drafts, registry, document_id=document_id, title=title, source=plan.path.name,
            period=period_of_title(title), region=drafts[0].region if drafts else region or "CN")
        content = text.encode("utf-8")
    else:
        content = drafts_to_csv(drafts)
    if args.output:
        args.output.write_bytes(content)
    else:
        sys.stdout.buffer.write(content)
        sys.stdout.flush()
    print(_summary(drafts, plan), file=sys.stderr)
    return 0


def _region(text: str | None, registry: Registry) -> str | None:
    if text is None:
        return None
    region = registry.resolve_region(text)
    if region is None:
        raise TrackerError(f"unknown region '{text}'",
                           hint=f"use one of: {', '.join(registry.regions)}")
    return region


def default_document_id(path: Path) -> str:
    """draft_<ASCII stem>, or draft_<hash> for a Chinese file name."""
    stem = re.sub(r"[^a-z0-9]+", "_", path.stem.lower()).strip("_")
    if not stem or not stem[0].isalpha():
        stem = hashlib.sha1(path.stem.encode()).hexdigest()[:8]
    return f"draft_{stem}"


def plan_title(plan: PlanText) -> str:
    """The first non-blank lines up to the first that ends the title."""
    lines = [line.strip() for line in plan.lines if line.strip()][:TITLE_LINES]
    title = ""
    for line in lines:
        title += line
        if not line.endswith(("的", "和", "与", "及")) or len(title) >= MAX_TITLE:
            break
    return title[:MAX_TITLE] or plan.path.stem


def _summary(drafts: list[Draft], plan: PlanText) -> str:
    if not drafts:
        return f"no targets found in {plan.path} ({plan.line_count} lines read)"
    low = sum(draft.confidence == "low" for draft in drafts)
    return (f"drafted {len(drafts)} target(s) from {plan.path} ({low} of low confidence); "
            "review them before they join the registry")
