"""Draft a plan's quantified targets from its text (issue 12).

This package owns reading plan files (.txt in UTF-8 or GBK/GB18030, .docx,
.pdf with a text layer), finding the targets the text sets (sentences,
indicator-table rows, 专栏 lists, simplified or traditional characters),
drafting a target the plan states twice once (repeats.py), matching them to
registry indicators, and writing them for review: a CSV for
Excel and YAML in the registry's schema.  It never writes to the registry;
a reviewer does, then runs `python -m indicators validate`.

Public names:
    read_plan_text(path) -> PlanText        numbered lines; PlanTextError if unreadable
    plan_text_from_bytes(name, content)     the same for an uploaded file's bytes
    draft_targets(plan, registry, region)   -> list[Draft]
    Draft                                   one drafted target (frozen pydantic model)
    drafts_to_csv(drafts) -> bytes          UTF-8 with BOM, formula-escaped
    drafts_to_registry_yaml(drafts, ...)    -> str, a registry file for review
    PlanTextError                           a TrackerError naming the file and why
"""

from indicators.drafting.core import draft_targets, find_targets
from indicators.drafting.errors import PlanTextError
from indicators.drafting.output import drafts_to_csv, drafts_to_registry_yaml
from indicators.drafting.records import DRAFT_COLUMNS, Draft
from indicators.drafting.text import PlanText, plan_text_from_bytes, read_plan_text

__all__ = [
    "DRAFT_COLUMNS", "Draft", "PlanText", "PlanTextError", "draft_targets", "drafts_to_csv",
    "drafts_to_registry_yaml", "find_targets", "plan_text_from_bytes", "read_plan_text",
]
