"""CSV and registry YAML of drafts, and the `draft` command end to end."""

from __future__ import annotations

import argparse
import csv
import importlib
import io
import shutil
from pathlib import Path

import pytest
import yaml

from indicators.config import load_config
from indicators.drafting import DRAFT_COLUMNS, draft_targets, drafts_to_csv, read_plan_text
from indicators.drafting.command import add_commands, default_document_id, draft_command
from indicators.drafting.matching import IndicatorMatcher, propose_id
from indicators.registry.loader import Registry, load_registry

ROOT = Path(__file__).resolve().parent.parent
PLAN = """重庆市知识产权工作方案（2024—2026年）
一、主要目标
到2026年，全市每万人口高价值发明专利拥有量由2023年的5.1件提高到8件，知识产权质押融资登记金额突破200亿元。
新建知识产权保护工作站30个以上，培育3家至5家国家知识产权示范企业，实现规模以上工业企业贯标全覆盖。
=示范园区达到3个。
"""


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry(load_config(None))


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    path = tmp_path / "cq_plan.txt"
    path.write_text(PLAN, encoding="utf-8")
    return path


def run(registry: Registry, *argv: str) -> int:
    parser = argparse.ArgumentParser()
    add_commands(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["draft", *argv])
    return args.handler(args, load_config(None), registry)


def test_csv_is_excel_ready(registry: Registry, plan_file: Path) -> None:
    content = drafts_to_csv(draft_targets(read_plan_text(plan_file), registry))
    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    assert tuple(rows[0]) == DRAFT_COLUMNS
    first = rows[0]
    assert (first["name_zh"], first["target_value"], first["baseline_value"]) == (
        "全市每万人口高价值发明专利拥有量", "8", "5.1")
    # The new plan's figure joins the series that already has data.
    assert first["indicator_id"] == "hv_invention_patents_per_10k"
    assert first["region"] == "CN-CQ"
    formula = [row for row in rows if row["quote"].startswith("'=")]
    assert formula and formula[0]["name_zh"].startswith("'=")


def test_yaml_validates_in_the_registry(registry: Registry, plan_file: Path,
                                        tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(ROOT / "data" / "registry", project / "data" / "registry")
    shutil.copy(ROOT / "config.yaml", project / "config.yaml")
    out = project / "data" / "registry" / "drafted.yaml"
    assert run(registry, str(plan_file), "--format", "yaml", "--document-id", "cq_work_2024",
               "-o", str(out)) == 0
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert [doc["id"] for doc in data["documents"]] == ["cq_work_2024"]
    assert all(target["verified"] is False for target in data["targets"])
    assert "TO BE REVIEWED" in out.read_text(encoding="utf-8")
    merged = load_registry(load_config(project / "config.yaml"))
    assert len(merged.targets) == len(registry.targets) + len(data["targets"])
    assert merged.targets["cq_work_2024_hv_invention_patents_per_10k_2026"].baseline.value == 5.1


def test_command_writes_csv_and_reports_on_stderr(registry: Registry, plan_file: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert run(registry, str(plan_file), "--region", "重庆") == 0
    captured = capsys.readouterr()
    assert "drafted 6 target(s)" in captured.err


def test_no_targets_exits_zero_and_says_so(registry: Registry, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "notice.txt"
    path.write_text("关于召开会议的通知\n请各单位按时参加。\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    assert run(registry, str(path), "-o", str(out)) == 0
    assert "no targets found" in capsys.readouterr().err
    assert out.read_bytes().decode("utf-8-sig").strip() == ",".join(DRAFT_COLUMNS)


def test_cli_unreadable_file_is_one_line_and_non_zero(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    cli = importlib.import_module("indicators.cli.main")
    if "indicators.drafting.command" not in cli.COMMAND_MODULES:  # until the command is wired
        monkeypatch.setattr(cli, "COMMAND_MODULES",
                            (*cli.COMMAND_MODULES, "indicators.drafting.command"))
    missing = tmp_path / "missing.pdf"
    assert cli.main(["draft", str(missing)]) != 0
    err = capsys.readouterr().err.strip()
    assert str(missing) in err and "no such file" in err and "\n" not in err


def test_unknown_region_is_an_error(registry: Registry, plan_file: Path) -> None:
    with pytest.raises(Exception, match="unknown region"):
        run(registry, str(plan_file), "--region", "火星")


def test_ids(registry: Registry) -> None:
    assert default_document_id(Path("重庆规划.txt")).startswith("draft_")
    assert default_document_id(Path("Plan 2024.docx")) == "draft_plan_2024"
    assert propose_id("知识产权保护工作站", "个") == propose_id("知识产权保护工作站", "个")
    matcher = IndicatorMatcher(registry)
    assert matcher.existing("全国执业专利代理师", "万人") == "licensed_patent_attorneys"
    assert matcher.existing("执业专利代理师", "%") is None  # unit does not fit


def test_draft_command_is_the_handler() -> None:
    parser = argparse.ArgumentParser()
    add_commands(parser.add_subparsers(dest="command"))
    assert parser.parse_args(["draft", "x.txt"]).handler is draft_command
