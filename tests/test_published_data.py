"""The published figures in data/published/: every row checked, and loaded on first run."""

from __future__ import annotations

import csv
import re
from pathlib import Path
from urllib.parse import urlsplit

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
ROWS = 53
# Government sites whose pages count as the official release (reported, not required: most
# figures are only found on reprints, see the README). Cases below.
OFFICIAL_SUFFIXES = (".gov.cn",)
OFFICIAL_CASES = [
    ("https://english.cnipa.gov.cn/jianbao/year2022/f/f2.html", True),
    ("https://cqrd.gov.cn/site/article/1/web/content_1.html", True),
    ("http://www.stats.gov.cn/sj/zxfb/", True),
    ("https://www.gov.cn/", True),
    ("https://economy.gmw.cn/2025-04/24/content_37987981.htm", False),  # official media, not a government site
    ("http://gov.cn.example.com/x", False),
    ("http://notgov.cn/x", False),
]
# Notes are shown as 备注 on the Chinese detail page: written in Chinese. English may appear only
# inside a quotation (“…”) or a web address; three English words in a row outside them fail.
ENGLISH_RUN = re.compile(r"[A-Za-z']+(?:,?\s+[A-Za-z']+){2,}")
QUOTED_OR_URL = re.compile(r"“[^”]*”|https?://\S+")


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
    assert len(rows) == ROWS and len(set(keys)) == len(keys)
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
    assert len(parsed.rows) == ROWS and parsed.has_sources
    assert (parsed.rows["source"] != "").all() and (parsed.rows["url"] != "").all()
    assert parsed.rows["year"].between(settings.upload.year_min, settings.upload.year_max).all()
    # Each 备注 is stored as written (the importer NFKC-normalises notes: no "……" or full-width forms).
    stored = {(r.indicator_id, r.region, r.year): r.note for r in parsed.rows.itertuples()}
    assert stored == {(r["indicator_id"], r["region"], int(r["year"])): r["note"] for r in package_rows()}


def is_official(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return any(host.endswith(suffix) or host == suffix[1:] for suffix in OFFICIAL_SUFFIXES)


@pytest.mark.parametrize(("url", "official"), OFFICIAL_CASES)
def test_official_domain_cases(url, official):
    assert is_official(url) is official


def test_official_pages_are_reported(capsys):
    rows = package_rows()
    official = [row for row in rows if is_official(row["url"])]
    others = sorted({urlsplit(row["url"]).hostname or "" for row in rows if not is_official(row["url"])})
    with capsys.disabled():
        print(f"\npublished package: {len(official)} of {len(rows)} rows on a government site;"
              f" the others on {len(others)} reprint or media sites: {', '.join(others)}")
    # Reported, not enforced; but a replaced official page must not silently turn back into a reprint.
    assert len(official) >= 7


@pytest.mark.parametrize("row", package_rows(), ids=lambda row: f"{row['indicator_id']}-{row['region']}-{row['year']}")
def test_notes_are_in_chinese(row):
    outside = QUOTED_OR_URL.sub(" ", row["note"])
    assert ENGLISH_RUN.search(outside) is None, ENGLISH_RUN.search(outside)
    assert not row["note"] or re.search(r"[\u4e00-\u9fff]", row["note"])


def test_first_run_loads_the_published_figures_not_the_sample(tmp_path):
    settings = load_config(database_url=f"sqlite:///{tmp_path / 'first.db'}")
    assert settings.sample_data is None and settings.published_data
    service = TrackerService.open(settings)
    assert service.loaded_published and not service.loaded_sample
    [upload] = service.store.uploads().to_dict("records")
    assert (upload["id"], upload["user"], upload["file_name"], upload["is_sample"],
            upload["rows_total"]) == (1, PUBLISHED_USER, "published_actuals.csv", False, ROWS)
    actuals = service.actuals()
    assert len(actuals) == ROWS and (actuals["source"] != "").all()
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
