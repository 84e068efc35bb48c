"""Helpers for the store, importer and actuals-CLI tests (not a conftest: import what you need).

A small registry written to a temporary folder, files built in memory, a
store on SQLite or (when TEST_DATABASE_URL is set) on a fresh PostgreSQL
schema per test, and a dump of every table to compare before and after.
"""

from __future__ import annotations

import io
import os
import textwrap
import uuid
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url

from indicators.config import Settings, load_config
from indicators.importing import ParsedUpload, parse_upload
from indicators.registry import Registry, load_registry
from indicators.store import ActualsStore
from indicators.store.schema import metadata

CONFIG = """
regions:
  - {code: CN, name_zh: 全国, name_en: China, aliases: [中国]}
  - {code: CN-CQ, name_zh: 重庆市, name_en: Chongqing, aliases: [重庆]}
registry_path: registry
sample_data: null
upload:
  max_bytes: 200000
  max_rows: 50
  max_columns: 12
  max_sheets: 3
  year_min: 2000
  year_max: 2035
  jump_warning_ratio: 0.5
"""

REGISTRY = """
documents:
  - {id: plan, title_zh: 规划, title_en: Plan, issuer: 国务院, level: national, kind: plan,
     region: CN, period_start: 2021, period_end: 2025}
  - {id: cq_plan, title_zh: 重庆规划, title_en: CQ plan, issuer: 重庆市政府, level: municipal,
     kind: plan, region: CN-CQ, period_start: 2021, period_end: 2025}
indicators:
  - {id: hv_patents, name_zh: 每万人口高价值发明专利拥有量, name_en: High-value patents per 10k,
     unit: 件, category: creation, aliases: [高价值发明专利拥有量]}
  - {id: overseas_patents, name_zh: 海外发明专利授权量, name_en: Overseas patent grants,
     unit: 件, category: international}
  - {id: pledge, name_zh: 知识产权质押融资登记金额, name_en: IP pledge financing, unit: 亿元,
     category: use}
  - {id: ip_share, name_zh: 专利密集型产业增加值占GDP比重, name_en: Patent-intensive share of GDP,
     unit: "%", category: creation}
  - {id: copyrights, name_zh: 作品登记数量, name_en: Copyright registrations, unit: 件,
     category: creation}
targets:
  - {id: plan_hv, indicator: hv_patents, region: CN, document: plan, section: 指标, quote: q,
     line: 1, baseline: {year: 2020, value: 6.3}, target_year: 2025, target_value: 12,
     comparator: ">=", kind: level}
  - {id: cq_hv, indicator: hv_patents, region: CN-CQ, document: cq_plan, section: 指标, quote: q,
     line: 1, baseline: {year: 2020, value: 3.5}, target_year: 2025, target_value: 8,
     comparator: ">=", kind: level}
  - {id: plan_overseas, indicator: overseas_patents, region: CN, document: plan, section: 指标,
     quote: q, line: 2, baseline: {year: 2020, value: 4}, target_year: 2025, target_value: 9,
     unit: 万件, comparator: ">=", kind: level}
  - {id: cq_overseas, indicator: overseas_patents, region: CN-CQ, document: cq_plan, section: 指标,
     quote: q, line: 2, baseline: {year: 2020, value: 300}, target_year: 2025, target_value: 600,
     comparator: ">=", kind: level}
  - {id: plan_pledge, indicator: pledge, region: CN, document: plan, section: 指标, quote: q,
     line: 3, baseline: {year: 2020, value: 2180}, target_year: 2025, target_value: 3200,
     comparator: ">=", kind: level}
  - {id: plan_share, indicator: ip_share, region: CN, document: plan, section: 指标, quote: q,
     line: 4, baseline: {year: 2020, value: 11.6}, target_year: 2025, target_value: 13,
     comparator: ">=", kind: level}
"""


def make_project(folder: Path, config: str = CONFIG, registry: str = REGISTRY) -> tuple[Settings, Registry]:
    (folder / "registry").mkdir(parents=True, exist_ok=True)
    (folder / "config.yaml").write_text(textwrap.dedent(config), encoding="utf-8")
    (folder / "registry" / "main.yaml").write_text(textwrap.dedent(registry), encoding="utf-8")
    settings = load_config(folder / "config.yaml", database_url=f"sqlite:///{folder / 'test.db'}")
    return settings, load_registry(settings)


def csv_bytes(text: str, encoding: str = "utf-8") -> bytes:
    return textwrap.dedent(text).lstrip("\n").encode(encoding)


def xlsx_bytes(sheets: dict[str, list[list[object]]], percent_cells: tuple[str, ...] = ()) -> bytes:
    """A workbook with one sheet per entry; percent_cells like 'Sheet!C2' get a % number format."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
    for reference in percent_cells:
        name, cell = reference.split("!")
        workbook[name][cell].number_format = "0%"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def parse(content: bytes, name: str, project: tuple[Settings, Registry], lang: str = "zh") -> ParsedUpload:
    settings, registry = project
    return parse_upload(content, name, registry, settings, lang=lang)


def codes(issues) -> list[str]:  # noqa: ANN001
    return [issue.code for issue in issues]


def dump_tables(store: ActualsStore) -> dict[str, list[tuple]]:
    """Every row of every table (and Alembic's version), to compare before and after.

    SELECT * rather than the tables of schema.py, so that a store migrated to an
    older revision (fewer columns) can be dumped too.
    """
    dump = {}
    with store.engine.connect() as connection:
        present = set(sa.inspect(connection).get_table_names())
        for table in metadata.sorted_tables:
            if table.name not in present:  # a later revision's table (registry_versions: 0006)
                continue
            order = ", ".join(column.name for column in table.primary_key.columns)
            dump[table.name] = connection.execute(
                sa.text(f"SELECT * FROM {table.name} ORDER BY {order}")).all()
        dump["alembic_version"] = connection.execute(sa.text("SELECT version_num FROM alembic_version")).all()
    return dump


BACKENDS = [
    "sqlite",
    pytest.param("postgresql", marks=[
        pytest.mark.postgres,
        pytest.mark.skipif(not os.environ.get("TEST_DATABASE_URL"),
                           reason="TEST_DATABASE_URL is not set: PostgreSQL variant not run"),
    ]),
]


def open_store(backend: str, folder: Path) -> Iterator[ActualsStore]:
    """A fresh, empty store; on PostgreSQL a new schema that is dropped afterwards."""
    if backend == "sqlite":
        store = ActualsStore("sqlite:///store.db", root=folder)
        yield store
        store.close()
        return
    base = os.environ["TEST_DATABASE_URL"]
    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(make_url(base).set(drivername="postgresql+psycopg"))
    with admin.begin() as connection:
        connection.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    store = ActualsStore(url.render_as_string(hide_password=False), root=folder)
    try:
        yield store
    finally:
        store.close()
        with admin.begin() as connection:
            connection.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
