"""Lays any exporter out as a Vietnamese administrative document in .xlsx (domain.md §5).

openpyxl's write-only mode with lxml streams rows to the file, so memory stays flat whatever the
length of the list. In that mode a worksheet's column widths and frozen panes are written before
its first row, so `DocumentSheet` takes them when it is created; merged cells, print titles, the
autofilter and page breaks are written at the end.

Styles are built once per workbook (`cells.Styles`): creating Font/Border objects per cell would
cost more than the rows themselves.
"""

import datetime
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, BinaryIO

from django.utils import translation
from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.properties import PageSetupProperties

from core.documents import MOTTO, STT, TOTAL, issuing_body_lines, signature_date_line
from core.spreadsheets.base import (
    Exporter,
    Kind,
    ListExporter,
    Progress,
    Signature,
    WorkbookExporter,
)
from core.spreadsheets.cells import (
    FORMULA_STARTS,
    NUMBER_FORMATS,
    StyledCell,
    Styles,
    cells_to_row,
    keep_text,
    roman,
    safe_sheet_name,
    text_value,
)

DEFAULT_WIDTHS = {Kind.TEXT: 24, Kind.INTEGER: 16, Kind.MONEY: 16, Kind.SCORE: 10, Kind.DATE: 12}
STT_WIDTH = 6
PROGRESS_EVERY = 500
MM = 1 / 25.4  # page margins are in inches


