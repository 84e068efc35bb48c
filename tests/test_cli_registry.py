"""`registry export` / `registry import` and `validate --db`: the database registry as YAML."""

from __future__ import annotations

import datetime as dt
import json

import sqlalchemy as sa

from indicators.cli import main
from indicators.config import load_config
from indicators.service import TrackerService
from indicators.store import ActualsStore
from indicators.store.schema import registry_versions
from tests.conftest import MINI_REGISTRY
from tests.store_fixtures import dump_tables


def db_url(tmp_path, name: str) -> str:
    return f"sqlite:///{tmp_path / name}"


def seed(config, url: str) -> None:
    """What the dashboard's first start does: the folder's registry into the empty database."""
    TrackerService.open(load_config(config, database_url=url)).store.close()


def export(config, url: str, capsys) -> str:
    assert main(["--config", str(config), "registry", "export", "--db", url]) == 0
    return capsys.readouterr().out


def test_export_import_export_gives_the_same_yaml(mini_project, tmp_path, capsys):
    config = mini_project()
    first = db_url(tmp_path, "one.db")
    service = TrackerService.open(load_config(config, database_url=first))
    service.plans.revise_target("plan_pledge", {"target_value": 3300}, "张三", "中期调整")
    service.plans.retire_target("plan_pledge", dt.date(2030, 1, 1), "张三", "2030 年起不再适用")
    service.store.close()
    exported = export(config, first, capsys)
    assert "target_value: 3300.0" in exported and "retired_from: '2030-01-01'" in exported
    (tmp_path / "registry.yaml").write_text(exported, encoding="utf-8")
    second = db_url(tmp_path, "two.db")
    assert main(["--config", str(config), "registry", "import", str(tmp_path / "registry.yaml"),
                 "--reason", "从 git 同步", "--user", "李四", "--db", second, "--lang", "en"]) == 0
    assert "0 added, 1 changed, 2 unchanged" in capsys.readouterr().out
    assert export(config, second, capsys) == exported
    other = TrackerService.open(load_config(config, database_url=second))
    history = other.plans.target_history("plan_pledge")
    assert history[["action", "user", "reason"]].values.tolist()[-1] == ["import", "李四", "从 git 同步"]
    other.store.close()


def test_a_bad_import_is_refused_located_and_changes_nothing(mini_project, tmp_path, capsys):
    config = mini_project()
    url = db_url(tmp_path, "x.db")
    seed(config, url)
    exported = export(config, url, capsys)
    (tmp_path / "bad.yaml").write_text(exported.replace("target_value: 3200.0", "target_value: lots"),
                                       encoding="utf-8")
    store = ActualsStore(url)
    before = dump_tables(store)
    assert main(["--config", str(config), "registry", "import", str(tmp_path / "bad.yaml"),
                 "--reason", "x", "--db", url, "--lang", "en"]) == 2
    assert "plan_pledge.target_value: Input should be a valid number" in capsys.readouterr().err
    assert dump_tables(store) == before
    store.close()


def test_validate_checks_the_database_with_the_folders_messages(mini_project, tmp_path, capsys):
    config = mini_project()
    url = db_url(tmp_path, "v.db")
    seed(config, url)
    assert main(["--config", str(config), "validate", "--db", url]) == 0
    assert capsys.readouterr().out.startswith("通过：1 个规划文件、1 个指标、1 个目标（0 个已停用）")
    store = ActualsStore(url)
    with store.engine.begin() as connection:  # a record no checked change would store
        payload = json.loads(connection.execute(sa.select(registry_versions.c.new).where(
            registry_versions.c.record_id == "plan_pledge")).scalar_one())
        connection.execute(registry_versions.insert().values(
            kind="target", record_id="plan_pledge", action="revise", user_name="x", reason="x",
            at=dt.datetime.now(dt.UTC), new=json.dumps(payload | {"indicator": "nope"})))
    store.close()
    assert main(["--config", str(config), "validate", "--db", url, "--lang", "en"]) == 2
    from_database = capsys.readouterr().err
    folder_config = mini_project(MINI_REGISTRY.replace("indicator: pledge", "indicator: nope"))
    assert main(["--config", str(folder_config), "validate", "--lang", "en"]) == 2
    from_folder = capsys.readouterr().err
    assert "[plan_pledge] .indicator: unknown indicator 'nope'" in from_database
    assert "[plan_pledge] .indicator: unknown indicator 'nope'" in from_folder


def test_validate_db_of_a_missing_database_creates_nothing(mini_project, tmp_path, capsys):
    config = mini_project()
    assert main(["--config", str(config), "validate", "--db", db_url(tmp_path, "none.db")]) == 2
    assert "处没有数据库" in capsys.readouterr().err  # issue 16: a Chinese run
    assert not (tmp_path / "none.db").exists()
