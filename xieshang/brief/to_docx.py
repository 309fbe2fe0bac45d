"""The brief as a Word document (python-docx), laid out as an official document (GB/T 9704):
A4, margins 37/35/28/26 mm, 标题 二号 in the title face, 正文 三号 with 28-pt lines and a
two-character indent, 一级标题 in 黑体 and 二级标题 in 楷体 (or their Noto stand-ins), page
numbers "— 1 —" at the foot, the marks (演示数据, 内部资料) at the head of every page.

Word's own heading styles are used (Title, Heading 1/2) so the navigation pane shows the
outline in Word and WPS. Same content tree, same bytes: the package's dates are the
snapshot's and its zip entries carry a fixed time.
"""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime

from docx import Document as new_document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph as DocxParagraph

from xieshang.brief.model import Chart, Document, Fig, Fonts, Heading, PageBreak, Paragraph, Table

# Sizes of the official format: 二号 22 pt, 三号 16 pt, 四号 14 pt, 小四 12 pt, 五号 10.5 pt.
TITLE_PT, BODY_PT, META_PT, CAPTION_PT, TABLE_PT = 22, 16, 14, 12, 10.5
LINE_PT = 28
TEXT_WIDTH_CM = 21.0 - 2.8 - 2.6
RED = RGBColor(0xC0, 0x00, 0x00)
# The zip entries' time: fixed, so a document depends only on its content.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def render(doc: Document) -> bytes:
    word = new_document()
    _page(word)
    _styles(word, doc.fonts)
    _properties(word, doc)
    _marks(word, doc)
    _page_numbers(word, doc.fonts)
    title = word.add_paragraph(doc.title, style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for line in doc.lines:
        meta = word.add_paragraph(line)
        _meta(meta, doc.fonts)
    for block in doc.blocks:
        if isinstance(block, Heading):
            _heading(word, block, doc.fonts)
        elif isinstance(block, Paragraph):
            _paragraph(word, block, doc.fonts)
        elif isinstance(block, Table):
            _table(word, block, doc.fonts)
        elif isinstance(block, Chart):
            _chart(word, block, doc.fonts)
        elif isinstance(block, PageBreak):
            word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    out = io.BytesIO()
    word.save(out)
    return _fixed_zip(out.getvalue())


def _page(word: DocxDocument) -> None:
    section = word.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    section.header_distance, section.footer_distance = Cm(1.5), Cm(2.0)


def _styles(word: DocxDocument, fonts: Fonts) -> None:
    normal = word.styles["Normal"]
    _font(normal, fonts.body, BODY_PT)
    fmt = normal.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(LINE_PT)
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    for name, face, size, bold in (
        ("Title", fonts.title, TITLE_PT, not _is_xiaobiaosong(fonts.title)),
        ("Heading 1", fonts.heading, BODY_PT, False),
        ("Heading 2", fonts.subheading, BODY_PT, True),
        ("Heading 3", fonts.heading, BODY_PT, False),
        ("Caption", fonts.heading, CAPTION_PT, False),
    ):
        style = word.styles[name]
        _font(style, face, size, bold)
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.font.italic = False
        pf = style.paragraph_format
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = Pt(LINE_PT if name != "Title" else 36)
        pf.space_before = Pt(12 if name == "Title" else 6 if name.startswith("Heading") else 3)
        pf.space_after = Pt(12 if name == "Title" else 3)
        pf.first_line_indent = Pt(BODY_PT * 2) if name in ("Heading 1", "Heading 2") else None
        pf.keep_with_next = name != "Caption"
        # The title's bottom border in the default template is not an official format's.
        ppr = style.element.find(qn("w:pPr"))
        border = ppr.find(qn("w:pBdr")) if ppr is not None else None
        if border is not None:
            ppr.remove(border)


def _properties(word: DocxDocument, doc: Document) -> None:
    props = word.core_properties
    props.title = doc.title
    props.subject = doc.subject
    props.keywords = " ".join(doc.keywords)
    props.author = props.last_modified_by = ""
    props.comments = ""
    props.revision = 1
    props.language = "zh-CN" if doc.lang == "zh" else "en"
    stamp = datetime(*(doc.created.timetuple()[:3]), tzinfo=UTC) if doc.created else None
    props.created = props.modified = stamp or datetime(2000, 1, 1, tzinfo=UTC)


def _marks(word: DocxDocument, doc: Document) -> None:
    if not doc.marks:
        return
    header = word.sections[0].header
    line = header.paragraphs[0]
    line.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for i, mark in enumerate(doc.marks):
        run = line.add_run(("　" if i else "") + mark)
        _font(run, doc.fonts.heading, CAPTION_PT, True)
        run.font.color.rgb = RED


def _page_numbers(word: DocxDocument, fonts: Fonts) -> None:
    """ "— 1 —" centred at the foot of every page (a PAGE field Word and WPS update)."""
    footer = word.sections[0].footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = footer.add_run("— ")
    _font(run, fonts.body, META_PT)
    for kind in ("begin", "instr", "separate", "shown", "end"):
        run = footer.add_run()
        _font(run, fonts.body, META_PT)
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = " PAGE "
        elif kind == "shown":
            element = OxmlElement("w:t")
            element.text = "1"
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run._r.append(element)
    run = footer.add_run(" —")
    _font(run, fonts.body, META_PT)


def _meta(paragraph: DocxParagraph, fonts: Fonts) -> None:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.first_line_indent = None
    for run in paragraph.runs:
        _font(run, fonts.body, META_PT)


def _heading(word: DocxDocument, block: Heading, fonts: Fonts) -> None:
    style = {0: "Heading 3", 1: "Heading 1", 2: "Heading 2"}[block.level]
    paragraph = word.add_paragraph(block.text, style=style)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT


def _paragraph(word: DocxDocument, block: Paragraph, fonts: Fonts) -> None:
    paragraph = word.add_paragraph()
    # Figures are runs of their own: the reader sees one text, tests can find each figure.
    for part in block.runs:
        paragraph.add_run(part.text if isinstance(part, Fig) else part)
    if block.style == "mark":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for run in paragraph.runs:
            _font(run, fonts.heading, META_PT, True)
            run.font.color.rgb = RED
    elif block.style in ("note", "meta"):
        _meta(paragraph, fonts)
    else:
        paragraph.paragraph_format.first_line_indent = Pt(BODY_PT * 2)


def _table(word: DocxDocument, block: Table, fonts: Fonts) -> None:
    caption = word.add_paragraph(block.caption, style="Caption")
    caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
    columns = len(block.header)
    table = word.add_table(rows=1 + len(block.rows), cols=columns)
    table.style = word.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    weights = block.widths or tuple(1.0 for _ in block.header)
    widths = [Cm(TEXT_WIDTH_CM * w / sum(weights)) for w in weights]
    numeric = block.numeric or tuple(False for _ in block.header)
    rows = [tuple(block.header), *block.rows]
    for r, (row, cells) in enumerate(zip(table.rows, rows, strict=True)):
        if r == 0:  # repeat the header on every page the table runs onto
            flag = OxmlElement("w:tblHeader")
            row._tr.get_or_add_trPr().append(flag)
        for c, (cell, value) in enumerate(zip(row.cells, cells, strict=True)):
            cell.width = widths[c]
            paragraph = cell.paragraphs[0]
            paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
            paragraph.paragraph_format.first_line_indent = None
            paragraph.alignment = (
                WD_ALIGN_PARAGRAPH.CENTER
                if r == 0
                else WD_ALIGN_PARAGRAPH.RIGHT
                if numeric[c]
                else WD_ALIGN_PARAGRAPH.LEFT
            )
            run = paragraph.add_run(value.text if isinstance(value, Fig) else value)
            _font(run, fonts.heading if r == 0 else fonts.table, TABLE_PT, r == 0)
    if block.note:
        note = word.add_paragraph(block.note)
        note.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
        note.paragraph_format.space_after = Pt(6)
        for run in note.runs:
            _font(run, fonts.table, TABLE_PT)


def _chart(word: DocxDocument, block: Chart, fonts: Fonts) -> None:
    paragraph = word.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    paragraph.paragraph_format.keep_with_next = True
    shape = paragraph.add_run().add_picture(
        io.BytesIO(block.png), width=Cm(TEXT_WIDTH_CM * block.width)
    )
    shape._inline.docPr.set("descr", block.description)
    caption = word.add_paragraph(block.caption, style="Caption")
    caption.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _font(owner: object, face: str, size: float, bold: bool | None = None) -> None:
    """Set a style's or a run's face for Chinese and Latin alike (Word keeps the East Asian
    face apart: without w:eastAsia, Chinese falls back to the theme's font)."""
    font = owner.font  # type: ignore[attr-defined]
    element = owner.element if hasattr(owner, "style_id") else owner._r  # type: ignore[attr-defined]
    font.name = face
    names = element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:eastAsia", "w:cs"):
        names.set(qn(attr), face)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        names.attrib.pop(qn(theme), None)
    font.size = Pt(size)
    if bold is not None:
        font.bold = bold


def _is_xiaobiaosong(face: str) -> bool:
    # 方正小标宋 is a bold face already: making it bold again smears it.
    return "小标宋" in face or "XiaoBiaoSong" in face


def _fixed_zip(data: bytes) -> bytes:
    """The package again with every entry dated ZIP_TIME, in the same order."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()
