"""The published figures in data/published/: every row checked, and loaded on first run."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from indicators.config import load_config
from indicators.importing import parse_upload
from indicators.importing.sources import published_date, url_problem
from indicators.registry import load_registry, unit_factor
from indicators.service import ReportFilter, TrackerService
from indicators.store import PUBLISHED_USER, SAMPLE_USER
from layouts.pages import shell

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "data" / "published" / "published_actuals.csv"
HEADER = ["indicator_id", "region", "year", "value", "unit", "source", "url", "published", "quote", "note"]
FIRST_YEAR = 2019


def package_rows() -> list[dict[str, str]]:
    with PACKAGE.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def registry():
    return load_registry(load_config())


def test_package_header_and_no_duplicates():
    with PACKAGE.open(encoding="utf-8-sig", newline="") as handle:
        assert next(csv.reader(handle)) == HEADER
    rows = package_rows()
    keys = [(row["indicator_id"], row["region"], row["year"]) for row in rows]
    assert len(rows) == 43 and len(set(keys)) == len(keys)
    assert PACKAGE.read_bytes().startswith(b"\xef\xbb\xbf")


@pytest.mark.parametrize("row", package_rows(), ids=lambda row: f"{row['indicator_id']}-{row['region']}-{row['year']}")
def test_every_row_of_the_package(row, registry):
    indicator = registry.indicators.get(row["indicator_id"])
    assert indicator is not None, "unknown indicator"
    assert row["region"] in registry.regions
    assert row["value"] in row["quote"], "the quote must print the value literally"
    float(row["value"])
    assert row["unit"] == indicator.unit or unit_factor(row["unit"], indicator.unit) > 0
    year = int(row["year"])
    assert year >= FIRST_YEAR
    if row["published"]:
        assert published_date(row["published"]) == row["published"]
        assert int(row["published"][:4]) > year, "a year's figure is released after the year"
    assert row["source"].strip() and url_problem(row["url"]) is None
    assert registry.targets_of(row["indicator_id"], row["region"]), "a series the dashboard assesses"


def test_the_importer_accepts_the_whole_package(registry):
    settings = load_config()
    parsed = parse_upload(PACKAGE.read_bytes(), PACKAGE.name, registry, settings)
    assert parsed.ok, [str(error) for error in parsed.errors]
    assert len(parsed.rows) == 43 and parsed.has_sources
    assert (parsed.rows["source"] != "").all() and (parsed.rows["url"] != "").all()
    assert parsed.rows["year"].between(settings.upload.year_min, settings.upload.year_max).all()


def test_first_run_loads_the_published_figures_not_the_sample(tmp_path):
    settings = load_config(database_url=f"sqlite:///{tmp_path / 'first.db'}")
    assert settings.sample_data is None and settings.published_data
    service = TrackerService.open(settings)
    assert service.loaded_published and not service.loaded_sample
    [upload] = service.store.uploads().to_dict("records")
    assert (upload["id"], upload["user"], upload["file_name"], upload["is_sample"],
            upload["rows_total"]) == (1, PUBLISHED_USER, "published_actuals.csv", False, 43)
    actuals = service.actuals()
    assert len(actuals) == 43 and (actuals["source"] != "").all()
    assert not service.sample_in_use() and shell.sample_banner(service, "zh") == []
    statuses = set(service.report().report["status"].astype(str))
    assert statuses - {"no_data", "not_assessable"}, "real statuses, not only 'no data'"
    # Opening again loads nothing more.
    assert not TrackerService.open(settings).loaded_published
    assert len(service.store.uploads()) == 1


def test_the_sample_is_still_there_for_demonstrations(tmp_path):
    # A sample of its own: whether the shipped one passes is test_cli_actuals' concern.
    sample = tmp_path / "sample.csv"
    sample.write_text("指标,地区,年份,数值\nhv_invention_patents_per_10k,CN,2023,11\n", encoding="utf-8")
    settings = load_config(database_url=f"sqlite:///{tmp_path / 'demo.db'}", sample_data=str(sample))
    service = TrackerService.open(settings)
    assert service.loaded_sample and not service.loaded_published
    [upload] = service.store.uploads().to_dict("records")
    assert (upload["user"], upload["is_sample"]) == (SAMPLE_USER, True)
    assert "示例数据" in str(shell.sample_banner(service, "zh"))


def test_no_first_run_data_starts_empty(tmp_path):
    settings = load_config(database_url=f"sqlite:///{tmp_path / 'empty.db'}", published_data=None)
    service = TrackerService.open(settings)
    assert service.store.is_empty() and not service.loaded_published


def test_the_overview_names_the_national_series_with_a_figure_due(tmp_path):
    service = TrackerService.open(load_config(database_url=f"sqlite:///{tmp_path / 'due.db'}"))
    due = service.expected_releases(ReportFilter(), year=2026).set_index("indicator_id")
    # pledge financing: latest stored 2023 (8539.9 亿元), so the 2024 figure is overdue in 2026
    assert (due.loc["ip_pledge_financing_amount", ["latest_year", "latest_value", "expected_year"]]
            .tolist() == [2023, 8539.9, 2024])
    assert "hv_invention_patents_per_10k" not in due.index  # 2025 is stored; 2026 is not yet due
    assert set(due["region"]) == {"CN"}
