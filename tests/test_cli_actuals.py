"""The actuals commands: import, actuals, uploads, revert, template."""

from __future__ import annotations

import argparse
import io
from pathlib import Path

import pandas as pd
import pytest

from indicators.cli import actuals as cli_actuals
from indicators.cli import main
from indicators.config import load_config
from indicators.importing import check_against_stored, parse_upload
from indicators.registry import load_registry
from indicators.store import ActualsStore
from tests.store_fixtures import csv_bytes, dump_tables, make_project

GOOD = """
指标,地区,年份,数值,备注
hv_patents,CN,2021,7.5,=HYPERLINK("x")
pledge,全国,2021,2300,
"""
BAD = """
指标,地区,年份,数值
hv_patents,CN,2021,abc
nonsense,CN,2021,3
"""


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'cli.db'}"


def write(tmp_path: Path, text: str, name: str = "data.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(csv_bytes(text, encoding))
    return path


def run(handler_name: str, project, **arguments) -> int:  # noqa: ANN001
    settings, registry = project
    defaults = {"db": None, "user": "tester", "lang": None, "dry_run": False, "format": "csv",
                "output": None}
    args = argparse.Namespace(**{**defaults, **arguments})
    return getattr(cli_actuals, handler_name)(args, settings, registry)


def test_parser_wiring() -> None:
    parser = argparse.ArgumentParser()
    cli_actuals.add_commands(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["import", "x.xlsx", "--db", "sqlite://", "--dry-run", "--user", "王芳"])
    assert (args.handler, args.file, args.db, args.dry_run, args.user) == (
        cli_actuals.import_command, Path("x.xlsx"), "sqlite://", True, "王芳")
    assert parser.parse_args(["actuals", "--format", "csv"]).handler is cli_actuals.actuals_command
    assert parser.parse_args(["uploads"]).handler is cli_actuals.uploads_command
    revert = parser.parse_args(["revert", "3", "--user", "李雷"])
    assert (revert.handler, revert.upload_id, revert.user) == (cli_actuals.revert_command, 3, "李雷")
    template = parser.parse_args(["template", "--format", "csv", "-o", "t.csv"])
    assert (template.handler, template.format, template.output) == (
        cli_actuals.template_command, "csv", Path("t.csv"))
    with pytest.raises(SystemExit):
        parser.parse_args(["template", "--format", "pdf", "-o", "t.pdf"])


def test_import_then_list_and_export(project, db: str, tmp_path: Path, capsys) -> None:
    path = write(tmp_path, GOOD, encoding="gbk")
    assert run("import_command", project, file=path, db=db) == 0
    assert capsys.readouterr().out.strip() == "第 1 次上传：新增 2 行，修改 0 行，未变 0 行"
    assert run("actuals_command", project, db=db) == 0
    exported = capsys.readouterr().out
    assert exported.splitlines() == [
        # where each value was published comes last (none given in this file)
        "indicator_id,region,year,value,note,upload_id,source,url,published,quote",
        "hv_patents,CN,2021,7.5,\"'=HYPERLINK(\"\"x\"\")\",1,,,,",
        "pledge,CN,2021,2300.0,,1,,,,",
    ]
    assert run("uploads_command", project, db=db, format="csv") == 0
    listed = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert listed[["id", "kind", "user", "file_name", "added"]].values.tolist() == [
        [1, "upload", "tester", "data.csv", 2]]


def test_actuals_to_a_file_has_a_bom(project, db: str, tmp_path: Path) -> None:
    run("import_command", project, file=write(tmp_path, GOOD), db=db)
    target = tmp_path / "out.csv"
    assert run("actuals_command", project, db=db, output=target) == 0
    content = target.read_bytes()
    assert content.startswith(b"\xef\xbb\xbf")
    assert content.decode("utf-8-sig").splitlines()[0] == (
        "indicator_id,region,year,value,note,upload_id,source,url,published,quote")


def test_dry_run_stores_nothing(project, db: str, tmp_path: Path, capsys) -> None:
    assert run("import_command", project, file=write(tmp_path, GOOD), db=db, dry_run=True, lang="en") == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "dry run, nothing stored: 2 added, 0 changed, 0 unchanged"
    assert "hv_patents" in out
    assert ActualsStore(db).is_empty()


def test_failing_import_reports_every_error_and_changes_nothing(project, db: str, tmp_path: Path, capsys) -> None:
    run("import_command", project, file=write(tmp_path, GOOD), db=db)
    before = dump_tables(ActualsStore(db))
    capsys.readouterr()
    assert run("import_command", project, file=write(tmp_path, BAD, "bad.csv"), db=db) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("错误: 工作表「bad.csv」 第 2 行 D 列（数值）：「abc」不是数字")
    assert err[1].startswith("错误: 工作表「bad.csv」 第 3 行 A 列（指标）：未知指标「nonsense」")
    assert err[2] == "2 个错误，未保存任何数据"
    assert dump_tables(ActualsStore(db)) == before


def test_revert_command(project, db: str, tmp_path: Path, capsys) -> None:
    run("import_command", project, file=write(tmp_path, GOOD), db=db)
    capsys.readouterr()
    assert run("revert_command", project, upload_id=1, db=db) == 0
    assert capsys.readouterr().out.strip() == (  # issue 16: config.yaml's language, Chinese
        "已撤销第 1 次上传（记为第 2 次）：修改 0 行，删除 2 行，恢复 0 行，未变 0 行")
    assert ActualsStore(db).current_actuals().empty


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_template_command_writes_an_importable_template(project, tmp_path: Path, file_format: str) -> None:
    target = tmp_path / f"template.{file_format}"
    assert run("template_command", project, format=file_format, output=target, lang="zh") == 0
    settings, registry = project
    parsed = parse_upload(target.read_bytes(), target.name, registry, settings)
    assert [issue.code for issue in parsed.errors] == ["no_values"]  # nothing filled in yet


def test_through_the_project_cli(tmp_path: Path, capsys) -> None:
    make_project(tmp_path)
    config = str(tmp_path / "config.yaml")
    db = f"sqlite:///{tmp_path / 'main.db'}"
    path = write(tmp_path, GOOD)
    assert main(["--config", config, "import", str(path), "--db", db, "--user", "王芳"]) == 0
    assert main(["--config", config, "revert", "1", "--db", db]) == 0
    capsys.readouterr()
    assert main(["--config", config, "revert", "1", "--db", db]) == 2
    assert "已被第 2 次撤销" in capsys.readouterr().err  # issue 16: a Chinese run
    assert main(["--config", config, "import", str(tmp_path / "missing.csv"), "--db", db]) == 2


def test_shipped_sample_passes_the_real_registry() -> None:
    settings = load_config()
    registry = load_registry(settings)
    path = settings.resolve("data/sample/sample_actuals.csv")  # config.yaml leaves it off
    parsed = parse_upload(path.read_bytes(), path.name, registry, settings)
    stale = "the registry changed: run .venv/bin/python data/sample/make_sample.py"
    assert parsed.ok, [str(error) for error in parsed.errors[:5]] + [stale]
    assert parsed.warnings == [], stale
    assert check_against_stored(parsed, parsed.rows.iloc[0:0].assign(upload_id=0)) == []
    # every series with a target has values, except the deliberate few without data
    series = {(t.indicator, t.region) for t in registry.targets.values()}
    covered = set(zip(parsed.rows["indicator_id"], parsed.rows["region"], strict=True))
    assert covered <= series, stale
    assert len(series - covered) == len(series) // 11, stale
