"""Reading plan files: encodings, .docx paragraphs and tables, PDF text layers, bad files."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from indicators.drafting import PlanTextError, find_targets, read_plan_text
from indicators.errors import TrackerError

SENTENCE = "到2025年，每万人口高价值发明专利拥有量达到12件。"


def pdf_bytes(page_texts: list[str]) -> bytes:
    """A minimal PDF, one page per text (ASCII, Helvetica); '' gives a page with no text."""
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", ""]
    kids = []
    for text in page_texts:
        content = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode() if text else b""
        page_number, content_number = len(objects) + 1, len(objects) + 2
        kids.append(f"{page_number} 0 R")
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                       f"/Contents {content_number} 0 R /Resources << /Font << /F1 "
                       f"{len(page_texts) * 2 + 3} 0 R >> >> >>")
        objects.append(f"<< /Length {len(content)} >>\nstream\n{content.decode()}\nendstream")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>"
    objects.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"])
def test_txt_in_each_encoding(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "plan.txt"
    path.write_bytes(f"规划\n{SENTENCE}\n".encode(encoding))
    plan = read_plan_text(path)
    assert plan.lines[1] == SENTENCE
    assert [(f.value, f.line) for f in find_targets(plan)] == [(12, 2)]


def test_docx_paragraphs_and_table_rows(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("某市知识产权规划（2021—2025年）")
    document.add_paragraph(SENTENCE)
    table = document.add_table(rows=2, cols=5)
    for cell, text in zip(table.rows[0].cells, ["指标", "单位", "2020年", "2025年", "属性"], strict=True):
        cell.text = text
    for cell, text in zip(table.rows[1].cells, ["知识产权质押融资登记金额", "亿元", "66", "140", "预期性"],
                          strict=True):
        cell.text = text
    path = tmp_path / "plan.docx"
    document.save(path)
    plan = read_plan_text(path)
    assert plan.locations[1] == "第2段"
    assert plan.locations[3] == "第4段（表格第2行）"
    found = find_targets(plan)
    assert [(f.value, f.line, f.baseline_value) for f in found] == [(12, 2, None), (140, 4, 66)]


def test_pdf_text_layer_gives_page_and_line(tmp_path: Path) -> None:
    path = tmp_path / "plan.pdf"
    path.write_bytes(pdf_bytes(["Plan 2021-2025", "Second page"]))
    plan = read_plan_text(path)
    assert plan.lines == ("Plan 2021-2025", "Second page")
    assert plan.locations == ("第1页第1行", "第2页第1行")


@pytest.mark.parametrize(("name", "content", "why"), [
    ("scan.pdf", pdf_bytes([""]), "a PDF without a text layer"),
    ("broken.pdf", b"%PDF-1.4 not really", "not a readable PDF"),
    ("plan.doc", b"\xd0\xcf\x11\xe0 old word", "unknown extension '.doc'"),
    ("photo.txt", b"\x89PNG\r\n\x1a\n....", "is a PNG image, not text"),
    ("empty.txt", b"   \n\n", "is empty"),
    ("binary.txt", bytes(range(256)) * 4, "binary file"),
    ("latin.txt", "caf\u00e9 \u20ac".encode("cp1252") + b"\x81\xff", "cannot be decoded"),
    ("plan.docx", b"PK\x03\x04 not a zip", "not a valid .docx"),
])
def test_unreadable_files_name_the_file_and_why(tmp_path: Path, name: str, content: bytes,
                                                why: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(PlanTextError) as caught:
        read_plan_text(path)
    assert isinstance(caught.value, TrackerError)
    assert str(path) in str(caught.value) and why in str(caught.value)
    assert "\n" not in str(caught.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(PlanTextError, match="no such file"):
        read_plan_text(tmp_path / "nothing.txt")
