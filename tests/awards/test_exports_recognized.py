"""The recognised-products list: grouped by product group, typed cells, certificates, the
facilities only for staff, and who may download it."""

import datetime

import pytest

from awards.exports.recognized import RecognizedProducts
from awards.models import ProductGroup
from core.spreadsheets import ExportNotAllowed, registry
from tests.awards.export_files import (
    HEADER_ROW,
    queries_to_render,
    sheet_of,
    table_values,
    text_of,
)
from tests.awards.export_world import recognized_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(judge, chair):
    return recognized_round(judge, chair)


def test_recognized_list_groups_products_with_scores_and_certificates(world, officer):
    exporter = RecognizedProducts(user=officer, subject=world)
    exporter.check_allowed()
    assert registry.get("recognized") is RecognizedProducts
    assert exporter.file_name() == "danh-sach-san-pham-duoc-cong-nhan-2024.xlsx"
    ws = sheet_of(exporter)
    assert ws["A4"].value == "DANH SÁCH SẢN PHẨM ĐƯỢC CÔNG NHẬN"
    assert ws["A5"].value == f"{world.title} (năm 2024)"
    rows = table_values(ws)
    assert rows[0] == [
        "STT", "Mã số bình chọn", "Sản phẩm", "Cơ sở", "Địa chỉ", "Điểm", "Số giấy chứng nhận",
        "Có giá trị đến",
    ]  # fmt: skip
    group1 = str(ProductGroup.objects.get(code=1).name)
    group2 = str(ProductGroup.objects.get(code=2).name)
    other = world.entries.get(voting_code="T2024-1-002").facility
    mine = world.entries.get(voting_code="T2024-2-001").facility
    assert rows[1][0] == f"I. {group1}"
    assert rows[2] == [
        1, "T2024-1-002", '=HYPERLINK("http://x","y")', other.name,
        f"{other.ward.name}, {other.province.name}", 75, "02/2024/GCN",
        datetime.datetime(2027, 12, 1),
    ]  # fmt: skip
    assert rows[3][0] == f"II. {group2}"
    assert rows[4] == [
        2, "T2024-2-001", "Kẹo dừa sáp", "Cơ sở kẹo dừa Bí Mật",
        f"{mine.ward.name}, {mine.province.name}", 81.5, "01/2024/GCN",
        datetime.datetime(2027, 12, 1),
    ]  # fmt: skip
    assert ws.cell(row=HEADER_ROW + 4, column=6).number_format == "0.0"
    assert ws.cell(row=HEADER_ROW + 4, column=8).number_format == "dd/mm/yyyy"
    product = ws.cell(row=HEADER_ROW + 2, column=3)
    assert product.data_type == "s"
    assert ws.page_setup.orientation == "landscape"
    assert ws.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
    # Not recognised: left out.
    assert "T2024-2-003" not in {value for row in rows for value in row}


def test_recognized_list_for_a_blind_rounds_chair_names_no_facility(world, chair):
    exporter = RecognizedProducts(user=chair, subject=world)
    exporter.check_allowed()
    ws = sheet_of(exporter)
    text = text_of(ws)
    assert "Bí Mật" not in text
    for entry in world.entries.select_related("facility__ward", "facility__province"):
        assert entry.facility.name not in text
        assert entry.facility.ward.name not in text
    assert table_values(ws)[0] == [
        "STT",
        "Mã số bình chọn",
        "Sản phẩm",
        "Điểm",
        "Số giấy chứng nhận",
        "Có giá trị đến",
    ]


def test_recognized_list_refused_to_judges_applicants_and_anonymous(
    world, judge, applicant, other_judge
):
    from django.contrib.auth.models import AnonymousUser

    for user in (judge, other_judge, applicant, AnonymousUser()):
        with pytest.raises(ExportNotAllowed):
            RecognizedProducts(user=user, subject=world).check_allowed()


def test_recognized_list_query_count_does_not_grow_with_rows(world, officer):
    def count():
        return queries_to_render(RecognizedProducts(user=officer, subject=world))

    before = count()
    entry = world.entries.get(voting_code="T2024-2-003")
    entry.state = "recognized"
    entry.save(update_fields=["state"])
    assert count() == before


def test_recognized_list_title_names_the_year_once(world, officer):
    world.title = "Bình chọn sản phẩm CNNT tiêu biểu cấp tỉnh năm 2024"
    world.save(update_fields=["title"])
    lines = RecognizedProducts(user=officer, subject=world).title_lines()
    assert lines == [
        "DANH SÁCH SẢN PHẨM ĐƯỢC CÔNG NHẬN",
        "Bình chọn sản phẩm CNNT tiêu biểu cấp tỉnh năm 2024",
    ]
