"""Registry loader: cross-record checks, located errors, lookups."""

from __future__ import annotations

import pytest

from indicators.config import load_config
from indicators.errors import ConfigError, RegistryError
from indicators.registry import load_registry
from tests.conftest import MINI_REGISTRY


def load(mini_project, registry: str = MINI_REGISTRY):
    return load_registry(load_config(mini_project(registry)))


def problems_of(mini_project, registry: str) -> list:
    with pytest.raises(RegistryError) as info:
        load(mini_project, registry)
    return info.value.problems


def test_mini_registry_loads(mini_project):
    registry = load(mini_project)
    assert list(registry.targets) == ["plan_pledge"]
    assert registry.targets["plan_pledge"].baseline.value == 2180


def test_lookups_by_id_name_alias_and_region_label(mini_project):
    registry = load(mini_project)
    for label in ("pledge", "知识产权质押融资登记金额", "质押融资金额", " 质押融资金额 "):
        assert registry.resolve_indicator(label) == "pledge"
    assert registry.resolve_indicator("不存在") is None
    for label, code in (("CN-CQ", "CN-CQ"), ("重庆市", "CN-CQ"), ("重庆", "CN-CQ"), ("全国", "CN")):
        assert registry.resolve_region(label) == code


def test_unknown_indicator_and_document_are_named(mini_project):
    bad = MINI_REGISTRY.replace("indicator: pledge", "indicator: nope").replace(
        "document: plan\n", "document: nodoc\n"
    )
    found = {(p.record, p.field) for p in problems_of(mini_project, bad)}
    assert ("plan_pledge", "indicator") in found
    assert ("plan_pledge", "document") in found


def test_unknown_region(mini_project):
    bad = MINI_REGISTRY.replace("region: CN\n    document", "region: CN-XX\n    document")
    [problem] = problems_of(mini_project, bad)
    assert (problem.record, problem.field) == ("plan_pledge", "region")
    assert "CN-XX" in problem.message


def test_duplicate_id_names_the_first_file(mini_project, tmp_path):
    load(mini_project)  # writes main.yaml
    duplicate = MINI_REGISTRY.split("indicators:")[0].replace("documents:", "documents:")
    mini_project(duplicate, name="other.yaml")
    with pytest.raises(RegistryError) as info:
        load_registry(load_config(tmp_path / "config.yaml"))
    [problem] = info.value.problems
    assert problem.field == "id" and "duplicate id" in problem.message
    assert "main.yaml" in problem.message and problem.file.endswith("other.yaml")


def test_target_year_before_baseline_names_file_record_field(mini_project):
    bad = MINI_REGISTRY.replace("target_year: 2025", "target_year: 2019")
    [problem] = problems_of(mini_project, bad)
    assert problem.file.endswith("main.yaml")
    assert (problem.record, problem.field) == ("plan_pledge", "target_year")


def test_yaml_syntax_error_reports_its_line(mini_project):
    [problem] = problems_of(mini_project, "targets:\n  - id: x\n    quote: [unclosed\n")
    assert "YAML syntax error at line" in problem.message


def test_every_problem_is_reported_at_once(mini_project):
    bad = (
        MINI_REGISTRY.replace("indicator: pledge", "indicator: nope")
        .replace("target_value: 3200", "target_value: 3200\n    colour: red")
        + "  - id: second\n    indicator: pledge\n"
    )
    problems = problems_of(mini_project, bad)
    assert {p.record for p in problems} == {"plan_pledge", "second"}
    assert len(problems) >= 3


def test_unknown_top_level_section(mini_project):
    [problem] = problems_of(mini_project, MINI_REGISTRY + "extras: []\n")
    assert problem.field == "extras"


def test_alias_clash_between_indicators(mini_project):
    clash = MINI_REGISTRY.replace(
        "targets:",
        "  - {id: other, name_zh: 其他, name_en: Other, unit: 件, category: use,"
        " aliases: [质押融资金额]}\ntargets:",
    )
    [problem] = problems_of(mini_project, clash)
    assert problem.field == "aliases" and "质押融资金额" in problem.message


def test_target_unit_must_be_a_magnitude_of_the_indicator_unit(mini_project):
    bad = MINI_REGISTRY.replace("kind: level", "kind: level\n    unit: 个")
    [problem] = problems_of(mini_project, bad)
    assert (problem.record, problem.field) == ("plan_pledge", "unit")


def test_secondary_of_must_name_a_target(mini_project):
    bad = MINI_REGISTRY.replace("kind: level", "kind: level\n    secondary_of: ghost")
    [problem] = problems_of(mini_project, bad)
    assert problem.field == "secondary_of"


def test_empty_registry_folder(tmp_path):
    (tmp_path / "config.yaml").write_text(
        "regions: [{code: CN, name_zh: 全国, name_en: China}]\nregistry_path: empty\n",
        encoding="utf-8",
    )
    (tmp_path / "empty").mkdir()
    with pytest.raises(RegistryError, match="no \\*.yaml registry files"):
        load_registry(load_config(tmp_path / "config.yaml"))


def test_config_errors_are_located(tmp_path):
    path = tmp_path / "config.yaml"
    path.write_text(
        "regions: [{code: CN, name_zh: 全国, name_en: China}]\n"
        "status: {on_track: 0.5, slightly_behind: 0.6}\nunknown_key: 1\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as info:
        load_config(path)
    fields = {p.field for p in info.value.problems}
    assert "status" in fields and "unknown_key" in fields


def test_config_yaml_syntax_error(tmp_path):
    path = tmp_path / "config.yaml"
    path.write_text("regions: [\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="YAML syntax error at line"):
        load_config(path)


def test_database_url_from_environment(tmp_path, monkeypatch, mini_project):
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://u@127.0.0.1/db")
    assert load_config(mini_project()).database_url == "postgresql+psycopg://u@127.0.0.1/db"


def test_target_table_columns_in_order(mini_project):
    table = load(mini_project).target_table()
    assert list(table.columns[:4]) == ["target_id", "indicator_id", "region", "document_id"]
    row = table.iloc[0]
    assert (row.name_zh, row.unit, row.baseline_value, row.target_value) == (
        "知识产权质押融资登记金额", "亿元", 2180, 3200,
    )
