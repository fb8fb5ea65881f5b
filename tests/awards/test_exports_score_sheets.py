"""The score sheets (Phụ lục 4, TT 26/2014): one worksheet per judge, one page per submitted
sheet with the criteria, points, comment and signature; never a facility; staff only."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext

from awards.exports.score_sheets import ScoreSheets, worksheet_names
from awards.models import ProductGroup, RoundCriterion
from core.models import Organisation
from core.spreadsheets import ExportNotAllowed, Kind, WorkbookExporter, registry
from core.spreadsheets.writer import DocumentSheet, Styles
from tests.awards.export_files import queries_to_render, text_of, workbook_of
from tests.factories import (
    AwardRoundFactory,
    EntryFactory,
    FacilityFactory,
    PanelFactory,
    PanelMemberFactory,
    ScoreSheetFactory,
    give_scores,
)

pytestmark = pytest.mark.django_db

PANEL = "Hội đồng bình chọn sản phẩm CNNT 2024"
HYPERLINK = '=HYPERLINK("http://x","y")'
SUBMITTED_ON = timezone.make_aware(datetime.datetime(2024, 10, 15, 9, 0))


def vi(message: str) -> str:
    """A message as the document prints it (in Vietnamese once it is translated)."""
    with translation.override("vi"):
        return gettext(message)


@pytest.fixture
def organisation():
    return Organisation.objects.update_or_create(
        pk=1,
        defaults={
            "department_name": "SỞ CÔNG THƯƠNG TỈNH VĨNH LONG",
            "center_name": "Trung tâm Khuyến công và Tư vấn phát triển công nghiệp",
            "signing_place": "Vĩnh Long",
        },
    )[0]


def _entry(award_round, code, product, group, facility=None):
    return EntryFactory(
        round=award_round,
        product_name=product,
        product_group=ProductGroup.objects.get(code=group),
        facility=facility or FacilityFactory(),
        state="eligible",
        voting_code=code,
    )


def _sheet(panel, entry, judge, points, *, submit=True, comment=""):
    sheet = ScoreSheetFactory(panel=panel, entry=entry, judge=judge, comment=comment)
    give_scores(sheet, points, submit=submit)
    if submit:
        sheet.submitted_at = SUBMITTED_ON
        sheet.save(update_fields=["submitted_at"])
    return sheet


@pytest.fixture
def world(judge, chair, other_judge, organisation):
    """A blind 2024 round whose criterion 4 has two sub-criteria. `judge` (Trần Thị Bình,
    member) submitted two sheets; `chair` (Lê Văn An) one, and one still in draft;
    `other_judge` only a voided one."""
    judge.full_name, chair.full_name = "Trần Thị Bình", "Lê Văn An"
    judge.save(update_fields=["full_name"])
    chair.save(update_fields=["full_name"])
    award_round = AwardRoundFactory(state="judging", year=2024, judges_see_identity=False)
    fourth = award_round.criteria.get(code="4")
    RoundCriterion.objects.create(
        round=award_round, parent=fourth, code="4a", text="Bao bì", max_points=6, position=1
    )
    RoundCriterion.objects.create(
        round=award_round, parent=fourth, code="4b", text="Nhãn mác", max_points=4, position=2
    )
    panel = PanelFactory(round=award_round, name=PANEL)
    PanelMemberFactory(panel=panel, judge=chair, role="chair")
    PanelMemberFactory(panel=panel, judge=judge, role="member")
    PanelMemberFactory(panel=panel, judge=other_judge, role="member")
    candy = _entry(
        award_round, "T2024-2-001", "Kẹo dừa sáp", 2, FacilityFactory(name="Cơ sở kẹo dừa Bí Mật")
    )
    odd = _entry(award_round, "T2024-1-002", HYPERLINK, 1)
    comment = "Sản phẩm đẹp, " + "bao bì cần cải tiến thêm cho phù hợp thị trường. " * 4
    noted = _sheet(panel, candy, judge, [30, 20.5, 8, 5, 3.5], comment=comment.strip())
    noted.scores.filter(criterion__code="4a").update(note="Bao bì chưa bắt mắt")
    _sheet(panel, odd, judge, [25, 20, 7, 4, 2])
    _sheet(panel, candy, chair, [32, 20, 9, 6, 4])
    _sheet(panel, odd, chair, [10, 10, 5, 1, 1], submit=False)
    void = _sheet(panel, candy, other_judge, [1, 1, 1, 1, 1])
    void.state = "void"
    void.save(update_fields=["state"])
    return award_round


def _rows(ws):
    return [[cell.value for cell in row] for row in ws.iter_rows()]


def _find(rows, first, column=0):
    return next(index for index, row in enumerate(rows) if row and row[column] == first)


def test_score_sheets_is_registered_with_its_file_name(world, officer):
    exporter = ScoreSheets(user=officer, subject=world)
    assert registry.get("score-sheets") is ScoreSheets
    assert isinstance(exporter, WorkbookExporter)
    assert exporter.file_name() == "phieu-cham-diem-2024.xlsx"
    assert ScoreSheets.chairs_may_download is False
    assert exporter.row_count() == 3  # submitted sheets only


def test_one_worksheet_per_judge_with_submitted_sheets_only(world, officer):
    book = workbook_of(ScoreSheets(user=officer, subject=world))
    # By name: Lê before Trần; other_judge has only a voided sheet, so no worksheet.
    assert book.sheetnames == ["Lê Văn An", "Trần Thị Bình"]
    chair_rows = _rows(book["Lê Văn An"])
    codes = [row[0] for row in chair_rows if row and str(row[0]).startswith("Mã số bình chọn")]
    assert codes == ["Mã số bình chọn: T2024-2-001"]  # the draft of T2024-1-002 is left out
    judge_ws = book["Trần Thị Bình"]
    codes = [row[0] for row in _rows(judge_ws) if row and str(row[0]).startswith("Mã số")]
    assert codes == ["Mã số bình chọn: T2024-1-002", "Mã số bình chọn: T2024-2-001"]


def test_a_sheet_is_laid_out_as_phu_luc_4(world, officer, organisation):
    book = workbook_of(ScoreSheets(user=officer, subject=world))
    ws = book["Trần Thị Bình"]
    rows = _rows(ws)
    # The second page: T2024-2-001, after the page break below the first.
    start = ws.row_breaks.brk[0].id  # 1-based row of the break = 0-based index of the next row
    page = rows[start:]
    assert page[0][0] == "SỞ CÔNG THƯƠNG TỈNH VĨNH LONG"
    assert page[0][2] == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert page[1][0] == "TRUNG TÂM KHUYẾN CÔNG VÀ TƯ VẤN PHÁT TRIỂN CÔNG NGHIỆP"
    assert page[1][2] == "Độc lập - Tự do - Hạnh phúc"
    assert page[3][0] == "PHIẾU CHẤM ĐIỂM"
    assert page[4][0] == f"{world.title} (năm 2024)"
    assert [row[0] for row in page[6:12]] == [
        f"Hội đồng: {PANEL}",
        "Sản phẩm: Kẹo dừa sáp",
        f"Nhóm sản phẩm: {ProductGroup.objects.get(code=2)}",
        "Mã số bình chọn: T2024-2-001",
        "Giám khảo: Trần Thị Bình",
        f"{vi('Title on the panel')}: Thành viên",
    ]
    header = _find(page, "TT")
    assert page[header] == ["TT", "Tiêu chí", "Điểm tối đa", "Điểm chấm", "Ghi chú"]
    table = page[header + 1 : header + 8]
    assert [row[:4] for row in table] == [
        ["1", "Đáp ứng thị trường và khả năng phát triển sản xuất", 40, 30],
        ["2", "Kinh tế - kỹ thuật - xã hội và môi trường", 40, 20.5],
        ["3", "Tính văn hóa, tính thẩm mỹ", 10, 8],
        ["4", "Một số tiêu chí khác", 10, 8.5],  # its sub-criteria's sum
        ["4.1", "Bao bì", 6, 5],  # the note: below
        ["4.2", "Nhãn mác", 4, 3.5],
        [None, "Tổng cộng", 100, 67],
    ]
    assert table[4][4] == "Bao bì chưa bắt mắt"
    first = start + header + 2  # the 1-based row of criterion 1
    for row in range(first, first + 7):
        for column in (3, 4):
            cell = ws.cell(row=row, column=column)
            assert cell.data_type == "n"
            assert cell.number_format == "0.0"
    assert ws.cell(row=first + 3, column=2).font.b  # a parent sums its children
    assert not ws.cell(row=first + 4, column=2).font.b
    assert ws.cell(row=first + 6, column=2).font.b  # the total
    comment = _find(page, "Nhận xét:")
    assert comment > header + 7
    lines = []
    for row in page[comment + 1 :]:
        if not row or row[0] is None:
            break
        lines.append(row[0])
    assert len(lines) > 1  # a long comment is written line by line (a merged cell never grows)
    assert " ".join(lines).startswith("Sản phẩm đẹp, bao bì cần cải tiến")
    signature = [value for row in page[comment:] for value in row if value]
    assert "Vĩnh Long, ngày 15 tháng 10 năm 2024" in signature
    assert vi("Scored by").upper() in signature
    assert signature[-1] == "Trần Thị Bình"  # the name under the space for the signature


def test_page_breaks_between_entries_and_print_settings(world, officer):
    book = workbook_of(ScoreSheets(user=officer, subject=world))
    judge_ws, chair_ws = book["Trần Thị Bình"], book["Lê Văn An"]
    assert len(judge_ws.row_breaks.brk) == 1  # two sheets, one break
    assert len(chair_ws.row_breaks.brk) == 0
    second = judge_ws.row_breaks.brk[0].id + 1
    assert judge_ws.cell(row=second, column=1).value == "SỞ CÔNG THƯƠNG TỈNH VĨNH LONG"
    # The first page ends with the judge's name under the signature space.
    assert judge_ws.cell(row=second - 1, column=3).value == "Trần Thị Bình"
    for ws in book.worksheets:
        assert ws.page_setup.orientation == "portrait"
        assert ws.page_setup.paperSize == 9  # A4
        assert ws.page_setup.fitToWidth == 1
        assert ws.page_setup.fitToHeight == 0
        assert ws.sheet_properties.pageSetUpPr.fitToPage


def test_score_sheets_never_name_a_facility_and_keep_formula_like_text(world, officer):
    book = workbook_of(ScoreSheets(user=officer, subject=world))
    text = text_of(*book.worksheets)
    assert "Bí Mật" not in text
    for entry in world.entries.select_related("facility"):
        assert entry.facility.name not in text
    ws = book["Trần Thị Bình"]
    cell = next(
        cell
        for row in ws.iter_rows()
        for cell in row
        if isinstance(cell.value, str) and HYPERLINK in cell.value
    )
    assert cell.data_type == "s"
    assert cell.value == f"Sản phẩm: {HYPERLINK}"


def test_score_sheets_for_staff_only(world, officer, manager, admin_user, chair, judge, applicant):
    from django.contrib.auth.models import AnonymousUser

    world.state = "finalized"
    world.save(update_fields=["state"])
    for user in (officer, manager, admin_user):
        ScoreSheets(user=user, subject=world).check_allowed()
    for user in (chair, judge, applicant, AnonymousUser()):
        with pytest.raises(ExportNotAllowed):
            ScoreSheets(user=user, subject=world).check_allowed()


def test_progress_is_reported_as_sheets_are_written(world, officer):
    calls = []
    workbook_of(
        ScoreSheets(user=officer, subject=world), lambda done, total: calls.append((done, total))
    )
    assert calls[:3] == [(1, 3), (2, 3), (3, 3)]
    assert calls[-1] == (3, 3)


def test_query_count_does_not_grow_with_sheets(world, officer):
    def count():
        return queries_to_render(ScoreSheets(user=officer, subject=world))

    sheets = world.score_sheets.filter(state="submitted")
    kept = sheets.get(judge__full_name="Trần Thị Bình", entry__voting_code="T2024-2-001")
    sheets.exclude(pk=kept.pk).update(state="draft")
    one = count()
    assert ScoreSheets(user=officer, subject=world).row_count() == 1
    world.score_sheets.filter(state="draft").exclude(
        judge__full_name="Lê Văn An", entry__voting_code="T2024-1-002"
    ).update(state="submitted")
    assert ScoreSheets(user=officer, subject=world).row_count() == 3
    assert count() == one


def test_a_round_without_submitted_sheets_still_gives_a_document(world, officer):
    world.score_sheets.filter(state="submitted").update(state="draft")
    book = workbook_of(ScoreSheets(user=officer, subject=world))
    assert book.sheetnames == [vi("Score sheets")]
    rows = _rows(book.worksheets[0])
    assert rows[3][0] == "PHIẾU CHẤM ĐIỂM"
    assert rows[6][0] == vi("No score sheet of this round has been submitted yet.")


def test_worksheet_names_stay_unique_when_judges_share_a_name():
    long = "Nguyễn Thị Thanh Hương Xuân Mai Lan"  # more than 31 characters
    assert worksheet_names(["Nguyễn Văn A", "Nguyễn Văn A", "nguyễn văn a", long, long]) == [
        "Nguyễn Văn A",
        "Nguyễn Văn A (2)",
        "nguyễn văn a (3)",
        long[:31],
        long[:27] + " (2)",
    ]


def test_two_judges_of_one_name_get_two_worksheets(world, officer, chair, judge):
    chair.full_name = judge.full_name
    chair.save(update_fields=["full_name"])
    book = workbook_of(ScoreSheets(user=officer, subject=world))
    assert book.sheetnames == ["Trần Thị Bình", "Trần Thị Bình (2)"]


def test_document_sheet_portrait_and_bold_rows(organisation):
    book = openpyxl.Workbook(write_only=True)
    styles = Styles()
    portrait = DocumentSheet(book, "P", [10, 10], styles=styles, orientation="portrait")
    portrait.row(["a", Decimal("1.5")], [Kind.TEXT, Kind.SCORE], bold=True)
    portrait.row(["b", Decimal("2")], [Kind.TEXT, Kind.SCORE])
    DocumentSheet(book, "L", [10, 10], styles=styles)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    read = openpyxl.load_workbook(buffer)
    assert read["P"].page_setup.orientation == "portrait"
    assert read["L"].page_setup.orientation == "landscape"  # the default stays
    assert read["P"]["A1"].font.b and read["P"]["B1"].font.b
    assert read["P"]["B1"].number_format == "0.0"
    assert not read["P"]["A2"].font.b
