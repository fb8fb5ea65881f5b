"""The cells of the official lists: the shared styles of a workbook, typed values, text that
stays text, worksheet names and the Roman numerals of group headings (used by the writer)."""

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

from core.spreadsheets.base import Kind

FONT_NAME = "Times New Roman"
NUMBER_FORMATS = {
    Kind.INTEGER: "#,##0",
    Kind.MONEY: "#,##0",
    Kind.SCORE: "0.0",
    Kind.DATE: "dd/mm/yyyy",
}
# Text a spreadsheet would read as the start of a formula (CSV/formula injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def roman(number: int) -> str:
    """1 → I, 4 → IV, 14 → XIV: the numbering of group headings."""
    numerals = (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    )  # fmt: skip
    out = []
    for value, letters in numerals:
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)


class StyledCell(Cell):
    """A write-only cell whose style's index in the workbook is known when it is made: openpyxl
    would otherwise look it up again for every cell it writes."""

    __slots__ = ("known_style_id",)

    @property
    def style_id(self):
        return self.known_style_id


class Styles:
    """The fonts, borders and alignments of one workbook, shared by every cell."""

    def __init__(self):
        thin = Side(style="thin")
        self.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.font = Font(name=FONT_NAME, size=12)
        self.bold = Font(name=FONT_NAME, size=12, bold=True)
        self.head = Font(name=FONT_NAME, size=13)
        self.head_bold = Font(name=FONT_NAME, size=13, bold=True)
        self.head_italic = Font(name=FONT_NAME, size=13, italic=True)
        self.title = Font(name=FONT_NAME, size=14, bold=True)
        self.fill = PatternFill("solid", fgColor="D9D9D9")
        self.centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
        self.left = Alignment(horizontal="left", vertical="top", wrap_text=False)
        self.wrap = Alignment(horizontal="left", vertical="top", wrap_text=True)
        self.right = Alignment(horizontal="right", vertical="top")
        self._arrays = {}

    def array(self, ws, font, alignment, border, fill, number_format, quote):
        """The style array of a combination and its index in the workbook, made once per
        workbook. Shared by the cells that use it: nothing changes a written cell's style."""
        key = (id(font), id(alignment), id(border), id(fill), number_format, quote)
        array = self._arrays.get(key)
        if array is None:
            cell = WriteOnlyCell(ws)
            if font is not None:
                cell.font = font
            if alignment is not None:
                cell.alignment = alignment
            if border is not None:
                cell.border = border
            if fill is not None:
                cell.fill = fill
            if number_format is not None:
                cell.number_format = number_format
            if quote:
                cell.quotePrefix = True
            # The objects behind the key's ids are kept with it, so an id is never reused.
            self._arrays[key] = (
                (cell._style, ws.parent._cell_styles.add(cell._style)),
                (font, alignment, border, fill),
            )
            array = self._arrays[key]
        return array[0]


def cells_to_row(cells, row_idx):
    for col_idx, cell in enumerate(cells, 1):
        if cell is None:
            continue
        cell.column = col_idx
        cell.row = row_idx
        yield cell


def text_value(value) -> str:
    return "" if value is None else str(value)


def keep_text(cell) -> None:
    """Text stays text: a value starting like a formula (its cell has the quote prefix that tells
    a spreadsheet never to evaluate it) is stored as a string and reads back unchanged."""
    cell.data_type = "s"


def safe_sheet_name(name: str) -> str:
    """A worksheet title Excel accepts: at most 31 characters, none of []:*?/\\."""
    for char in "[]:*?/\\":
        name = name.replace(char, " ")
    return (name.strip() or "Sheet")[:31]