class DocumentSheet:
    """One worksheet laid out top to bottom: header block, title, lines, a table, a signature.

    `widths` are the columns' widths in characters (their count is the document's width);
    `freeze_at` is the cell below and right of what stays on screen ("B9"), or None.
    """

    def __init__(
        self,
        book: Workbook,
        name: str,
        widths: Sequence[float],
        *,
        styles: "Styles",
        freeze_at: str | None = None,
        organisation=None,
        orientation: str = "landscape",
    ):
        from core.models import Organisation

        self.ws = book.create_sheet(title=safe_sheet_name(name))
        # Every value this sheet appends is a cell of ours (or None): openpyxl's own conversion
        # first tries each cell as a plain value and takes it from the ValueError that raises,
        # which costs more than writing it. (openpyxl 3.1's WriteOnlyWorksheet._values_to_row.)
        self.ws._values_to_row = cells_to_row
        self.styles = styles
        self.width = max(len(widths), 2)
        self.organisation = organisation or Organisation.current()
        for index, width in enumerate(widths, start=1):
            self.ws.column_dimensions[get_column_letter(index)].width = width
        if freeze_at:
            self.ws.freeze_panes = freeze_at
        self.next_row = 1
        self._setup_page(orientation)

    def _setup_page(self, orientation: str = "landscape") -> None:
        ws = self.ws
        ws.page_setup.orientation = orientation
        ws.page_setup.paperSize = 9  # A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        # Vietnamese administrative documents (Nghị định 30/2020): room on the left to bind.
        ws.page_margins.left = 30 * MM
        ws.page_margins.right = 15 * MM
        ws.page_margins.top = 20 * MM
        ws.page_margins.bottom = 20 * MM
        ws.print_options.horizontalCentered = True

    # ---- building blocks ---------------------------------------------------------------------

    def _cell(
        self,
        value,
        font=None,
        alignment=None,
        border=None,
        fill=None,
        number_format=None,
        *,
        formula=False,
    ):
        # Text that starts like a formula is kept as text unless it is one of ours (totals).
        quote = isinstance(value, str) and not formula and value.startswith(FORMULA_STARTS)
        cell = StyledCell(self.ws, row=1, column=1, value=value)
        if quote:
            keep_text(cell)
        # A cell's style is looked up in the workbook's style lists once per combination, not
        # per cell (hashing a Font per cell costs more than writing the rows).
        cell._style, cell.known_style_id = self.styles.array(
            self.ws, font, alignment, border, fill, number_format, quote
        )
        return cell

    def _append(self, cells: list) -> int:
        row = self.next_row
        self.ws.append(cells)
        self.next_row += 1
        return row

    def _merge(self, row: int, first: int, last: int) -> None:
        if last > first:
            self.ws.merged_cells.add(
                f"{get_column_letter(first)}{row}:{get_column_letter(last)}{row}"
            )

    def blank(self, count: int = 1) -> None:
        for _index in range(count):
            self._append([])

    def document_header(self) -> None:
        """The issuing body (left half) and the national motto (right half), two lines each."""
        body = issuing_body_lines(self.organisation)
        half = self.width // 2
        s = self.styles
        fonts = ((s.head, s.head_bold), (s.head_bold, s.head_bold))
        for line in range(2):
            cells = [self._cell(text_value(body[line]), fonts[line][0], s.centre)]
            cells += [None] * (half - 1)
            cells.append(self._cell(MOTTO[line], fonts[line][1], s.centre))
            row = self._append(cells)
            self._merge(row, 1, half)
            self._merge(row, half + 1, self.width)
        self.blank()

    def title(self, lines: Sequence[str]) -> None:
        for text in lines:
            self.line(text, font=self.styles.title, align="center")
        self.blank()

    def line(self, text: str, *, bold=False, italic=False, align="left", font=None) -> int:
        s = self.styles
        if font is None:
            # The workbook's shared fonts: a line never makes a style of its own.
            font = s.head_bold if bold else s.head_italic if italic else s.head
        alignment = s.centre if align == "center" else s.wrap
        row = self._append([self._cell(text_value(text), font, alignment)])
        self._merge(row, 1, self.width)
        return row

    def fields(self, pairs: Sequence[tuple[str, Any]]) -> None:
        """`Label: value` lines."""
        for label, value in pairs:
            self.line(f"{label}: {'' if value is None else value}")

    def table_header(self, titles: Sequence[str]) -> int:
        s = self.styles
        cells = [self._cell(str(t), s.bold, s.centre, s.border, s.fill) for t in titles]
        return self._append(cells)

    def row(self, values: Sequence[Any], kinds: Sequence[Kind], wraps=None, *, bold=False) -> int:
        """One table row; `bold` for a row that sums others (a parent criterion, a total)."""
        font = self.styles.bold if bold else self.styles.font
        cells = []
        for index, (value, kind) in enumerate(zip(values, kinds, strict=True)):
            wrap = True if wraps is None else wraps[index]
            cells.append(self._typed(value, kind, wrap, font))
        return self._append(cells)

    def _typed(self, value, kind: Kind, wrap: bool = True, font=None):
        s = self.styles
        font = font or s.font
        if value is None or value == "":
            return self._cell(None, font, s.wrap, s.border)
        if kind is Kind.TEXT:
            return self._cell(str(value), font, s.wrap if wrap else s.left, s.border)
        if kind is Kind.DATE:
            if isinstance(value, datetime.datetime):
                value = value.date()
            return self._cell(value, font, s.right, s.border, number_format="dd/mm/yyyy")
        if kind is Kind.SCORE:
            value = Decimal(value) if not isinstance(value, Decimal) else value
            return self._cell(value, font, s.right, s.border, number_format="0.0")
        return self._cell(int(value), font, s.right, s.border, number_format="#,##0")

    def group_heading(self, text: str) -> int:
        s = self.styles
        cells = [self._cell(text_value(text), s.bold, s.wrap, s.border)]
        cells += [self._cell(None, s.bold, None, s.border) for _i in range(self.width - 1)]
        row = self._append(cells)
        self._merge(row, 1, self.width)
        return row

    def totals(self, label: str, first_row: int, last_row: int, kinds, totals) -> int:
        """`Tổng cộng` and =SUM(…) under each column whose `totals` flag is set (1-based
        columns of the table as the sheet holds them)."""
        s = self.styles
        cells = []
        for index, (kind, total) in enumerate(zip(kinds, totals, strict=True), start=1):
            if index == 1:
                cells.append(self._cell(label, s.bold, s.centre, s.border))
            elif total:
                letter = get_column_letter(index)
                formula = f"=SUM({letter}{first_row}:{letter}{last_row})"
                if last_row < first_row:
                    formula = 0
                cells.append(
                    self._cell(
                        formula, s.bold, s.right, s.border, number_format=NUMBER_FORMATS[kind]
                    )
                )
            else:
                cells.append(self._cell(None, s.bold, None, s.border))
        return self._append(cells)

    def signature(self, signature: Signature) -> None:
        """Right half: place and date, the signer's title, room to sign, the name."""
        s = self.styles
        half = self.width // 2
        lines = [
            (signature_date_line(signature.place, signature.date), s.head_italic),
            (signature.title.upper() if signature.title else "", s.head_bold),
            ("", None),
            ("", None),
            ("", None),
            (signature.name, s.head_bold),
        ]
        self.blank()
        for text, font in lines:
            if not text:
                self.blank()
                continue
            cells = [None] * half + [self._cell(text_value(text), font, s.centre)]
            row = self._append(cells)
            self._merge(row, half + 1, self.width)

    def page_break(self) -> None:
        """A manual page break below the last row written."""
        self.ws.row_breaks.append(Break(id=self.next_row - 1))

    def finish(self, *, print_title_row: int | None = None, autofilter=None) -> None:
        if print_title_row:
            self.ws.print_title_rows = f"{print_title_row}:{print_title_row}"
        if autofilter:
            first, last = autofilter
            self.ws.auto_filter.ref = f"A{first}:{get_column_letter(self.width)}{last}"


