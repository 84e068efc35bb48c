"""Hostile files are refused before they cost memory, run anything or read local files."""

from __future__ import annotations

import io
import tracemalloc
import zipfile
from pathlib import Path

import openpyxl
import pytest

from indicators.importing import xlsx as importer_xlsx
from indicators.importing import zipcheck as importer_zip
from indicators.importing.sheet import HEADER_SEARCH_ROWS
from tests.hostile_files import (
    HEADER_ROW,
    SHEET_PART,
    honest_workbook,
    inline_row,
    rebuild,
    with_declared_size,
    with_zeros_part,
    workbook_with_rows,
)
from tests.store_fixtures import CONFIG, codes, csv_bytes, make_project, parse, xlsx_bytes

MIB = 1024 * 1024
SECRET = "TOP-SECRET-7f3a"


@pytest.fixture
def cells_read(monkeypatch):  # noqa: ANN001, ANN201
    """How many xlsx cells the reader looked at."""
    calls = []
    original = importer_xlsx._cell_value

    def counting(cell):  # noqa: ANN001, ANN202
        calls.append(1)
        return original(cell)

    monkeypatch.setattr(importer_xlsx, "_cell_value", counting)
    return lambda: len(calls)


def parse_measured(content: bytes, name: str, project) -> tuple[object, int]:  # noqa: ANN001
    """The parse result and the peak memory Python allocated while parsing."""
    tracemalloc.start()
    try:
        parsed = parse(content, name, project)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return parsed, peak


def test_the_honest_workbook_imports(project) -> None:
    parsed = parse(honest_workbook(), "a.xlsx", project)
    assert parsed.ok and parsed.rows["value"].tolist() == [2300.0]


class TestZipBomb:
    def test_part_inflating_past_the_default_budget_is_refused_unread(self, project) -> None:
        bomb = with_zeros_part(honest_workbook(), "xl/media/image1.png", 150 * MIB)
        assert len(bomb) < 200_000  # 150 MiB of parts in a file of a few hundred kB
        parsed, peak = parse_measured(bomb, "a.xlsx", project)
        assert codes(parsed.errors) == ["zip_bomb"]
        assert "解压后过大" in parsed.errors[0].message and "100.0 MiB" in parsed.errors[0].message
        assert peak < 5 * MIB

    def test_budget_comes_from_config(self, tmp_path: Path) -> None:
        small = make_project(tmp_path, CONFIG.replace("max_sheets: 3", "max_sheets: 3\n  max_unzipped_bytes: 100000"))
        padded = with_zeros_part(honest_workbook(), "docProps/custom.xml", 200_000)
        assert codes(parse(padded, "a.xlsx", small).errors) == ["zip_bomb"]

    def test_one_part_deflated_a_thousandfold_is_refused_within_the_budget(self, project) -> None:
        bomb = with_zeros_part(honest_workbook(), "xl/media/image1.png", 20 * MIB)
        parsed = parse(bomb, "a.xlsx", project)
        assert codes(parsed.errors) == ["zip_ratio"]
        assert parsed.errors[0].message == (
            "工作簿中的「xl/media/image1.png」解压后为 20.0 MiB，超过压缩大小的 100 倍，可能是压缩炸弹，已拒绝")

    def test_part_that_lies_about_its_size_is_not_inflated_past_it(self, project) -> None:
        # The directory says 1 kB; the data inflates to 50 MiB.  zipfile stops at
        # the declared size and the CRC check fails: refused, never inflated.
        bomb = with_declared_size(with_zeros_part(honest_workbook(), "xl/x.bin", 50 * MIB),
                                  "xl/x.bin", 1000)
        parsed, peak = parse_measured(bomb, "a.xlsx", project)
        assert codes(parsed.errors) == ["unreadable_xlsx"] and "BadZipFile" in parsed.errors[0].message
        assert peak < 5 * MIB

    def test_nested_workbook_counts_towards_the_budget(self, project) -> None:
        # The embedded workbook is small as a file; its parts pass the budget.
        inner = with_zeros_part(honest_workbook(), "xl/media/image1.png", 150_000)
        nested = rebuild(honest_workbook(), add={"xl/embeddings/Workbook1.xlsx": inner})
        assert len(nested) < 50_000
        small = make_project_with(project, max_unzipped_bytes=120_000)
        assert codes(parse(nested, "a.xlsx", small).errors) == ["zip_bomb"]
        assert parse(nested, "a.xlsx", project).ok

    def test_workbooks_nested_three_deep_are_refused(self, project) -> None:
        content = honest_workbook()
        for depth in range(3):
            content = rebuild(honest_workbook(), add={f"xl/embeddings/level{depth}.xlsx": content})
        assert codes(parse(content, "a.xlsx", project).errors) == ["zip_nesting"]

    def test_thousands_of_parts_are_refused(self, project) -> None:
        many = rebuild(honest_workbook(), add={f"xl/media/p{i}.bin": b"" for i in range(1001)})
        assert codes(parse(many, "a.xlsx", project).errors) == ["zip_parts"]

    def test_embedded_workbook_within_the_budget_is_fine(self, project) -> None:
        nested = rebuild(honest_workbook(), add={"xl/embeddings/Workbook1.xlsx": honest_workbook()})
        assert parse(nested, "a.xlsx", project).ok


