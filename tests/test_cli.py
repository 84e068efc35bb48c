"""The registry commands of `python -m indicators`."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

from indicators.cli import main
from indicators.config import load_config
from indicators.registry import TARGET_COLUMNS, load_registry
from tests.conftest import MINI_REGISTRY, ROOT


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "indicators", *args],
        cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=120,
    )


def test_validate_is_clean_on_the_real_registry():
    result = run_cli("validate")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("通过：9 个规划文件")  # issue 16: a Chinese run


def test_targets_csv_covers_every_target():
    result = run_cli("targets", "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0].keys())[: len(TARGET_COLUMNS)] == TARGET_COLUMNS
    expected = set(load_registry(load_config()).targets)
    assert {row["target_id"] for row in rows} == expected
    assert len(rows) == len(expected)


def test_values_are_in_the_unit_as_written(mini_project, capsys):
    config = mini_project(MINI_REGISTRY.replace("kind: level", "kind: level\n    unit: 万亿元"))
    assert main(["--config", str(config), "targets", "--format", "csv"]) == 0
    [row] = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert (row["unit"], row["baseline_value"], row["target_value"]) == ("万亿元", "2180", "3200")
    assert (row["target_low"], row["baseline_year"], row["verified"]) == ("", "2020", "True")


def test_targets_json_and_table(mini_project, capsys):
    config = str(mini_project())
    assert main(["--config", config, "targets", "--format", "json"]) == 0
    [record] = json.loads(capsys.readouterr().out)
    assert record["target_id"] == "plan_pledge"
    assert main(["--config", config, "targets", "--format", "table"]) == 0
    assert "plan_pledge" in capsys.readouterr().out


def test_validate_fails_with_located_errors(mini_project, capsys):
    config = mini_project(MINI_REGISTRY.replace("indicator: pledge", "indicator: nope"))
    assert main(["--config", str(config), "validate", "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "main.yaml [plan_pledge] .indicator: unknown indicator 'nope'" in err
