"""Property tests: whatever bytes arrive, the importer answers and the store stays whole.

parse_upload must always return a ParsedUpload (errors, not exceptions), and
a file with errors must leave every table exactly as it was when someone
tries to commit it anyway.  A file without errors commits, and then every
one of its values is current.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from indicators.importing import ROW_COLUMNS, ParsedUpload
from indicators.store import ActualsStore, UploadRejected
from tests.hostile_files import SHEET_PART, honest_workbook, rebuild
from tests.store_fixtures import dump_tables, parse, xlsx_bytes

PROPERTY = settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                          HealthCheck.too_slow])

# Words the importer knows, so random rows often get far enough to be checked cell by cell.
KNOWN_WORDS = [
    "pledge", "hv_patents", "ip_share", "copyrights", "知识产权质押融资登记金额", "高价值发明专利拥有量",
    "CN", "CN-CQ", "重庆", "中国", "全国", "2021", "2021年", "２０２２", "13%", "0.13", "4.5万", "1,234.5",
    "2300", "-", "暂无", "=1+1", "'=A1", "@SUM(A1)", "# 注释", "1e999", "NaN", "万件", "亿元", "",
]
LONG_HEADERS = [["指标", "地区", "年份", "数值", "备注"], ["indicator_id", "region", "year", "value"],
                ["指标编码", "指标名称", "地区", "年份", "数值", "单位"]]
WIDE_HEADERS = [["指标", "地区", "2021", "2022年", "2023"], ["指标名称", "地区", "备注", "2024"]]
# Series with values the plausibility check accepts, so that rows built from
# them pass unless a drawn cell spoils them.
SERIES = [("pledge", "CN", 2000, 4000), ("hv_patents", "CN", 4, 10), ("高价值发明专利拥有量", "重庆", 4, 10),
          ("copyrights", "CN-CQ", 0, 1e6), ("overseas_patents", "CN-CQ", 300, 700),
          ("ip_share", "全国", 11, 14)]

texts = st.text(max_size=30)
xml_safe_texts = texts.map(lambda text: ILLEGAL_CHARACTERS_RE.sub("", text))
plain_numbers = st.one_of(st.floats(allow_nan=True, allow_infinity=True),
                          st.floats(min_value=0, max_value=5000))
csv_cells = st.one_of(st.sampled_from(KNOWN_WORDS), texts, plain_numbers.map(str),
                      st.integers(min_value=-(10**400), max_value=10**400).map(str))
# openpyxl cannot write integers beyond a float; test_importer_hostile reads one.
xlsx_cells = st.one_of(
    st.none(), st.sampled_from(KNOWN_WORDS), xml_safe_texts, plain_numbers, st.booleans(),
    st.integers(min_value=-(10**300), max_value=10**300),
    st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(2100, 1, 1)),
)
file_stems = st.text(max_size=40).filter(lambda stem: "/" not in stem and "\x00" not in stem)


def any_cells_sheet(cells: st.SearchStrategy) -> st.SearchStrategy:
    """One of the known headers over rows of anything."""
    return st.tuples(st.sampled_from(LONG_HEADERS + WIDE_HEADERS),
                     st.lists(st.lists(cells, max_size=7), min_size=1, max_size=8)
                     ).map(lambda drawn: [drawn[0], *drawn[1]])


@st.composite
def mostly_valid_sheet(draw, cells: st.SearchStrategy) -> list[list[object]]:  # noqa: ANN001
    """A header and rows of good series values, some cells swapped for drawn ones."""
    wide = draw(st.booleans())
    header = ["指标", "地区", "2021", "2022年", "2023"] if wide else ["指标", "地区", "年份", "数值", "备注"]
    rows = []
    for _ in range(draw(st.integers(1, 6))):
        indicator, region, low, high = draw(st.sampled_from(SERIES))
        values = st.floats(min_value=low, max_value=high)
        tail = [draw(values) for _ in range(3)] if wide else [draw(st.integers(2000, 2035)), draw(values), draw(cells)]
        row = [indicator, region, *tail]
        for position in draw(st.lists(st.integers(0, len(row)), max_size=2)):
            if position < len(row):
                row[position] = draw(cells)
        rows.append(row)
    return [header, *rows]


@pytest.fixture
def store(tmp_path: Path):
    store = ActualsStore(f"sqlite:///{tmp_path / 'property.db'}")
    yield store
    store.close()


def check_answer(parsed: object, project) -> None:  # noqa: ANN001
    """A ParsedUpload whose rows are valid by construction and whose issues render."""
    assert isinstance(parsed, ParsedUpload)
    assert list(parsed.rows.columns) == ROW_COLUMNS
    for issue in parsed.errors + parsed.warnings:
        assert issue.message and str(issue)
    settings_, registry = project
    if parsed.ok:
        assert len(parsed.rows) > 0
    rows = parsed.rows
    assert rows["value"].map(math.isfinite).all()
    assert rows["indicator_id"].isin(list(registry.indicators)).all()
    assert rows["region"].isin(list(settings_.region_codes)).all()
    assert rows["year"].between(settings_.upload.year_min, settings_.upload.year_max).all()
    assert not rows.duplicated(["indicator_id", "region", "year"]).any()


def check_store(parsed: ParsedUpload, store: ActualsStore) -> None:
    event("ok" if parsed.ok else ("partial rows" if len(parsed.rows) else "rejected"))
    """A failed file changes nothing; a good one is stored whole."""
    before = dump_tables(store)
    if len(parsed.rows):
        store.preview(parsed)
    if not parsed.ok:
        with pytest.raises(UploadRejected):
            store.commit(parsed, "张三", parsed.file_name, parsed.sha256)
        assert dump_tables(store) == before
        return
    upload_id = store.commit(parsed, "张三", parsed.file_name, parsed.sha256)
    current = store.current_actuals().set_index(["indicator_id", "region", "year"])
    for row in parsed.rows.itertuples(index=False):
        stored = current.loc[(row.indicator_id, row.region, row.year)]
        assert (stored["value"], stored["upload_id"]) == (row.value, upload_id)


@settings(PROPERTY, max_examples=150)
@given(content=st.binary(max_size=3000), suffix=st.sampled_from([".csv", ".xlsx", ".xls", ""]),
       stem=file_stems)
def test_random_bytes(project, store, content: bytes, suffix: str, stem: str) -> None:
    parsed = parse(content, stem + suffix, project)
    check_answer(parsed, project)
    check_store(parsed, store)


@settings(PROPERTY, max_examples=80)
@given(cut=st.integers(min_value=0), flips=st.lists(st.tuples(st.integers(min_value=0), st.integers(0, 255)), max_size=4))
def test_damaged_workbook(project, store, cut: int, flips: list[tuple[int, int]]) -> None:
    data = bytearray(honest_workbook())
    for position, byte in flips:
        data[position % len(data)] = byte
    if cut % 3 == 0:
        del data[cut % len(data):]
    parsed = parse(bytes(data), "a.xlsx", project)
    check_answer(parsed, project)
    check_store(parsed, store)


@settings(PROPERTY, max_examples=80)
@given(insert=st.text(max_size=40), position=st.integers(min_value=0))
def test_garbled_sheet_xml(project, store, insert: str, position: int) -> None:
    with zipfile.ZipFile(io.BytesIO(honest_workbook())) as archive:
        xml = archive.read(SHEET_PART).decode()
    cut = position % len(xml)
    content = rebuild(honest_workbook(), replace={SHEET_PART: (xml[:cut] + insert + xml[cut:]).encode()})
    parsed = parse(content, "a.xlsx", project)
    check_answer(parsed, project)
    check_store(parsed, store)


@settings(PROPERTY, max_examples=150)
@given(text=st.text(max_size=400), header=st.sampled_from(["", "指标,地区,年份,数值\n", "指标,地区,2021,2022\n"]),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"]))
def test_random_csv_text(project, store, text: str, header: str, encoding: str) -> None:
    parsed = parse((header + text).encode(encoding, errors="replace"), "a.csv", project)
    check_answer(parsed, project)
    check_store(parsed, store)


@settings(PROPERTY, max_examples=120)
@given(sheet=st.one_of(mostly_valid_sheet(csv_cells), any_cells_sheet(csv_cells)),
       delimiter=st.sampled_from([",", "\t", ";"]))
def test_random_cells_in_a_csv_layout(project, store, sheet: list[list[object]],
                                      delimiter: str) -> None:
    text = "\n".join(delimiter.join(_csv_quote(str(cell), delimiter) for cell in line) for line in sheet)
    parsed = parse(text.encode("utf-8"), "a.csv", project)
    check_answer(parsed, project)
    check_store(parsed, store)


@settings(PROPERTY, max_examples=80)
@given(sheet=st.one_of(mostly_valid_sheet(xlsx_cells), any_cells_sheet(xlsx_cells)),
       title=st.booleans())
def test_random_cells_in_an_xlsx_layout(project, store, sheet: list[list[object]], title: bool) -> None:
    titled = ([["2024年知识产权数据"]] if title else []) + sheet
    parsed = parse(xlsx_bytes({"数据": titled}), "a.xlsx", project)
    check_answer(parsed, project)
    check_store(parsed, store)


def _csv_quote(cell: str, delimiter: str) -> str:
    if any(char in cell for char in (delimiter, '"', "\n", "\r")):
        return '"' + cell.replace('"', '""') + '"'
    return cell