# ---- the lists ----------------------------------------------------------------------------------


def render_xlsx(exporter: Exporter, stream: BinaryIO, progress: Progress | None = None) -> None:
    """Writes the exporter's document to `stream` (a binary file object), in Vietnamese."""
    with translation.override("vi"):
        book = Workbook(write_only=True)
        if isinstance(exporter, WorkbookExporter):
            exporter.write(book, progress)
        elif isinstance(exporter, ListExporter):
            write_list(book, exporter, progress)
        else:
            raise TypeError(f"{type(exporter).__name__} is neither a list nor a workbook.")
        book.save(stream)


def write_list(book: Workbook, exporter: ListExporter, progress: Progress | None) -> None:
    columns = list(exporter.get_columns())
    kinds = [Kind.INTEGER, *(c.kind for c in columns)]
    widths = [STT_WIDTH, *(c.width or DEFAULT_WIDTHS[c.kind] for c in columns)]
    wraps = [False, *(c.wrap for c in columns)]
    titles = exporter.title_lines()
    # The header block (2 lines + blank), the title lines + blank: the table starts below.
    header_row = 3 + len(titles) + 1 + 1
    sheet = DocumentSheet(
        book, str(exporter.verbose_name), widths, styles=Styles(), freeze_at=f"C{header_row + 1}"
    )
    sheet.document_header()
    sheet.title(titles)
    assert sheet.next_row == header_row
    sheet.table_header([STT, *(c.title for c in columns)])
    total = exporter.row_count()
    groups = exporter.get_groups()
    # Lazily: a group's rows may be an iterator over one queryset, valid only until the next
    # group is taken (itertools.groupby).
    if groups is None:
        groups = iter([(None, exporter.get_rows())])
    else:
        groups = ((group.title, group.rows) for group in groups)
    number = 0
    first_data = sheet.next_row
    for index, (title, rows) in enumerate(groups, start=1):
        if title is not None:
            sheet.group_heading(f"{roman(index)}. {title}")
        for values in rows:
            number += 1
            sheet.row([number, *values], kinds, wraps)
            if progress and number % PROGRESS_EVERY == 0:
                progress(number, total)
    last_data = sheet.next_row - 1
    if any(c.total for c in columns):
        sheet.totals(TOTAL, first_data, last_data, kinds, [False, *(c.total for c in columns)])
    sheet.signature(exporter.signature())
    sheet.finish(print_title_row=header_row, autofilter=(header_row, max(last_data, header_row)))
    if progress:
        progress(number, total)
