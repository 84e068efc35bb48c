"""Fixtures shared by the whole suite."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from indicators.config import Settings, load_config
from tests.store_fixtures import BACKENDS, make_project, open_store

ROOT = Path(__file__).resolve().parent.parent
SEED_DIR = ROOT.parent / "shared" / "seeds"
SEED_FILE = SEED_DIR / "000_fbd8e79e8c82c248.txt"

MINI_CONFIG = """
regions:
  - {code: CN, name_zh: 全国, name_en: China, aliases: [中国]}
  - {code: CN-CQ, name_zh: 重庆市, name_en: Chongqing, aliases: [重庆]}
registry_path: registry
sample_data: null
"""

MINI_REGISTRY = """
documents:
  - id: plan
    title_zh: 规划
    title_en: Plan
    issuer: 国务院
    level: national
    kind: plan
    region: CN
    period_start: 2021
    period_end: 2025
indicators:
  - id: pledge
    name_zh: 知识产权质押融资登记金额
    name_en: IP pledge financing
    unit: 亿元
    category: use
    aliases: [质押融资金额]
targets:
  - id: plan_pledge
    indicator: pledge
    region: CN
    document: plan
    section: 主要指标
    quote: 知识产权质押融资登记金额 2180 3200
    line: 10
    baseline: {year: 2020, value: 2180}
    target_year: 2025
    target_value: 3200
    comparator: ">="
    kind: level
"""


@pytest.fixture
def seed_text() -> str:
    if not SEED_FILE.exists():
        pytest.skip(f"seed documents not found at {SEED_FILE} (../shared/seeds is absent)")
    return SEED_FILE.read_text(encoding="utf-8")


@pytest.fixture
def real_settings(tmp_path: Path) -> Settings:
    """The project's config.yaml and registry, with a throw-away database."""
    return load_config(database_url=f"sqlite:///{tmp_path / 'tracker.db'}")


@pytest.fixture
def mini_project(tmp_path: Path):
    """Write a small config + registry; returns a function to add or replace files."""

    def write(registry: str = MINI_REGISTRY, config: str = MINI_CONFIG, name: str = "main.yaml") -> Path:
        (tmp_path / "registry").mkdir(exist_ok=True)
        (tmp_path / "config.yaml").write_text(textwrap.dedent(config), encoding="utf-8")
        (tmp_path / "registry" / name).write_text(textwrap.dedent(registry), encoding="utf-8")
        return tmp_path / "config.yaml"

    return write


# The storage tests' two fixtures; a test module may define its own instead.
@pytest.fixture
def project(tmp_path: Path):
    """(Settings, Registry) of the small storage project in tests/store_fixtures.py."""
    return make_project(tmp_path)


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path: Path):
    """A fresh, empty store on SQLite, and on PostgreSQL when TEST_DATABASE_URL is set."""
    yield from open_store(request.param, tmp_path)
