"""The nominees list: the nominated products by group with the decision and the documents of
their dossiers, facilities for staff only, one query whatever its length."""

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from awards.exports.nominees import NomineeList
from awards.models import Nomination, ProductGroup
from core.spreadsheets import ExportNotAllowed, registry
from tests.awards.export_files import (
    HEADER_ROW,
    queries_to_render,
    sheet_of,
    table_values,
    text_of,
)
from tests.awards.export_world import recognized_round
from tests.factories import AttachmentFactory

pytestmark = pytest.mark.django_db


def _nominate(entry, number="15/QĐ-SCT", date=datetime.date(2024, 12, 10)):
    return Nomination.objects.create(
        round=entry.round, entry=entry, decision_number=number, decision_date=date
    )


@pytest.fixture
def world(judge, chair):
    award_round = recognized_round(judge, chair)
    mine = award_round.entries.get(voting_code="T2024-2-001")
    _nominate(mine)
    for _ in range(3):
        AttachmentFactory(entry=mine, kind="photo")
    AttachmentFactory(entry=mine, kind="registration_form")
    AttachmentFactory(entry=mine, kind="description")
    _nominate(award_round.entries.get(voting_code="T2024-1-002"), "16/QĐ-SCT")
    return award_round


def test_nominees_list_gives_the_decision_and_the_dossier(world, officer):
    exporter = NomineeList(user=officer, subject=world)
    exporter.check_allowed()
    assert registry.get("nominees") is NomineeList
    assert exporter.file_name() == "danh-sach-san-pham-de-cu-2024.xlsx"
    ws = sheet_of(exporter)
    assert ws["A4"].value == "DANH SÁCH SẢN PHẨM ĐỀ CỬ THAM GIA BÌNH CHỌN CẤP TRÊN"
    rows = table_values(ws)
    assert rows[0] == [
        "STT", "Mã số bình chọn", "Sản phẩm", "Cơ sở", "Địa chỉ", "Điểm", "Số giấy chứng nhận",
        "Có giá trị đến", "Quyết định đề cử", "Ngày quyết định", "Ảnh sản phẩm", "Mẫu 01", "Mẫu 02",
        "Giấy chứng nhận",
    ]  # fmt: skip
    other = world.entries.get(voting_code="T2024-1-002").facility
    mine = world.entries.get(voting_code="T2024-2-001").facility
    assert rows[1][0] == f"I. {ProductGroup.objects.get(code=1).name}"
    assert rows[2] == [
        1, "T2024-1-002", '=HYPERLINK("http://x","y")', other.name,
        f"{other.ward.name}, {other.province.name}", 75, "02/2024/GCN",
        datetime.datetime(2027, 12, 1), "16/QĐ-SCT", datetime.datetime(2024, 12, 10), 0, None,
        None, "x",
    ]  # fmt: skip
    assert rows[3][0] == f"II. {ProductGroup.objects.get(code=2).name}"
    assert rows[4] == [
        2, "T2024-2-001", "Kẹo dừa sáp", "Cơ sở kẹo dừa Bí Mật",
        f"{mine.ward.name}, {mine.province.name}", 81.5, "01/2024/GCN",
        datetime.datetime(2027, 12, 1), "15/QĐ-SCT", datetime.datetime(2024, 12, 10), 3, "x",
        "x", "x",
    ]  # fmt: skip
    assert not any(isinstance(row[0], int) for row in rows[5:])  # then only the signature
    photos = ws.cell(row=HEADER_ROW + 4, column=11)
    assert photos.data_type == "n"
    assert photos.number_format == "#,##0"
    assert ws.cell(row=HEADER_ROW + 4, column=10).number_format == "dd/mm/yyyy"
    assert ws.cell(row=HEADER_ROW + 2, column=3).data_type == "s"
    assert ws.page_setup.orientation == "landscape"
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"


def test_nominees_list_leaves_out_recognised_products_not_nominated(world, officer):
    text = {c.value for row in sheet_of(NomineeList(user=officer, subject=world)).iter_rows()
            for c in row}  # fmt: skip
    assert "T2024-2-001" in text
    assert "T2024-2-003" not in text


def test_nominees_list_of_a_blind_rounds_chair_names_no_facility(world, chair):
    exporter = NomineeList(user=chair, subject=world)
    exporter.check_allowed()
    ws = sheet_of(exporter)
    text = text_of(ws)
    for entry in world.entries.select_related("facility__ward"):
        assert entry.facility.name not in text
        assert entry.facility.ward.name not in text
    assert "Cơ sở" not in table_values(ws)[0]


def test_nominees_list_refused_to_judges_and_applicants(world, judge, applicant):
    for user in (judge, applicant):
        with pytest.raises(ExportNotAllowed):
            NomineeList(user=user, subject=world).check_allowed()


def test_nominees_list_query_count_does_not_grow_with_rows(world, officer):
    def count():
        return queries_to_render(NomineeList(user=officer, subject=world))

    before = count()
    third = world.entries.get(voting_code="T2024-2-003")
    third.state = "recognized"
    third.save(update_fields=["state"])
    _nominate(third, "17/QĐ-SCT")
    AttachmentFactory(entry=third, kind="photo")
    assert count() == before


def test_results_page_offers_the_chair_the_lists_of_results_without_facilities(
    world, chair, client
):
    client.force_login(chair)
    page = client.get(reverse("awards:round-results", args=[world.pk]))
    html = page.content.decode()
    assert 'id="results-export-recognized"' in html
    assert 'id="results-export-nominees"' in html
    assert 'id="results-export-entries"' not in html  # the entry list's, staff only
    url = dict((i, u) for i, _n, u in page.context["export_links"])["nominees"]
    download = client.get(url)
    assert download.status_code == 200
    ws = openpyxl.load_workbook(io.BytesIO(b"".join(download.streaming_content))).active
    text = text_of(ws)
    assert "Bí Mật" not in text
    assert "T2024-2-001" in text
