"""A printable form as a Word document (.docx, python-docx), laid out as Vietnamese administrative
documents are: A4 with a binding margin on the left (top and bottom 20 mm, left 30 mm, right
15 mm), Times New Roman 13 pt, the writer and the motto side by side at the top, a bold centred
title, the numbered items, then the place and date and the signature block on the right."""

import io
import re

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from awards.printouts.common import Item, Printout

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FONT = "Times New Roman"
SIZE = Pt(13)
TITLE_SIZE = Pt(14)
RULE = "───────────"  # the short line under the writer's name and the motto
TEXT_WIDTH = Mm(210 - 30 - 15)
# What XML 1.0 cannot hold (lxml refuses it). Stored text has no control characters
# (core.text.clean_text), but a form may still send a noncharacter such as U+FFFE.
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _run(paragraph, text: str):
    return paragraph.add_run(NOT_XML.sub("", text))


def _setup(document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = SIZE
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for script in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(script), FONT)
    style.paragraph_format.space_after = Pt(3)
    style.paragraph_format.line_spacing = 1.15


def _paragraph(container, text="", *, bold=False, italic=False, size=None, align=None, caps=False):
    paragraph = container.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    if text:
        run = _run(paragraph, text)
        run.bold, run.italic, run.font.all_caps = bold, italic, caps
        if size is not None:
            run.font.size = size
    return paragraph


def _two_columns(document, left_width):
    """A borderless table of one row and two cells (the default table style has no borders)."""
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    left, right = table.rows[0].cells
    # Word reads the cells' widths, LibreOffice the columns': set both.
    for column, cell, width in zip(
        table.columns, (left, right), (left_width, TEXT_WIDTH - left_width), strict=True
    ):
        column.width = cell.width = width
    # A new cell holds one empty paragraph: drop it so the cell starts with our first line.
    for cell in (left, right):
        cell._element.remove(cell.paragraphs[0]._element)
    return left, right


def _header(document, form: Printout) -> None:
    _paragraph(document, form.number, bold=True, align=WD_ALIGN_PARAGRAPH.RIGHT)
    left, right = _two_columns(document, Mm(65))
    center = WD_ALIGN_PARAGRAPH.CENTER
    _paragraph(left, form.issuer, bold=True, caps=True, size=Pt(12), align=center)
    _paragraph(left, RULE, align=center)
    _paragraph(right, form.motto[0], bold=True, size=Pt(12), align=center)
    _paragraph(right, form.motto[1], bold=True, align=center)
    _paragraph(right, RULE, align=center)
    _paragraph(right, form.place_date, italic=True, align=center)


def _addressees(document, form: Printout) -> None:
    if len(form.addressees) == 1:
        _paragraph(
            document,
            f"{form.addressee_label} {form.addressees[0]}",
            align=WD_ALIGN_PARAGRAPH.CENTER,
        )
        return
    if form.addressees:
        _paragraph(document, form.addressee_label, align=WD_ALIGN_PARAGRAPH.CENTER)
        last = len(form.addressees) - 1
        for index, addressee in enumerate(form.addressees):
            line = _paragraph(document, f"- {addressee}{'.' if index == last else ';'}")
            line.paragraph_format.left_indent = Mm(30)


def _item(document, number: int, item: Item) -> None:
    paragraph = document.add_paragraph()
    _run(paragraph, f"{number}. {item.label}: ")
    if not item.long:
        _run(paragraph, item.lines[0])
        return
    for line in item.lines:
        _paragraph(document, line).paragraph_format.first_line_indent = Mm(10)


def _signature(document, form: Printout) -> None:
    _left, right = _two_columns(document, Mm(70))
    center = WD_ALIGN_PARAGRAPH.CENTER
    signer = form.signer
    _paragraph(right, signer.heading, bold=True, align=center)
    if signer.title:
        _paragraph(right, signer.title, bold=True, align=center)
    _paragraph(right, signer.note, italic=True, align=center)
    for _ in range(4):  # room for the signature and the seal
        _paragraph(right)
    _paragraph(right, signer.name, bold=True, align=center)


def render_docx(form: Printout) -> bytes:
    document = Document()
    _setup(document)
    document.core_properties.title = f"{form.number} – {form.title}"
    document.core_properties.language = "vi-VN"
    _header(document, form)
    center = WD_ALIGN_PARAGRAPH.CENTER
    _paragraph(document, form.title, bold=True, size=TITLE_SIZE, align=center)
    _paragraph(document, form.subtitle, bold=True, align=center)
    _addressees(document, form)
    for section, items in form.numbered():
        if section.heading:
            _paragraph(document, section.heading, bold=True)
        for number, item in items:
            _item(document, number, item)
    if form.enclosures:
        _paragraph(document, form.enclosures_heading, bold=True, italic=True)
        for line in form.enclosures:
            _paragraph(document, f"- {line}.")
    _signature(document, form)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
