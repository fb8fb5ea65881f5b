"""The score summary: each judge's submitted total per entry beside the results' figures, by
product group in rank order, typed cells, the facilities only for staff, who may download it,
and a number of queries that does not grow with the entries."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from awards.exports.scores import ScoreSummary
from awards.models import AwardRound, ProductGroup, ScoreSheet
from core.spreadsheets import ExportNotAllowed, registry
from tests.awards.export_files import (
    HEADER_ROW,
    sheet_of,
    table_values,
    text_of,
)
from tests.awards.export_world import recognized_round
from tests.factories import PanelMemberFactory, ScoreSheetFactory, give_scores

pytestmark = pytest.mark.django_db

CRITERIA = ["Tiêu chí 1", "Tiêu chí 2", "Tiêu chí 3", "Tiêu chí 4"]
RESULTS = ["Số phiếu", "Điểm trung bình", *CRITERIA, "Độ lệch chuẩn"]
RANKS = ["Hạng trong nhóm", "Hạng chung", "Kết quả"]
JUDGES = ["Lê Văn An", "other_judge", "Trần Thị Bình"]  # by name: chair, other_judge, judge


@pytest.fixture
def world(judge, chair, other_judge):
    """recognized_round (judge and chair score three entries) needing two sheets and a pass
    score of 80; the judge's sheet of T2024-2-003 is void (a conflict declared late), so it has
    no result; other_judge sits on the panel with a draft only."""
    for user, name in ((judge, "Trần Thị Bình"), (chair, "Lê Văn An"), (other_judge, "")):
        user.full_name = name
        user.save(update_fields=["full_name"])
    award_round = recognized_round(judge, chair)
    AwardRound.objects.filter(pk=award_round.pk).update(
        min_score_sheets=2, pass_score=Decimal("80")
    )
    award_round.refresh_from_db()
    ScoreSheet.objects.filter(entry__voting_code="T2024-2-003", judge=judge).update(state="void")
    panel = award_round.panels.get()
    PanelMemberFactory(panel=panel, judge=other_judge, role="member")
    entry = award_round.entries.get(voting_code="T2024-2-001")
    give_scores(ScoreSheetFactory(panel=panel, entry=entry, judge=other_judge), [1, 1, 1, 1])
    return award_round


def test_score_summary_lists_judges_totals_and_results_by_group(world, officer):
    exporter = ScoreSummary(user=officer, subject=world)
    exporter.check_allowed()
    assert registry.get("scores") is ScoreSummary
    assert exporter.file_name() == "bang-tong-hop-diem-2024.xlsx"
    assert exporter.row_count() == 3
    ws = sheet_of(exporter)
    with translation.override("vi"):
        title = str(ScoreSummary.verbose_name).upper()
    assert ws["A4"].value == title
    assert ws["A5"].value == f"{world.title} (năm 2024)"
    rows = table_values(ws)
    assert rows[0] == ["STT", "Mã số bình chọn", "Sản phẩm", "Cơ sở", *JUDGES, *RESULTS, *RANKS]
    group1 = str(ProductGroup.objects.get(code=1).name)
    group2 = str(ProductGroup.objects.get(code=2).name)
    facility = {e.voting_code: e.facility.name for e in world.entries.select_related("facility")}
    assert rows[1][0] == f"I. {group1}"
    assert rows[2] == [
        1, "T2024-1-002", '=HYPERLINK("http://x","y")', facility["T2024-1-002"],
        75, None, 75, 2, 75, 30, 20, 15, 10, 0, 1, 2, "Không đạt",
    ]  # fmt: skip
    assert rows[3][0] == f"II. {group2}"
    # Ranked within the group; the draft of other_judge counts for nothing.
    assert rows[4] == [
        2, "T2024-2-001", "Kẹo dừa sáp", "Cơ sở kẹo dừa Bí Mật",
        83, None, 80, 2, 81.5, 31, 20, 15.5, 15, 1.5, 1, 1, "Đạt",
    ]  # fmt: skip
    # The judge's void sheet is left out: one sheet, fewer than two, so no result and last.
    assert rows[5] == [
        3, "T2024-2-003", "Bánh phồng", facility["T2024-2-003"],
        50, None, None, 1, None, None, None, None, None, None, None, None, None,
    ]  # fmt: skip
    assert not any(value for value in rows[6])  # then the signature block


def test_score_summary_cells_are_typed_and_printed_as_a_document(world, officer):
    ws = sheet_of(ScoreSummary(user=officer, subject=world))
    header = [cell.value for cell in ws[HEADER_ROW]]
    row = HEADER_ROW + 4  # T2024-2-001
    scores = [*JUDGES, "Điểm trung bình", *CRITERIA, "Độ lệch chuẩn"]
    counts = ["STT", "Số phiếu", "Hạng trong nhóm", "Hạng chung"]
    for title in scores:
        cell = ws.cell(row=row, column=header.index(title) + 1)
        if cell.value is None:  # other_judge's draft
            assert title == "other_judge"
            continue
        assert cell.data_type == "n", title
        assert cell.number_format == "0.0", title
    for title in counts:
        cell = ws.cell(row=row, column=header.index(title) + 1)
        assert cell.data_type == "n", title
        assert isinstance(cell.value, int), title
        assert cell.number_format == "#,##0", title
    for title in ("Sản phẩm", "Kết quả"):
        assert ws.cell(row=row, column=header.index(title) + 1).data_type == "s"
    # A formula-looking product name stays text.
    product = ws.cell(row=HEADER_ROW + 2, column=3)
    assert product.data_type == "s"
    assert product.value == '=HYPERLINK("http://x","y")'
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.fitToWidth == 1
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"


def test_score_summary_for_a_blind_rounds_chair_names_no_facility(world, chair):
    assert not world.judges_see_identity
    exporter = ScoreSummary(user=chair, subject=world)
    exporter.check_allowed()
    ws = sheet_of(exporter)
    text = text_of(ws)
    assert "Bí Mật" not in text
    for entry in world.entries.select_related("facility__ward", "facility__province"):
        assert entry.facility.name not in text
        assert entry.facility.ward.name not in text
    rows = table_values(ws)
    assert rows[0] == ["STT", "Mã số bình chọn", "Sản phẩm", *JUDGES, *RESULTS, *RANKS]
    assert rows[4][:8] == [2, "T2024-2-001", "Kẹo dừa sáp", 83, None, 80, 2, 81.5]


def test_score_summary_refused_to_judges_applicants_and_anonymous(
    world, judge, other_judge, applicant
):
    for user in (judge, other_judge, applicant, AnonymousUser()):
        with pytest.raises(ExportNotAllowed):
            ScoreSummary(user=user, subject=world).check_allowed()


def test_score_summary_waits_for_the_results_as_the_results_page_does(world, chair, officer):
    AwardRound.objects.filter(pk=world.pk).update(state="judging")
    world.refresh_from_db()
    for user in (chair, officer):  # the page says "no results yet" to both
        with pytest.raises(ExportNotAllowed):
            ScoreSummary(user=user, subject=world).check_allowed()
    AwardRound.objects.filter(pk=world.pk).update(state="deliberation")
    world.refresh_from_db()
    ScoreSummary(user=officer, subject=world).check_allowed()


def test_score_summary_query_count_does_not_grow_with_rows(world, officer):
    def count():
        with CaptureQueriesContext(connection) as queries:
            ws = sheet_of(ScoreSummary(user=officer, subject=world))
        return len(queries), sum(1 for row in table_values(ws) if isinstance(row[0], int))

    three = count()
    assert three[1] == 3
    world.entries.exclude(voting_code="T2024-2-001").update(state="withdrawn")
    one = count()
    assert one[1] == 1
    assert one[0] == three[0]