class TestMacros:
    @pytest.mark.parametrize("suffix", [".xlsm", ".XLSM", ".xltm", ".xlam"])
    def test_macro_workbook_is_refused_by_name(self, project, suffix: str) -> None:
        parsed = parse(honest_workbook(), f"数据{suffix}", project)
        assert codes(parsed.errors) == ["macro_workbook"]
        message = parsed.errors[0].message
        assert "含宏" in message and "不会运行" in message and "*.xlsx" in message

    @pytest.mark.parametrize("part", ["xl/vbaProject.bin", "xl/macrosheets/sheet1.xml"])
    def test_xlsx_that_carries_macros_is_refused(self, project, part: str) -> None:
        content = rebuild(honest_workbook(), add={part: b"Attribute VB_Name = \"Module1\""})
        parsed = parse(content, "a.xlsx", project)
        assert codes(parsed.errors) == ["macro_content"]
        assert part in parsed.errors[0].message and "宏" in parsed.errors[0].message

    def test_macro_enabled_content_type_is_refused(self, project) -> None:
        with zipfile.ZipFile(io.BytesIO(honest_workbook())) as archive:
            types = archive.read("[Content_Types].xml").replace(
                b"sheet.main+xml", b"sheet.macroEnabled.main+xml")
        content = rebuild(honest_workbook(), replace={"[Content_Types].xml": types})
        assert codes(parse(content, "a.xlsx", project).errors) == ["macro_content"]


class TestXmlEntities:
    @pytest.fixture
    def secret_file(self, tmp_path: Path) -> Path:
        path = tmp_path / "secret.txt"
        path.write_text(SECRET, encoding="utf-8")
        return path

    def xxe_workbook(self, secret_file: Path) -> bytes:
        prolog = f'<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "{secret_file.as_uri()}">]>'
        data_row = inline_row(2, {"A": "pledge", "B": "CN", "C": 2021, "D": "&xxe;"})
        return workbook_with_rows(HEADER_ROW + data_row, prolog)

    def test_external_entity_is_refused_and_leaks_nothing(self, project, secret_file: Path) -> None:
        parsed = parse(self.xxe_workbook(secret_file), "a.xlsx", project)
        assert codes(parsed.errors) == ["xml_doctype"]
        assert SECRET not in repr(parsed.rows.to_dict()) + repr(parsed.errors + parsed.warnings)

    def test_openpyxl_parses_with_defusedxml(self, project, secret_file: Path, monkeypatch) -> None:
        """Second line: with our DTD check switched off, the entity is still not resolved."""
        assert openpyxl.DEFUSEDXML, "defusedxml is not installed (requirements.txt pins it)"
        monkeypatch.setattr(importer_zip, "refuse_doctype", lambda name, data: None)
        parsed = parse(self.xxe_workbook(secret_file), "a.xlsx", project)
        assert codes(parsed.errors) == ["unreadable_xlsx"]
        assert SECRET not in repr(parsed.rows.to_dict()) + repr(parsed.errors + parsed.warnings)

    def test_billion_laughs_in_shared_strings_is_refused(self, project) -> None:
        laughs = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
        prolog = f'<!DOCTYPE sst [<!ENTITY l0 "lol">{laughs}]>'
        strings = f'<?xml version="1.0"?>{prolog}<sst xmlns="x"><si><t>&l9;</t></si></sst>'
        content = rebuild(honest_workbook(), add={"xl/sharedStrings.xml": strings.encode()})
        assert codes(parse(content, "a.xlsx", project).errors) == ["xml_doctype"]

    def test_svg_image_with_a_doctype_is_fine(self, project) -> None:
        svg = b'<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x.dtd"><svg/>'
        content = rebuild(honest_workbook(), add={"xl/media/image1.svg": svg})
        assert parse(content, "a.xlsx", project).ok

    def test_doctype_in_utf16_is_found_too(self, project) -> None:
        xml = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE worksheet [<!ENTITY a "b">]><worksheet/>'
        content = rebuild(honest_workbook(), replace={SHEET_PART: xml.encode("utf-16")})
        assert codes(parse(content, "a.xlsx", project).errors) == ["xml_doctype"]


