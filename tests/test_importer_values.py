"""Pure cell parsing and plausibility rules of the importer."""

from __future__ import annotations

import datetime as dt

import pytest

from indicators.importing import FileRejected, decode_text
from indicators.importing.values import (
    CellNumber,
    clean_text,
    factor_label,
    format_number,
    magnitude_problem,
    parse_number,
    parse_year,
)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (12, CellNumber("number", 12.0)),
        (7.5, CellNumber("number", 7.5)),
        ("1,234.5", CellNumber("number", 1234.5, text="1,234.5")),
        ("１２", CellNumber("number", 12.0, text="１２")),
        ("１，２３４．５", CellNumber("number", 1234.5, text="１，２３４．５")),
        ("13%", CellNumber("number", 13.0, percent=True, text="13%")),
        ("１３％", CellNumber("number", 13.0, percent=True, text="１３％")),
        ("  42  ", CellNumber("number", 42.0, text="42")),
        ("4.5万", CellNumber("number", 4.5, magnitude="万", text="4.5万")),
        ("1.2亿", CellNumber("number", 1.2, magnitude="亿", text="1.2亿")),
        ("-3", CellNumber("number", -3.0, text="-3")),
        ("1e4", CellNumber("number", 10000.0, text="1e4")),
        ("'-3", CellNumber("number", -3.0, text="'-3")),
    ],
)
def test_numbers_as_staff_type_them(cell: object, expected: CellNumber) -> None:
    assert parse_number(cell) == expected


@pytest.mark.parametrize("cell", [None, "", "   ", "-", "—", "/", "无", "N/A"])
def test_blank_and_placeholder_cells_are_no_value(cell: object) -> None:
    assert parse_number(cell).kind == "blank"


@pytest.mark.parametrize(
    "cell", ["abc", "1,23", "1.234,5", "12..3", "nan", "inf", True, dt.date(2021, 1, 1), "13%%", "1_000"]
)
def test_non_numbers_are_invalid(cell: object) -> None:
    assert parse_number(cell).kind == "invalid"


@pytest.mark.parametrize(
    ("cell", "year"),
    [(2021, 2021), (2021.0, 2021), ("2021", 2021), ("2021年", 2021), ("２０２１年", 2021),
     ("2021年度", 2021), (" 2021 ", 2021), ("2021.5", None), (2021.5, None), ("21", None),
     ("二〇二一", None), (True, None), (None, None)],
)
def test_years(cell: object, year: int | None) -> None:
    assert parse_year(cell) == year


def test_clean_text_folds_width_and_removes_export_quote() -> None:
    assert clean_text("  重庆 ") == "重庆"
    assert clean_text("ＣＮ－ＣＱ") == "CN-CQ"
    assert clean_text("'=1+1") == "=1+1"
    assert clean_text("'quoted") == "'quoted"
    assert clean_text(2021.0) == "2021"


def test_format_number() -> None:
    assert format_number(40000) == "40,000"
    assert format_number(0.13) == "0.13"
    assert format_number(13.0) == "13"
    assert format_number(-4) == "-4"


class TestMagnitude:
    def test_plausible_values_pass(self) -> None:
        assert magnitude_problem(7.5, (6.3, 12), is_percentage=False) is None
        assert magnitude_problem(13.2, (11.6, 13), is_percentage=True) is None

    def test_fraction_for_a_percentage(self) -> None:
        problem = magnitude_problem(0.13, (11.6, 13), is_percentage=True)
        assert problem is not None
        assert (problem.code, problem.suggested, problem.reference) == ("percent_as_fraction", 13.0, "11.6–13")

    def test_small_percentages_are_not_fractions(self) -> None:
        # targets around 0.8 %: 0.5 is a plausible percentage, not a fraction
        assert magnitude_problem(0.5, (0.8, 1.0), is_percentage=True) is None

    def test_value_typed_in_wan_for_a_unit_in_jian(self) -> None:
        problem = magnitude_problem(5, (40000, 90000), is_percentage=False)
        assert problem is not None
        assert (problem.code, problem.factor, problem.suggested) == ("unit_factor", 1e4, 50000)

    def test_value_typed_in_jian_for_a_unit_in_wan(self) -> None:
        problem = magnitude_problem(40000, (4, 9), is_percentage=False)
        assert problem is not None
        assert (problem.factor, problem.suggested) == (1e-4, 4)

    def test_yi_factor(self) -> None:
        problem = magnitude_problem(3.1e11, (2180, 3200), is_percentage=False)
        assert problem is not None and problem.factor == 1e-8

    def test_no_references_or_non_positive_values_are_not_judged(self) -> None:
        assert magnitude_problem(123456, (), is_percentage=False) is None
        assert magnitude_problem(0, (4, 9), is_percentage=False) is None

    def test_far_off_without_a_unit_explanation_is_not_an_error(self) -> None:
        assert magnitude_problem(500, (4, 9), is_percentage=False) is None

    def test_factor_labels(self) -> None:
        assert factor_label(1e4, "zh") == "1万"
        assert factor_label(1e-8, "zh") == "1亿"
        assert factor_label(1e4, "en") == "10,000"


class TestDecoding:
    TEXT = "指标,地区,年份,数值\n每万人口高价值发明专利拥有量,重庆市,2021,7.5\n"

    @pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"])
    def test_encodings_chinese_offices_produce(self, encoding: str) -> None:
        assert decode_text(self.TEXT.encode(encoding)) == self.TEXT

    def test_damaged_utf8_is_refused_not_shown_as_mojibake(self) -> None:
        damaged = self.TEXT.encode("utf-8") + b"\xff" + "备注".encode()
        with pytest.raises(FileRejected) as caught:
            decode_text(damaged)
        assert caught.value.code == "bad_encoding"

    def test_binary_is_refused(self) -> None:
        with pytest.raises(FileRejected) as caught:
            decode_text(b"\x00\x01\x02 binary")
        assert caught.value.code == "not_csv"


def test_one_for_a_full_coverage_target_is_a_fraction() -> None:
    problem = magnitude_problem(1, (100,), is_percentage=True)
    assert problem is not None and problem.suggested == 100
