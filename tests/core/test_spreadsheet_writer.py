"""The writer lays a list out as an official document: header block, title, table, groups,
totals, signature, print settings, typed cells, and text that never runs as a formula."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest

from core.models import Organisation
from core.spreadsheets import Column, Group, Kind, ListExporter, Signature, WorkbookExporter
from core.spreadsheets.base import ascii_slug
from core.spreadsheets.writer import DocumentSheet, Styles, render_xlsx, roman

pytestmark = pytest.mark.django_db

INJECTIONS = ['=HYPERLINK("http://x","y")', "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"]


class Products(ListExporter):
    identifier = "test-products"
    verbose_name = "Danh sách thử"
    file_stem = "danh-sach-thu"
    columns = (
        Column("name", "Tên sản phẩm"),
        Column("count", "Số lượng", Kind.INTEGER, total=True),
        Column("money", "Kinh phí", Kind.MONEY, total=True),
        Column("score", "Điểm", Kind.SCORE),
        Column("day", "Ngày", Kind.DATE),
    )
    groups = (
        Group(
            "Nhóm thủ công mỹ nghệ",
            [
                ("Nón lá", 2, 1_234_567, Decimal("82.5"), datetime.date(2024, 9, 5)),
                ("Chiếu cói", 3, 1_000, Decimal("71.0"), None),
            ],
        ),
        Group("Nhóm chế biến nông sản", [("Kẹo dừa", 5, 10, Decimal("90.3"), None)]),
    )

    def check_allowed(self):
        return None

    def title_lines(self):
        return ["DANH SÁCH THỬ", "Năm 2024"]

    def year(self):
        return 2024

    def row_count(self):
        return sum(len(group.rows) for group in self.get_groups())

    def get_groups(self):
        return self.groups

    def signature(self):
        return Signature("Vĩnh Long", datetime.date(2024, 12, 7), "Giám đốc", "Nguyễn Văn A")


class Flat(Products):
    def get_groups(self):
        return None

    def get_rows(self):
        return [(name, 1, 1, Decimal("1.0"), None) for name in INJECTIONS]

    def row_count(self):
        return len(INJECTIONS)


def _open(exporter, progress=None):
    buffer = io.BytesIO()
    render_xlsx(exporter, buffer, progress)
    buffer.seek(0)
    return openpyxl.load_workbook(buffer)


@pytest.fixture
def organisation():
    organisation = Organisation.current()
    organisation.department_name = "SỞ CÔNG THƯƠNG TỈNH VĨNH LONG"
    organisation.center_name = "Trung tâm Khuyến công"
    organisation.save()
    return organisation


def test_writer_lays_out_header_title_table_groups_totals_and_signature(organisation):
    calls = []
    ws = _open(Products(user=None), lambda done, total: calls.append((done, total))).active
    assert ws["A1"].value == "SỞ CÔNG THƯƠNG TỈNH VĨNH LONG"
    assert ws["A2"].value == "TRUNG TÂM KHUYẾN CÔNG"
    assert ws["D1"].value == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert ws["D2"].value == "Độc lập - Tự do - Hạnh phúc"
    assert ws["A4"].value == "DANH SÁCH THỬ"
    assert ws["A5"].value == "Năm 2024"
    assert [c.value for c in ws[7]] == [
        "STT",
        "Tên sản phẩm",
        "Số lượng",
        "Kinh phí",
        "Điểm",
        "Ngày",
    ]
    assert ws["A8"].value == "I. Nhóm thủ công mỹ nghệ"
    assert [c.value for c in ws[9]] == [
        1,
        "Nón lá",
        2,
        1_234_567,
        82.5,
        datetime.datetime(2024, 9, 5),
    ]
    assert ws["C9"].number_format == "#,##0"
    assert ws["D9"].number_format == "#,##0"
    assert ws["E9"].number_format == "0.0"
    assert ws["F9"].number_format == "dd/mm/yyyy"
    assert ws["F9"].is_date
    assert ws["D9"].data_type == "n"
    assert ws["F10"].value is None
    assert ws["A11"].value == "II. Nhóm chế biến nông sản"
    assert [c.value for c in ws[12]][:2] == [3, "Kẹo dừa"]
    assert ws["A13"].value == "Tổng cộng"
    assert ws["C13"].value == "=SUM(C8:C12)"
    assert ws["D13"].value == "=SUM(D8:D12)"
    assert ws["E13"].value is None
    values = [c.value for row in ws.iter_rows(min_row=14) for c in row if c.value]
    assert values == [
        "Vĩnh Long, ngày 07 tháng 12 năm 2024",
        "GIÁM ĐỐC",
        "Nguyễn Văn A",
    ]
    assert calls[-1] == (3, 3)


def test_writer_sets_print_settings_for_a4_landscape_binding(organisation):
    ws = _open(Products(user=None)).active
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.paperSize == 9
    assert ws.page_setup.fitToWidth == 1
    assert ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert ws.print_title_rows == "$7:$7"
    assert ws.freeze_panes == "C8"
    assert ws.auto_filter.ref == "A7:F12"
    assert round(ws.page_margins.left * 25.4) == 30
    assert round(ws.page_margins.right * 25.4) == 15
    assert ws.column_dimensions["A"].width == 6
    assert "A1:C1" in {str(r) for r in ws.merged_cells.ranges}


def test_writer_keeps_formula_like_text_as_text(organisation):
    ws = _open(Flat(user=None)).active
    cells = [ws.cell(row=8 + index, column=2) for index in range(len(INJECTIONS))]
    assert [c.value for c in cells] == INJECTIONS
    assert {c.data_type for c in cells} == {"s"}
    assert all(c.quotePrefix for c in cells)


def test_writer_gives_an_empty_list_a_valid_sheet(organisation):
    class Empty(Flat):
        def get_rows(self):
            return []

        def row_count(self):
            return 0

    ws = _open(Empty(user=None)).active
    assert ws["A7"].value == "STT"
    assert ws["A8"].value == "Tổng cộng"
    assert ws["C8"].value == 0


def test_workbook_exporter_writes_a_worksheet_per_block_with_page_breaks(organisation):
    class TwoSheets(WorkbookExporter):
        identifier = "test-two"
        verbose_name = "Hai trang"
        file_stem = "hai-trang"

        def write(self, book, progress=None):
            styles = Styles()
            for name in ("Giám khảo: A/B", "Giám khảo 2"):
                sheet = DocumentSheet(book, name, [6, 30, 10], styles=styles)
                sheet.document_header()
                sheet.fields([("Sản phẩm", "Nón lá")])
                sheet.page_break()
                sheet.finish()

    book = _open(TwoSheets(user=None))
    assert book.sheetnames == ["Giám khảo  A B", "Giám khảo 2"]
    ws = book["Giám khảo 2"]
    assert ws["A4"].value == "Sản phẩm: Nón lá"
    assert [b.id for b in ws.row_breaks.brk] == [4]


def test_roman_numerals_and_ascii_file_names():
    assert [roman(n) for n in (1, 2, 4, 9, 14, 40)] == ["I", "II", "IV", "IX", "XIV", "XL"]
    assert ascii_slug("Danh sách sản phẩm được công nhận 2024") == (
        "danh-sach-san-pham-duoc-cong-nhan-2024"
    )
    assert Products(user=None).file_name() == "danh-sach-thu-2024.xlsx"
