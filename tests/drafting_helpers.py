"""What the drafting rule tests share: a plan text of a head and a sentence, and its findings."""

from __future__ import annotations

from pathlib import Path

from indicators.drafting import find_targets, read_plan_text
from indicators.drafting.records import Finding


def findings_of(tmp_path: Path, head: str, body: str) -> list[Finding]:
    """The extractor's findings in a plan file made of `head` (title, section) and `body`."""
    path = tmp_path / "plan.txt"
    path.write_text(head + body + "\n", encoding="utf-8")
    return find_targets(read_plan_text(path))


def values(findings: list[Finding]) -> list[tuple[float | None, str, str, int | None]]:
    return [(f.value, f.unit, f.comparator, f.year) for f in findings]