class TestSizeLimits:
    def test_row_limit_counts_every_sheet_of_the_file(self, project) -> None:
        rows = [["pledge", "CN", 2000 + i, 2300] for i in range(30)]
        content = xlsx_bytes({"甲": [["指标", "地区", "年份", "数值"], *rows],
                              "乙": [["指标", "地区", "年份", "数值"], *rows]})
        parsed = parse(content, "a.xlsx", project)
        assert codes(parsed.errors) == ["too_many_rows"] and parsed.errors[0].sheet == "乙"

    def test_exactly_the_row_limit_is_allowed(self, project) -> None:
        rows = "".join(f"pledge,CN,{2000 + i % 30},{2300 + i}\n" for i in range(49))
        parsed = parse(("指标,地区,年份,数值\n" + rows).encode(), "a.csv", project)
        assert "too_many_rows" not in codes(parsed.errors)  # 50 rows with the header

    def test_header_cell_far_right_is_too_many_columns(self, project) -> None:
        content = workbook_with_rows(HEADER_ROW.replace("</row>", '<c r="XFD1" t="inlineStr"><is><t>2025</t></is></c></row>'))
        parsed = parse(content, "a.xlsx", project)
        assert codes(parsed.errors) == ["too_many_columns"]
        assert parsed.errors[0].message == "第 16384 列有数据，超过 12 列的上限"

    def test_value_right_of_the_limit_further_down_is_too_many_columns(self, project) -> None:
        far_down = inline_row(121, {"M": 5})  # column 13, the limit is 12
        parsed = parse(workbook_with_rows(HEADER_ROW + far_down), "a.xlsx", project)
        assert codes(parsed.errors) == ["too_many_columns"] and parsed.errors[0].row == 121

    def test_blank_cells_far_right_cost_nothing(self, project, cells_read) -> None:
        # A formatted but empty cell in column XFD on every row: openpyxl would
        # pad each of the 2,000 rows to 16,384 cells; only the top rows are read so wide.
        rows = [inline_row(n, {"A": "pledge", "B": "CN", "C": 1990 + n % 40, "D": 2300, "XFD": None})
                for n in range(2, 2002)]
        parsed = parse(workbook_with_rows(HEADER_ROW + "".join(rows)), "a.xlsx",
                       make_project_with(project, max_rows=5000, year_min=1990))
        assert parsed.ok and len(parsed.rows) == 40
        assert cells_read() < HEADER_SEARCH_ROWS * 16_384 + 2000 * 13

    def test_lone_last_row_of_the_sheet_is_cheap(self, project, cells_read) -> None:
        # openpyxl yields a million blank rows in between; they are skipped unread.
        rows = inline_row(2, {"A": "pledge", "B": "CN", "C": 2021, "D": 2300})
        far = inline_row(1_048_576, {"A": "pledge", "B": "CN", "C": 2022, "D": 2400})
        # Cheap is counted in cells read, not timed (speed belongs in benchmarks/).
        parsed = parse(workbook_with_rows(HEADER_ROW + rows + far), "a.xlsx", project)
        assert parsed.ok and parsed.rows["source_row"].tolist() == [2, 1_048_576]
        assert cells_read() < 1000

    def test_csv_field_over_the_csv_module_limit(self, project) -> None:
        content = csv_bytes('指标,地区,年份,数值\npledge,CN,2021,"' + "x" * 200_000 + '"\n')
        parsed = parse(content, "a.csv", make_project_with(project, max_bytes=400_000))
        assert codes(parsed.errors) == ["unreadable_csv"]


class TestNumbersThatAreNot:
    @pytest.mark.parametrize("text", ["1e999", "-1e999", "1e305万", "inf", "nan"])
    def test_infinite_or_overflowing_values(self, project, text: str) -> None:
        parsed = parse(f"指标,地区,年份,数值\npledge,CN,2021,{text}\n".encode(), "a.csv", project)
        assert codes(parsed.errors) == ["bad_value"]

    def test_excel_integer_of_hundreds_of_digits(self, project) -> None:
        row = inline_row(2, {"A": "pledge", "B": "CN", "C": 2021, "D": 10**400 - 1})
        content = workbook_with_rows(HEADER_ROW + row)
        assert codes(parse(content, "a.xlsx", project).errors) == ["bad_value"]


def make_project_with(project, **upload: int):  # noqa: ANN001, ANN201
    """The same registry with other upload limits."""
    settings, registry = project
    limits = settings.upload.model_copy(update=upload)
    return settings.model_copy(update={"upload": limits}), registry
