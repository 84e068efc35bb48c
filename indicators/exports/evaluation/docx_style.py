"""Word formatting as Chinese government documents use it (GB/T 9704 in spirit).

A4 with the standard margins; title in 宋体 bold 二号, level-one headings in
黑体 三号, level-two in 楷体, body text in 仿宋 三号 with a two-character indent
and a fixed 28-point line; tables in 宋体 小五.  Every run names its East-Asian
font in w:eastAsia as well as its Latin font, which is what Word and WPS read
for Chinese characters (python-docx's `font.name` sets only the Latin ones).
"""

from __future__ import annotations

from docx import Document as new_docx
from docx.document import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run

LATIN = "Times New Roman"
BODY_FONT, TITLE_FONT, HEADING_FONT, SUBHEADING_FONT, TABLE_FONT = "仿宋", "宋体", "黑体", "楷体", "宋体"
BODY_SIZE, TITLE_SIZE, TABLE_SIZE, NOTE_SIZE = Pt(16), Pt(22), Pt(9), Pt(12)  # 三号, 二号, 小五, 小四
LINE = Pt(28)
MARGINS_CM = {"top": 3.7, "bottom": 3.5, "left": 2.8, "right": 2.6}
# Elements that may follow each one we add, in the schema's order (Word refuses a file whose
# properties are out of order, so each is inserted before the first of these present).
AFTER_LANG = ("w:eastAsianLayout", "w:specVanish", "w:oMath")
AFTER_OUTLINE = ("w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
AFTER_SHADING = ("w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign",
                 "w:hideMark", "w:headers", "w:cellIns", "w:cellDel", "w:cellMerge",
                 "w:tcPrChange")
AFTER_BORDERS = ("w:shd", *AFTER_SHADING)


def new_document() -> Document:
    """An empty A4 document whose Normal style is 仿宋 三号 (Times New Roman for Latin)."""
    document = new_docx()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side, size in MARGINS_CM.items():
        setattr(section, f"{side}_margin", Cm(size))
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = LATIN, BODY_SIZE
    _east_asian(normal.element.get_or_add_rPr(), BODY_FONT)
    _page_number_footer(section.footer.paragraphs[0])
    return document


def _east_asian(rpr: OxmlElement, font: str) -> None:
    fonts = rpr.get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi"):
        fonts.set(qn(attribute), LATIN)
    fonts.set(qn("w:eastAsia"), font)
    language = rpr.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        rpr.insert_element_before(language, *AFTER_LANG)
    language.set(qn("w:eastAsia"), "zh-CN")


def styled_run(paragraph: Paragraph, text: str, font: str = BODY_FONT, size: Pt = BODY_SIZE,
               bold: bool = False) -> Run:
    run = paragraph.add_run(text)
    run.font.name, run.font.size, run.font.bold = LATIN, size, bold
    _east_asian(run._r.get_or_add_rPr(), font)
    return run


def _spacing(paragraph: Paragraph, line: Pt | None = LINE, before: int = 0, after: int = 0) -> None:
    fmt = paragraph.paragraph_format
    if line is not None:
        fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, line
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)


def title(document: Document, text: str) -> Paragraph:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    styled_run(paragraph, text, TITLE_FONT, TITLE_SIZE, bold=True)
    _spacing(paragraph, line=None, after=12)
    return paragraph


def centred(document: Document, text: str, size: Pt = BODY_SIZE) -> Paragraph:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    styled_run(paragraph, text, BODY_FONT, size)
    _spacing(paragraph)
    return paragraph


def heading(document: Document, text: str, level: int = 1) -> Paragraph:
    """一、 in 黑体 or （一） in 楷体, with an outline level so Word's navigation pane lists it."""
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.first_line_indent = BODY_SIZE * 2
    styled_run(paragraph, text, HEADING_FONT if level == 1 else SUBHEADING_FONT, BODY_SIZE)
    outline = OxmlElement("w:outlineLvl")
    outline.set(qn("w:val"), str(level - 1))
    paragraph._p.get_or_add_pPr().insert_element_before(outline, *AFTER_OUTLINE)
    _spacing(paragraph)
    return paragraph


def body(document: Document, text: str, size: Pt = BODY_SIZE) -> Paragraph:
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.first_line_indent = size * 2
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    styled_run(paragraph, text, BODY_FONT, size)
    _spacing(paragraph, line=LINE if size == BODY_SIZE else None)
    return paragraph


def cell_text(cell: _Cell, text: str, bold: bool = False, align: str = "center",
              size: Pt = TABLE_SIZE, colour: str | None = None) -> None:
    """The cell's one paragraph holds `text` in the table font."""
    paragraph = cell.paragraphs[0]
    paragraph.alignment = {"center": WD_ALIGN_PARAGRAPH.CENTER, "left": WD_ALIGN_PARAGRAPH.LEFT,
                           "right": WD_ALIGN_PARAGRAPH.RIGHT}[align]
    run = styled_run(paragraph, text, TABLE_FONT, size, bold)
    if colour:
        run.font.color.rgb = RGBColor.from_string(colour.lstrip("#").upper())
    _spacing(paragraph, line=None)
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def shade(cell: _Cell, colour: str) -> None:
    """Fill a cell with a solid colour ('#RRGGBB')."""
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour.lstrip("#").upper())
    cell._tc.get_or_add_tcPr().insert_element_before(shading, *AFTER_SHADING)


def border(cell: _Cell, side: str, size_eighths: int, colour: str = "1A1A1A") -> None:
    """One border of a cell (side: left/right/top/bottom), in eighths of a point."""
    properties = cell._tc.get_or_add_tcPr()
    borders = properties.find(qn("w:tcBorders"))
    if borders is None:
        borders = OxmlElement("w:tcBorders")
        properties.insert_element_before(borders, *AFTER_BORDERS)
    edge = OxmlElement(f"w:{side}")
    for name, value in (("val", "single"), ("sz", str(size_eighths)), ("space", "0"),
                        ("color", colour)):
        edge.set(qn(f"w:{name}"), value)
    borders.append(edge)


def _page_number_footer(paragraph: Paragraph) -> None:
    """— 1 — centred at the foot of every page, as a PAGE field Word and WPS update."""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    styled_run(paragraph, "— ", BODY_FONT, Pt(14))
    # A field is five runs: begin, the instruction, separate, the shown value, end.
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"),
                       ("end", None)):
        run = styled_run(paragraph, "", BODY_FONT, Pt(14))
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText" if text == " PAGE " else "w:t")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)
    styled_run(paragraph, " —", BODY_FONT, Pt(14))
